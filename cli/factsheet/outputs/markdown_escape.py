"""Escaping text from fact files for GitHub-flavoured Markdown.

Whatever a curator (or an attacker) writes in a fact, ``inline`` turns it into
one line of Markdown that renders as exactly that text: no heading, quote,
list, code, HTML, link, image, autolink, footnote, reference definition or
table cell boundary can come out of it. Escapes are CommonMark backslash
escapes, so the rendered text is unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

from factsheet.outputs.terminal import safe

_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# Always meaningful somewhere: code, emphasis, strikethrough, links and images,
# footnotes, HTML and autolinks, headings, table cells, GitHub math.
_ALWAYS = re.compile(r"[\\`*\[\]<>#|~$]")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # intraword _ is inert
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")  # GFM autolinks http://, https://
_WWW = re.compile(r"(?i)(?<![A-Za-z0-9])(www)(\.)")  # GFM autolinks www.
_AT = re.compile(r"@")  # GFM autolinks e-mail addresses
_LEADING = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")  # list items, setext underlines


# Whatever any of the escapes above acts on: most phrases have none, and skip them all.
_ACTIVE = re.compile(r"[\\`*\[\]<>#|~$_&:@]|(?i:www)\.")


@lru_cache(maxsize=8192)  # a brief repeats its speakers, places, entities and tags
def inline(text: str) -> str:
    """``text`` as inline Markdown on one line, safe anywhere a phrase goes (table cells too)."""
    text = safe(_SPACE.sub(" ", text).strip(" "))
    if _ACTIVE.search(text):
        text = _ALWAYS.sub(r"\\\g<0>", text)
        text = _UNDERSCORE.sub(r"\\_", text)
        text = _ENTITY.sub(r"\\&", text)
        text = _SCHEME.sub(r"\\:", text)
        text = _WWW.sub(r"\1\\.", text)
        text = _AT.sub(r"\\@", text)
    leading = _LEADING.match(text)
    if leading:
        lead = leading.group(1)
        # "1." or "1)": escape the delimiter; "-", "+", "=": escape the marker
        text = lead + "\\" + text[len(lead) :] if lead.isdigit() else "\\" + text
    return text


def shorten(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at a word boundary with ``…`` when longer than ``limit``."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


_URL_SAFE = "/:?&=+;,@!$'*%._~-"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL without fragment, percent-encoded so it cannot break a link; else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    cleaned = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))
    return quote(cleaned, safe=_URL_SAFE)


def _fragment_text(text: str) -> str:
    # Text fragments need '-', ',' and '&' percent-encoded as well.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment(passage: str, words: int = 4) -> str:
    """A ``#:~:text=`` fragment that highlights ``passage`` in a browser."""
    tokens = _SPACE.sub(" ", passage).strip().split(" ")
    if len(tokens) <= 2 * words + 1:
        return "#:~:text=" + _fragment_text(" ".join(tokens))
    start = " ".join(tokens[:words])
    end = " ".join(tokens[-words:])
    return f"#:~:text={_fragment_text(start)},{_fragment_text(end)}"
