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
    from factsheet.rules.registry import RULES

    width = max(len(r.name) for r in RULES)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n" for r in RULES
    )


@guarded
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A rule code (FS101) to show its documentation.")
    ] = None,
) -> None:
    """List every rule, or print one rule's documentation."""
    from factsheet.rules.registry import RULES_BY_CODE

    if code is None:
        sys.stdout.write(rule_list())
        return
    found = RULES_BY_CODE.get(code.strip().upper())
    if found is None:
        raise fail(f"unknown rule code '{code}' (run 'factsheet rules' for the list)")
    sys.stdout.write(rule_doc(found))
