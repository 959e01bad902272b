"""The composer's inlined event loop against its readable twin (every event through feed())."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.factfile import yaml_reader
from factsheet.factfile.yaml_reader import Node, YamlProblem
from factsheet.factfile.yaml_scanner import PureLoader
from helpers import FIXTURES, SHIPPED_FACTS


def _compose(text: str, method: str) -> tuple[Node | None, list[tuple[str, str]]] | str:
    composer = yaml_reader._Composer()
    loader = yaml.CSafeLoader if yaml_reader.HAVE_LIBYAML else PureLoader
    parser = loader(text)
    try:
        getattr(composer, method)(parser)
    except YamlProblem as exc:
        return f"{exc.rule.code} {exc.message} {exc.at}"
    except yaml.YAMLError as exc:
        return f"yaml {exc}"
    finally:
        parser.dispose()
    return composer.root, [(p.rule.code, p.message) for p in composer.problems]


def _same(text: str) -> None:
    assert _compose(text, "run") == _compose(text, "run_plain")


@pytest.mark.parametrize(
    "path", [SHIPPED_FACTS, FIXTURES / "baltic.yaml"], ids=lambda p: Path(p).name
)
def test_fact_files_compose_alike(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # anchors and aliases
        "a: !!str 3\nb: 'q'\nc: |\n  block\n",  # tags and styles
        "a: 1\na: 2\n",  # FS002
        "? [1]\n: v\n",  # FS005: a collection as a key
        "a: *nope\n",  # unknown alias
        "- !custom x\n",  # FS009
        "a: 1\n---\nb: 2\n",  # a second document
        "",
        "- [[[[]]]]\n- {a: {b: {c: d}}}\n",
    ],
)
def test_edge_cases_compose_alike(text: str) -> None:
    _same(text)


_keys = st.sampled_from(["id", "kind", "statement", "evidence", "a", "b"])
_leaves = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none())
_data = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_data, st.booleans())
def test_generated_documents_compose_alike(data: object, flow: bool) -> None:
    _same(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))
