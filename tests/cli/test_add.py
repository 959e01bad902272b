# ruff: noqa: RUF001 - pages and sources use typographic quotes and dashes
"""``factsheet add``: saved pages, text and standard input become clean sources.

The pages in fixtures/articles/page-*.html are written for these tests in the
shapes real news sites use. Each is checked for the exact paragraphs of its
article body (so nothing from navigation, banners, captions, rails, comments or
paywalls leaks in, and every quotation survives verbatim) and for its metadata.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factsheet.app import app
from factsheet.source.extract import article_from_html, article_from_text
from factsheet.source.reader import parse_source
from factsheet.source.writer import check_name, render, slug
from helpers import FIXTURES, ONE_QUOTE, Project, invoke

ARTICLES = FIXTURES / "articles"
SAVED = dt.datetime(2024, 3, 8, 12, 0)  # the saved pages' modification time: "retrieved"
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
QUOTATION = re.compile(r"“[^”]*”|„[^“]*“|«[^»]*»")

# fixture: (body container class, name written, metadata, date origin, text that must not leak)
PAGES: dict[str, tuple[str, str, dict[str, str], str, list[str]]] = {
    "page-wire.html": (
        "article-body",
        "2024-03-06-rail-workers-strike-over-pay-as-talks-collapse.txt",
        {
            "title": "Rail workers strike over pay as talks collapse",
            "date": "2024-03-06",
            "url": "https://www.wirenews.example/world/europe/rail-workers-strike-over-pay-idUSKBN2Y0123",
            "publisher": "Wire News",
            "author": "Maria Lopez",
        },
        "the page's metadata",
        [
            "Skip to main content",
            "Breakingviews",
            "Read Next",
            "Airport staff vote",
            "Trust Principles",
            "All rights reserved",
            "9:15 AM UTC",
            "By Maria Lopez",
        ],
    ),
    "page-newspaper.html": (
        "article-body",
        "2023-11-14-council-approves-elm-river-flood-barrier-after-decade-of.txt",
        {
            "title": "Council approves Elm river flood barrier after decade of delays",
            "date": "2023-11-14",
            "url": "https://www.riversidechronicle.example/news/2023/nov/14/elm-river-flood-barrier-approved",
            "publisher": "The Riverside Chronicle",
            "author": "Priya Shah, Daniel Okafor",
        },
        "the page's metadata",
        [
            "cookies",
            "Accept all",
            "Lifestyle",
            "Advertisement",
            "Photograph",
            "Storm Dennis",
            "Related",
            "Share on",
            "First Edition",
            "Most viewed",
            "Bypass opening",
            "About time",
            "floodwatcher",
            "Comments",
            "Registered in England",
        ],
    ),
    "page-jsonld.html": (
        "entry-content",
        "2022-08-19-city-to-pay-4-2-million-to-settle-bus-crash-lawsuit.txt",
        {
            "title": "City to pay $4.2 million to settle bus crash lawsuit",
            "date": "2022-08-19",
            "url": "https://harbordaily.example/local/city-settles-bus-crash-lawsuit/",
            "publisher": "Harbor Daily",
            "author": "Rosa Delgado, Kevin Tran",
        },
        "the page's JSON-LD",
        ["Highway 9", "Weather", "More from Harbor Daily", "Pier repairs", "All Rights Reserved"],
    ),
    "page-meta-published.html": (
        "story-text",
        "2021-09-02-lake-orla-water-levels-hit-record-low.txt",
        {
            "title": "Lake Orla water levels hit record low",
            "date": "2021-09-02",
            "url": "https://northerntribune.example/environment/lake-orla-record-low",
            "publisher": "Northern Tribune",
            "author": "Jonas Berg",
        },
        "the page's metadata",
        [
            "Front page",
            "Search the Tribune",
            "Tags:",
            "drought",
            "Latest news",
            "Harbour",
            "Advertisement",
            "Editor-in-chief",
        ],
    ),
    "page-paywall.html": (
        "article-body",
        "2024-01-22-chipmaker-weighs-second-plant-as-orders-surge.txt",
        {
            "title": "Chipmaker weighs second plant as orders surge",
            "date": "2024-01-22",
            "url": "https://theledger.example/companies/chipmaker-weighs-second-plant",
            "publisher": "The Ledger",
            "author": "Sam Whitfield",
        },
        "the page's metadata",
        ["Keep reading", "subscription", "Subscribe", "Sign in", "trial", "Terms"],
    ),
    "page-german.html": (
        "artikel-text",
        "2023-06-28-stadtrat-beschliesst-kostenlosen-nahverkehr-fur-schuler.txt",
        {
            "title": "Stadtrat beschließt kostenlosen Nahverkehr für Schüler",
            "date": "2023-06-28",
            "url": "https://www.mainzer-bote.example/lokales/stadtrat-kostenloser-nahverkehr-schueler-id4711.html",
            "publisher": "Mainzer Bote",
            "author": "Katrin Vogel",
        },
        "the article's <time> element",
        [
            "Cookies",
            "Zustimmen",
            "Startseite",
            "Linienbus",
            "Foto:",
            "Das könnte Sie",
            "Rheinallee",
            "Impressum",
            "17:12 Uhr",
        ],
    ),
}


class _Body(HTMLParser):
    """The text of every <p> inside the element with the given class: the article body."""

    def __init__(self, container: str) -> None:
        super().__init__()
        self.container = container
        self.depth = 0  # open elements inside the container (0: outside it)
        self.paragraph: list[str] | None = None
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif self.container in (dict(attrs).get("class") or "").split():
            self.depth = 1
        if self.depth and tag == "p":
            self.paragraph = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.depth and tag == "p" and self.paragraph is not None:
            self.paragraphs.append(" ".join("".join(self.paragraph).split()))
            self.paragraph = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.paragraph is not None:
            self.paragraph.append(data)


def body_paragraphs(page: str) -> list[str]:
    parser = _Body(PAGES[page][0])
    parser.feed((ARTICLES / page).read_text(encoding="utf-8"))
    assert parser.paragraphs, page
    return parser.paragraphs


def saved_page(tmp_path: Path, page: str) -> Path:
    """A copy of the fixture, as a browser would have saved it on SAVED."""
    copy = tmp_path / "Downloads" / page
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(ARTICLES / page, copy)
    os.utime(copy, (SAVED.timestamp(), SAVED.timestamp()))
    return copy


def front_matter(text: str) -> dict[str, Any]:
    match = re.match(r"---\n(.*?\n)---\n\n", text, re.S)
    assert match, text[:200]
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return {key: str(value) for key, value in data.items()}


def paragraphs_of(text: str) -> list[str]:
    source = parse_source("s.txt", text.encode("utf-8"), "s.txt")
    return [source.text[p.start : p.end] for p in source.paragraphs]


def seeds_listing(project: Project) -> list[str]:
    seeds = project.root / "seeds"
    return sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*"))


def run(runner: CliRunner, *args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


# Saved pages ------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(PAGES))
def test_saved_page_becomes_a_clean_source(
    runner: CliRunner, project: Project, tmp_path: Path, page: str
) -> None:
    _, name, meta, origin, leaks = PAGES[page]
    code, out, err = invoke(runner, "add", str(saved_page(tmp_path, page)))
    assert code == 0, err
    written = (project.root / "seeds" / name).read_text(encoding="utf-8")
    assert front_matter(written) == {**meta, "retrieved": "2024-03-08"}
    expected = body_paragraphs(page)
    assert paragraphs_of(written) == expected
    for quotation in QUOTATION.findall("\n".join(expected)):
        assert quotation in written, quotation
    for leak in leaks:
        assert leak not in written.split("\n---\n", 1)[1], (page, leak)
    words = sum(len(p.split()) for p in expected)
    assert out == (
        f"wrote seeds/{name}: {len(expected)} paragraphs, {words:,} words, "
        f"dated {meta['date']} (from {origin})\n"
        f"Next: factsheet suggest {name} -o facts/{name.removesuffix('.txt')}.yaml\n"
    )


# fixture: the facts `suggest` drafts from it, all verified by `check`
DRAFTED = {
    "page-german.html": 2,
    "page-jsonld.html": 11,
    "page-meta-published.html": 7,
    "page-newspaper.html": 9,
    "page-paywall.html": 2,
    "page-wire.html": 10,
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_written_source_round_trips_through_suggest_and_check(
    runner: CliRunner, project: Project, tmp_path: Path, page: str
) -> None:
    name = PAGES[page][1]
    assert invoke(runner, "add", str(saved_page(tmp_path, page)))[0] == 0
    draft = f"facts/{name.removesuffix('.txt')}.yaml"
    code, _, err = invoke(runner, "suggest", name, "-o", draft)
    assert code == 0, err
    code, out, err = invoke(runner, "check", draft, "--format", "concise")
    assert code == 0, out + err
    assert ", 0 errors," in out
    n = DRAFTED[page]
    assert (out, err) == (f"{n} facts in 1 file: {n} verified, 0 errors, 0 warnings\n", "")
    source = parse_source(name, (project.root / "seeds" / name).read_bytes(), name)
    assert (source.title, source.date) == (PAGES[page][2]["title"], PAGES[page][2]["date"])
    assert source.meta["url"] == PAGES[page][2]["url"]


def test_quotes_and_dashes_are_kept_exactly(runner: CliRunner, project: Project) -> None:
    assert invoke(runner, "add", str(ARTICLES / "page-wire.html"))[0] == 0
    text = (project.root / "seeds" / PAGES["page-wire.html"][1]).read_text(encoding="utf-8")
    assert "“simply unaffordable” — a position it has held since talks began in January —" in text
    assert "last year’s inflation.”" in text
    assert '"' not in text.split("\n---\n", 1)[1]  # no curly quote made straight


def test_paywall_stub_is_written_with_a_warning(
    runner: CliRunner, project: Project, tmp_path: Path
) -> None:
    page = saved_page(tmp_path, "page-paywall.html")
    code, _, err = invoke(runner, "add", str(page))
    assert (code, err) == (
        0,
        f"factsheet: warning: only 44 words of article text in {page}: a paywall, a live "
        "blog or a teaser? Compare the source with the page\n",
    )


def test_page_without_a_date_asks_for_one(runner: CliRunner, project: Project) -> None:
    page = str(ARTICLES / "page-undated.html")
    before = seeds_listing(project)
    code, out, err = invoke(runner, "add", page)
    assert (code, out, err) == (
        2,
        "",
        f"factsheet: error: no publication date found in {page}; give it with --date "
        "YYYY-MM-DD (the checks read every relative date against it)\n",
    )
    assert seeds_listing(project) == before  # the date in the running text is not guessed
    code, out, err = invoke(runner, "add", page, "--date", "2024-02-20")
    assert code == 0, err
    assert "dated 2024-02-20 (from --date)" in out
    written = project.root / "seeds" / "2024-02-20-why-the-old-mill-matters-to-our-town.txt"
    assert front_matter(written.read_text(encoding="utf-8"))["date"] == "2024-02-20"


def test_options_override_the_page(runner: CliRunner, project: Project) -> None:
    code, out, err = invoke(
        runner,
        "add",
        str(ARTICLES / "page-wire.html"),
        "--name",
        "strike",
        "--title",
        "Rail strike",
        "--date",
        "2024-03-07",
    )
    assert code == 0, err
    assert out.startswith("wrote seeds/strike.txt: ")
    assert "Next: factsheet suggest strike.txt -o facts/strike.yaml\n" in out
    meta = front_matter((project.root / "seeds" / "strike.txt").read_text(encoding="utf-8"))
    assert (meta["title"], meta["date"]) == ("Rail strike", "2024-03-07")


def test_name_in_a_subfolder_and_with_spaces(runner: CliRunner, project: Project) -> None:
    code, out, err = invoke(
        runner, "add", str(ARTICLES / "page-wire.html"), "--name", "2024/my story"
    )
    assert code == 0, err
    assert (project.root / "seeds" / "2024" / "my story.txt").is_file()
    assert out.endswith("Next: factsheet suggest '2024/my story.txt' -o 'facts/my story.yaml'\n")


def test_never_overwrites_without_force(runner: CliRunner, project: Project) -> None:
    page = str(ARTICLES / "page-wire.html")
    target = project.root / "seeds" / "strike.txt"
    target.write_text("date 2024-01-01 Mine\nmy own text\n", encoding="utf-8")
    code, out, err = invoke(runner, "add", page, "--name", "strike.txt")
    assert (code, out, err) == (
        2,
        "",
        "factsheet: error: 'strike.txt' is already in the seeds folder; "
        "use --force to replace it\n",
    )
    assert target.read_text(encoding="utf-8") == "date 2024-01-01 Mine\nmy own text\n"
    code, _, err = invoke(runner, "add", page, "--name", "strike.txt", "--force")
    assert code == 0, err
    assert "Rail workers" in target.read_text(encoding="utf-8")
    assert err == ""  # replacing the same name is not a duplicate: no warning either


def test_warns_when_the_same_article_is_already_there(runner: CliRunner, project: Project) -> None:
    page = str(ARTICLES / "page-wire.html")
    assert invoke(runner, "add", page)[0] == 0
    code, _, err = invoke(runner, "add", page, "--name", "again", "--title", "Other title")
    assert code == 0
    name = PAGES["page-wire.html"][1]
    assert err == (
        f"factsheet: warning: the same article text is already in the seeds folder as {name}\n"
    )


# Pasted text --------------------------------------------------------------------

PASTED = """\
Port workers end strike after pay deal

Dock workers at the port of Halden returned to work on Monday after accepting a 6% pay rise.
The deal ends a strike that began on 2 May.

"We got what we came for," said shop steward Ida Moen -- "and not a crown less."
"""


def test_standard_input_title_is_the_first_line(runner: CliRunner, project: Project) -> None:
    code, out, err = run(runner, "add", "-", "--date", "2024-05-13", stdin=PASTED)
    assert code == 0, err
    name = "2024-05-13-port-workers-end-strike-after-pay-deal.txt"
    assert out.startswith(f"wrote seeds/{name}: 2 paragraphs, 45 words, dated 2024-05-13")
    text = (project.root / "seeds" / name).read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["title"] == "Port workers end strike after pay deal"
    assert "url" not in meta
    assert paragraphs_of(text) == [
        "Dock workers at the port of Halden returned to work on Monday after accepting a 6% "
        "pay rise.\nThe deal ends a strike that began on 2 May.",
        '"We got what we came for," said shop steward Ida Moen -- "and not a crown less."',
    ]


def test_pasted_text_needs_a_date(runner: CliRunner, project: Project) -> None:
    before = seeds_listing(project)
    code, out, err = run(runner, "add", "-", stdin=PASTED)
    assert (code, out, err) == (
        2,
        "",
        "factsheet: error: no publication date found in standard input; give it with --date "
        "YYYY-MM-DD (the checks read every relative date against it)\n",
    )
    assert seeds_listing(project) == before


def test_title_option_keeps_the_first_line(runner: CliRunner, project: Project) -> None:
    code, _, err = run(
        runner,
        "add",
        "-",
        "--title",
        "Deal",
        "--date",
        "2024-05-13",
        "--name",
        "deal",
        stdin=PASTED,
    )
    assert code == 0, err
    text = (project.root / "seeds" / "deal.txt").read_text(encoding="utf-8")
    assert paragraphs_of(text)[0] == "Port workers end strike after pay deal"


def test_markdown_file_and_crlf(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_bytes(("# Port deal\r\n\r\n" + PASTED.replace("\n", "\r\n")).encode("utf-8"))
    code, _, err = invoke(runner, "add", str(note), "--date", "2024-05-13")
    assert code == 0, err
    text = (project.root / "seeds" / "2024-05-13-port-deal.txt").read_text(encoding="utf-8")
    assert "\r" not in text
    assert front_matter(text)["title"] == "Port deal"
    assert paragraphs_of(text)[0] == "Port workers end strike after pay deal"


def test_text_already_in_the_source_format_keeps_its_header(
    runner: CliRunner, project: Project, tmp_path: Path
) -> None:
    old = tmp_path / "old.txt"
    old.write_text("date 2021-11-28 Leaders visit the Baltic\nFirst.\n\nSecond.\n", "utf-8")
    code, out, err = invoke(runner, "add", str(old))
    assert code == 0, err
    assert "dated 2021-11-28 (from its header line)" in out
    text = (project.root / "seeds" / "2021-11-28-leaders-visit-the-baltic.txt").read_text("utf-8")
    assert paragraphs_of(text) == ["First.", "Second."]


# Bad input: a clear message, exit 2, nothing left behind ---------------------------


def _refused(runner: CliRunner, project: Project, *args: str) -> str:
    before = seeds_listing(project)
    code, out, err = invoke(runner, "add", *args)
    assert (code, out) == (2, ""), err
    assert err.startswith("factsheet: error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert "internal error" not in err
    assert seeds_listing(project) == before
    return err


def test_binary_file(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    image = tmp_path / "photo.html"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "is a PNG image, not a web page or text" in _refused(runner, project, str(image))
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"abc\x00\x01\x02" * 100)
    assert "is a binary file" in _refused(runner, project, str(blob))


def test_empty_page(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("", encoding="utf-8")
    assert "is empty" in _refused(runner, project, str(empty))
    shell = tmp_path / "shell.html"
    shell.write_text(
        '<html><head><title>App</title><meta property="article:published_time" '
        'content="2024-01-01"></head><body><nav><a href="/">Home</a></nav>'
        '<div id="root"></div><script>render()</script></body></html>',
        encoding="utf-8",
    )
    assert "no article text found in" in _refused(runner, project, str(shell))


def test_invalid_utf8_with_a_declared_charset(
    runner: CliRunner, project: Project, tmp_path: Path
) -> None:
    page = tmp_path / "bad.html"
    html = (ARTICLES / "page-wire.html").read_bytes()
    page.write_bytes(html.replace("operators’".encode(), b"operators\x92"))
    err = _refused(runner, project, str(page))
    assert "is not valid utf-8 (byte 0x92 at offset" in err
    assert "although it declares charset=utf-8" in err


def test_unknown_charset(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    page = tmp_path / "odd.html"
    page.write_bytes((ARTICLES / "page-wire.html").read_bytes().replace(b'"utf-8"', b'"klingon"'))
    assert "declares an unknown charset 'klingon'" in _refused(runner, project, str(page))


def test_legacy_charset_is_decoded(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    html = (ARTICLES / "page-wire.html").read_text(encoding="utf-8")
    page.write_bytes(html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    assert invoke(runner, "add", str(page))[0] == 0
    written = project.root / "seeds" / PAGES["page-wire.html"][1]
    assert "“simply unaffordable” —" in written.read_text(encoding="utf-8")


def test_a_50_mb_page(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    err = _refused(runner, project, str(huge))
    assert "huge.html is 52,428,800 bytes; the limit is 16,777,216" in err


def test_missing_file_and_folder(runner: CliRunner, project: Project, tmp_path: Path) -> None:
    assert "nope.html not found" in _refused(runner, project, str(tmp_path / "nope.html"))
    assert "is a folder, not a file" in _refused(runner, project, str(tmp_path))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../outside", "leaves the seeds folder"),
        ("../../etc/passwd", "leaves the seeds folder"),
        ("/tmp/escape.txt", "is an absolute path"),
        (".hidden", "is not a plain file name"),
    ],
)
def test_a_path_outside_the_project(
    runner: CliRunner, project: Project, name: str, message: str
) -> None:
    err = _refused(runner, project, str(ARTICLES / "page-wire.html"), "--name", name)
    assert message in err
    assert not (project.root / "outside.txt").exists()


def test_symlink_out_of_the_seeds_folder(
    runner: CliRunner, project: Project, tmp_path: Path
) -> None:
    (project.root / "seeds" / "out").symlink_to(tmp_path)
    err = _refused(runner, project, str(ARTICLES / "page-wire.html"), "--name", "out/x.txt")
    assert "would lie outside the seeds folder" in err
    assert not (tmp_path / "x.txt").exists()


def test_bad_date_option(runner: CliRunner, project: Project) -> None:
    err = _refused(runner, project, str(ARTICLES / "page-wire.html"), "--date", "6 March")
    assert "--date '6 March' is not a date of the form YYYY-MM-DD" in err


# The parts ------------------------------------------------------------------------


def test_slug() -> None:
    assert slug("Rail workers' strike: day 2") == "rail-workers-strike-day-2"
    assert slug("Stadtrat beschließt Ölpreis") == "stadtrat-beschliesst-olpreis"
    assert slug("Путин") == "article"
    assert len(slug("word " * 40)) <= 60
    assert slug("word " * 40) == "-".join(["word"] * 12)  # whole words only, 59 characters


def test_check_name() -> None:
    assert check_name("story") == "story.txt"
    assert check_name("2024/story.md") == "2024/story.md"


def test_front_matter_reads_back_exactly() -> None:
    article = article_from_text(b'T\n\nBody "one".\n', "t")
    tricky = 'A "quoted": title # not a comment\\ \u2028 \x85 end'
    text = render(
        article.__class__(
            paragraphs=article.paragraphs,
            title=tricky,
            date="2024-01-02",
            url="https://x.example/a?b=1#c",
            publisher="Yes",
            author="No",
        ),
        "2024-01-03",
    )
    source = parse_source("s.txt", text.encode("utf-8"), "s.txt")
    assert (source.title, source.date) == (tricky, "2024-01-02")
    assert source.meta["publisher"] == "Yes"
    assert source.meta["author"] == "No"
    assert paragraphs_of(text) == ['Body "one".']


def test_extract_is_pure_and_returns_data() -> None:
    article = article_from_html((ARTICLES / "page-jsonld.html").read_bytes(), "page")
    assert article.date_origin == "the page's JSON-LD"
    assert (article.words, len(article.paragraphs)) == (184, 6)


def test_check_never_imports_the_extraction_library(project: Project) -> None:
    project.facts("one.yaml", ONE_QUOTE)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "factsheet", "check", "--no-cache"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    assert "factsheet" in imported
    assert not imported & {"trafilatura", "lxml", "htmldate", "justext", "courlan", "urllib3"}


def test_help_has_an_example_and_exit_statuses(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "add", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "factsheet add article.html" in flat
    assert "Exit status: 0 written, 2" in flat
