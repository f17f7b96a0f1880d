"""Benchmark modules, one per app: each registers its data generators and pages.

`bench.registry.discover()` imports every module here; add a file to add a benchmark.
"""
