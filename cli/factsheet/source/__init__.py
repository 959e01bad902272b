"""Source texts: safe reading, parsing, the matching normalisation and excerpt search."""
