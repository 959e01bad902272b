"""One module per command; app.py only registers them."""
