"""Nothing from a fact file or a source can drive the terminal; no input shows a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet import __version__
from factsheet.app import app
from factsheet.outputs.report import REPORTERS
from factsheet.outputs.terminal import one_line, safe
from helpers import REPO, SEED_NAME, Project, invoke

# Colour sequences Rich itself writes (SGR); anything else starting with ESC is a leak.
SGR = re.compile(r"\x1b\[[0-9;]*m")
RAW = ("\x1b", "\x9b", "\u202e", "\x07", "\x85", "\u2066")

HOSTILE_FACTS = f"""\
source: {SEED_NAME}
facts:
  - id: "[bold red]x\\e[31m\\u202e"
    kind: claim
    statement: "Markup [sic] [/] [link=https://x]y[/link] [bold red]loud \\e[31m \\x9b \\u202e"
    evidence: "NATO Secretary General Jens Stoltenberg also reiterated his plea"
  - id: keys
    kind: claim
    statement: The visit.
    evidence: "The visit by Stoltenberg"
    "[link=https://x]y[/link]": 1
    "\\e]8;;https://evil\\e\\\\": 2
    "[/]": 3
  - id: raw-bidi
    kind: claim
    statement: The visit by Stoltenberg.
    evidence: "The visit by \u202eStoltenberg"
"""

# A source whose own text is hostile; the evidence differs by its last word.
HOSTILE_SOURCE = (
    "The [bold red]chair[/] said [link=https://x]y[/link] that \x1b[31mred\x1b[0m alarms "
    "\x9b2J rang \u202eloudly at [sic] noon today.\n"
)
SOURCE_FACTS = """\
source: evil.txt
facts:
  - id: c1
    kind: claim
    statement: The chair spoke.
    evidence: "that \\e[31mred\\e[0m alarms \\x9b2J rang \\u202eloudly at dawn"
"""

EXPECTED_CONCISE_LINES = [
    "facts/evil.yaml:3:9: FS005 'id: [bold red]x\\x1b[31m\\u202e' is not a slug "
    "(lowercase letters, digits and single hyphens: border-funding)",
    "facts/evil.yaml:11:5: FS003 unknown key '[link=https://x]y[/link]' in fact",
    "facts/evil.yaml:12:5: FS003 unknown key '\\x1b]8;;https://evil\\x1b\\' in fact",
    "facts/evil.yaml:13:5: FS003 unknown key '[/]' in fact",
]


@pytest.fixture
def hostile(project: Project) -> Project:
    project.facts("evil.yaml", HOSTILE_FACTS)
    (project.root / "seeds" / "evil.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    project.facts("src.yaml", SOURCE_FACTS)
    return project


def coloured(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run with colour forced on, as in a CI log or `FORCE_COLOR=1 factsheet check`."""
    result = runner.invoke(
        app,
        list(args),
        env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"},
    )
    return result.exit_code, result.stdout, result.stderr


def assert_inert(out: str) -> None:
    visible = SGR.sub("", out)
    for char in RAW:
        assert char not in visible, f"raw {char!r} reached the terminal"


# --- the text format ----------------------------------------------------------------------


def test_text_with_colour_prints_markup_literally_and_escapes_controls(
    hostile: Project, runner: CliRunner
) -> None:
    code, out, err = coloured(runner, "check")
    assert (code, err) == (1, "")
    assert SGR.search(out), "colour should be on with FORCE_COLOR=1"
    assert_inert(out)
    lines = SGR.sub("", out).splitlines()
    assert lines[:8] == [
        "facts/evil.yaml",
        "  3:9 FS005 error 'id: [bold red]x\\x1b[31m\\u202e' is not a slug (lowercase letters, "
        "digits and single hyphens: border-funding)  [[bold red]x\\x1b[31m\\u202e]",
        '     3 │   - id: "[bold red]x\\e[31m\\u202e"',
        "       │         ^",
        "  11:5 FS003 error unknown key '[link=https://x]y[/link]' in fact  [keys]",
        '    11 │     "[link=https://x]y[/link]": 1',
        "       │     ^",
        "  12:5 FS003 error unknown key '\\x1b]8;;https://evil\\x1b\\' in fact  [keys]",
    ]
    assert "  13:5 FS003 error unknown key '[/]' in fact  [keys]" in lines
    # The raw bidi override in the fact file's line is shown as an escape.
    assert '    17 │     evidence: "The visit by \\u202eStoltenberg"' in lines
    # The hostile source line: markup literal, controls escaped.
    assert (
        "     1 │ …hair[/] said [link=https://x]y[/link] that \\x1b[31mred\\x1b[0m alarms "
        "\\x9b2J rang \\u202eloudly at [sic] noon today."
    ) in lines
    assert lines[-1] == "4 facts in 2 files: 0 verified, 6 errors, 0 warnings"


def test_text_without_colour_is_plain(hostile: Project, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert "\x1b" not in out
    assert out == SGR.sub("", coloured(runner, "check")[1])


def test_concise_escapes_controls_and_keeps_markup(hostile: Project, runner: CliRunner) -> None:
    code, out, err = coloured(runner, "check", "--format", "concise")
    assert (code, err) == (1, "")
    assert "\x1b" not in out
    assert_inert(out)
    lines = out.splitlines()
    assert lines[:4] == EXPECTED_CONCISE_LINES
    assert lines[4].startswith("facts/evil.yaml:17:15: FS101 ")
    assert '"\\u202eStoltenberg"' in lines[4]
    assert lines[5].startswith("facts/src.yaml:6:15: FS101 evidence not found in the source; ")
    assert lines[6] == "4 facts in 2 files: 0 verified, 6 errors, 0 warnings"
    assert len(lines) == 7


def test_json_escapes_controls_and_round_trips(hostile: Project, runner: CliRunner) -> None:
    code, out, _ = coloured(runner, "check", "--format", "json")
    assert code == 1
    for char in RAW:
        assert char not in out
    data = json.loads(out)
    by_line = {(d["file"], d["line"]): d for d in data["diagnostics"]}
    assert by_line[("facts/evil.yaml", 3)]["fact"] == "[bold red]x\x1b[31m\u202e"
    assert by_line[("facts/evil.yaml", 12)]["message"] == (
        "unknown key '\x1b]8;;https://evil\x1b\\' in fact"
    )
    suggestion = by_line[("facts/src.yaml", 6)]["suggestion"]
    assert "\x1b[31mred\x1b[0m alarms \x9b2J rang \u202eloudly" in suggestion


def test_caret_follows_escapes_before_the_column(project: Project, runner: CliRunner) -> None:
    (project.root / "seeds" / "caret.txt").write_text(
        "Sirens \x1b[31m\x9b rang at noon.\n", encoding="utf-8"
    )
    project.facts(
        "c.yaml",
        "source: caret.txt\nfacts:\n  - id: c\n    kind: claim\n"
        "    statement: Sirens rang.\n    evidence: rang at dusk\n",
    )
    code, out, _ = invoke(runner, "check")
    assert code == 1
    lines = out.splitlines()
    at = lines.index("     1 │ Sirens \\x1b[31m\\x9b rang at noon.")
    assert lines[at + 1] == "       │ " + " " * len("Sirens \\x1b[31m\\x9b ") + "^"


def test_caret_on_a_line_with_a_form_feed(project: Project, runner: CliRunner) -> None:
    # YAML does not break lines at a form feed: the snippet is the loader's line 2, whole.
    project.facts("ff.yaml", f"source: {SEED_NAME}\n# a \x0c b\nfacts:\n  - id: x\n")
    code, out, _ = invoke(runner, "check")
    assert code == 1
    lines = out.splitlines()
    assert lines[1].startswith("  2:5 FS001 error ")
    assert lines[2:4] == ["     2 │ # a \\x0c b", "       │     ^"]


def test_file_names_are_escaped(project: Project, runner: CliRunner) -> None:
    name = "e\x1b[31mvil\u202e.yaml"
    project.facts(name, "source: 000_1833ecb2ef3ce3e0.txt\nfacts:\n  - id: Bad\n")
    for fmt in ("text", "concise"):
        code, out, _ = coloured(runner, "check", "-f", fmt)
        assert code == 1
        assert_inert(out)
        assert "facts/e\\x1b[31mvil\\u202e.yaml" in SGR.sub("", out)


def test_error_messages_are_escaped(project: Project, runner: CliRunner) -> None:
    code, out, err = invoke(runner, "check", "facts/x\x1b[2J\u202e.yaml")
    assert (code, out) == (2, "")
    assert err == "factsheet: error: path not found: facts/x\\x1b[2J\\u202e.yaml\n"


def test_safe_and_one_line() -> None:
    assert safe("a\x1b[31mb\x9bc\u202ed\u2066e\x00f\x7fg\tx\ny") == (
        "a\\x1b[31mb\\x9bc\\u202ed\\u2066e\\x00f\\x7fg\tx\ny"
    )
    assert safe("[bold]é \u2013 “ok” 中文") == "[bold]é \u2013 “ok” 中文"
    assert one_line("a\tb\nc\u2028d\r") == "a\\tb\\nc\\u2028d\\x0d"


# --- no tracebacks ------------------------------------------------------------------------


def test_internal_error_is_one_line_and_exit_2(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("w.yaml", f"source: {SEED_NAME}\nfacts: []\n")
    secret = "local-value-that-must-not-print"

    def boom(*args: object, **kwargs: object) -> None:
        hidden = secret
        raise RuntimeError(f"boom \x1b[31m{len(hidden)}")

    monkeypatch.setattr("factsheet.commands.check.run_check", boom)
    code, out, err = invoke(runner, "check")
    assert (code, out) == (2, "")
    assert err == "factsheet: error: internal error: RuntimeError: boom \\x1b[31m31\n"
    assert secret not in err


def test_internal_error_in_a_reporter(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("w.yaml", f"source: {SEED_NAME}\nfacts: []\n")

    def broken(*args: object) -> str:
        raise KeyError("text")

    monkeypatch.setitem(REPORTERS, "text", broken)
    assert invoke(runner, "check") == (
        2,
        "",
        "factsheet: error: internal error: KeyError: 'text'\n",
    )


def run_module(cwd: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
    env["NO_COLOR"] = "1"
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "factsheet"]
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_a_real_process_never_shows_a_traceback(project: Project) -> None:
    (project.root / "facts" / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage: [\n")
    project.facts("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    project.facts("empty.yaml", "")
    done = run_module(project.root, "check", "--format", "concise")
    assert "Traceback" not in done.stderr + done.stdout
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-1] == "0 facts in 3 files: 0 verified, 3 errors, 0 warnings"
    (project.root / "factsheet.toml").write_bytes(b"strict = [\n")
    done = run_module(project.root, "check")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("factsheet: error: factsheet.toml: cannot read configuration")
    assert done.stderr.count("\n") == 1


def test_a_crash_in_a_real_process_is_one_line(project: Project) -> None:
    project.facts("w.yaml", f"source: {SEED_NAME}\nfacts: []\n")
    patched = (
        "import sys, factsheet.commands.check as c\n"
        "def boom(*a, **k):\n"
        "    secret = 'local-value-that-must-not-print'\n"
        "    raise RuntimeError('boom')\n"
        "c.run_check = boom\n"
        "from factsheet.app import main\n"
        "sys.argv = ['factsheet', 'check']\n"
        "main()\n"
    )
    done = run_module(project.root, code=patched)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "factsheet: error: internal error: RuntimeError: boom\n"
    # Outside any command (here: the app itself fails), main() is the last guard.
    crash = (
        "import sys, factsheet.app as a\n"
        "def app():\n"
        "    raise ValueError('early')\n"
        "a.app = app\n"
        "a.main()\n"
    )
    done = run_module(project.root, code=crash)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "factsheet: error: internal error: ValueError: early\n"


def test_version_in_a_real_process() -> None:
    done = run_module(REPO, "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"factsheet {__version__}\n", "")
