"""JUnit XML: a test suite per fact file, a test case per fact (named by its id),
a ``failure`` per error. Warnings go to the test case's ``system-out``.

Findings about the file itself (YAML syntax, a missing source, a changed
sha256) belong to an extra test case named after the file. The layout is the
common Ant/Surefire one that GitLab, Jenkins, Azure DevOps and CircleCI read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factsheet.engine.result import CheckResult, ReportedFile
from factsheet.model import Diagnostic, Severity
from factsheet.outputs.terminal import escape_match

# Characters XML 1.0 cannot hold even escaped, and those a viewer would act on;
# TAB, LF and CR stay (ElementTree writes them as character references in attributes).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def clean(text: str) -> str:
    return _UNSAFE.sub(escape_match, text)


def describe(d: Diagnostic) -> str:
    lines = [f"{d.file}:{d.line}:{d.column}: {d.code} {d.severity.value}: {d.message}"]
    if d.source is not None:
        lines.append(f"source: {d.source.file}:{d.source.line}:{d.source.column}")
    if d.suggestion:
        lines.append(f"help: {d.suggestion}")
    return clean("\n".join(lines))


Case = tuple[str, int, list[Diagnostic]]  # name, line, findings


def _cases(result: CheckResult[ReportedFile], fact_file: ReportedFile) -> list[Case]:
    """The facts in file order (then facts the loader dropped), file-level findings last."""
    found = [d for d in result.diagnostics if d.file == fact_file.path]
    outline = fact_file.outline
    lines = dict(zip(outline.ids, outline.lines, strict=True))
    for d in found:
        if d.fact is not None and d.fact not in lines:  # e.g. an id that is not a slug
            lines[d.fact] = d.line
    cases = [(name, line, [d for d in found if d.fact == name]) for name, line in lines.items()]
    cases.sort(key=lambda case: case[1])
    file_level = [d for d in found if d.fact is None]
    if file_level:
        cases.append((fact_file.path, 1, file_level))
    return cases


def render(
    result: CheckResult[ReportedFile],
    color: bool = False,
    quiet: bool = False,
    width: int | None = None,
) -> str:
    s = result.summary
    root = ET.Element(
        "testsuites",
        name="factsheet",
        tests="0",
        failures=str(s.errors),
        errors="0",
        time="0",
    )
    total = 0
    for fact_file in result.files:
        cases = _cases(result, fact_file)
        errors = sum(d.severity is Severity.ERROR for _, _, found in cases for d in found)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=clean(fact_file.path),
            tests=str(len(cases)),
            failures=str(errors),
            errors="0",
            skipped="0",
            time="0",
        )
        total += len(cases)
        for name, line, found in cases:
            case = ET.SubElement(
                suite,
                "testcase",
                name=clean(name),
                classname=clean(fact_file.path),
                file=clean(fact_file.path),
                line=str(line),
                time="0",
            )
            notes = []
            for d in found:
                if d.severity is Severity.ERROR:
                    failure = ET.SubElement(
                        case, "failure", message=clean(f"{d.code} {d.message}"), type=d.code
                    )
                    failure.text = describe(d)
                else:
                    notes.append(describe(d))
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(notes)
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
