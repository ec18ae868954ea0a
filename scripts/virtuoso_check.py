"""Load a built graph into OpenLink Virtuoso and run every example query there.

Starts Debian's Virtuoso (package virtuoso-opensource-7-bin, installed with apt-get if missing) on loopback
with a throw-away database in a temporary folder, bulk-loads the Turtle with ld_dir/rdf_loader_run through
isql-vt, then sends each queries/*.rq to Virtuoso's SPARQL endpoint over HTTP and prints the rows it returned,
beside the rows Oxigraph returns for the same query, and the triple count. Then it stops the server and
deletes the database. Exit status 1 if Virtuoso failed to load the graph, rejected a query or disagreed
with Oxigraph on a row count.

Run: .venv/bin/python scripts/virtuoso_check.py [output/graph.ttl] [--sql-port 11111] [--http-port 18890]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from graphbuild.ontology import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
GRAPH_IRI = "https://w3id.org/graphbuild/graph"  # the named graph the file is loaded into
# The server and isql binaries alone: the virtuoso-opensource metapackage's service asks for a DBA password
# through debconf and starts a system-wide server on the default ports, neither of which a check wants.
PACKAGE = "virtuoso-opensource-7-bin"
DEFAULT_PASSWORD = "dba"  # a new database's DBA password; the database lives only as long as the check
DECLARED_PREFIX = re.compile(r"^\s*PREFIX\s+([\w-]*):", re.IGNORECASE | re.MULTILINE)

CONFIG = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {db}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
"""


class CheckFailed(RuntimeError):
    pass


def ensure_installed() -> None:
    """apt-get install Virtuoso's binaries unless they are there (as root, or through sudo)."""
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing {PACKAGE} with apt-get …", flush=True)
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                    "--no-install-recommends", PACKAGE], check=True, stdout=subprocess.DEVNULL)


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def isql(sql_port: int, sql: str) -> str:
    """Run SQL statements through isql-vt; a statement that fails raises with Virtuoso's message."""
    run = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", DEFAULT_PASSWORD, f"exec={sql}"],
                         capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=600,
                         check=False)
    output = run.stdout + run.stderr
    if run.returncode != 0 or "*** Error" in output:
        raise CheckFailed(f"isql-vt failed on {sql!r}:\n{output.strip()}")
    return output


def wait_until_up(server: subprocess.Popen, sql_port: int, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CheckFailed(f"virtuoso-t exited with {server.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        if not port_is_free(sql_port):
            try:
                isql(sql_port, "status('');")
                return
            except CheckFailed:
                pass  # listening, not yet taking logins
        time.sleep(0.5)
    raise CheckFailed(f"Virtuoso did not come up within {timeout:.0f} s; see {log}")


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for the project's prefixes it uses without declaring (graphbuild's
    query command predeclares them; Virtuoso knows only its own set)."""
    declared = set(DECLARED_PREFIX.findall(sparql))
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix not in declared]
    return "\n".join(lines) + "\n" + sparql


def sparql_over_http(http_port: int, sparql: str) -> dict:
    """POST a query to Virtuoso's endpoint (SPARQL 1.1 Protocol) against the loaded graph; JSON results."""
    body = urllib.parse.urlencode({"query": sparql, "default-graph-uri": GRAPH_IRI}).encode("utf-8")
    request = urllib.request.Request(f"http://127.0.0.1:{http_port}/sparql", data=body, headers={
        "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        message = error.read().decode("utf-8", errors="replace").strip()
        # Virtuoso repeats the whole query after its message; the message is what says why
        raise CheckFailed(f"HTTP {error.code}: {message.split('SPARQL query:')[0].strip()}") from None


def row_count(results: dict) -> int:
    return 1 if "boolean" in results else len(results["results"]["bindings"])


def oxigraph_rows(store: ox.Store, sparql: str) -> int:
    result = store.query(sparql)
    return 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)


def check(graph: Path, queries: list[Path], sql_port: int, http_port: int) -> bool:
    """Start, load, query, stop. True if every query ran and agreed with Oxigraph."""
    for port in (sql_port, http_port):
        if not port_is_free(port):
            raise CheckFailed(f"port {port} on 127.0.0.1 is taken; choose another with --sql-port/--http-port")
    with tempfile.TemporaryDirectory(prefix="virtuoso-check-") as folder:
        db = Path(folder)
        shutil.copy(graph, db / "graph.ttl")  # the one directory the server may read (DirsAllowed)
        (db / "virtuoso.ini").write_text(CONFIG.format(db=db, sql_port=sql_port, http_port=http_port))
        log = db / "server.out"
        with open(log, "w") as out:
            server = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(db / "virtuoso.ini")],
                                      cwd=db, stdout=out, stderr=subprocess.STDOUT)
        try:
            started = time.perf_counter()
            wait_until_up(server, sql_port, log)
            print(f"Virtuoso {virtuoso_version()} up on 127.0.0.1:{sql_port} (SQL) and :{http_port} (HTTP) "
                  f"in {time.perf_counter() - started:.1f} s")
            return load_and_query(db, graph, queries, sql_port, http_port)
        finally:
            stop(server, sql_port)


def virtuoso_version() -> str:
    run = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True, check=False)
    found = re.search(r"Version (\S+)", run.stdout + run.stderr)
    return found.group(1) if found else "(unknown version)"


def load_and_query(db: Path, graph: Path, queries: list[Path], sql_port: int, http_port: int) -> bool:
    started = time.perf_counter()
    isql(sql_port, f"ld_dir('{db}', 'graph.ttl', '{GRAPH_IRI}'); rdf_loader_run(); checkpoint;")
    errors = isql(sql_port, "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
    if "0 Rows." not in errors:
        raise CheckFailed(f"Virtuoso could not load {graph}:\n{errors}")
    count = sparql_over_http(http_port, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    virtuoso_triples = int(count["results"]["bindings"][0]["n"]["value"])
    store = ox.Store()
    store.bulk_load(path=graph, format=ox.RdfFormat.TURTLE)
    print(f"loaded {graph} in {time.perf_counter() - started:.1f} s: {virtuoso_triples} triples in Virtuoso, "
          f"{len(store)} in Oxigraph")
    agreed = virtuoso_triples == len(store)
    print(f"\n{'query':<34} {'Virtuoso rows':>13} {'Oxigraph rows':>13} {'seconds':>8}")
    for path in queries:
        sparql = with_prefixes(path.read_text(encoding="utf-8"))
        expected = oxigraph_rows(store, sparql)
        started = time.perf_counter()
        try:
            rows = row_count(sparql_over_http(http_port, sparql))
        except CheckFailed as rejected:
            print(f"{path.name:<34} {'rejected':>13} {expected:>13}\n    {rejected}")
            agreed = False
            continue
        seconds = time.perf_counter() - started
        mark = "" if rows == expected else "   <- differs"
        agreed &= rows == expected
        print(f"{path.name:<34} {rows:>13} {expected:>13} {seconds:>8.3f}{mark}")
    return agreed


def stop(server: subprocess.Popen, sql_port: int) -> None:
    """Shut the server down cleanly (isql `shutdown`), or end the process this script started."""
    if server.poll() is None:
        try:
            subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", DEFAULT_PASSWORD, "exec=shutdown;"],
                           capture_output=True, timeout=60, check=False)
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.terminate()
            server.wait(timeout=30)
    print("Virtuoso stopped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, default=ROOT / "output" / "graph.ttl")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries", help="folder of .rq files")
    parser.add_argument("--sql-port", type=int, default=11111)
    parser.add_argument("--http-port", type=int, default=18890)
    args = parser.parse_args()
    if not args.graph.is_file():
        sys.exit(f"{args.graph}: no such graph; build one first (graphbuild build sources -o output)")
    queries = sorted(args.queries.glob("*.rq"))
    if not queries:
        sys.exit(f"{args.queries}: no .rq files")
    try:
        ensure_installed()
        agreed = check(args.graph.resolve(), queries, args.sql_port, args.http_port)
    except CheckFailed as failure:
        sys.exit(f"virtuoso check failed: {failure}")
    sys.exit(0 if agreed else 1)


if __name__ == "__main__":
    main()
