"""The error every layer may raise for a bad invocation or environment (the CLI exits 2)."""

from __future__ import annotations


class UsageError(Exception):
    """A problem with the invocation or environment: the CLI exits 2."""
