#!/usr/bin/env python3
"""Autan's same-origin edge server (dev proxy, end-to-end tests, benchmarks).

    python3 edge.py --dist DIR --port 8080 --backend http://127.0.0.1:8008 [--pidfile F] [--verbose]

- Static files from DIR, re-read from disk on every request (tests rewrite
  dist/config.json at run time). Precompressed FILE.br / FILE.gz siblings are
  served when the client accepts them (Vary: Accept-Encoding). Unknown paths
  without a file extension get index.html (SPA routes; /compte/..., /agenda
  and /contacts get compte.html, agenda.html and contacts.html, bundles of
  their own). index.html and
  config.json are `Cache-Control: no-cache`; content-hashed assets are immutable.
- HTML gets a strict Content-Security-Policy plus nosniff / no-referrer.
- POST /csp-report appends the report to $AUTAN_STACK_DIR/csp-reports.jsonl (204).
- /jmap and /.well-known/jmap (every method) are proxied to the backend
  (and any --proxy PREFIX=URL, e.g. the account service; other /api/ paths
  answer 404 problem+json instead of the SPA's index.html):
  request bodies streamed (binary uploads too), Authorization kept; hop-by-hop
  headers and Cyrus's `Connection: Upgrade` / `Upgrade: h2c` dropped;
  `WWW-Authenticate` removed from 401s (no native Basic-auth dialog); absolute
  Location headers pointing at the backend rewritten to paths; 502
  application/problem+json when the backend is unreachable.
Python 3.11 standard library only. Binds to 127.0.0.1.
"""
import argparse
import email.utils
import http.client
import json
import os
import posixpath
import queue
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = os.environ.get("AUTAN_STACK_DIR", "/tmp/autan-stack")

# The mail frame (srcdoc) inherits this policy and adds its own, narrower one
# (default-src 'none'; img-src data: until the reader consents): hence
# data: style sheets (the sanitised message's CSS, never inline style) and
# remote images (shown only after « Afficher »). See README, « Sécurité ».
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' data:; "
       "img-src 'self' data: blob: https: http:; connect-src 'self'; frame-src 'self' blob:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
       "report-uri /csp-report")

# parser.html is an empty page whose DOMParser the app uses to read mail HTML
# (inert documents: nothing in them runs or loads). Its documents take this
# page's policy, and Chrome checks inline styles and handlers against it at
# parse time: the app's strict policy would refuse (and report) every one.
# The page itself holds nothing and is only framed by the app.
PARSER_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
              "frame-ancestors 'self'")

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".eml": "message/rfc822",
}
NO_CACHE = {"index.html", "config.json"}
HASHED = re.compile(r"[-.][0-9a-f]{16,}(_bg)?\.[a-z0-9]+$")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
              "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
              "http2-settings"}
# Cyrus advertises HTTP/2 cleartext on every reply; the edge speaks HTTP/1.1 only.
DROP_RESPONSE = {"alt-svc"}
PROXY_PREFIXES = ("/jmap", "/.well-known/jmap")
PROBLEM_404 = json.dumps({"type": "about:blank", "status": 404, "title": "no such API"},
                         separators=(",", ":")).encode()
PROBLEM_502 = json.dumps({"type": "about:blank", "status": 502, "title": "backend unreachable"},
                         separators=(",", ":")).encode()
CHUNK = 64 * 1024


def accepts(header: str, coding: str) -> bool:
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == coding:
            q = re.search(r"q\s*=\s*([0-9.]+)", params)
            return not q or float(q.group(1)) > 0
    return False


class BackendPool:
    """Keep-alive connections to the backend, reused across requests."""

    def __init__(self, url: str):
        u = urllib.parse.urlsplit(url)
        if u.scheme != "http":
            raise SystemExit("edge: only http:// backends are supported")
        self.host, self.port = u.hostname, u.port or 80
        self.netlocs = {u.netloc.lower(), f"{u.hostname}:{self.port}".lower()}
        self.idle: queue.LifoQueue = queue.LifoQueue()

    def get(self) -> tuple[http.client.HTTPConnection, bool]:
        while True:
            try:
                conn, since = self.idle.get_nowait()
            except queue.Empty:
                return _NoDelayConnection(self.host, self.port, timeout=300), False
            if time.monotonic() - since < 15:
                return conn, True
            conn.close()

    def put(self, conn: http.client.HTTPConnection) -> None:
        if self.idle.qsize() < 32:
            self.idle.put((conn, time.monotonic()))
        else:
            conn.close()


class _NoDelayConnection(http.client.HTTPConnection):
    """Upstream connection with TCP_NODELAY: headers and body go in separate
    writes, which Nagle would otherwise hold for a delayed ACK (~40 ms)."""

    def connect(self):
        super().connect()
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class Handler(BaseHTTPRequestHandler):
    # Small replies (a 301, a JMAP answer) must not wait for delayed ACKs:
    # without this, Nagle adds ~40 ms to some round trips.
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"
    server_version = "autan-edge"

    def version_string(self):
        return self.server_version
    timeout = 120  # idle keep-alive connections

    # set by main()
    dist = "dist"
    routes: list = []  # (path prefix, BackendPool)
    verbose = False
    reports = os.path.join(STATE, "csp-reports.jsonl")

    def log_message(self, fmt, *args):
        if self.verbose:
            sys.stderr.write("edge: %s %s\n" % (self.address_string(), fmt % args))

    def log_error(self, fmt, *args):
        if self.verbose:
            super().log_error(fmt, *args)

    # ------------------------------------------------------------ dispatch
    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionError, socket.timeout, TimeoutError):
            self.close_connection = True

    def dispatch(self):
        path = urllib.parse.urlsplit(self.path).path
        for prefix, pool in self.routes:
            if path == prefix or path.startswith(prefix + "/"):
                return self.proxy(pool)
        if path.startswith("/api/"):  # an API without a backend: never the SPA's index.html
            self.drain_body()
            return self.simple(404, PROBLEM_404, "application/problem+json")
        if path == "/csp-report":
            return self.csp_report() if self.command == "POST" else self.simple(405, b"", allow="POST")
        if self.command in ("GET", "HEAD"):
            return self.static(path)
        self.drain_body()
        return self.simple(405, b"method not allowed\n", allow="GET, HEAD")

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = dispatch
    do_PROPFIND = do_REPORT = do_MKCOL = do_COPY = do_MOVE = dispatch

    # ------------------------------------------------------------ helpers
    def simple(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8", **extra):
        self.send_response(status)
        if body or status not in (204, 304):
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k.replace("_", "-").title(), v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def drain_body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def csp_report(self):
        body = self.drain_body()[: 256 * 1024]
        try:
            line = json.dumps(json.loads(body), ensure_ascii=False)
        except ValueError:
            line = json.dumps({"raw": body.decode("utf-8", "replace")})
        try:
            os.makedirs(os.path.dirname(self.reports), exist_ok=True)
            with open(self.reports, "a", encoding="utf-8") as f:
                f.write(line + "\n")
        except OSError:
            pass
        self.simple(204, b"")

    # ------------------------------------------------------------ static
    def static(self, path: str):
        rel = posixpath.normpath(urllib.parse.unquote(path)).lstrip("/")
        if rel in ("", "."):
            rel = "index.html"
        if rel.startswith("..") or "\0" in rel:
            return self.simple(404, b"not found\n")
        root = os.path.realpath(self.dist)
        file = os.path.realpath(os.path.join(root, rel))
        if not (file == root or file.startswith(root + os.sep)):
            return self.simple(404, b"not found\n")
        if os.path.isdir(file):
            file = os.path.join(file, "index.html")
        if not os.path.isfile(file):
            if "." in posixpath.basename(rel):
                return self.simple(404, b"not found\n")
            # SPA routes: « Mon compte », the Agenda and the Contacts are
            # bundles of their own (compte.html, agenda.html, contacts.html),
            # everything else the webmail's.
            first = rel.split("/", 1)[0]
            page = f"{first}.html" if first in ("compte", "agenda", "contacts") else "index.html"
            file = os.path.join(root, page)
            if not os.path.isfile(file):
                return self.simple(404, b"not found (no dist/index.html yet)\n")
        self.send_file(file)

    def send_file(self, file: str):
        name = os.path.basename(file)
        ext = os.path.splitext(name)[1].lower()
        ctype = TYPES.get(ext, "application/octet-stream")
        ae = self.headers.get("Accept-Encoding", "")
        chosen, coding = file, None
        for enc, suffix in (("br", ".br"), ("gzip", ".gz")):
            if accepts(ae, enc) and os.path.isfile(file + suffix):
                try:  # a precompressed copy older than its source is stale (tests rewrite config.json)
                    if os.stat(file + suffix).st_mtime_ns < os.stat(file).st_mtime_ns:
                        continue
                except OSError:
                    continue
                chosen, coding = file + suffix, enc
                break
        try:
            with open(chosen, "rb") as f:
                data = f.read()
            st = os.stat(chosen)
        except OSError:
            return self.simple(404, b"not found\n")
        etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}{"-" + coding if coding else ""}"'
        headers = [("Content-Type", ctype), ("Vary", "Accept-Encoding"), ("ETag", etag),
                   ("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True)),
                   ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]
        if name in NO_CACHE or ext == ".html":
            headers.append(("Cache-Control", "no-cache"))
        elif HASHED.search(name):
            headers.append(("Cache-Control", "public, max-age=31536000, immutable"))
        else:
            headers.append(("Cache-Control", "no-cache"))
        if name == "parser.html":
            headers += [("Content-Security-Policy", PARSER_CSP), ("X-Frame-Options", "SAMEORIGIN")]
        elif ext == ".html":
            headers += [("Content-Security-Policy", CSP), ("X-Frame-Options", "DENY")]
        if coding:
            headers.append(("Content-Encoding", coding))
        inm = self.headers.get("If-None-Match")
        if inm and etag in [t.strip() for t in inm.split(",")]:
            self.send_response(304)
            for k, v in headers:
                if k not in ("Content-Type",):
                    self.send_header(k, v)
            self.end_headers()
            return
        self.send_response(200)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    # ------------------------------------------------------------ proxy
    def request_body(self):
        """Returns (headers to add, body) where body is bytes, a generator or None."""
        te = self.headers.get("Transfer-Encoding", "").lower()
        if "chunked" in te:
            def chunks():
                while True:
                    size_line = self.rfile.readline(1024)
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                            pass
                        return
                    yield self.rfile.read(size)
                    self.rfile.readline(8)
            return {"Transfer-Encoding": "chunked"}, chunks()
        n = int(self.headers.get("Content-Length") or 0)
        if n <= 0:
            return ({"Content-Length": "0"} if self.command in ("POST", "PUT", "PATCH") else {}), None
        if n <= 4 * 1024 * 1024:
            return {"Content-Length": str(n)}, self.rfile.read(n)  # buffered: retry-safe

        def stream(left=n):
            while left > 0:
                block = self.rfile.read(min(CHUNK, left))
                if not block:
                    return
                left -= len(block)
                yield block
        return {"Content-Length": str(n)}, stream()

    def proxy(self, pool: "BackendPool"):
        connection_tokens = {t.strip().lower() for t in self.headers.get("Connection", "").split(",")}
        out_headers = []
        for k, v in self.headers.items():
            lk = k.lower()
            # X-Forwarded-* come from this hop only: a client's own would let it
            # pick the address the account service rate-limits.
            if lk in HOP_BY_HOP or lk in connection_tokens or lk in ("host", "content-length") \
                    or lk.startswith("x-forwarded-"):
                continue
            out_headers.append((k, v))
        client = self.client_address[0]
        out_headers += [("Host", f"{pool.host}:{pool.port}"),
                        ("X-Forwarded-For", client), ("X-Forwarded-Proto", "http"),
                        ("X-Forwarded-Host", self.headers.get("Host", ""))]
        extra, body = self.request_body()
        out_headers += list(extra.items())
        streamed = body is not None and not isinstance(body, bytes)

        resp = conn = None
        for attempt in range(2):
            conn, reused = pool.get()
            try:
                conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for k, v in out_headers:
                    conn.putheader(k, v)
                conn.endheaders()
                if isinstance(body, bytes):
                    conn.send(body)
                elif body is not None:
                    chunked = "Transfer-Encoding" in extra
                    for block in body:
                        conn.send(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
                    if chunked:
                        conn.send(b"0\r\n\r\n")
                resp = conn.getresponse()
                break
            except (http.client.RemoteDisconnected, http.client.BadStatusLine,
                    ConnectionResetError, BrokenPipeError) as e:
                conn.close()
                if reused and not streamed and attempt == 0:
                    continue  # a stale keep-alive connection: retry once on a new one
                return self.bad_gateway(e)
            except (OSError, http.client.HTTPException) as e:  # refused, timeout, ...
                conn.close()
                return self.bad_gateway(e)

        status = resp.status
        resp_conn_tokens = {t.strip().lower() for t in (resp.getheader("Connection") or "").split(",")}
        self.send_response_only(status, resp.reason)
        self.send_header("Date", self.date_time_string())
        length = resp.getheader("Content-Length")
        for k, v in resp.getheaders():
            lk = k.lower()
            if (lk in HOP_BY_HOP or lk in resp_conn_tokens or lk in DROP_RESPONSE
                    or lk in ("content-length", "date", "server")):
                continue
            if status == 401 and lk == "www-authenticate":
                continue
            if lk == "location":
                v = self.rewrite_location(v, pool)
            self.send_header(k, v)
        no_body = self.command == "HEAD" or status in (204, 304) or 100 <= status < 200
        chunked = False
        if no_body:
            if length is not None:
                self.send_header("Content-Length", length)
        elif length is not None:
            self.send_header("Content-Length", length)
        elif self.request_version == "HTTP/1.0":
            self.close_connection = True
        else:
            self.send_header("Transfer-Encoding", "chunked")
            chunked = True
        self.end_headers()
        try:
            if not no_body:
                while True:
                    block = resp.read1(CHUNK) if hasattr(resp, "read1") else resp.read(CHUNK)
                    if not block:
                        break
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
            else:
                resp.read()
            resp.close()  # lets the connection carry the next request
        except (OSError, http.client.HTTPException):
            conn.close()
            self.close_connection = True
            return
        if resp.will_close:
            conn.close()
        else:
            pool.put(conn)

    def rewrite_location(self, value: str, pool: "BackendPool") -> str:
        u = urllib.parse.urlsplit(value)
        if u.scheme in ("http", "https") and u.netloc:
            own = {self.headers.get("Host", "").lower()} | pool.netlocs
            host = (u.hostname or "").lower()
            if u.netloc.lower() in own or host in ("localhost", "127.0.0.1", "::1"):
                return urllib.parse.urlunsplit(("", "", u.path or "/", u.query, u.fragment))
        return value

    def bad_gateway(self, err):
        if self.verbose:
            sys.stderr.write(f"edge: backend unreachable: {err}\n")
        self.close_connection = True
        self.simple(502, PROBLEM_502, "application/problem+json")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if Handler.verbose:
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description="Autan's same-origin edge server")
    ap.add_argument("--dist", default="dist")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=int(os.environ.get("AUTAN_EDGE_PORT", "8080")))
    ap.add_argument("--backend", default="http://127.0.0.1:%s" % os.environ.get("AUTAN_CYRUS_HTTP_PORT", "8008"))
    ap.add_argument("--proxy", action="append", default=[], metavar="PREFIX=URL",
                    help="also proxy PREFIX (e.g. /api/compte=http://127.0.0.1:8090); repeatable")
    ap.add_argument("--pidfile")
    ap.add_argument("--csp-reports", default=os.path.join(STATE, "csp-reports.jsonl"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    Handler.dist = os.path.abspath(args.dist)
    jmap = BackendPool(args.backend)
    Handler.routes = [(p, jmap) for p in PROXY_PREFIXES]
    for spec in args.proxy:
        prefix, sep, url = spec.partition("=")
        if not sep or not prefix.startswith("/"):
            raise SystemExit(f"edge: --proxy wants PREFIX=URL, got {spec!r}")
        Handler.routes.insert(0, (prefix.rstrip("/"), BackendPool(url)))
    Handler.verbose = args.verbose
    Handler.reports = args.csp_reports
    httpd = Server((args.host, args.port), Handler)
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(f"{os.getpid()}\n")

    def stop(*_):
        threading.Thread(target=httpd.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        httpd.serve_forever(poll_interval=0.5)
    finally:
        httpd.server_close()
        if args.pidfile:
            try:
                os.unlink(args.pidfile)
            except OSError:
                pass


if __name__ == "__main__":
    main()
