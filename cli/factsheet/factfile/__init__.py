"""Fact files: the strict YAML reader, the format's fields, the loader and the JSON Schema."""
