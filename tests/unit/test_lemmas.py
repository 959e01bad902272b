"""Lemmas as simplemma gives them, read from the compiled data (no simplemma at run time)."""

from __future__ import annotations

import pytest

from factsheet.text.wordnet_lexicon import lemmas, word


def _lemmas(form: str) -> list[str]:
    return [word(i) for i in lemmas(form)]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("went", ["go"]),  # WordNet's irregular forms
        ("mice", ["mouse"]),
        ("leaves", ["leaf", "leave"]),
        ("planned", ["planned", "plan"]),  # the form, its dictionary lemma, suffix rules
        ("non-military", ["nonmilitary"]),  # joined up: simplemma's dictionary knows it
        ("two-fold", ["two-fold", "twofold"]),
        ("well-being", ["well-being"]),  # known hyphenated: not joined
        ("build-up", []),  # known to simplemma, its lemma not in WordNet
        ("militarybx", []),  # unknown
    ],
)
def test_lemmas(form: str, expected: list[str]) -> None:
    assert _lemmas(form) == expected
