"""`graphbuild serve` defends its host: no federated SERVICE, a query time limit that frees the core, and a
proxy that answers every bad request (issue 16, rows 4-6). Probed with raw sockets, as a hostile client would."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graphbuild import serve as serve_module
from graphbuild.serve import Endpoint

from .test_serve import start_server, stop_server

SUBJECTS = 2000  # a three-way cross join over this many triples is 8·10⁹ rows: a runaway query
CROSS_JOIN = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("graph")
    lines = [f'<http://example.org/s{i}> <http://example.org/p> "{i}" .' for i in range(SUBJECTS)]
    (folder / "graph.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "graph.html").write_text("<!doctype html><title>map</title>", encoding="utf-8")
    return folder / "graph.ttl"


@pytest.fixture(scope="module")
def endpoint(graph):
    with Endpoint(graph, port=0) as running:
        yield running


# --- raw HTTP ------------------------------------------------------------------------------------------------

def exchange(endpoint: Endpoint, request: bytes, wait: float = 20.0, half_close: bool = False) -> bytes:
    """Send raw bytes, read until the server closes; a server that neither answers nor closes fails the test."""
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=wait) as client:
        client.sendall(request)
        if half_close:
            client.shutdown(socket.SHUT_WR)
        received = bytearray()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = client.recv(65536)
            except ConnectionResetError:
                break
            except TimeoutError:
                pytest.fail(f"no answer within {wait} s to {request[:60]!r}")
            if not chunk:
                return bytes(received)
            received += chunk
        pytest.fail(f"the answer to {request[:60]!r} did not end within {wait} s")
    return bytes(received)


def status(answer: bytes) -> int:
    found = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    assert found, f"not an HTTP answer: {answer[:200]!r}"
    return int(found.group(1))


def post(query: str, content_type: str = "application/sparql-query", accept: str = "text/csv") -> bytes:
    body = query.encode("utf-8") if content_type != "application/x-www-form-urlencoded" else \
        urllib.parse.urlencode({"query": query}).encode("ascii")
    return (f"POST /query HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body


def get(query: str, accept: str = "text/csv") -> bytes:
    return (f"GET /query?{urllib.parse.urlencode({'query': query})} HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\n"
            "\r\n").encode("ascii")


# --- row 4: SERVICE ------------------------------------------------------------------------------------------

class Listener:
    """A TCP listener on a free loopback port that counts who connects (and answers nobody)."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while self._running:
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._running = False
        self._thread.join()
        self.socket.close()


@pytest.fixture()
def listener():
    running = Listener()
    yield running
    running.close()


FEDERATED = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "silent, lower case": "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "in a sub-select under OPTIONAL": "SELECT ?s WHERE {{ ?s ?p ?o OPTIONAL {{ SELECT ?x WHERE {{ "
                                      "SERVICE <{url}> {{ ?x ?y ?z }} }} }} }}",
    "in FILTER EXISTS": "ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?q ?r }} }} }}",
    "in a UNION of a GRAPH": "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ SERVICE <{url}> {{}} }} }} }}",
    "spelt with a \\u escape": "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    # rdflib cannot parse SPARQL 1.2 triple terms, which Oxigraph runs: the keyword alone refuses it
    "beside SPARQL 1.2 rdflib cannot parse": "SELECT * WHERE {{ <<( ?s ?p ?o )>> ?q ?r . SERVICE <{url}> {{}} }}",
}


@pytest.mark.parametrize("form", ["GET", "form POST", "sparql-query POST"])
@pytest.mark.parametrize("shape", FEDERATED, ids=list(FEDERATED))
def test_service_never_reaches_the_address_it_names(endpoint, listener, shape, form):
    query = FEDERATED[shape].format(url=f"http://127.0.0.1:{listener.port}/sparql")
    request = {"GET": get(query), "form POST": post(query, "application/x-www-form-urlencoded"),
               "sparql-query POST": post(query)}[form]
    answer = exchange(endpoint, request)
    time.sleep(0.3)  # the listener's accept loop polls
    assert listener.connections == 0
    assert status(answer) == 400 and b"SERVICE" in answer


@pytest.mark.parametrize("content_type", ["application/sparql-update", "application/x-www-form-urlencoded"])
def test_an_update_with_service_is_refused_before_oxigraph_sees_it(endpoint, listener, content_type):
    update = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    body = update.encode() if content_type.endswith("update") else urllib.parse.urlencode({"update": update}).encode()
    request = (f"POST /update HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    assert status(exchange(endpoint, request)) == 400
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",  # the word as a variable is no federation
    "SELECT * WHERE { <<( ?s ?p ?o )>> ?q ?r } LIMIT 1",  # SPARQL 1.2, which rdflib cannot parse: Oxigraph's
])
def test_queries_without_service_still_run(endpoint, query):
    assert status(exchange(endpoint, get(query))) == 200


def test_a_malformed_query_gets_oxigraphs_own_error(endpoint):
    answer = exchange(endpoint, get("SELEC ?x WHERE { ?x ?y ?z }"))
    assert status(answer) == 400 and b"SERVICE" not in answer


def test_the_check_reads_the_parse_tree():
    federation_refusal = serve_module.federation_refusal
    assert federation_refusal("ASK { OPTIONAL { { SELECT * { SERVICE ?where {} } } } }") is not None
    assert federation_refusal('SELECT * { ?s ?p "SERVICE <http://x/> {}" }') is None  # a string, not a pattern
    assert federation_refusal("DELETE WHERE { ?s ?p ?o }", "update") is None


# --- row 5: the time limit -----------------------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def busy_seconds_once_settled(pid: int, within: float = 15.0) -> float:
    """CPU seconds the process used in one second, waiting up to `within` for a quiet second."""
    give_up = time.monotonic() + within
    while True:
        before = cpu_seconds(pid)
        time.sleep(1.0)
        used = cpu_seconds(pid) - before
        if used < 0.2 or time.monotonic() > give_up:
            return used


@pytest.fixture()
def limited(graph):
    with Endpoint(graph, port=0, timeout=1.5) as running:
        yield running


def test_a_runaway_aggregate_is_answered_503_and_oxigraph_stops_it(limited):
    pid = limited.oxigraph_pid
    answer = exchange(limited, post(f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS_JOIN} }}"))
    assert status(answer) == 503 and b"time limit of 1.5 s" in answer
    assert busy_seconds_once_settled(pid) < 0.2  # the core is free again
    assert limited.oxigraph_pid == pid  # Oxigraph's own --timeout-s cancelled it: no restart was needed


def test_a_runaway_sort_oxigraph_cannot_cancel_restarts_it(limited, monkeypatch):
    monkeypatch.setattr(serve_module, "_CANCEL_GRACE_SECONDS", 0.5)  # its memory grows fast: restart it soon
    first = limited.oxigraph_pid
    answer = exchange(limited, post(f"SELECT * WHERE {{ {CROSS_JOIN} }} ORDER BY ?i LIMIT 1"))
    assert status(answer) == 503
    deadline = time.monotonic() + 20
    while limited.oxigraph_pid == first and time.monotonic() < deadline:
        time.sleep(0.2)
    assert limited.oxigraph_pid != first
    assert not Path(f"/proc/{first}").exists() or "Z" in Path(f"/proc/{first}/stat").read_text().split(")")[1][:3]
    assert busy_seconds_once_settled(limited.oxigraph_pid) < 0.2
    assert status(exchange(limited, get("ASK { ?s ?p ?o }"))) == 200  # and it answers again


def test_an_endless_stream_of_results_is_cut_so_the_client_can_tell(limited):
    pid = limited.oxigraph_pid
    answer = exchange(limited, get(f"SELECT * WHERE {{ {CROSS_JOIN} }}"), wait=30)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert status(answer) == 200 and b"transfer-encoding: chunked" in head.lower()
    assert len(body) > 1000 and not body.endswith(b"\r\n0\r\n\r\n")  # no last chunk: a client reports it
    assert busy_seconds_once_settled(pid) < 0.2


def test_the_cli_takes_a_timeout(graph):
    server = start_server(graph, "--timeout", "1")
    try:
        query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS_JOIN} }}"})
        request = urllib.request.Request(f"{server.query_url}?{query}", headers={"Accept": "text/csv"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 503 and "time limit of 1 s" in refused.value.read().decode()
    finally:
        assert stop_server(server) == 0
    assert "Traceback" not in server.process.stderr.read()


def test_the_cli_refuses_a_zero_timeout(graph):
    run = subprocess.run([str(Path(sys.executable).parent / "graphbuild"), "serve", str(graph), "--timeout", "0"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "--timeout" in run.stderr


# --- row 6: the proxy ----------------------------------------------------------------------------------------

def with_length(value: str, body: bytes = b"ASK {}") -> bytes:
    return (f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {value}\r\n\r\n").encode() + body


@pytest.mark.parametrize("request_bytes, expected", [
    (with_length("abc"), 400),
    (with_length("-1"), 400),
    (with_length("+6"), 400),
    (with_length("100000000000"), 413),
    (with_length(str(2 << 20), b"x" * 100), 413),
    (with_length("6") .replace(b"Content-Length: 6", b"Content-Length: 6\r\nContent-Length: 7"), 400),
    (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n", 411),
    (b"GET /query HTTP/1.1\r\n" + b"X-Long: " + b"x" * 70000 + b"\r\n\r\n", 431),
], ids=["letters", "negative", "signed", "huge", "over the limit", "two lengths", "chunked",
        "header too long"])
def test_every_bad_request_gets_an_answer(endpoint, capfd, request_bytes, expected):
    assert status(exchange(endpoint, request_bytes)) == expected
    assert "Traceback" not in capfd.readouterr().err


def test_a_body_shorter_than_its_length_is_answered(endpoint):
    assert status(exchange(endpoint, with_length("600"), half_close=True)) == 400


def test_the_body_limit_is_the_callers(graph):
    with Endpoint(graph, port=0, max_body=10) as small:
        assert status(exchange(small, post("ASK { ?s ?p ?o }"))) == 413
        assert status(exchange(small, post("ASK {}"))) == 200


def test_a_client_that_stalls_is_let_go(endpoint, monkeypatch):
    monkeypatch.setattr(serve_module._ProxyHandler, "timeout", 1.0)
    assert exchange(endpoint, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n", wait=10) == b""
    answer = exchange(endpoint, with_length("50"), wait=10)  # headers whole, the body never comes
    assert status(answer) == 408


def test_a_request_that_breaks_the_proxy_is_answered_and_logged_in_one_line(endpoint, monkeypatch, capfd, caplog):
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(serve_module, "federation_refusal", broken)
    assert status(exchange(endpoint, get("ASK {}"))) == 500
    time.sleep(0.2)
    assert "Traceback" not in capfd.readouterr().err
    logged = [record.getMessage() for record in caplog.records if record.name == "graphbuild.serve"]
    assert len(logged) == 1 and "RuntimeError: a bug" in logged[0] and "\n" not in logged[0]


def test_two_hundred_clients_at_once_all_get_answers(endpoint):
    listen = subprocess.run(["ss", "-ltnH", f"sport = :{endpoint.port}"], capture_output=True, text=True)
    if listen.returncode == 0 and listen.stdout.strip():
        assert int(listen.stdout.split()[2]) >= 128  # Send-Q of a listening socket is its backlog

    def ask(_: int) -> int:
        return status(exchange(endpoint, get("ASK { ?s ?p ?o }"), wait=60))

    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(ask, range(200)))
    assert answers == [200] * 200


def test_the_map_and_an_ordinary_query_still_work(endpoint):
    assert b"<title>map</title>" in exchange(endpoint, b"GET /map HTTP/1.1\r\nHost: x\r\n\r\n")
    answer = exchange(endpoint, post("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert status(answer) == 200 and str(SUBJECTS).encode() in answer
