"""Output formats of ``factsheet check``, one module each, chosen by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from factsheet.engine.result import CheckResult, ReportedFile

# (result, color, quiet, width) -> output; width: wrap to it (text), None: never wrap
Reporter = Callable[[CheckResult[ReportedFile], bool, bool, int | None], str]


def _lazy(module: str) -> Reporter:
    """The module's ``render``, imported on first use (SARIF loads every rule's docs)."""

    def render(
        result: CheckResult[ReportedFile], color: bool, quiet: bool, width: int | None
    ) -> str:
        chosen: Reporter = importlib.import_module(f"factsheet.outputs.report.{module}").render
        return chosen(result, color, quiet, width)

    return render


REPORTERS: dict[str, Reporter] = {
    "text": _lazy("text"),
    "concise": _lazy("concise"),
    "json": _lazy("json_format"),
    "github": _lazy("github"),
    "junit": _lazy("junit"),
    "sarif": _lazy("sarif"),
}
