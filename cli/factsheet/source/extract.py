"""An article from a saved web page or from pasted text: its paragraphs and metadata.

Pure: takes bytes, returns an :class:`Article` or raises :class:`ExtractError`.
Web pages go through trafilatura (main text without navigation, banners, captions,
rails or comments; title, author, site name and canonical URL from the page's
metadata and JSON-LD) and htmldate (publication dates). Both are imported only
here and only when a page is read, so that ``check`` never loads them.

Text is kept exactly as published: quotation marks, apostrophes and dashes are
never converted, and a paragraph is never rewrapped. In a web page, runs of
white space inside a paragraph are one space (that is how the page displays them).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factsheet.source.reader import SourceUnavailable, parse_source

# lxml ships no type information: its elements are Any here.
_Element = Any
MAX_INPUT_BYTES = 16 * 1024 * 1024
# Fewer words than this and the page is probably a paywall stub, a live blog's
# shell or a teaser: the source is still written, with a warning.
FEW_WORDS = 80

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:/|-|$)")
_SPACES = re.compile(r"[ \t\n\r\f\v\x85\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bytes that open common binary formats someone might save instead of a page.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (a .docx or .epub?)",
    b"\x1f\x8b": "a gzip archive",
}
# Legacy labels browsers read as windows-1252 (the WHATWG Encoding standard).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"}
# Elements of trafilatura's output tree that hold paragraphs.
_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "list", "code", "table"})
_SKIPPED_TAGS = frozenset({"table", "graphic", "row", "cell", "fw", "note"})


class ExtractError(Exception):
    """The input cannot become a source; the message says why (the CLI exits 2)."""


@dataclass(frozen=True)
class Article:
    paragraphs: tuple[str, ...]
    title: str | None = None
    date: str | None = None
    date_origin: str | None = None  # "the page's metadata", "--date", ...
    author: str | None = None
    publisher: str | None = None
    url: str | None = None

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


# Decoding -------------------------------------------------------------------


def refuse_binary(data: bytes, what: str) -> None:
    """Raise when ``data`` is empty or plainly not text."""
    if not data.strip():
        raise ExtractError(f"{what} is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ExtractError(f"{what} is {kind}, not a web page or text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError(f"{what} is a binary file, not a web page or text")


def decode_page(data: bytes, what: str, declared: str | None = None) -> str:
    """A page's text: by its BOM, else the charset declared (HTTP, then <meta>), else UTF-8.

    Nothing is guessed: bytes invalid in the declared (or default) encoding are an error.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode(data[len(bom) if name == "utf-8" else 0 :], name, what, f"a {name} BOM")
    if declared is None:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
    if declared is None:
        return _decode(data, "utf-8", what, None)
    label = declared.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        label = "cp1252"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise ExtractError(f"{what} declares an unknown charset '{declared}'") from None
    if codec.startswith("utf-16"):  # a meta tag read as ASCII cannot be UTF-16
        codec = "utf-8"
    return _decode(data, codec, what, f"charset={declared}")


def _decode(data: bytes, codec: str, what: str, declared: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start:,}"
        if declared:
            raise ExtractError(
                f"{what} is not valid {codec} ({where}) although it declares {declared}"
            ) from None
        raise ExtractError(
            f"{what} is not UTF-8 ({where}) and declares no charset; "
            "save it again as UTF-8 or give it a <meta charset>"
        ) from None


# Web pages ------------------------------------------------------------------


def article_from_html(
    data: bytes, what: str, *, charset: str | None = None, base_url: str | None = None
) -> Article:
    """The main text and metadata of a web page (``what`` names it in messages)."""
    refuse_binary(data, what)
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractError(f"{what} is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,}")
    text = decode_page(data, what, charset)
    from lxml import html as lxml_html  # type: ignore[import-untyped]
    from lxml.etree import ParserError  # type: ignore[import-untyped]
    from trafilatura import bare_extraction

    try:
        tree = lxml_html.document_fromstring(_CONTROL.sub("", text.removeprefix("\ufeff")))
    except (ParserError, ValueError) as exc:
        raise ExtractError(f"{what} is not a readable web page ({exc})") from None
    document: Any = bare_extraction(
        tree,
        url=base_url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        favor_precision=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        raise ExtractError(f"no article text found in {what}")
    title = _clean(document.title)
    paragraphs = list(_paragraphs(document.body))
    while paragraphs and title and _same(paragraphs[0], title):
        paragraphs.pop(0)  # the headline, already the title
    if not paragraphs:
        raise ExtractError(f"no article text found in {what}")
    url = _http_url(document.url) or _http_url(base_url)
    date, origin = publication_date(tree, url)
    return Article(
        paragraphs=tuple(paragraphs),
        title=title,
        date=date,
        date_origin=origin,
        author=_authors(document.author),
        publisher=_clean(document.sitename),
        url=url,
    )


def _paragraphs(element: _Element) -> Iterator[str]:
    """One string per paragraph, heading, list item or quoted paragraph, in order."""
    if element.tag not in _BLOCK_TAGS or any(
        child.tag in _BLOCK_TAGS for child in element.iterdescendants()
    ):
        if element.text and element.text.strip():
            yield from _lines(element.text)
        for child in element:
            if child.tag not in _SKIPPED_TAGS:
                yield from _paragraphs(child)
            if child.tail and child.tail.strip():
                yield from _lines(child.tail)
        return
    if element.tag in _SKIPPED_TAGS:
        return
    yield from _lines(_inline_text(element))


def _inline_text(element: _Element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(text: str) -> Iterator[str]:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    joined = "\n".join(line for line in lines if line)
    if joined:
        yield joined


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", _CONTROL.sub("", value)).strip()
    return text or None


def _authors(value: object) -> str | None:
    text = _clean(value)
    if text is None:
        return None
    names = [name.strip() for name in text.split(";") if name.strip()]
    return ", ".join(dict.fromkeys(names)) or None


def _http_url(value: object) -> str | None:
    text = _clean(value)
    if text and re.match(r"https?://[^\s/]+", text, re.I) and not _SPACES.search(text):
        return text
    return None


def publication_date(tree: _Element, url: str | None) -> tuple[str | None, str | None]:
    """The publication date and where it was read, or (None, None): never a guess.

    Read, in this order, from the page's metadata (``<meta>`` tags such as
    ``article:published_time``), its JSON-LD (``datePublished``), a day in its
    URL, or a ``<time>`` element marked as the publication date or opening the
    article. Dates in the running text, in related-article rails or in the
    copyright line are not used.
    """
    from copy import deepcopy

    from htmldate import find_date
    from lxml import html as lxml_html

    def only(elements: list[_Element]) -> str | None:
        if not elements:
            return None
        shell = lxml_html.document_fromstring("<html><head></head><body></body></html>")
        head = shell.find("head")
        assert head is not None
        for element in elements:
            copied = deepcopy(element)
            copied.tail = None
            head.append(copied)
        found = find_date(
            shell, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", url=""
        )
        return found if isinstance(found, str) and _valid_day(found) else None

    metas = tree.xpath("//meta")
    date = only(metas)
    if date:
        return date, "the page's metadata"
    scripts = tree.xpath("//script[contains(translate(@type, 'JSONLD', 'jsonld'), 'ld+json')]")
    date = only(scripts)
    if date:
        return date, "the page's JSON-LD"
    if url:
        day = _URL_DAY.search(url.split("?", 1)[0])
        if day and _valid_day("-".join(day.groups())):
            return "-".join(day.groups()), "its URL"
    times = tree.xpath(
        "//time[@datetime][@itemprop='datePublished' or @pubdate]"
        " | (//article)[1]//time[@datetime][1]"
    )
    for element in times:
        day = _ISO_DAY.match(element.get("datetime", ""))
        if day and _valid_day("-".join(day.groups())):
            return "-".join(day.groups()), "the article's <time> element"
    return None, None


def _valid_day(text: str) -> bool:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=1)


# Plain text and Markdown ----------------------------------------------------


def article_from_text(data: bytes, what: str, *, title_given: bool = False) -> Article:
    """Pasted text: paragraphs as they are; the title is the first line unless given.

    A text already in the source format (front matter or a ``date`` header line)
    keeps its title, date and other metadata.
    """
    refuse_binary(data, what)
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractError(f"{what} is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,}")
    try:
        parsed = parse_source(what, data, what)
    except SourceUnavailable as exc:
        raise ExtractError(str(exc).replace(f"source '{what}'", what)) from None
    text = parsed.text.replace("\r\n", "\n").replace("\r", "\n")
    if parsed.date is not None or parsed.meta:  # already a source: its header or front matter
        body = [parsed.text[p.start : p.end] for p in parsed.paragraphs]
        paragraphs = [_text_paragraph(p) for p in body]
        meta = parsed.meta
        date = parsed.date if parsed.date and _valid_iso(parsed.date) else None
        return Article(
            paragraphs=tuple(p for p in paragraphs if p),
            title=parsed.title if parsed.title != what else None,
            date=date,
            date_origin=None if date is None else "its front matter" if meta else "its header line",
            author=_clean(meta.get("author")),
            publisher=_clean(meta.get("publisher")),
            url=_http_url(meta.get("url")),
        )
    text = text.strip("\n")
    title = None
    if not title_given:
        first, _, text = text.partition("\n")
        title = _clean(re.sub(r"^\s{0,3}#+\s+", "", first)) or None
    paragraphs = [_text_paragraph(chunk) for chunk in _BLANK_LINES.split(text)]
    kept = tuple(p for p in paragraphs if p)
    if not kept:
        raise ExtractError(f"{what} has no text below its title")
    return Article(paragraphs=kept, title=title)


def _text_paragraph(chunk: str) -> str:
    """A pasted paragraph with its line breaks kept, trailing spaces and controls removed."""
    lines = [_CONTROL.sub("", line).rstrip() for line in chunk.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line.strip()).strip("\n")


def _valid_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def plain(text: str) -> str:
    """Text for comparing two articles: NFKC, white space collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
