"""Hostile input never reaches the user as a crash, a hang or a traceback.

Each hazard is written into a fresh project and checked by a real
``python -m factsheet`` process with a timeout: a crash of libyaml, a
RecursionError, a blocking read or a traceback all fail the test. The pure
YAML backend, which the CLI does not pick while libyaml is present, is driven
in-process on the same inputs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.factfile.loader import load_fact_file
from factsheet.factfile.yaml_reader import HAVE_LIBYAML, MAX_BYTES
from factsheet.rules.registry import CODES
from helpers import SEED_NAME, Project

TIMEOUT = 60
GOOD_FACT = (
    "  - id: hybrid-threat\n    kind: claim\n"
    "    statement: A hybrid threat mixes military and non-military methods.\n"
    "    evidence: A hybrid threat is a type of security threat\n"
)
GOOD_FILE = f"source: {SEED_NAME}\nfacts:\n{GOOD_FACT}"


def run(root: Path, *args: str) -> tuple[int, list[str], str]:
    """Run the CLI in a subprocess; return (status, stdout lines, stderr)."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_COLOR"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "factsheet", "check", "--format", "concise", "--no-progress", *args],
        cwd=root,
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in out
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    return proc.returncode, out.splitlines(), err


def write(project: Project, data: bytes, name: str = "x.yaml") -> None:
    (project.root / "facts" / name).write_bytes(data)


def laughs() -> bytes:
    lines = [f"source: {SEED_NAME}", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return ("\n".join(lines) + "\nfacts: []\n").encode()


# (name, fact file bytes, the one located error line expected)
FILE_HAZARDS: list[tuple[str, bytes, str]] = [
    (
        "100k-nested-brackets",
        b"source: a.txt\nfacts: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "facts/x.yaml:2:71: FS009 nesting deeper than 64 levels is not allowed",
    ),
    (
        "100k-unclosed-braces",
        b"facts: " + b"{a: " * 100_000 + b"\n",
        "facts/x.yaml:1:260: FS009 nesting deeper than 64 levels is not allowed",
    ),
    (
        "deep-block-nesting",
        "".join(f"{' ' * i}- k\n{' ' * i}-\n" for i in range(0, 3000, 2)).encode(),
        "facts/x.yaml:129:129: FS009 nesting deeper than 64 levels is not allowed",
    ),
    (
        "billion-laughs",
        laughs(),
        "facts/x.yaml:7:45: FS009 alias expansion passes 1,000,000 nodes; "
        "aliases may not multiply data",
    ),
    (
        "python-object-tag",
        b"source: !!python/object/apply:os.system ['touch PWNED']\nfacts: []\n",
        "facts/x.yaml:1:9: FS009 custom YAML tag !!python/object/apply:os.system is not "
        "allowed; fact files hold plain data",
    ),
    (
        "python-name-tag-deep-inside",
        GOOD_FILE.encode() + b"    note: !!python/name:os.system\n",
        "facts/x.yaml:7:11: FS009 custom YAML tag !!python/name:os.system is not allowed; "
        "fact files hold plain data",
    ),
    (
        "invalid-utf8",
        GOOD_FILE.encode() + b"    note: na\xc3\xafve \xff\n",
        "facts/x.yaml:7:17: FS001 invalid UTF-8 byte 0xff: fact files must be UTF-8",
    ),
    (
        "nul-byte",
        GOOD_FILE.encode() + b"    note: a\x00b\n",
        "facts/x.yaml:7:12: FS001 control character U+0000 is not allowed in YAML; remove it",
    ),
    (
        "esc-byte",
        GOOD_FILE.replace("    kind", "    \x1bkind", 1).encode(),
        "facts/x.yaml:4:5: FS001 control character U+001B is not allowed in YAML; remove it",
    ),
    (
        "invalid-utf8-after-bom-in-cr-only-lines",
        b"\xef\xbb\xbf" + (GOOD_FILE + "    note: \xff\n").encode("latin-1").replace(b"\n", b"\r"),
        "facts/x.yaml:7:11: FS001 invalid UTF-8 byte 0xff: fact files must be UTF-8",
    ),
    (
        "nul-byte-in-cr-only-lines",
        (GOOD_FILE + "    note: a\x00b\n").replace("\n", "\r").encode(),
        "facts/x.yaml:7:12: FS001 control character U+0000 is not allowed in YAML; remove it",
    ),
    (
        "esc-byte-after-a-next-line-break",
        GOOD_FILE.replace("\n", "\x85", 1).replace("    kind", "    \x1bkind", 1).encode(),
        "facts/x.yaml:4:5: FS001 control character U+001B is not allowed in YAML; remove it",
    ),
    (
        "two-documents",
        GOOD_FILE.encode() + b"---\n" + GOOD_FILE.encode(),
        "facts/x.yaml:7:1: FS001 a fact file holds one YAML document; remove the second "
        "'---' document",
    ),
    (
        "crlf-and-bom-located",
        b"\xef\xbb\xbf" + (GOOD_FILE + "    statement: twice\n").replace("\n", "\r\n").encode(),
        "facts/x.yaml:7:5: FS002 duplicate key 'statement' (first at 5:5); keep one",
    ),
]


Run = tuple[int, list[str], str]


def new_project(factory: pytest.TempPathFactory, name: str) -> Project:
    return Project(factory.mktemp(name) / "proj")


@pytest.fixture(scope="module")
def file_hazards(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One CLI run over a project holding every fact-file hazard, one file each."""
    project = new_project(tmp_path_factory, "file-hazards")
    for name, data, _ in FILE_HAZARDS:
        write(project, data, f"{name}.yaml")
    result = run(project.root)
    assert not (project.root / "PWNED").exists()
    return result


@pytest.mark.parametrize(
    ("name", "line"), [(h[0], h[2]) for h in FILE_HAZARDS], ids=[h[0] for h in FILE_HAZARDS]
)
def test_fact_file_hazard(file_hazards: Run, name: str, line: str) -> None:
    code, out, err = file_hazards
    assert code == 1
    assert err == ""
    path = f"facts/{name}.yaml"
    assert [o for o in out if o.startswith(f"{path}:")] == [line.replace("facts/x.yaml", path)]
    errors = len(FILE_HAZARDS)
    assert out[-1] == f"1 fact in {errors} files: 0 verified, {errors} errors, 0 warnings"


@pytest.mark.parametrize(
    ("data", "line"), [h[1:] for h in FILE_HAZARDS], ids=[h[0] for h in FILE_HAZARDS]
)
def test_fact_file_hazard_pure_backend(data: bytes, line: str) -> None:
    fact_file = load_fact_file("facts/x.yaml", data, known_codes=CODES, fast=False)
    got = [f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}" for d in fact_file.diagnostics]
    assert got == [line]
    if HAVE_LIBYAML:
        fast = load_fact_file("facts/x.yaml", data, known_codes=CODES, fast=True)
        assert [(d.code, d.line, d.column) for d in fast.diagnostics] == [
            (d.code, d.line, d.column) for d in fact_file.diagnostics
        ]


def test_huge_fact_file(project: Project) -> None:
    with (project.root / "facts" / "x.yaml").open("wb") as handle:
        handle.write(GOOD_FILE.encode())
        chunk = b"# " + b"padding " * 127 + b"\n"
        for _ in range(MAX_BYTES // len(chunk) + 2):
            handle.write(chunk)
    code, out, err = run(project.root)
    assert code == 1
    assert out[0].startswith("facts/x.yaml:1:1: FS009 fact file is ")
    assert "the limit is 16,777,216" in out[0]
    assert err == ""


def test_crlf_bom_file_checks_clean(project: Project) -> None:
    write(project, b"\xef\xbb\xbf" + GOOD_FILE.replace("\n", "\r\n").encode())
    code, out, err = run(project.root, "--strict")
    assert (code, out, err) == (0, ["1 fact in 1 file: 1 verified, 0 errors, 0 warnings"], "")


def test_crlf_seed_keeps_working(project: Project) -> None:
    seed = project.root / "seeds" / SEED_NAME
    crlf = project.root / "seeds" / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n"))
    write(project, GOOD_FILE.replace(SEED_NAME, "crlf.txt").encode())
    code, out, err = run(project.root, "--select", "FS0,FS1")
    assert (code, out, err) == (0, ["1 fact in 1 file: 1 verified, 0 errors, 0 warnings"], "")


def outside(project: Project) -> Path:
    path = project.root.parent / "secret.txt"  # beside the project, outside seeds/
    path.write_text("A hybrid threat is a type of security threat\n", encoding="utf-8")
    return path


def make_symlink(project: Project) -> str:
    (project.root / "seeds" / "link.txt").symlink_to(outside(project))
    return "link.txt"


def make_directory(project: Project) -> str:
    (project.root / "seeds" / "folder.txt").mkdir()
    return "folder.txt"


def make_fifo(project: Project) -> str:
    # A read that blocked on the FIFO would hang the run until the timeout.
    os.mkfifo(project.root / "seeds" / "pipe.txt")
    return "pipe.txt"


def make_latin1(project: Project) -> str:
    (project.root / "seeds" / "latin1.txt").write_bytes(
        b"A hybrid threat is a type of security threat\n\nna\xefve\n"
    )
    return "latin1.txt"


def make_dotdot(project: Project) -> str:
    outside(project)
    return "../../secret.txt"


def make_absolute(project: Project) -> str:
    return outside(project).as_posix()


def make_typo(project: Project) -> str:
    return SEED_NAME.replace(".txt", ".tx")


def make_broken_link(project: Project) -> str:
    (project.root / "seeds" / "gone.txt").symlink_to(project.root / "nowhere.txt")
    return "gone.txt"


SOURCE_HAZARDS: list[tuple[Callable[[Project], str], str]] = [
    (make_dotdot, "leaves the seeds folder ('..'); sources must lie inside it"),
    (make_absolute, "is an absolute path; give it relative to the seeds folder"),
    (make_symlink, "is a symlink pointing outside the seeds folder"),
    (make_directory, "is a directory, not a file"),
    (make_fifo, "is not a regular file (a FIFO, socket or device)"),
    (make_latin1, "is not UTF-8 (byte 0xef on line 3)"),
    (make_typo, f"not found in the seeds folder; did you mean '{SEED_NAME}'?"),
    (make_broken_link, "is a broken symlink"),
]


@pytest.fixture(scope="module")
def source_hazards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, dict[str, str]]:
    """One CLI run over a project whose fact files each name a hazardous source."""
    project = new_project(tmp_path_factory, "source-hazards")
    names = {}
    for index, (make, _) in enumerate(SOURCE_HAZARDS):
        label = make.__name__[5:]
        names[label] = make(project)
        fact = GOOD_FACT.replace("hybrid-threat", f"fact-{index}")
        write(
            project, f"# {label}\nsource: {names[label]}\nfacts:\n{fact}".encode(), f"{label}.yaml"
        )
    return run(project.root), names


@pytest.mark.parametrize(("label", "words"), [(m.__name__[5:], w) for m, w in SOURCE_HAZARDS])
def test_source_hazard(source_hazards: tuple[Run, dict[str, str]], label: str, words: str) -> None:
    (code, out, err), names = source_hazards
    assert code == 1
    assert err == ""
    path = f"facts/{label}.yaml"
    assert [o for o in out if o.startswith(f"{path}:")] == [
        f"{path}:2:9: FS007 source '{names[label]}' {words}"
    ]
    count = len(SOURCE_HAZARDS)
    assert out[-1] == f"{count} facts in {count} files: 0 verified, {count} errors, 0 warnings"


@pytest.mark.parametrize(("strict", "status"), [((), 0), (("--strict",), 1)])
def test_sha256_mismatch(project: Project, strict: tuple[str, ...], status: int) -> None:
    write(project, f"source: {SEED_NAME}\nsha256: {'0' * 64}\nfacts:\n{GOOD_FACT}".encode())
    code, out, err = run(project.root, *strict)
    assert code == status
    assert out[0].startswith(
        f"facts/x.yaml:2:9: FS008 source '{SEED_NAME}' changed since it was pinned: "
        "its sha256 is now "
    )
    assert out[-1] == "1 fact in 1 file: 1 verified, 0 errors, 1 warning"
    assert err == ""


def test_one_bad_file_does_not_stop_the_others(project: Project) -> None:
    write(project, b"facts: " + b"[" * 100_000, "a.yaml")
    write(project, GOOD_FILE.replace("hybrid-threat", "Hybrid").encode(), "b.yaml")
    write(project, GOOD_FILE.encode(), "c.yaml")
    code, out, _ = run(project.root)
    assert code == 1
    assert out == [
        "facts/a.yaml:1:71: FS009 nesting deeper than 64 levels is not allowed",
        "facts/b.yaml:3:9: FS005 'id: Hybrid' is not a slug (lowercase letters, digits and "
        "single hyphens: border-funding)",
        "2 facts in 3 files: 1 verified, 2 errors, 0 warnings",
    ]


def test_usage_error_is_status_2(project: Project) -> None:
    write(project, GOOD_FILE.encode())
    code, out, err = run(project.root, "facts/missing.yaml")
    assert (code, out) == (2, [])
    assert err.startswith("factsheet: error: path not found: facts/missing.yaml")


def test_fifo_named_as_fact_file_is_refused_without_blocking(project: Project) -> None:
    os.mkfifo(project.root / "facts" / "pipe.yaml")
    code, out, err = run(project.root, "facts/pipe.yaml")
    assert (code, out) == (2, [])
    assert err == "factsheet: error: cannot read facts/pipe.yaml: not a regular file\n"


def test_empty_facts_folder_is_named_relative_to_the_root(project: Project) -> None:
    code, out, err = run(project.root)
    assert (code, out) == (2, [])
    assert err == "factsheet: error: no fact files (*.yaml) found in facts\n"
