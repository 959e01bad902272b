"""``factsheet rules [CODE]``: the rule list, or one rule's documentation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factsheet.commands.common import fail, guarded
from factsheet.rules.base import SECTIONS, Rule


def rule_doc(r: Rule) -> str:
    parts = [f"{r.code} {r.name} ({r.severity.value})", "", r.summary]
    for section in SECTIONS:
        body = r.docs[section]
        if section in ("Example", "Use instead"):
            body = "\n".join("    " + line for line in body.splitlines())
        parts += ["", f"## {section}", "", body]
    return "\n".join(parts) + "\n"


def rule_list() -> str:
    from factsheet.rules.registry import DOCUMENTED

    width = max(len(r.name) for r in DOCUMENTED)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n" for r in DOCUMENTED
    )


@guarded
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="A rule's code (FS101) or name (evidence-not-found) to show its documentation.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List every rule, or print one rule's documentation.

    Every code any command prints is here: FS0-FS7 from check, FS9 from coverage.

    Examples:

    \b
      factsheet rules
      factsheet rules FS303
      factsheet rules quote-not-found
    """
    from factsheet.rules.registry import lookup

    if code is None:
        sys.stdout.write(rule_list())
        return
    found = lookup(code)
    if found is None:
        raise fail(f"unknown rule code or name '{code}' (run 'factsheet rules' for the list)")
    sys.stdout.write(rule_doc(found))
