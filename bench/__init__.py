"""Benchmarks that print figures (quality and speed); not part of the test suite."""
