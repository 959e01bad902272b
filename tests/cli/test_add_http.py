# ruff: noqa: RUF001 - pages and sources use typographic quotes and dashes
"""``factsheet add URL`` against a local HTTP server on 127.0.0.1 (an ephemeral port).

No test reaches any other address: every connection is checked.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet import __version__
from factsheet.source import fetch
from helpers import FIXTURES, Project, invoke

ARTICLES = FIXTURES / "articles"
WIRE = (ARTICLES / "page-wire.html").read_bytes()
WIRE_NAME = "2024-03-06-rail-workers-strike-over-pay-as-talks-collapse.txt"
# The same page without its canonical link: the URL written is the one fetched.
NO_CANONICAL = WIRE.replace(b'<link rel="canonical"', b'<link rel="alternate"')
SLOW = 1.0  # seconds the slow route waits; the tests give up after 0.2


class Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]]  # (path, User-Agent) of every request

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        route = ROUTES.get(self.path)
        if route is None:
            self._send(404, b"<html><body>Not here</body></html>")
            return
        route(self)


def _endless(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()  # no Content-Length: the body runs until the connection closes
    try:
        for _ in range(64):
            handler.wfile.write(b"<p>" + b"x" * 16_000 + b"</p>\n")
    except OSError:
        pass  # the client stopped reading, as it should
    handler.close_connection = True


def _redirect(to: str) -> Callable[[Handler], None]:
    def route(handler: Handler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _slow(handler: Handler) -> None:
    time.sleep(SLOW)
    with contextlib.suppress(OSError):  # the client has given up
        handler._send(200, WIRE)


def _huge_declared(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(50 * 1024 * 1024))
    handler.end_headers()
    handler.close_connection = True


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/news/strike": lambda h: h._send(200, WIRE),
    "/plain/strike": lambda h: h._send(200, NO_CANONICAL),
    "/loop": _redirect("/loop"),
    "/old/plain": _redirect("/plain/strike"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/gone": lambda h: h._send(410, b"<html><body>Gone</body></html>"),
    "/slow": _slow,
    "/report.pdf": lambda h: h._send(200, b"%PDF-1.7 ...", "application/pdf"),
    "/data.json": lambda h: h._send(200, b'{"a": 1}', "application/json"),
    "/huge": _huge_declared,
    "/endless": _endless,
    "/latin1": lambda h: h._send(
        200, WIRE.replace("operators’".encode(), b"operators\x92"), "text/html; charset=utf-8"
    ),
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local server for the test; its base URL. Connections anywhere else fail the test."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    real = socket.create_connection

    def local_only(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] == "127.0.0.1", f"a test tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)
    Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _refused(runner: CliRunner, project: Project, *args: str) -> str:
    before = sorted((project.root / "seeds").iterdir())
    code, out, err = invoke(runner, "add", *args)
    assert (code, out) == (2, ""), err
    assert err.startswith("factsheet: error: "), err
    assert err.count("\n") == 1, err
    assert "internal error" not in err
    assert sorted((project.root / "seeds").iterdir()) == before
    return err


def test_fetches_and_extracts_a_page(runner: CliRunner, project: Project, server: str) -> None:
    code, out, err = invoke(runner, "add", f"{server}/news/strike")
    assert code == 0, err
    assert out.startswith(f"wrote seeds/{WIRE_NAME}: 7 paragraphs, 220 words, dated 2024-03-06")
    text = (project.root / "seeds" / WIRE_NAME).read_text(encoding="utf-8")
    # The canonical URL, not the address it was fetched from; retrieved today.
    assert 'url: "https://www.wirenews.example/world/europe/' in text
    assert f"retrieved: {time.strftime('%Y-%m-%d')}" in text
    assert "“simply unaffordable” —" in text
    assert Handler.seen == [("/news/strike", f"factsheet/{__version__} (+add)")]


def test_follows_redirects(runner: CliRunner, project: Project, server: str) -> None:
    code, _, err = invoke(runner, "add", f"{server}/old/plain", "--name", "strike")
    assert code == 0, err
    text = (project.root / "seeds" / "strike.txt").read_text(encoding="utf-8")
    assert f'url: "{server}/plain/strike"' in text  # where the redirect led
    assert [path for path, _ in Handler.seen] == ["/old/plain", "/plain/strike"]


def test_http_error(runner: CliRunner, project: Project, server: str) -> None:
    assert f"{server}/missing: HTTP 404 Not Found" in _refused(runner, project, f"{server}/missing")
    assert "HTTP 410 Gone" in _refused(runner, project, f"{server}/gone")


# On a read timeout, http.client leaves the response's socket file to the garbage
# collector (CPython closes it only on ConnectionError): a ResourceWarning there.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_slow_response_times_out(runner: CliRunner, project: Project, server: str) -> None:
    start = time.monotonic()
    err = _refused(runner, project, f"{server}/slow", "--timeout", "0.2")
    assert time.monotonic() - start < SLOW
    assert f"{server}/slow: no response within 0.2 s" in err


@pytest.mark.parametrize(
    ("path", "kind"), [("/report.pdf", "application/pdf"), ("/data.json", "application/json")]
)
def test_non_html_content_type(
    runner: CliRunner, project: Project, server: str, path: str, kind: str
) -> None:
    err = _refused(runner, project, f"{server}{path}")
    assert f"{server}{path} is not a web page ({kind}); add takes HTML pages" in err


def test_oversized_body(
    runner: CliRunner, project: Project, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = _refused(runner, project, f"{server}/huge")
    assert "/huge is 52,428,800 bytes; the limit is 16,777,216" in err
    monkeypatch.setattr(fetch, "MAX_BYTES", 100_000)  # a body without Content-Length
    err = _refused(runner, project, f"{server}/endless")
    assert "/endless is larger than the limit of 100,000 bytes" in err


def test_redirect_to_another_scheme(runner: CliRunner, project: Project, server: str) -> None:
    err = _refused(runner, project, f"{server}/to-file")
    assert "redirects to file:///etc/passwd, which is not http(s)" in err


def test_redirect_loop(runner: CliRunner, project: Project, server: str) -> None:
    err = _refused(runner, project, f"{server}/loop")
    assert f"{server}/loop: too many redirects" in err


def test_invalid_utf8_from_the_server(runner: CliRunner, project: Project, server: str) -> None:
    err = _refused(runner, project, f"{server}/latin1")
    assert "is not valid utf-8 (byte 0x92" in err
    assert "although it declares charset=utf-8" in err


def test_connection_refused(runner: CliRunner, project: Project, server: str) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = _refused(runner, project, f"http://127.0.0.1:{port}/x")
    assert f"http://127.0.0.1:{port}/x: cannot connect (" in err
