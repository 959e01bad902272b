"""``factsheet review``: the HTML page, its safety and determinism (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.outputs.review_page import CSS, JS, esc, json_for_html
from helpers import SEED_NAME, SHIPPED_FACTS, Project, invoke

SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")

HOSTILE_SOURCE = """\
---
title: "<script>alert('title')</script>"
url: "javascript:alert(1)"
---
The minister said "<img src=x onerror=alert(1)> is 5% & rising" on Monday.

A <b>bold</b> claim </script><script>alert(2)</script> and {{7*7}}.
"""

HOSTILE_FACTS = """\
source: hostile.txt
facts:
  - id: hostile-quote
    kind: quote
    quote: "<img src=x onerror=alert(1)> is 5% & rising"
    speaker: "<svg onload=alert(3)>"
  - id: hostile-claim
    kind: claim
    statement: "</script><script>alert(4)</script> <a href='javascript:alert(5)'>x</a>"
    evidence: "A <b>bold</b> claim </script><script>alert(2)</script>"
  - id: missing-evidence
    kind: claim
    statement: "Nothing <iframe src=//evil.example>"
    evidence: "<style>@import url(//evil.example/x.css)</style>"
"""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def review(runner: CliRunner, out: Path, *args: str) -> tuple[int, str, str]:
    return invoke(runner, "review", "--output", str(out), *args)


def test_page_of_the_shipped_facts(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    out = project.root / "review.html"
    code, stdout, err = review(runner, out)
    assert (code, stdout, err) == (0, "", "wrote review.html\n")
    page = out.read_text(encoding="utf-8")
    found = tags(page)
    facts = [a for t, a in found if t == "li" and "fact" in (a.get("class") or "").split()]
    assert len(facts) == 20
    assert all("st-verified" in (a.get("class") or "") for a in facts)
    # every fact links to a highlighted passage that names it
    marks = {
        a["id"]: (a.get("data-f") or "").split() for t, a in found if t == "mark" and "id" in a
    }
    for tag, attrs in found:
        if tag == "a" and attrs.get("data-k"):
            target = (attrs.get("href") or "")[1:]
            assert attrs["data-k"] in marks[target]
    # the quote is highlighted at its exact position, in the source's own characters
    assert ">We discussed how we could scale up our collaborative efforts between NATO and " in page
    assert f"seeds/{SEED_NAME}" in page
    assert "quotations 12/12 (100.0%)" in page


def test_self_contained_and_locked_down(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    out = project.root / "review.html"
    review(runner, out)
    page = out.read_text(encoding="utf-8")
    for tag, attrs in tags(page):
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "form")
        assert "src" not in attrs
        assert "style" not in attrs
        assert not any(name.startswith("on") for name in attrs)
    assert "url(" not in page
    assert "@import" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy
    for code in (CSS, JS):
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert page.count("<script") == 2  # the JSON data and the page's own script


def test_hostile_text_is_escaped(project: Project, runner: CliRunner) -> None:
    (project.root / "seeds" / "hostile.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    project.facts("hostile.yaml", HOSTILE_FACTS)
    out = project.root / "hostile.html"
    code, _, _ = review(runner, out)
    assert code == 1  # missing-evidence has an error; the page is still written
    page = out.read_text(encoding="utf-8")
    found = tags(page)
    names = [t for t, _ in found]
    assert names.count("script") == 2
    assert names.count("style") == 1
    assert not {"img", "svg", "iframe", "b"} & set(names)
    hrefs = [a.get("href") or "" for t, a in found if t == "a"]
    assert all(h.startswith("#") for h in hrefs)
    assert "javascript:" not in [a.get("href") for _, a in found]
    # the text is there, as text
    assert "&lt;img src=x onerror=alert(1)&gt; is 5% &amp; rising" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    # the JSON block cannot close its script element
    data = page.split('id="factsheet-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert ">" not in data
    assert "&" not in data
    # the hostile quote is found and highlighted, the missing evidence is reported
    assert 'class="fact st-errors"' in page
    assert "FS101" in page
    assert "No passage of the source matches" in page


def test_safe_links_only(project: Project, runner: CliRunner) -> None:
    (project.root / "seeds" / "linked.txt").write_text(
        '---\ntitle: Linked\nurl: "https://example.org/a?b=1&c=<x>"\n---\nSome text here.\n',
        encoding="utf-8",
    )
    project.facts(
        "linked.yaml",
        "source: linked.txt\nfacts:\n  - id: text\n    kind: claim\n"
        "    statement: Text.\n    evidence: Some text here.\n",
    )
    out = project.root / "linked.html"
    assert review(runner, out)[0] == 0
    links = [a for t, a in tags(out.read_text(encoding="utf-8")) if t == "a"]
    external = [a for a in links if not (a.get("href") or "#").startswith("#")]
    assert len(external) == 1
    href = external[0]["href"] or ""
    assert href.startswith("https://example.org/a?b=1&c=")
    assert "<" not in href
    assert ">" not in href
    assert "noopener" in (external[0].get("rel") or "")


def test_uncovered_items_are_marked(project: Project, runner: CliRunner) -> None:
    project.facts(
        "one.yaml",
        f"source: {SEED_NAME}\nfacts:\n  - id: years\n    kind: claim\n"
        "    statement: For 2021 and 2022.\n    evidence: for the years 2021 and 2022\n",
    )
    out = project.root / "one.html"
    assert review(runner, out)[0] == 0
    page = out.read_text(encoding="utf-8")
    assert '<span class="unc uq" title="uncovered quotation (FS901)">hybrid threats,</span>' in page
    assert '<span class="unc un" title="uncovered number (FS902)">200 million euros</span>' in page
    assert 'class="unc-p" title="uncovered paragraph (FS903)"' in page
    assert "FS901" in page
    assert "FS902" in page
    assert "FS903" in page


def test_deterministic(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    first, second = project.root / "a.html", project.root / "b.html"
    review(runner, first)
    review(runner, second)
    assert first.read_bytes() == second.read_bytes()


def test_a_fact_file_whose_source_cannot_be_read_gets_a_page_saying_so(
    project: Project, runner: CliRunner
) -> None:
    project.facts(
        "gone.yaml",
        "source: missing.txt\nfacts:\n  - id: met\n    kind: claim\n"
        '    statement: The council met.\n    evidence: "The council met"\n',
    )
    out = project.root / "review.html"
    assert review(runner, out) == (1, "", "wrote review.html\n")
    page = out.read_text(encoding="utf-8")
    assert "<h2>facts/gone.yaml</h2>" in page
    assert "Its source could not be read, so nothing is highlighted." in page
    assert "1 fact in 1 file: 0 verified, 1 error, 0 warnings" in page
    assert 'href="' not in page  # one page: no link to an index


def test_usage_errors(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, _, err = invoke(runner, "review")
    assert code == 2
    assert "--output" in err
    (project.root / "dir.html").mkdir()
    code, _, err = review(runner, project.root / "dir.html")
    assert code == 2
    assert "is a directory" in err
    code, _, err = review(runner, project.root / "nope" / "x.html")
    assert code == 2


def test_several_sources_get_an_index_and_a_page_each(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    (project.root / "seeds" / "other.txt").write_text(
        "The council met on Monday. It approved 3 ferries.\n", encoding="utf-8"
    )
    project.facts(
        "other.yaml",
        "source: other.txt\nfacts:\n  - id: ferries\n    kind: claim\n"
        "    statement: The council approved 3 ferries.\n"
        '    evidence: "It approved 3 ferries"\n'
        "  - id: wrong\n    kind: claim\n    statement: The council approved 4 ferries.\n"
        '    evidence: "It approved 4 ferries"\n',
    )
    code, out, err = invoke(runner, "review", "--output", "review.html")
    assert (code, out) == (1, "")
    assert err == "wrote review.html\nreview_files/: 2 pages, 2 written, 0 unchanged\n"
    index = (project.root / "review.html").read_text(encoding="utf-8")
    links = [str(a["href"]) for tag, a in tags(index) if tag == "a"]
    assert links == [f"review_files/0001-{SEED_NAME}.html", "review_files/0002-other.txt.html"]
    assert '<mark class="st-verified">20 verified</mark>' in index
    assert '<mark class="st-errors">1 errors</mark>' in index
    assert "<script" not in index
    for link in links:
        page = (project.root / link).read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert '<a href="../review.html">All sources</a>' in page
    other = (project.root / links[1]).read_text(encoding="utf-8")
    assert "2 facts in 1 file" in other
    assert "nato-eu-baltic" not in other
    before = {p.name: p.stat().st_mtime_ns for p in (project.root / "review_files").iterdir()}
    again = invoke(runner, "review", "--output", "review.html")
    assert again == (1, "", "review_files/: 2 pages, 0 written, 2 unchanged\n")
    after = {p.name: p.stat().st_mtime_ns for p in (project.root / "review_files").iterdir()}
    assert before == after
    assert invoke(runner, "review", "-o", "review.html", "-q") == (1, "", "")


def test_json_for_html() -> None:
    text = json_for_html({"a": "</script><!-- & \u2028"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert "\u2028" not in text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Stoltenberg said “de-escalate” — 200 million euros", None),  # as it is
        ("", None),
        ("a & b", "a &amp; b"),
        ("<b>", "&lt;b&gt;"),
        ("say \"no\" or 'yes'", "say &quot;no&quot; or &#x27;yes&#x27;"),
        ("bell\x07 and \u202eoverride", "bell\\x07 and \\u202eoverride"),
        ("line\u2028break <", "line\\u2028break &lt;"),
        ("tab\tand\nnewline", None),  # kept: TAB and LF are no controls to hide
    ],
)
def test_esc_leaves_plain_text_alone_and_escapes_the_rest(text: str, shown: str | None) -> None:
    assert esc(text) == (text if shown is None else shown)
