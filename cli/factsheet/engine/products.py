"""Per-file products: what a command makes of one fact file, made where it is checked.

``table`` needs rows, ``coverage`` a source's items, ``brief`` a Markdown brief,
``review`` a page. Made in the pool's workers beside the check (the facts and
the parsed source are at hand there, and never cross a pipe), and cached beside
the check's entries, keyed like them, so that a warm run of any command serves
every unchanged file without loading it.

A maker sees its file alone: a :class:`~factsheet.engine.result.CheckResult`
of that one fact file (its kept findings and its facts' statuses). Only a
duplicate id (FS006) makes a file's findings depend on another file; the run
makes such a file's product again in this process, from the whole run's
result (:mod:`factsheet.engine.run`), and never caches that one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factsheet.engine.result import CheckResult
from factsheet.model import FactFile

Maker = Callable[[CheckResult[FactFile]], Any]


@dataclass(frozen=True)
class Product:
    """What a command makes of each fact file.

    ``make`` must be a module-level function (a worker receives it by name) and
    return plain data (JSON: it is cached). ``options``: everything besides the
    fact file, its source, the configuration and factsheet itself that the
    product depends on (a template's digest, a flag).
    """

    name: str
    make: Maker
    options: str = ""
