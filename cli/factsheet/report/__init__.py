"""Output formats of ``factsheet check``, one module each, chosen by name."""

from __future__ import annotations

from collections.abc import Callable

from factsheet.checker import CheckResult
from factsheet.report import concise, github, json_format, junit, sarif, text

Reporter = Callable[[CheckResult, bool, bool], str]  # (result, color, quiet) -> output

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
    "github": github.render,
    "junit": junit.render,
    "sarif": sarif.render,
}
