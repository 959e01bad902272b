"""Compile the WordNet relations FS7 (meaning) reads into a compact file in the package.

Usage: ``python scripts/build_wordnet.py [WORDNET_DIR] [OUT]``; by default it reads
Debian's ``wordnet-base`` (/usr/share/wordnet) and writes
cli/factsheet/text/data/wordnet_relations.bin.gz. The output is deterministic: a
test compares the shipped file with a fresh build when the dictionary is installed.

Kept: single-word lower-case lemmas (letters and inner hyphens) with their parts of speech;
synsets (of kept words); antonym and derivation (and pertainym) pairs; and, per synset,
its direct hypernyms (nouns, verbs) or the synsets it is similar to (adjectives);
and WordNet's irregular forms whose base is kept.

Inflected forms are compiled in too, from simplemma's English dictionary (its version
is pinned in pyproject.toml's ``test`` extra): every form whose lemma, as
``simplemma.lemmatize`` gives it, is a kept WordNet word other than the form itself,
and the kept words simplemma's dictionary lacks (a hyphenated word is joined up only
when the dictionary has the joined word, as simplemma does). At run time a form's lemma
is then one dictionary look-up: simplemma itself, and the 0.3 s its dictionary takes to
load, stay out of every run.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from array import array
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path("/usr/share/wordnet")
DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent
    / "cli"
    / "factsheet"
    / "text"
    / "data"
    / "wordnet_relations.bin.gz"
)
FILES = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "r": "data.adv"}
NO_LEMMA = 0xFFFFFFFF  # a form simplemma's dictionary knows, whose lemma is not kept
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_MARKER = re.compile(r"\([a-z]+\)$")  # adjective position markers: `(a)`, `(p)`, `(ip)`


def _pos(ch: str) -> str:
    return "a" if ch == "s" else ch


def build(folder: Path) -> bytes:
    # (pos, offset) -> (words as printed, pointers)
    synsets: dict[tuple[str, int], tuple[list[str], list[tuple[str, str, int, int, int]]]] = {}
    for pos, name in FILES.items():
        for line in (folder / name).read_text(encoding="latin-1").splitlines():
            if not line or line.startswith(" "):
                continue
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            count = int(fields[3], 16)
            # Proper nouns (`Russia`) are the name checks' business: only lower-case lemmas.
            printed = [_MARKER.sub("", fields[4 + 2 * i]) for i in range(count)]
            at = 4 + 2 * count
            pcount = int(fields[at])
            pointers = []
            for i in range(pcount):
                sym, at_text, ppos, st = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                pointers.append((sym, _pos(ppos), int(at_text), int(st[:2], 16), int(st[2:], 16)))
            synsets[(pos, offset)] = (printed, pointers)

    words: dict[str, int] = {}
    pos_of: dict[str, set[str]] = {}
    for (pos, _), (members, _) in synsets.items():
        for w in members:
            if _WORD.fullmatch(w):
                pos_of.setdefault(w, set()).add(pos)
    for w in sorted(pos_of):
        words[w] = len(words)

    def word_id(key: tuple[str, int], number: int) -> int | None:
        members = synsets[key][0]
        if not 0 < number <= len(members):
            return None
        return words.get(members[number - 1])

    # Synsets with a kept word, numbered in (pos, offset) order.
    kept: dict[tuple[str, int], int] = {}
    groups: list[list[int]] = []
    for key in sorted(synsets):
        ids = sorted({words[w] for w in synsets[key][0] if w in words})
        if ids:
            kept[key] = len(groups)
            groups.append(ids)

    antonyms: set[tuple[int, int]] = set()
    derived: set[tuple[int, int]] = set()
    broader: set[tuple[int, int]] = set()
    for key in sorted(synsets):
        for sym, ppos, off, src, dst in synsets[key][1]:
            target = (ppos, off)
            if sym in ("!", "+", "\\") and src and dst:
                a, b = word_id(key, src), word_id(target, dst)
                if a is not None and b is not None and a != b:
                    (antonyms if sym == "!" else derived).add((min(a, b), max(a, b)))
            elif sym in ("@", "&") and key in kept and target in kept:
                broader.add((kept[key], kept[target]))

    # Irregular forms (`fell` -> `fall`, `mice` -> `mouse`), kept when their base is.
    irregular: dict[str, list[str]] = {}
    for name in ("noun.exc", "verb.exc", "adj.exc", "adv.exc"):
        for line in (folder / name).read_text(encoding="latin-1").splitlines():
            form, *bases = line.split()
            for base in bases:
                if _WORD.fullmatch(form) and base in words:
                    irregular.setdefault(form, [])
                    if base not in irregular[form]:
                        irregular[form].append(base)
    forms, outside = _lemmatised(words)
    data = {
        "about": "WordNet 3.0 relations (Princeton University), compiled by "
        "scripts/build_wordnet.py; licence in WORDNET-LICENSE; inflected forms from "
        f"simplemma {_simplemma_version()}",
        "forms": forms,
        "outside": outside,
        "words": "\n".join(words),
        "irregular": {form: " ".join(irregular[form]) for form in sorted(irregular)},
        "pos": ["".join(sorted(pos_of[w])) for w in words],
        "synsets": groups,
        "antonyms": [i for pair in sorted(antonyms) for i in pair],
        "derived": [i for pair in sorted(derived) for i in pair],
        "broader": [i for pair in sorted(broader) for i in pair],
    }
    return gzip.compress(encode(data, len(words)), compresslevel=9, mtime=0)


def _simplemma_version() -> str:
    from importlib.metadata import version

    return version("simplemma")


def _lemmatised(words: dict[str, int]) -> tuple[dict[str, int], list[int]]:
    """Each lower-case form simplemma's English dictionary knows whose lemma is a kept
    word other than itself (form -> that word's id, or NO_LEMMA for a hyphenated form
    whose lemma is not kept: simplemma would not join it up); the ids of the kept words
    it does not know.
    """
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    known = {key.lower() for key in DefaultDictionaryFactory().get_dictionary("en")}
    forms: dict[str, int] = {}
    for form in sorted(known):
        lemma = simplemma.lemmatize(form, lang="en").lower()
        if lemma != form and lemma in words:
            forms[form] = words[lemma]
        elif "-" in form and lemma not in words:
            forms[form] = NO_LEMMA
    return forms, [i for w, i in words.items() if w not in known]


def _csr(rows: list[list[int]]) -> list[int]:
    """Rows of ids as one array: their number n, the n + 1 offsets of the rows, their ids."""
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row))
    return [len(rows), *offsets] + [i for row in rows for i in row]


def encode(data: dict[str, Any], n_words: int) -> bytes:
    """The file's layout, read without parsing a number: a JSON header (the strings, and
    where each array starts), then the arrays as little-endian uint32 in compressed
    sparse rows: synset -> words, word -> synsets, word -> antonyms, word -> derived
    forms, synset -> broader synsets."""
    groups: list[list[int]] = data["synsets"]
    synsets_of: list[list[int]] = [[] for _ in range(n_words)]
    for s, ids in enumerate(groups):
        for w in ids:
            synsets_of[w].append(s)

    def symmetric(flat: list[int]) -> list[list[int]]:
        rows: list[set[int]] = [set() for _ in range(n_words)]
        for i in range(0, len(flat), 2):
            rows[flat[i]].add(flat[i + 1])
            rows[flat[i + 1]].add(flat[i])
        return [sorted(r) for r in rows]

    broader: list[set[int]] = [set() for _ in groups]
    for i in range(0, len(data["broader"]), 2):
        broader[data["broader"][i]].add(data["broader"][i + 1])
    arrays = {
        "members": _csr(groups),
        "synsets_of": _csr(synsets_of),
        "antonyms": _csr(symmetric(data["antonyms"])),
        "derived": _csr(symmetric(data["derived"])),
        "broader": _csr([sorted(b) for b in broader]),
        "form_lemmas": list(data["forms"].values()),
        "outside": sorted(data["outside"]),
    }
    header: dict[str, Any] = {
        "about": data["about"],
        "words": data["words"],
        "pos": "\n".join(data["pos"]),
        "irregular": data["irregular"],
        "forms": "\n".join(data["forms"]),
        "arrays": {},
    }
    at = 0
    for name, values in arrays.items():
        header["arrays"][name] = [at, len(values)]
        at += len(values)
    head = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    body = array("I", (v for values in arrays.values() for v in values))
    if sys.byteorder != "little":
        body.byteswap()
    return len(head).to_bytes(4, "little") + head + body.tobytes()


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    out.write_bytes(build(folder))
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
