"""FS9 — coverage: what in a source no fact covers. Reported by ``factsheet coverage``,
not by ``check``: an uncovered passage is not an error in the facts."""

from __future__ import annotations

from factsheet.model import Severity
from factsheet.rules.base import Rule, rule

FS901 = rule(
    "FS901",
    "uncovered-quotation",
    Severity.INFO,
    "A quotation in the source that no fact's quote or evidence covers.",
    what="Lists each quotation of the source (words inside quotation marks) that no fact's "
    "`quote` or `evidence` matches, with its line.",
    why="A quotation left out of a fact sheet is often the one a reader remembers; coverage "
    "shows a curator what is still to do.",
    example='A source line `"We will respond," Berg said.` and no fact quoting it.',
    instead="A `quote` fact with `quote: We will respond` and `speaker: Karl Berg`.",
)
FS902 = rule(
    "FS902",
    "uncovered-number",
    Severity.INFO,
    "A number in the source that no fact covers.",
    what="Lists each number of the source (amounts, percentages, counts) that lies outside "
    "every fact's evidence.",
    why="Figures are what a brief is most often read for; one left out is a gap a reader notices.",
    example="A source line `The plan costs €200 million.` and no fact whose evidence holds it.",
    instead='A `figure` fact with `evidence: "The plan costs €200 million."`',
)
FS903 = rule(
    "FS903",
    "uncovered-paragraph",
    Severity.INFO,
    "A body paragraph that no fact's evidence touches.",
    what="Lists each paragraph of the source's body that no fact's `quote` or `evidence` overlaps.",
    why="A paragraph no fact draws on is either background or something the fact sheet "
    "missed; coverage makes a curator decide which.",
    example="A paragraph about the ministers' meeting and no fact citing it.",
    instead="A `claim` or `event` fact whose evidence quotes that paragraph.",
)

RULES: tuple[Rule, ...] = (FS901, FS902, FS903)
