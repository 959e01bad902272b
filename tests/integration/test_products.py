"""What table, coverage, brief and review make of each fact file (engine products), and
the output a run in the same state answers with: same text as a fresh run, always."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from factsheet.engine import cache as cache_module
from helpers import SEED_NAME, SHIPPED_FACTS, Project, invoke

FACTS = SHIPPED_FACTS.read_text(encoding="utf-8")
OUTPUTS = Path(".factsheet_cache") / f"v{cache_module.FORMAT}" / "outputs"


def archive(project: Project, names: list[str], shared: dict[str, str] | None = None) -> None:
    """One source and one fact file per name (ids made unique); ``shared`` maps a fact
    file's name to the name whose source it uses instead."""
    seed = (project.root / "seeds" / SEED_NAME).read_text(encoding="utf-8")
    unpinned = re.sub(r"^sha256: .*\n", "", FACTS, flags=re.M)
    for name in names:
        own = (shared or {}).get(name, name)
        (project.root / "seeds" / f"{own}.txt").write_text(
            seed + f"\nDesk copy {own}.\n", encoding="utf-8"
        )
        text = unpinned.replace(f"source: {SEED_NAME}", f"source: {own}.txt")
        text = re.sub(r"^  - id: (\S+)$", rf"  - id: \1-{name}", text, flags=re.M)
        project.facts(f"{name}.yaml", text)
    (project.root / "seeds" / SEED_NAME).unlink()


def fresh(runner: CliRunner, project: Project, *args: str) -> tuple[int, str, str]:
    """The command run with no cache at all."""
    shutil.rmtree(project.root / ".factsheet_cache", ignore_errors=True)
    return invoke(runner, *args)


def test_table_and_coverage_answer_again_with_what_a_fresh_run_prints(
    project: Project, runner: CliRunner
) -> None:
    archive(project, ["a", "b", "c"])
    (project.root / "seeds" / "c.txt").unlink()  # stderr has something to say again
    unmeasured = "factsheet: facts/c.yaml: source unavailable, not measured (run factsheet check)\n"
    cases = {
        ("table", "-f", "csv"): ("table-rows", 1, ""),
        ("coverage", "-f", "json"): ("coverage", 0, unmeasured),
        ("coverage",): ("coverage", 0, unmeasured),
    }
    for args, (product, code, err) in cases.items():
        first = fresh(runner, project, *args)
        assert (first[0], first[2]) == (code, err)
        assert invoke(runner, *args) == first
        # answered from the stored output: no product read, none made again
        shutil.rmtree(project.root / OUTPUTS.parent / product)
        assert invoke(runner, *args) == first
        assert not (project.root / OUTPUTS.parent / product).exists()
    # a changed fact: the stored output is not the answer any more
    path = project.root / "facts" / "b.yaml"
    path.write_text(path.read_text().replace("critical", "crucial", 1), encoding="utf-8")
    changed = invoke(runner, "table", "-f", "csv")
    assert changed == fresh(runner, project, "table", "-f", "csv")
    assert [r.split(",")[-1] for r in changed[1].splitlines()].count("errors") == 21


def test_a_duplicate_id_in_another_file_makes_the_fact_errors_every_time(
    project: Project, runner: CliRunner
) -> None:
    archive(project, ["a", "b"])
    path = project.root / "facts" / "b.yaml"
    path.write_text(path.read_text().replace("-b\n", "-a\n", 1), encoding="utf-8")
    for _ in range(2):
        code, out, _ = invoke(runner, "table", "-f", "json")
        facts = json.loads(out)["facts"]
        assert code == 1
        assert [(f["file"], f["status"]) for f in facts if f["status"] != "verified"] == [
            ("facts/b.yaml", "errors")
        ]


def test_a_source_two_fact_files_share_is_measured_with_both(
    project: Project, runner: CliRunner
) -> None:
    archive(project, ["a", "b"], shared={"b": "a"})
    code, out, _ = invoke(runner, "coverage", "-f", "json")
    (only,) = json.loads(out)["sources"]
    assert (code, only["source"], only["fact_files"]) == (
        0,
        "seeds/a.txt",
        ["facts/a.yaml", "facts/b.yaml"],
    )
    alone = fresh(runner, project, "coverage", "-f", "json", "facts/a.yaml")
    assert json.loads(alone[1])["summary"] == json.loads(out)["summary"]


def test_brief_writes_again_only_the_brief_that_is_gone(
    project: Project, runner: CliRunner
) -> None:
    archive(project, ["a", "b", "c"])
    assert invoke(runner, "brief", "-o", "out/") == (
        0,
        "",
        "wrote out/a.md\nwrote out/b.md\nwrote out/c.md\n",
    )
    before = {p.name: p.read_text() for p in (project.root / "out").iterdir()}
    assert invoke(runner, "brief", "-o", "out/") == (0, "", "3 briefs unchanged\n")
    (project.root / "out" / "b.md").unlink()
    assert invoke(runner, "brief", "-o", "out/") == (
        0,
        "",
        "wrote out/b.md\n2 briefs unchanged\n",
    )
    (project.root / "out" / "c.md").write_text("edited\n", encoding="utf-8")
    assert invoke(runner, "brief", "-o", "out/") == (0, "", "wrote out/c.md\n2 briefs unchanged\n")
    assert {p.name: p.read_text() for p in (project.root / "out").iterdir()} == before


def test_review_writes_again_a_page_that_is_gone_and_removes_stale_pages(
    project: Project, runner: CliRunner
) -> None:
    archive(project, ["a", "b", "c"])
    assert invoke(runner, "review", "-o", "r.html") == (
        0,
        "",
        "wrote r.html\nr_files/: 3 pages, 3 written, 0 unchanged\n",
    )
    pages = project.root / "r_files"
    assert sorted(p.name for p in pages.iterdir()) == [
        "0001-a.txt.html",
        "0002-b.txt.html",
        "0003-c.txt.html",
    ]
    said = "r_files/: 3 pages, 0 written, 3 unchanged\n"
    assert invoke(runner, "review", "-o", "r.html") == (0, "", said)
    page = (pages / "0002-b.txt.html").read_text()
    (pages / "0002-b.txt.html").unlink()
    assert invoke(runner, "review", "-o", "r.html") == (
        0,
        "",
        "r_files/: 3 pages, 1 written, 2 unchanged\n",
    )
    assert (pages / "0002-b.txt.html").read_text() == page
    (project.root / "facts" / "c.yaml").unlink()
    assert invoke(runner, "review", "-o", "r.html") == (
        0,
        "",
        "wrote r.html\nr_files/: 2 pages, 0 written, 2 unchanged\n",
    )
    assert sorted(p.name for p in pages.iterdir()) == ["0001-a.txt.html", "0002-b.txt.html"]


def test_only_the_newest_outputs_are_kept(project: Project) -> None:
    keep = cache_module.KEEP_OUTPUTS
    store = cache_module.Outputs(project.root)
    for n in range(keep + 3):
        store.put(f"{n:064x}", ["text", n])
    kept = sorted(p.stem for p in (project.root / OUTPUTS).glob("*.json"))
    assert len(kept) == keep
    # Named <time>-<state>: the newest `keep` states, 3 to keep + 2, the first three dropped.
    assert [stem.split("-", 1)[1] for stem in kept] == [f"{n:064x}" for n in range(3, keep + 3)]
    assert store.get(f"{keep + 2:064x}") == ["text", keep + 2]
    assert [store.get(f"{n:064x}") for n in range(keep + 3)] == [None] * 3 + [
        ["text", n] for n in range(3, keep + 3)
    ]
