"""factsheet: check hand-curated facts about an article against its source text."""

__version__ = "0.1.0"
