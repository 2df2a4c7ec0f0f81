"""Hand-run benchmarks (not part of the test suite). See search_bench.py."""
