"""What `factsheet check` may import: start-up time is most of a small check.

Imports are kept out of the start-up path on purpose (function-local imports in
the engine and the commands); these tests keep them out. A run served from the
cache loads no rule family and no text reader; no run of `check` loads the
libraries only other commands use.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SHIPPED_FACTS, Project

PROBE = """
import json, sys
from factsheet.app import main
sys.argv = ["factsheet", "check", "-q", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
# Libraries of other commands (briefs, fuzzy matching for suggestions, the review page),
# and simplemma, whose English forms are compiled into FS7's data (0.3 s to load).
NEVER = {"jinja2", "rapidfuzz", "markupsafe", "trafilatura", "lxml", "simplemma"}
# Loaded by the commands that need them, never by `check`.
OTHER_COMMANDS = {
    "factsheet.outputs.brief_model",
    "factsheet.outputs.draft",
    "factsheet.outputs.review_page",
    "factsheet.outputs.rule_docs",
}


def _imported(root: Path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={"NO_COLOR": "1", "PATH": ""},
    )
    assert done.stdout.splitlines()[0] == "20 facts in 1 file: 20 verified, 0 errors, 0 warnings"
    return set(json.loads(done.stdout.splitlines()[-1]))


def _top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.fixture
def shipped(project: Project) -> Project:
    project.facts("nato.yaml", SHIPPED_FACTS.read_text(encoding="utf-8"))
    return project


def test_a_cold_check_loads_the_rules_but_no_other_commands_libraries(shipped: Project) -> None:
    loaded = _imported(shipped.root, "--no-cache")
    assert "factsheet.rules.registry" in loaded
    assert _top_level(loaded) & NEVER == set()
    assert loaded & OTHER_COMMANDS == set()


def test_a_check_served_from_the_cache_loads_no_rule_family_and_no_reader(
    shipped: Project,
) -> None:
    _imported(shipped.root)  # fills the cache
    loaded = _imported(shipped.root)
    ours = {m for m in loaded if m.startswith("factsheet.")}
    assert {m for m in ours if m.startswith("factsheet.text")} == set()
    assert {m for m in ours if m.startswith("factsheet.rules.")} == {
        "factsheet.rules.base",
        "factsheet.rules.coverage",
        "factsheet.rules.input_format",
    }
    assert "factsheet.factfile.loader" not in ours
    assert _top_level(loaded) & NEVER == set()
    assert loaded & OTHER_COMMANDS == set()
