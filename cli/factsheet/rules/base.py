"""What a rule is: its stable code, name, default severity and documentation."""

from __future__ import annotations

from dataclasses import dataclass

from factsheet.model import Diagnostic, Location, Severity

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")


@dataclass(frozen=True)
class Rule:
    """A rule's public face. ``docs`` maps each of SECTIONS to its text."""

    code: str
    name: str
    severity: Severity
    summary: str
    docs: dict[str, str]
    off_by_default: bool = False  # reported only when selected by its code or family

    def missing_sections(self) -> list[str]:
        return [s for s in SECTIONS if not self.docs.get(s, "").strip()]

    def at(
        self,
        where: Location,
        message: str,
        source_offset: int | None = None,
        suggestion: str | None = None,
        *,
        in_scalar: tuple[Location, int] | None = None,
    ) -> Finding:
        """A finding of this rule at ``where`` in the fact file (a fact check yields these);
        ``in_scalar``: (a scalar's start, an offset into its value), the exact place."""
        return Finding(self.code, message, where, source_offset, suggestion, in_scalar)

    def diagnostic(
        self,
        file: str,
        where: Location,
        message: str,
        *,
        fact: str | None = None,
        suggestion: str | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule with its severity: for findings outside fact checks."""
        return Diagnostic(
            self.code,
            self.severity,
            message,
            file,
            where.line,
            where.column,
            fact,
            suggestion=suggestion,
        )


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
    off_by_default: bool = False,
) -> Rule:
    docs = {
        "What it does": what,
        "Why it matters": why,
        "Example": example,
        "Use instead": instead,
    }
    return Rule(code, name, severity, summary, docs, off_by_default)


@dataclass(frozen=True)
class Finding:
    """What a check yields (made by :meth:`Rule.at`); the engine adds the file, fact id
    and the severity, from the registry."""

    code: str
    message: str
    at: Location
    source_offset: int | None = None  # into Source.text
    suggestion: str | None = None
    # A character of a scalar's value: (where the scalar starts, the offset into its
    # value). The engine reports the finding at that character as the fact file writes
    # it (after a quote, past escapes, on a folded line); ``at`` is where it would be in
    # a plain one-line scalar.
    in_scalar: tuple[Location, int] | None = None
