"""The review page in a real browser: headless Chromium driven by Playwright.

Chromium comes from the distribution (``chromium``; ``.ci/run`` installs it);
Playwright's own browser download is not used. Without either, these tests skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_review import HOSTILE_FACTS, HOSTILE_SOURCE
from typer.testing import CliRunner

from helpers import SHIPPED_FACTS, Project, invoke

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or chromium on PATH): install chromium")
    with sync_api.sync_playwright() as playwright:
        launched: Browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Watch:
    """What a page did: console messages, requests, dialogs, uncaught errors."""

    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_quiet(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]  # the page itself, nothing else


def write_page(project: Project, runner: CliRunner, name: str = "review.html") -> Path:
    out = project.root / name
    code, _, err = invoke(runner, "review", "--output", str(out))
    assert code in (0, 1), err
    return out


def open_page(
    browser: Browser, path: Path, width: int = 1280, height: int = 800
) -> tuple[Page, Watch]:
    page = browser.new_page(viewport={"width": width, "height": height})
    watch = Watch(path.as_uri())
    watch.attach(page)
    page.goto(path.as_uri())
    return page, watch


def in_view(page: Page, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }",
        )
    )


@pytest.fixture
def shipped_page(project: Project, runner: CliRunner) -> Path:
    project.facts("nato-eu-baltic.yaml", SHIPPED_FACTS.read_text(encoding="utf-8"))
    return write_page(project, runner)


def test_click_a_fact_scrolls_to_and_flashes_its_passage(
    browser: Browser, shipped_page: Path, tmp_path: Path
) -> None:
    page, watch = open_page(browser, shipped_page)
    link = page.locator("a.jump", has_text="consequences-warning")
    key = link.get_attribute("data-k")
    target = f"#{(link.get_attribute('href') or '#')[1:]}"
    assert key
    assert target != "#"
    assert not in_view(page, target)  # the last paragraph starts out below the fold
    link.click()
    page.wait_for_function(
        "s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight && e.classList.contains('flash'); }",
        arg=target,
    )
    assert in_view(page, target)
    assert page.eval_on_selector(target, "e => e.textContent").startswith("if they choose")
    assert key in (page.get_attribute(target, "data-f") or "").split()
    assert "flash" in (page.get_attribute(target, "class") or "")
    assert page.url == shipped_page.as_uri()  # handled by the script, no navigation
    page.screenshot(path=str(tmp_path / "review-click.png"))
    watch.assert_quiet()
    page.close()


def test_hover_a_passage_names_its_facts(
    browser: Browser, shipped_page: Path, tmp_path: Path
) -> None:
    page, watch = open_page(browser, shipped_page)
    # Nauseda's "... under NATO's Article 4" is cited by three facts
    mark = page.locator("mark.multi", has_text="negotiations under NATO").first
    mark.scroll_into_view_if_needed()
    tip = page.locator("#tip")
    assert tip.is_hidden()
    mark.hover()
    tip.wait_for(state="visible")
    text = tip.inner_text()
    for fact in ("article-4-option", "article-4", "poland-article-4"):
        assert fact in text
    assert "verified" in text
    hot = page.locator("li.fact.hot")
    assert hot.count() == 3
    shot = tmp_path / "review-hover.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.mouse.move(1, 1)
    tip.wait_for(state="hidden")
    watch.assert_quiet()
    page.close()


def test_narrow_and_print(browser: Browser, shipped_page: Path, tmp_path: Path) -> None:
    page, watch = open_page(browser, shipped_page, width=360, height=740)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    position = "getComputedStyle(document.querySelector('aside.facts')).position"
    assert page.evaluate(position) == "static"
    page.locator("a.jump", has_text="border-funding").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('mark.flash')].some(e => {"
        " const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })"
    )
    page.screenshot(path=str(tmp_path / "review-narrow.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.evaluate(position) == "sticky"
    page.emulate_media(media="print")
    assert page.evaluate(position) == "static"
    assert page.evaluate("getComputedStyle(document.getElementById('tip')).display") == "none"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    watch.assert_quiet()
    page.close()


def test_hostile_page_runs_nothing_and_loads_nothing(
    browser: Browser, project: Project, runner: CliRunner, tmp_path: Path
) -> None:
    (project.root / "seeds" / "hostile.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    project.facts("hostile.yaml", HOSTILE_FACTS)
    path = write_page(project, runner, "hostile.html")
    page, watch = open_page(browser, path)
    page.locator("a.jump", has_text="hostile-quote").click()
    mark = page.locator("mark[data-f]").first
    mark.hover()
    page.locator("#tip").wait_for(state="visible")
    assert "hostile-quote" in page.locator("#tip").inner_text()
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, b').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    page.screenshot(path=str(tmp_path / "review-hostile.png"), full_page=True)
    watch.assert_quiet()
    page.close()
