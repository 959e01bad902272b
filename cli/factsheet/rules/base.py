"""What a rule is: its stable code, name, default severity and documentation."""

from __future__ import annotations

from dataclasses import dataclass

from factsheet.model import Location, Severity

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")


@dataclass(frozen=True)
class Rule:
    """A rule's public face. ``docs`` maps each of SECTIONS to its text."""

    code: str
    name: str
    severity: Severity
    summary: str
    docs: dict[str, str]

    def missing_sections(self) -> list[str]:
        return [s for s in SECTIONS if not self.docs.get(s, "").strip()]


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    what: str,
    why: str,
    example: str,
    instead: str,
) -> Rule:
    docs = {
        "What it does": what,
        "Why it matters": why,
        "Example": example,
        "Use instead": instead,
    }
    return Rule(code, name, severity, summary, docs)


@dataclass(frozen=True)
class Finding:
    """What a check yields; the engine adds the file, fact id and severity."""

    code: str
    message: str
    at: Location
    source_offset: int | None = None  # into Source.text
    suggestion: str | None = None
