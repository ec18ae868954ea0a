"""A read-only SPARQL endpoint over a built graph, with its map.

The SPARQL side is Oxigraph's own server, not code of ours: the ``oxigraph`` wheel on PyPI ships the
Oxigraph CLI binary, which loads the Turtle into a store directory (``oxigraph load``) and serves it with
``oxigraph serve-read-only``. That server implements the SPARQL 1.1 Protocol (GET and POST queries, URL-encoded
and ``application/sparql-query``, results as JSON, XML, CSV or TSV by content negotiation, Oxigraph's query page
at ``/``), and refuses every update and Graph Store write with 403 because its store is opened read-only.

Oxigraph serves no other files, so a small proxy of the standard library listens on the public address: it
answers ``/map`` with ``graph.html`` from beside the graph and passes every other request through unchanged
to Oxigraph, which listens on a loopback port of its own. The proxy listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

MAP_PATHS = ("/map", "/map/", "/graph.html")
# Headers about one hop of a connection, not about the message: never passed through a proxy (RFC 9110 §7.6.1).
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host"}
_STARTUP_SECONDS = 30.0


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


class Endpoint:
    """The graph served read-only over the SPARQL 1.1 Protocol at ``/query``, its map at ``/map``.

    Use as a context manager, or call :meth:`start` and :meth:`close`. ``port=0`` takes a free port;
    :attr:`url` says which."""

    def __init__(self, graph: Path, host: str = "127.0.0.1", port: int = 7878, map_file: Path | None = None):
        self.graph = Path(graph)
        self.host = host
        self.port = port
        self.map_file = map_file if map_file is not None else self.graph.with_name("graph.html")
        self._workdir: tempfile.TemporaryDirectory | None = None
        self._oxigraph: subprocess.Popen | None = None
        self._proxy: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address goes in brackets
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        return f"{self.url}query"

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
            backend = self._start_oxigraph(store)
        except BaseException:
            self.close()
            raise
        self._proxy.backend = backend
        self._proxy.map_file = self.map_file
        self._thread = threading.Thread(target=self._proxy.serve_forever, name="graphbuild-serve", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C in a terminal)."""
        while self._thread is not None and self._thread.is_alive():
            if self._oxigraph is not None and self._oxigraph.poll() is not None:
                raise ServeError(f"Oxigraph stopped (exit code {self._oxigraph.returncode})")
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
            self._oxigraph.terminate()
            try:
                self._oxigraph.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._oxigraph.kill()
                self._oxigraph.wait()
            self._oxigraph = None
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def _load(self, store: Path) -> None:
        run = subprocess.run([str(oxigraph_binary()), "load", "--location", str(store), "--file", str(self.graph),
                              "--format", "ttl"], capture_output=True, text=True)
        if run.returncode != 0:
            raise ServeError(f"{self.graph}: Oxigraph cannot load it: {_load_error(run.stderr, run.returncode)}")

    def _start_oxigraph(self, store: Path) -> tuple[str, int]:
        backend = ("127.0.0.1", _free_loopback_port())
        log = store.with_name("oxigraph.log")  # a file, not a pipe: nobody reads a pipe while it serves
        with log.open("wb") as stderr:
            self._oxigraph = subprocess.Popen(
                [str(oxigraph_binary()), "serve-read-only", "--location", str(store), "--bind", "%s:%d" % backend],
                stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + _STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._oxigraph.poll() is not None:
                raise ServeError(f"Oxigraph did not start: {log.read_text(errors='replace').strip()}")
            try:
                socket.create_connection(backend, timeout=1).close()
                return backend
            except OSError:
                time.sleep(0.05)
        raise ServeError(f"Oxigraph did not answer on {backend[0]}:{backend[1]} within {_STARTUP_SECONDS:.0f} s")


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


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    backend: tuple[str, int]
    map_file: Path


class _ProxyServer6(_ProxyServer):
    """The same proxy on an IPv6 address (``--host ::1``)."""

    address_family = socket.AF_INET6


class _ProxyHandler(BaseHTTPRequestHandler):
    # HTTP/1.0: a proxied body of unknown length (Oxigraph streams results) simply ends when the connection closes.
    protocol_version = "HTTP/1.0"
    server: _ProxyServer

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

    def _send_map(self, head: bool) -> None:
        try:
            page = self.server.map_file.read_bytes()
        except OSError:
            self.send_error(404, f"no map beside the graph ({self.server.map_file.name}): run graphbuild build")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if not head:
            self.wfile.write(page)

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {name: value for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP}
        connection = http.client.HTTPConnection(*self.server.backend, timeout=600)
        try:
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
            except OSError as error:
                self.send_error(502, f"the SPARQL server did not answer: {error}")
                return
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in _HOP_BY_HOP | {"date", "server"}:  # send_response wrote its own
                    self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                try:
                    shutil.copyfileobj(response, self.wfile)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away mid-answer: nothing left to tell it
        finally:
            connection.close()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # a quiet server: one line per request would drown the terminal


def serve(graph: Path, host: str = "127.0.0.1", port: int = 7878,
          ready: Callable[[Endpoint], None] | None = None) -> None:
    """Serve ``graph`` until interrupted; ``ready(endpoint)`` is called once it answers."""
    with Endpoint(graph, host, port) as endpoint:
        if ready is not None:
            ready(endpoint)
        endpoint.wait()
