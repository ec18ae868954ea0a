"""Benchmark: every example query on a graph of about a million triples, Oxigraph against rdflib.

Builds a synthetic corpus with build_speed.py's generator (about 1,470 triples a document, so 700 documents
give about a million triples), keeps the built graph in a cache folder so that reruns only query, then, in
one run, loads the Turtle into an in-memory Oxigraph store (its bulk loader) and into an rdflib Graph, and
times every queries/*.rq on each. Prints load time, time per query and rows per query for both engines;
the rows must agree, and a disagreement is reported (and makes the exit status 1).

Run: .venv/bin/python benchmarks/query_speed.py [--documents 700] [--jobs 2] [--rebuild] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox
from build_speed import make_corpus  # the same synthetic corpus as the build benchmark (same folder)
from rdflib import Graph
from tabulate import tabulate

from graphbuild.export.files import atomic_write
from graphbuild.ontology import PREFIXES
from graphbuild.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "graphbuild-benchmarks"
OXIGRAPH_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class QueryTimeout(Exception):
    pass


def git_commit() -> str:
    run = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True,
                         check=False)
    return run.stdout.strip() or "unknown"


def cached_graph(documents: int, jobs: int | None, cache: Path, rebuild: bool) -> tuple[Path, dict]:
    """The Turtle of a corpus of ``documents`` documents: built once, then read from the cache."""
    folder = cache / f"query-{documents}-documents"
    turtle, about = folder / "graph.ttl", folder / "build.json"
    if turtle.exists() and about.exists() and not rebuild:
        return turtle, json.loads(about.read_text())
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "sources"
        size = make_corpus(corpus, documents)
        print(f"building {documents} documents ({size / 1e6:.1f} MB of text) into {turtle} …", flush=True)
        started = time.perf_counter()
        result = build_graph(corpus, jobs=jobs, report=lambda message: None)
        atomic_write(turtle, result.graph.serialize(format="turtle", encoding="utf-8"))
        facts = {"documents": documents, "triples": len(result.graph), "entities": sum(result.counts().values()),
                 "build_seconds": round(time.perf_counter() - started, 1), "commit": git_commit(),
                 "built": datetime.now().isoformat(timespec="seconds")}
    atomic_write(about, json.dumps(facts, indent=1).encode("utf-8"))
    return turtle, facts


@contextmanager
def time_limit(seconds: int):
    """Stop a pure-Python computation (rdflib's query engine) after ``seconds``, on the main thread."""
    def expire(signum, frame):
        raise QueryTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def oxigraph_rows(store: ox.Store, sparql: str) -> int:
    result = store.query(sparql, prefixes=OXIGRAPH_PREFIXES)
    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)  # solutions (or triples) are computed as they are read


def rdflib_rows(graph: Graph, sparql: str) -> int:
    result = graph.query(sparql, initNs=PREFIXES)
    if result.type == "ASK":
        return 1
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return len(result.graph)
    return len(list(result))


def timed(run: Callable[[object, str], int], engine: object, sparql: str, repeat: int,
          limit: int) -> tuple[float | None, int | str]:
    """Best time of ``repeat`` runs and the rows; no time, and why, if a run failed or took over ``limit`` s."""
    best, rows = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            with time_limit(limit):
                rows = run(engine, sparql)
        except QueryTimeout:
            return None, f"stopped after {limit} s"
        except Exception as error:  # noqa: BLE001 (an engine that cannot run a query is a finding to report)
            return None, f"failed: {type(error).__name__}: {str(error)[:80]}"
        best = min(best, time.perf_counter() - started)
    return best, rows


def resident_mib() -> float:
    """This process's resident memory now (Linux), to show what each engine's copy of the graph costs."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=700, help="synthetic documents (700 ≈ 1M triples)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for building the corpus")
    parser.add_argument("--rebuild", action="store_true", help="build the corpus again even if cached")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"where built graphs are kept ({DEFAULT_CACHE})")
    parser.add_argument("--repeat", type=int, default=1, help="runs per query; the best is reported")
    parser.add_argument("--limit", type=int, default=300, help="seconds before a query is given up")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries")
    args = parser.parse_args()
    queries = sorted(args.queries.glob("*.rq"))
    if not queries:
        sys.exit(f"{args.queries}: no .rq files")

    turtle, facts = cached_graph(args.documents, args.jobs, args.cache, args.rebuild)
    print(f"graph: {turtle} ({turtle.stat().st_size / 1e6:.0f} MB), {facts['triples']} triples, "
          f"{facts['entities']} entities, {facts['documents']} documents; built {facts['built']} at "
          f"{facts['commit']} in {facts['build_seconds']} s (--rebuild to build again)")
    texts = {path.name: path.read_text(encoding="utf-8") for path in queries}
    base = resident_mib()

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=turtle, format=ox.RdfFormat.TURTLE)
    oxigraph_load = time.perf_counter() - started
    oxigraph_memory = resident_mib() - base
    oxigraph = {name: timed(oxigraph_rows, store, sparql, args.repeat, args.limit) for name, sparql in texts.items()}
    oxigraph_triples = len(store)
    del store

    base = resident_mib()
    started = time.perf_counter()
    graph = Graph()
    graph.parse(turtle, format="turtle")
    rdflib_load = time.perf_counter() - started
    rdflib_memory = resident_mib() - base
    rdflib = {}
    for name, sparql in texts.items():
        rdflib[name] = timed(rdflib_rows, graph, sparql, args.repeat, args.limit)
        print(f"  rdflib: {name} done", file=sys.stderr, flush=True)

    print(f"load: Oxigraph {oxigraph_load:.1f} s ({oxigraph_triples} triples, +{oxigraph_memory:.0f} MiB), "
          f"rdflib {rdflib_load:.1f} s ({len(graph)} triples, +{rdflib_memory:.0f} MiB)")
    table, disagreements = [], []
    for name in texts:
        (ox_seconds, ox_rows), (rl_seconds, rl_rows) = oxigraph[name], rdflib[name]
        if isinstance(ox_rows, str) or isinstance(rl_rows, str):
            agree = "not compared"
        else:
            agree = "yes" if ox_rows == rl_rows else "NO"
        if agree == "NO":
            disagreements.append(name)
        table.append([name, fmt(ox_seconds), fmt(rl_seconds), ratio(rl_seconds, ox_seconds), ox_rows, rl_rows, agree])
    # Totals over the queries both engines finished, so that a query one engine gave up on does not flatter it.
    finished = [name for name in texts if oxigraph[name][0] is not None and rdflib[name][0] is not None]
    total_ox = sum(oxigraph[name][0] for name in finished)
    total_rl = sum(rdflib[name][0] for name in finished)
    table.append([f"the {len(finished)} queries both finished", fmt(total_ox), fmt(total_rl),
                  ratio(total_rl, total_ox), "", "", ""])
    print(tabulate(table, headers=["query", "Oxigraph s", "rdflib s", "rdflib/Oxigraph", "Oxigraph rows",
                                   "rdflib rows", "rows agree"], disable_numparse=True,
                   colalign=("left", "right", "right", "right", "right", "right", "left")))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB; best of {args.repeat} run(s) per query")
    if disagreements:
        print(f"rows differ between the engines for: {', '.join(disagreements)}")
        sys.exit(1)


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.3f}"


def ratio(slow: float | None, fast: float | None) -> str:
    if not slow or not fast:
        return ""
    return f"{slow / fast:.0f}×" if slow / fast >= 10 else f"{slow / fast:.1f}×"


if __name__ == "__main__":
    main()
