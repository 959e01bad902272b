"""Measurements outside the installed package: ``python -m benchmarks.bench``."""
