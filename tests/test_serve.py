"""`graphbuild serve`: the Oxigraph server on loopback, queried over HTTP with SPARQLWrapper like any client."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graphbuild.query import load_store, run_query

from .conftest import ROOT

SCRIPT = Path(sys.executable).parent / "graphbuild"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SEPARATORS = re.compile(r"، |, ")  # of GROUP_CONCAT columns, whose order SPARQL leaves open
INSERT = "INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> }"
INSERTED = "ASK { <http://example.org/s> ?p ?o }"


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    graph: Path

    @property
    def query_url(self) -> str:
        return self.url + "query"


def start_server(graph: Path, *options: str) -> Server:
    process = subprocess.Popen([str(SCRIPT), "serve", str(graph), "--port", "0", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    announcement = process.stdout.readline()  # printed once the endpoint answers
    found = re.search(r" at (http://\S+/) ", announcement)
    if not found:
        process.kill()
        pytest.fail(f"graphbuild serve did not start: {announcement}{process.stderr.read()}")
    return Server(process, found.group(1), graph)


def stop_server(server: Server) -> int:
    server.process.send_signal(signal.SIGTERM)
    return server.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(sources_build):
    running = start_server(sources_build[1] / "graph.ttl")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def store(sources_build):
    return load_store(sources_build[1] / "graph.ttl")


def sparql(server: Server, query: str, method: str = "GET", request_method: str = URLENCODED) -> dict:
    client = SPARQLWrapper(server.query_url, updateEndpoint=server.url + "update")
    client.setQuery(query)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()


def comparable_bindings(answer: dict) -> list[tuple[str, ...]]:
    columns = answer["head"]["vars"]
    return sorted(tuple("|".join(sorted(SEPARATORS.split(row[c]["value"]))) if c in row else "" for c in columns)
                  for row in answer["results"]["bindings"])


def comparable_rows(result) -> list[tuple[str, ...]]:
    return sorted(tuple("|".join(sorted(SEPARATORS.split(str(t)))) if t is not None else "" for t in row)
                  for row in result.rows)


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_every_example_query_answers_through_the_endpoint(server, store, path):
    text = path.read_text(encoding="utf-8")
    answer = sparql(server, text)
    assert answer["results"]["bindings"], f"{path.name} returned no rows over HTTP"
    assert comparable_bindings(answer) == comparable_rows(run_query(store, text))


def test_the_endpoint_listens_on_loopback_by_default(server):
    assert server.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("request_method", [URLENCODED, POSTDIRECTLY])
def test_queries_by_post_both_ways(server, request_method):
    query = "PREFIX gb: <https://w3id.org/graphbuild/ontology#> SELECT ?p WHERE { ?p a gb:Party }"
    assert comparable_bindings(sparql(server, query, POST, request_method)) == comparable_bindings(sparql(server, query))


@pytest.mark.parametrize("accept, content_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_results_in_the_format_the_client_asks_for(server, store, accept, content_type):
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"})
    request = urllib.request.Request(f"{server.query_url}?{query}", headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers.get_content_type() == content_type
        body = response.read().decode("utf-8")
    assert str(len(store)) in body  # the same count as the graph loaded here


def test_csv_through_sparqlwrapper(server):
    client = SPARQLWrapper(server.query_url)
    client.setQuery("PREFIX gb: <https://w3id.org/graphbuild/ontology#> SELECT ?p WHERE { ?p a gb:Party }")
    client.setReturnFormat(CSV)
    lines = client.queryAndConvert().decode("utf-8").splitlines()
    assert lines[0] == "p" and len(lines) > 1


@pytest.mark.filterwarnings("ignore:.*query type:RuntimeWarning")  # SPARQLWrapper cannot classify it either
def test_a_malformed_query_is_a_bad_request(server):
    with pytest.raises(QueryBadFormed):
        sparql(server, "SELEC ?x WHERE { ?x ?y ?z }")


@pytest.mark.parametrize("request_method", [URLENCODED, POSTDIRECTLY])
def test_updates_are_refused(server, request_method):
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql(server, INSERT, POST, request_method)
    assert refused.value.code == 403
    assert sparql(server, INSERTED)["boolean"] is False


def test_graph_store_writes_are_refused(server):
    request = urllib.request.Request(server.url + "store?default", method="PUT", data=b"<a:s> <a:p> <a:o> .",
                                     headers={"Content-Type": "text/turtle"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert sparql(server, "ASK { <a:s> ?p ?o }")["boolean"] is False


def test_the_map_is_served_beside_the_endpoint(server):
    with urllib.request.urlopen(server.url + "map", timeout=30) as response:
        assert response.headers.get_content_type() == "text/html"
        assert response.read() == server.graph.with_name("graph.html").read_bytes()
    with urllib.request.urlopen(server.url, timeout=30) as response:  # Oxigraph's own query page
        assert response.headers.get_content_type() == "text/html"


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_server_stops_and_leaves_nothing_behind(sources_build):
    server = start_server(sources_build[1] / "graph.ttl")
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    assert sparql(server, "ASK { ?s ?p ?o }")["boolean"] is True
    oxigraph = [pid for pid in _children(server.process.pid)
                if b"serve-read-only" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(oxigraph) == 1
    arguments = Path(f"/proc/{oxigraph[0]}/cmdline").read_bytes().decode().split("\0")
    store_dir = Path(arguments[arguments.index("--location") + 1])
    assert store_dir.is_dir()

    assert stop_server(server) == 0
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert not _running(oxigraph[0])
    assert not store_dir.exists()


def test_a_graph_oxigraph_cannot_read_is_named(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/b> .\n", encoding="utf-8")
    run = subprocess.run([str(SCRIPT), "serve", str(bad), "--port", "0"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "bad.ttl" in run.stderr and "not a valid RDF object" in run.stderr


def test_a_port_in_use_is_named(server):
    port = server.url.rsplit(":", 1)[1].strip("/")
    run = subprocess.run([str(SCRIPT), "serve", str(server.graph), "--port", port],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and f"127.0.0.1:{port}" in run.stderr


def test_serve_is_a_library_function_too(sources_build):
    from graphbuild.serve import Endpoint

    with Endpoint(sources_build[1] / "graph.ttl", port=0) as endpoint:
        request = urllib.request.Request(endpoint.query_url + "?query=ASK%7B%3Fs%3Fp%3Fo%7D",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.load(response)["boolean"] is True
        port = endpoint.port
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_the_endpoint_also_listens_on_an_ipv6_address(sources_build):
    from graphbuild.serve import Endpoint

    _, output = sources_build
    with Endpoint(output / "graph.ttl", host="::1", port=0) as endpoint:
        assert endpoint.query_url.startswith("http://[::1]:")
        client = SPARQLWrapper(endpoint.query_url)
        client.setQuery("ASK { ?s a <https://schema.org/PoliticalParty> }")
        client.setReturnFormat(JSON)
        assert client.query().convert()["boolean"] is True
