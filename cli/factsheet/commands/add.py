"""``factsheet add``: bring an article into the seeds folder from a page, a URL or text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factsheet.commands.common import fail, guarded, project, write_atomic
from factsheet.engine.discovery import display_path

if TYPE_CHECKING:
    from factsheet.source.extract import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@guarded
def add(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="A saved web page (.html), an http(s):// URL, a text or Markdown file, "
            "or - for standard input.",
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="File name in the seeds folder (.txt added if missing). "
            "Default: the date and a slug of the title.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Publication date, when the page gives none (or gives a wrong one).",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="Title, instead of the page's own."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a source of the same name.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", metavar="SECONDS", min=0.05, help="Give up on a URL after this long."
        ),
    ] = 20.0,
) -> None:
    """Bring an article into the seeds folder, as a source with front matter.

    From a saved web page the main text is kept (without navigation, banners,
    captions, related links or comments) with its title, publication date,
    author, publisher and canonical URL; from a URL the page is fetched first
    (the only time factsheet uses the network); from text or standard input the
    paragraphs are kept and the first line is the title. Quotation marks and
    dashes stay exactly as published. Without a publication date it asks for
    --date rather than guessing. It never overwrites a source without --force.

    Examples (then run the "factsheet suggest" it prints):

    \b
      factsheet add article.html
      factsheet add https://example.com/news/story --name story
      pbpaste | factsheet add - --date 2024-03-06

    Exit status: 0 written, 2 usage error (unreadable input, no article text,
    no date, a name already taken, a network error).
    """
    from factsheet.source import writer
    from factsheet.source.extract import FEW_WORDS, ExtractError
    from factsheet.source.fetch import FetchError

    config = project()
    day = _check_date(date) if date is not None else None
    try:
        chosen = writer.check_name(name) if name is not None else None
        article, what, retrieved = _read(source, timeout, title is not None)
    except (ExtractError, FetchError, writer.TargetError) as exc:
        raise fail(str(exc)) from None
    if title is not None:
        article = dataclasses.replace(article, title=" ".join(title.split()) or None)
    if day is not None:
        article = dataclasses.replace(article, date=day, date_origin="--date")
    if not article.date:
        raise fail(
            f"no publication date found in {what}; give it with --date YYYY-MM-DD "
            "(the checks read every relative date against it)"
        )
    if not article.title:
        raise fail(f"no title found in {what}; give one with --title")
    target_name = chosen or writer.default_name(article.date, article.title)
    seeds = config.seeds
    try:
        path = writer.target(seeds, target_name, force)
        copies = writer.same_text(seeds, article, skip=path)
    except writer.TargetError as exc:
        raise fail(str(exc)) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, writer.render(article, retrieved))
    shown = display_path(path.absolute(), config.root)
    draft = config.facts / f"{Path(target_name).stem}.yaml"
    facts = display_path(draft.absolute(), config.root)
    for other in copies:
        _warn(f"the same article text is already in the seeds folder as {other}")
    if article.words < FEW_WORDS:
        _warn(
            f"only {article.words} words of article text in {what}: "
            "a paywall, a live blog or a teaser? Compare the source with the page"
        )
    plural = "" if len(article.paragraphs) == 1 else "s"
    sys.stdout.write(
        f"wrote {shown}: {len(article.paragraphs)} paragraph{plural}, {article.words:,} words, "
        f"dated {article.date} (from {article.date_origin})\n"
        f"Next: factsheet suggest {shlex.quote(target_name)} -o {shlex.quote(facts)}\n"
    )


def _read(source: str, timeout: float, title_given: bool) -> tuple[Article, str, str | None]:
    """The article, how to name the input in messages, and the date it was retrieved."""
    from factsheet.source.extract import (
        MAX_INPUT_BYTES,
        ExtractError,
        article_from_html,
        article_from_text,
    )
    from factsheet.source.fetch import fetch, is_url
    from factsheet.source.safe_read import NotRegular, read_regular

    today = dt.date.today().isoformat()
    if is_url(source):
        page = fetch(source, timeout=timeout)
        article = article_from_html(page.body, page.url, charset=page.charset, base_url=page.url)
        return article, page.url, today
    if source == "-":
        if sys.stdin.isatty():
            sys.stderr.write("Paste the article (title on the first line), then Ctrl-D:\n")
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise ExtractError(f"standard input is larger than {MAX_INPUT_BYTES:,} bytes")
        what = "standard input"
        return article_from_text(data, what, title_given=title_given), what, today
    path = Path(source)
    what = source
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ExtractError(f"{what} is a folder, not a file")
        if size > MAX_INPUT_BYTES:
            raise ExtractError(f"{what} is {size:,} bytes; the limit is {MAX_INPUT_BYTES:,}")
        data = read_regular(path, MAX_INPUT_BYTES)
        saved = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except FileNotFoundError:
        raise ExtractError(f"{what} not found") from None
    except NotRegular:
        raise ExtractError(f"{what} is not a regular file") from None
    except OSError as exc:
        raise ExtractError(f"cannot read {what}: {exc.strerror}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractError(f"{what} is larger than {MAX_INPUT_BYTES:,} bytes")
    if _is_html(path, data):
        return article_from_html(data, what), what, saved
    return article_from_text(data, what, title_given=title_given), what, saved


def _is_html(path: Path, data: bytes) -> bool:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head


def _check_date(text: str) -> str:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or len(text) != 10:
        raise fail(f"--date '{text}' is not a date of the form YYYY-MM-DD")
    return day.isoformat()


def _warn(message: str) -> None:
    sys.stderr.write(f"factsheet: warning: {message}\n")
