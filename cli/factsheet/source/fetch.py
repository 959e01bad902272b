"""Fetching a web page for ``factsheet add``: the only network access factsheet makes.

One HTTP(S) GET with urllib: a clear User-Agent, redirects followed (to http(s)
only, at most ``MAX_REDIRECTS``), a timeout on every socket operation and on the
whole transfer, and a size cap enforced while reading, so an endless or huge
body is cut off rather than loaded. Only HTML is accepted.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO
from urllib.parse import urljoin, urlsplit

from factsheet import __version__

USER_AGENT = f"factsheet/{__version__} (+add)"
MAX_BYTES = 16 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 20.0
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be fetched; the message says why (the CLI exits 2)."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    body: bytes
    charset: str | None  # from the Content-Type header


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    # urllib itself refuses redirects to anything but http, https and ftp.
    max_redirections = MAX_REDIRECTS


def fetch(url: str, *, timeout: float = TIMEOUT, limit: int | None = None) -> Page:
    """GET ``url``; raise :class:`FetchError` for anything but an HTML page within bounds."""
    limit = MAX_BYTES if limit is None else limit
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"'{url}' is not an http(s) URL with a host")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9",
            "Accept-Encoding": "identity",
        },
    )
    opener = urllib.request.build_opener(_Redirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            kind = response.headers.get_content_type()
            declared = response.headers.get("Content-Type")
            if declared is None or kind not in HTML_TYPES:
                shown = declared or "no Content-Type"
                raise FetchError(f"{final} is not a web page ({shown}); add takes HTML pages")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(f"{final} is {int(length):,} bytes; the limit is {limit:,}")
            body = _read(response, final, limit, deadline, timeout)
            charset = response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:
            location = exc.headers.get("Location", "") if exc.headers else ""
            location = urljoin(exc.url or url, location) if location else ""
            if location and not is_url(location):
                raise FetchError(f"{url} redirects to {location}, which is not http(s)") from None
            raise FetchError(f"{url}: too many redirects (at most {MAX_REDIRECTS})") from None
        raise FetchError(f"{exc.url or url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"{url}: no response within {timeout:g} s") from None
        raise FetchError(f"{url}: cannot connect ({_reason(reason)})") from None
    except TimeoutError:
        raise FetchError(f"{url}: no response within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # reset connections, bad headers, invalid URLs
        raise FetchError(f"{url}: {_reason(exc)}") from None
    return Page(final, body, charset)


def _read(response: IO[bytes], url: str, limit: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url} is larger than the limit of {limit:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the page took longer than {timeout:g} s to arrive")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
