"""Helpers shared by the tests and the benchmarks: paths, the CLI, test nodes, portable runners,
archives and the local news site (feeds/). Fixtures and hooks stay in tests/conftest.py."""
