"""A read-only SPARQL endpoint over a built graph, with its map.

The SPARQL side is Oxigraph's own server, not code of ours: the ``oxigraph`` wheel on PyPI ships the
Oxigraph CLI binary, which loads the Turtle into a store directory (``oxigraph load``) and serves it with
``oxigraph serve-read-only``. That server implements the SPARQL 1.1 Protocol (GET and POST queries, URL-encoded
and ``application/sparql-query``, results as JSON, XML, CSV or TSV by content negotiation, Oxigraph's query page
at ``/``), and refuses every update and Graph Store write with 403 because its store is opened read-only.

Oxigraph serves no other files, so a small proxy of the standard library listens on the public address: it
answers ``/map`` with ``graph.html`` from beside the graph and passes every other request through to Oxigraph,
which listens on a loopback port of its own. The proxy listens on 127.0.0.1 unless told otherwise.

The proxy is also where the endpoint defends its host, because Oxigraph 0.5 has no switch for either:

- federated queries are refused: ``SERVICE <address>`` would have Oxigraph fetch from any address a client
  names (server-side request forgery), so every query and update text in a request is parsed and one with a
  ``SERVICE`` pattern anywhere is answered 400;
- a query time limit: Oxigraph's ``--timeout-s`` cancels most queries, but not all (a large ``ORDER BY`` runs
  on) and not a stream of results already flowing; the proxy ends an answer at the limit, and restarts Oxigraph
  when a query it gave up on is still running a little later, since that is the only way to get the core back;
- requests are checked before anything is read: a Content-Length that is not a number (400), over the body
  limit (413), a chunked body (411); a socket timeout against clients that stall; a real listen backlog.
"""

from __future__ import annotations

import http.client
import logging
import math
import re
import select
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

MAP_PATHS = ("/map", "/map/", "/graph.html")
DEFAULT_TIMEOUT = 30.0  # seconds a query may run
DEFAULT_MAX_BODY = 1 << 20  # bytes of request body: ample for a query, small enough to hold in memory
# Headers about one hop of a connection, not about the message: never passed through a proxy (RFC 9110 §7.6.1).
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host"}
_STARTUP_SECONDS = 30.0
_CLIENT_SOCKET_SECONDS = 20.0  # a client silent this long while sending its request or reading the answer is gone
_CANCEL_GRACE_SECONDS = 3.0  # Oxigraph stops a cancelled query up to a second or so past its own limit
_CONTENT_LENGTH = re.compile(r"[0-9]{1,18}")  # digits only: int() would also take "-1", "+5" and "1_000"
_FORM = "application/x-www-form-urlencoded"
_SPARQL_BODIES = {"application/sparql-query": "query", "application/sparql-update": "update"}

log = logging.getLogger(__name__)


class ServeError(RuntimeError):
    """The endpoint could not start: no Oxigraph binary, a graph Oxigraph cannot read, a port in use."""


def oxigraph_binary() -> Path:
    """The Oxigraph CLI installed with this package (the ``oxigraph`` wheel puts it beside the interpreter)."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "oxigraph"
        if candidate.is_file():
            return candidate
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the Oxigraph server is not installed: pip install oxigraph")
    return Path(found)


# --- federated queries ---------------------------------------------------------------------------------------

def federation_refusal(text: str, kind: str = "query") -> str | None:
    """Why the endpoint will not pass this SPARQL ``query`` or ``update`` on, or None if it may.

    rdflib's SPARQL grammar parses the text and any ``ServiceGraphPattern`` in the tree, however deeply nested
    (sub-selects, OPTIONAL, EXISTS, an update's WHERE), refuses it. A text rdflib cannot parse is passed on
    only when it does not hold the word SERVICE at all (after ``\\u`` escapes, which SPARQL expands before
    parsing): Oxigraph may accept a little more than rdflib does, but without that keyword it cannot federate;
    with it, the text is refused rather than guessed at."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseUpdate(text) if kind == "update" else parseQuery(text)
    except Exception:  # pyparsing's ParseException, or RecursionError on deep nesting
        if _mentions_service(text):
            return f"this {kind} cannot be checked for SERVICE and is refused: federated queries are not allowed"
        return None
    if "ServiceGraphPattern" in _node_names(tree):
        return "federated queries (SERVICE) are not allowed on this endpoint"
    return None


def _mentions_service(text: str) -> bool:
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        expanded = expandUnicodeEscapes(text)
    except Exception:  # an escape it cannot read: keep the text, and count any escape as a possible keyword
        expanded = text + (" service" if "\\u" in text.lower() else "")
    return "service" in expanded.lower()


def _node_names(tree: object) -> set[str]:
    """The names of all rdflib CompValue nodes in a parse tree (walked without recursion: trees may be deep)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    names: set[str] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            pending.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            pending.extend(node)
    return names


def sparql_texts(target: str, content_type: str | None, body: bytes) -> Iterator[tuple[str, str]]:
    """Every ``(kind, text)`` a SPARQL Protocol request carries: ``query``/``update`` parameters of the URL and
    of a form body, or the whole body of an ``application/sparql-query``/``-update`` request."""
    yield from _form_texts(urllib.parse.urlsplit(target).query)
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type == _FORM:
        yield from _form_texts(body.decode("utf-8", errors="replace"))
    elif media_type in _SPARQL_BODIES:
        yield _SPARQL_BODIES[media_type], body.decode("utf-8", errors="replace")


def _form_texts(encoded: str) -> Iterable[tuple[str, str]]:
    fields = urllib.parse.parse_qs(encoded, keep_blank_values=True)
    return [(kind, text) for kind in ("query", "update") for text in fields.get(kind, [])]


# --- the Oxigraph process ------------------------------------------------------------------------------------

class _Oxigraph:
    """``oxigraph serve-read-only`` on a store, on a loopback port; restarted when a query will not stop.

    ``generation`` counts the processes, so that two requests giving up on the same process restart it once."""

    def __init__(self, store: Path, timeout: float):
        self.store = store
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self.address = ("127.0.0.1", 0)
        self.generation = 0
        self.stopped_on_purpose = False
        self._lock = threading.Lock()

    @property
    def own_timeout(self) -> int:
        """Oxigraph's own limit (whole seconds), a second past the proxy's so the proxy's clear answer comes first."""
        return math.ceil(self.timeout) + 1

    def start(self) -> None:
        address = ("127.0.0.1", _free_loopback_port())
        log_file = self.store.with_name("oxigraph.log")  # a file, not a pipe: nobody reads a pipe while it serves
        with log_file.open("wb") as stderr:
            process = subprocess.Popen(
                [str(oxigraph_binary()), "serve-read-only", "--location", str(self.store), "--bind", "%s:%d" % address,
                 "--timeout-s", str(self.own_timeout)],
                stdout=subprocess.DEVNULL, stderr=stderr)
        self.process, self.address = process, address
        self.generation += 1
        deadline = time.monotonic() + _STARTUP_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServeError(f"Oxigraph did not start: {log_file.read_text(errors='replace').strip()}")
            try:
                socket.create_connection(address, timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise ServeError(f"Oxigraph did not answer on {address[0]}:{address[1]} within {_STARTUP_SECONDS:.0f} s")

    def current(self) -> tuple[int, tuple[str, int]]:
        with self._lock:
            return self.generation, self.address

    def restart(self, generation: int) -> None:
        """Replace the process that ran a query past every limit (queries in flight on it get 502)."""
        with self._lock:
            if generation != self.generation or self.stopped_on_purpose:
                return  # another request restarted it already, or the endpoint is closing
            log.warning("serve: a query ran past the %g s limit and would not stop: restarting Oxigraph",
                        self.timeout)
            self._stop_process()
            self.start()

    def exited(self) -> int | None:
        """The exit code if Oxigraph stopped by itself, else None."""
        with self._lock:
            if self.process is None or self.stopped_on_purpose:
                return None
            return self.process.poll()

    def stop(self) -> None:
        with self._lock:
            self.stopped_on_purpose = True
            self._stop_process()

    def _stop_process(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


# --- the endpoint --------------------------------------------------------------------------------------------

class Endpoint:
    """The graph served read-only over the SPARQL 1.1 Protocol at ``/query``, its map at ``/map``.

    Use as a context manager, or call :meth:`start` and :meth:`close`. ``port=0`` takes a free port;
    :attr:`url` says which. ``timeout`` is the seconds a query may run, ``max_body`` the bytes a request
    body may hold."""

    def __init__(self, graph: Path, host: str = "127.0.0.1", port: int = 7878, map_file: Path | None = None,
                 timeout: float = DEFAULT_TIMEOUT, max_body: int = DEFAULT_MAX_BODY):
        self.graph = Path(graph)
        self.host = host
        self.port = port
        self.map_file = map_file if map_file is not None else self.graph.with_name("graph.html")
        self.timeout = timeout
        self.max_body = max_body
        self._workdir: tempfile.TemporaryDirectory | None = None
        self._oxigraph: _Oxigraph | None = None
        self._proxy: _ProxyServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address goes in brackets
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        return f"{self.url}query"

    @property
    def oxigraph_pid(self) -> int | None:
        """The process id of the Oxigraph server now answering (it changes when a runaway query restarts it)."""
        process = self._oxigraph.process if self._oxigraph is not None else None
        return process.pid if process is not None else None

    def __enter__(self) -> Endpoint:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> None:
        """Load the graph into a fresh store, start Oxigraph on it and the proxy in front, in a thread."""
        try:
            server_class = _ProxyServer6 if ":" in self.host else _ProxyServer
            self._proxy = server_class((self.host, self.port), _ProxyHandler)
        except OSError as error:
            raise ServeError(f"cannot listen on {self.host}:{self.port}: {error.strerror}") from None
        self.port = self._proxy.server_address[1]
        try:
            self._workdir = tempfile.TemporaryDirectory(prefix="graphbuild-store-")
            store = Path(self._workdir.name) / "store"
            self._load(store)
            self._oxigraph = _Oxigraph(store, self.timeout)
            self._oxigraph.start()
        except BaseException:
            self.close()
            raise
        self._proxy.oxigraph = self._oxigraph
        self._proxy.map_file = self.map_file
        self._proxy.max_body = self.max_body
        self._thread = threading.Thread(target=self._proxy.serve_forever, name="graphbuild-serve", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C in a terminal)."""
        while self._thread is not None and self._thread.is_alive():
            if self._oxigraph is not None and (code := self._oxigraph.exited()) is not None:
                raise ServeError(f"Oxigraph stopped (exit code {code})")
            self._thread.join(0.5)

    def close(self) -> None:
        """Stop the proxy and Oxigraph and delete the store. Safe to call more than once."""
        if self._proxy is not None:
            if self._thread is not None:
                self._proxy.shutdown()
                self._thread.join()
            self._proxy.server_close()
            self._proxy = self._thread = None
        if self._oxigraph is not None:
            self._oxigraph.stop()
            self._oxigraph = None
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def _load(self, store: Path) -> None:
        run = subprocess.run([str(oxigraph_binary()), "load", "--location", str(store), "--file", str(self.graph),
                              "--format", "ttl"], capture_output=True, text=True)
        if run.returncode != 0:
            raise ServeError(f"{self.graph}: Oxigraph cannot load it: {_load_error(run.stderr, run.returncode)}")


def _load_error(stderr: str, returncode: int) -> str:
    """The line of `oxigraph load`'s output that says what is wrong (it also prints hints and a backtrace)."""
    for line in stderr.splitlines():
        if line.startswith("Error while loading file"):
            return line.split(": ", 1)[-1]  # the file name is given by the caller
    errors = [line for line in stderr.splitlines() if line.startswith("Error")]
    return errors[0] if errors else f"exit code {returncode}"


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the proxy -----------------------------------------------------------------------------------------------

class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = socket.SOMAXCONN  # the default 5 drops connections (1-2 s SYN retries) under a burst
    oxigraph: _Oxigraph
    map_file: Path
    max_body: int

    def handle_error(self, request: object, client_address: tuple) -> None:
        """One line on stderr, not a traceback: a request that broke the handler is logged, not shown."""
        error = sys.exc_info()[1]
        log.error("serve: request from %s failed: %s: %s", client_address[0], type(error).__name__, error)


class _ProxyServer6(_ProxyServer):
    """The same proxy on an IPv6 address (``--host ::1``)."""

    address_family = socket.AF_INET6


class _Refused(Exception):
    """A request answered with an error status before it reached Oxigraph."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _ProxyHandler(BaseHTTPRequestHandler):
    # HTTP/1.1 so that an answer cut at the time limit can be told from a whole one (a chunked body without its
    # last chunk); one request per connection, so every answer says Connection: close.
    protocol_version = "HTTP/1.1"
    timeout = _CLIENT_SOCKET_SECONDS
    server: _ProxyServer

    def handle(self) -> None:
        self.close_connection = True
        self.answered = False
        try:
            self.handle_one_request()
        except Exception:
            if not self.answered:  # every request gets an answer, even one that broke the proxy
                try:
                    self._send_text(500, "the endpoint failed on this request")
                except OSError:
                    pass
            raise  # to handle_error, which logs one line

    def send_response(self, code: int, message: str | None = None) -> None:
        self.answered = True
        super().send_response(code, message)

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] in MAP_PATHS:
            self._send_map(head=False)
        else:
            self._forward()

    def do_HEAD(self) -> None:
        if self.path.split("?", 1)[0] in MAP_PATHS:
            self._send_map(head=True)
        else:
            self._forward()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = lambda self: self._forward()  # noqa: E731

    def handle_expect_100(self) -> bool:
        """Say no before the client sends a body that would be refused (curl waits for 100 on large bodies)."""
        try:
            self._body_length()
        except _Refused as refused:
            self._send_text(refused.status, str(refused))
            return False
        return super().handle_expect_100()

    def _send_map(self, head: bool) -> None:
        try:
            page = self.server.map_file.read_bytes()
        except OSError:
            self._send_text(404, f"no map beside the graph ({self.server.map_file.name}): run graphbuild build")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(page)

    def _send_text(self, status: int, message: str) -> None:
        """An error answered in plain text, as Oxigraph answers its own (a client shows it as it is)."""
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _body_length(self) -> int:
        if "Transfer-Encoding" in self.headers:
            raise _Refused(411, "a chunked request body is not accepted: send it with a Content-Length")
        values = {value.strip() for value in self.headers.get_all("Content-Length", [])}
        if not values:
            return 0
        if len(values) > 1 or not _CONTENT_LENGTH.fullmatch(next(iter(values))):
            raise _Refused(400, f"bad Content-Length: {', '.join(sorted(values))!r}")
        length = int(values.pop())
        if length > self.server.max_body:
            raise _Refused(413, f"the request body is {length} bytes; this endpoint takes at most "
                                f"{self.server.max_body}")
        return length

    def _read_body(self) -> bytes:
        length = self._body_length()
        try:
            body = self.rfile.read(length) if length else b""
        except TimeoutError:
            raise _Refused(408, "the request body did not arrive in time") from None
        if len(body) < length:
            raise _Refused(400, f"the request body ended after {len(body)} of {length} bytes")
        return body

    def _forward(self) -> None:
        try:
            body = self._read_body()
            for kind, text in sparql_texts(self.path, self.headers.get("Content-Type"), body):
                if (refusal := federation_refusal(text, kind)) is not None:
                    raise _Refused(400, refusal)
        except _Refused as refused:
            self._send_text(refused.status, str(refused))
            return
        headers = {name: value for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP}
        generation, backend = self.server.oxigraph.current()
        limit = self.server.oxigraph.timeout
        started = time.monotonic()
        connection = http.client.HTTPConnection(*backend, timeout=limit)
        backend_socket: socket.socket | None = None
        try:
            try:
                connection.request(self.command, self.path, body=body or None, headers=headers)
                backend_socket = connection.sock  # kept: http.client lets go of it when the answer will close
                response = connection.getresponse()
            except TimeoutError:
                self._send_text(503, f"the query ran longer than this endpoint's time limit of {limit:g} s "
                                     "and was stopped")
                self._make_sure_it_stops(backend_socket, generation, started)
                return
            except OSError as error:
                self._send_text(502, f"the SPARQL server did not answer: {error}")
                return
            self._relay(response, backend_socket, started + limit)
        finally:
            connection.close()

    def _make_sure_it_stops(self, backend_socket: socket.socket | None, generation: int, started: float) -> None:
        """Wait for Oxigraph's own time limit to cancel the query (it answers then); restart Oxigraph if not."""
        oxigraph = self.server.oxigraph
        wait = started + oxigraph.own_timeout + _CANCEL_GRACE_SECONDS - time.monotonic()
        if backend_socket is None or select.select([backend_socket], [], [], max(wait, 0))[0]:
            return  # Oxigraph answered (its "cancelled") or closed, or never got the query: nothing runs on
        oxigraph.restart(generation)

    def _relay(self, response: http.client.HTTPResponse, backend_socket: socket.socket, deadline: float) -> None:
        """Pass Oxigraph's answer on until it ends or the time limit does; a cut answer is a broken chunked body."""
        chunked = (response.getheader("Content-Length") is None and self.request_version == "HTTP/1.1"
                   and self.command != "HEAD")
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _HOP_BY_HOP | {"date", "server"}:  # send_response wrote its own
                self.send_header(name, value)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            for data in _read_until(response, backend_socket, deadline):
                try:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
                except OSError:
                    return  # the client went away mid-answer; closing our side stops Oxigraph's stream too
        except _Cut:
            return  # no last chunk: the client can tell the answer is partial
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # a quiet server: one line per request would drown the terminal


class _Cut(Exception):
    """Oxigraph's answer did not end by the time limit, or broke off."""


def _read_until(response: http.client.HTTPResponse, backend_socket: socket.socket,
                deadline: float) -> Iterator[bytes]:
    """The pieces of an answer's body as they come, raising _Cut at the deadline (a stream of results can
    flow for ever, and Oxigraph's own limit does not stop one once it has begun)."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Cut()
        backend_socket.settimeout(remaining)
        try:
            data = response.read1(65536)
        except (OSError, http.client.HTTPException):  # TimeoutError at the deadline, or a broken chunked body
            raise _Cut() from None
        if not data:
            return
        yield data


def serve(graph: Path, host: str = "127.0.0.1", port: int = 7878, ready: Callable[[Endpoint], None] | None = None,
          timeout: float = DEFAULT_TIMEOUT, max_body: int = DEFAULT_MAX_BODY) -> None:
    """Serve ``graph`` until interrupted; ``ready(endpoint)`` is called once it answers."""
    with Endpoint(graph, host, port, timeout=timeout, max_body=max_body) as endpoint:
        if ready is not None:
            ready(endpoint)
        endpoint.wait()
