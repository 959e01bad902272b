"""A draft as the YAML text a curator edits: double-quoted scalars that read back as
exactly the source's words, and a closing comment of what was left out."""

from __future__ import annotations

import re
import unicodedata

from factsheet.outputs.draft_model import Draft

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]")

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\x85": "\\N",
    "\u00a0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\uFEFF",
}


def scalar(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            out.append(f"\\u{ord(ch):04X}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(float(value))


def clipped(text: str, limit: int = 100) -> str:
    """``text`` on one line (line breaks and runs of white space made single spaces), cut
    at a word boundary with " …" when longer than ``limit`` characters. It escapes
    nothing, unlike terminal.one_line."""
    words = " ".join(_LINE_BREAKS.sub(" ", text).split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + " …"


def render(draft: Draft) -> str:
    """The draft as a fact file: YAML in the format, every text a quoted scalar."""
    lines = [
        "# Draft facts suggested by `factsheet suggest`: every text is the source's own words.",
        "# Rewrite each statement in your own words, keep the facts that matter, delete the",
        "# rest, then run `factsheet check`.",
        f"source: {scalar(draft.source)}",
        f"sha256: {scalar(draft.sha256)}",
        "facts:",
    ]
    for fact in draft.facts:
        lines.append(f"  - id: {scalar(fact.id)}")
        lines.append(f"    kind: {fact.kind}")
        if fact.statement is not None:
            lines.append(f"    statement: {scalar(fact.statement)}")
        if fact.evidence is not None:
            lines.append(f"    evidence: {scalar(fact.evidence)}")
        if fact.quote is not None:
            lines.append(f"    quote: {scalar(fact.quote)}")
        if len(fact.speakers) == 1:
            lines.append(f"    speaker: {scalar(fact.speakers[0])}")
        elif fact.speakers:
            lines.append(f"    speaker: [{', '.join(scalar(s) for s in fact.speakers)}]")
        if fact.figures:
            lines.append("    figures:")
            for figure in fact.figures:
                parts = [f"value: {_number(figure.value)}"]
                if figure.unit is not None:
                    parts.append(f"unit: {scalar(figure.unit)}")
                if figure.label is not None:
                    parts.append(f"label: {scalar(figure.label)}")
                lines.append(f"      - {{{', '.join(parts)}}}")
        if fact.date is not None:
            lines.append(f"    date: {scalar(fact.date)}")
        if fact.ignore:
            lines.append(f"    ignore: [{', '.join(fact.ignore)}]")
        if fact.note is not None:
            lines.append(f"    note: {scalar(fact.note)}")
    if draft.left_out:
        lines.append("# Left out of this draft:")
        for item in draft.left_out:
            words = clipped(item.words)
            lines.append(f"#   line {item.line}: \u201c{words}\u201d ({item.reason})")
    return "\n".join(_comment_safe(line) for line in lines) + "\n"


def _comment_safe(line: str) -> str:
    return _LINE_BREAKS.sub(" ", line) if line.startswith("#") else line
