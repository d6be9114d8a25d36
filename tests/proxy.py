"""A small reverse proxy for tests: what a load balancer does in production, on 127.0.0.1.

It hands each request to the next app server in turn and appends the address the request came from
to X-Forwarded-For, as nginx's `proxy_add_x_forwarded_for` and cloud load balancers do. Tests connect
from different loopback addresses (127.0.0.2, 127.0.0.3, ...) to stand for different patients.
"""

import contextlib
import http.client
import itertools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def _handler(backends):
    turn = itertools.cycle(backends)
    lock = threading.Lock()

    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def _forward(self):
            with lock:
                host, port = next(turn)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            seen = headers.pop("X-Forwarded-For", None)
            client = self.client_address[0]
            headers["X-Forwarded-For"] = f"{seen}, {client}" if seen else client
            upstream = http.client.HTTPConnection(host, port, timeout=30)
            try:
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                response = upstream.getresponse()
                payload = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("X-Served-By", str(port))
                self.end_headers()
                self.wfile.write(payload)
            finally:
                upstream.close()

        do_GET = do_POST = do_HEAD = _forward

    return Forward


@contextlib.contextmanager
def reverse_proxy(backends: list[tuple[str, int]]):
    """Yields the proxy's port on 127.0.0.1 (listening on every loopback address)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(backends))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
