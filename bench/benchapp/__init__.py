"""Benchmark-only models: the same documents indexed by Wagtail's own database search."""
