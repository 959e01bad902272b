"""The check run: discovery, running the rules, the process pool and the cache."""
