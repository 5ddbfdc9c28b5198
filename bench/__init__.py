"""Benchmark harness: scores cleaner and peer extractors on AEB and WCXB-dev."""
