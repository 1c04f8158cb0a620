"""A real HTTP server on 127.0.0.1, in a thread, with routes set per test."""

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        server: LocalServer = self.server.owner
        path = self.path.split("?", 1)[0]
        server.requests.append((self.command, self.path, dict(self.headers.items())))
        route = server.routes.get(path)
        try:
            if route is None:
                self.respond(404, b"not here")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, caps): expected in these tests

    def respond(self, status=200, body=b"", headers=None, content_length=True):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if content_length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if body:
            self.wfile.write(body)
            self.wfile.flush()

    def log_message(self, *args):
        pass


class LocalServer:
    def __init__(self):
        self.routes: dict[str, Callable[[Handler], None]] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path="/", host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def route(self, path, status=200, body=b"", headers=None):
        """A fixed answer; pass a callable as `status` for anything else."""
        if callable(status):
            self.routes[path] = status
        else:
            self.routes[path] = lambda h: h.respond(status, body, headers)

    def paths(self):
        return [path for _method, path, _headers in self.requests]


@pytest.fixture
def server():
    srv = LocalServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
