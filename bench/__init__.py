"""The benchmark: a synthetic Berlin dataset at a scale factor, and the cost of each page.

`python -m bench` (or `make bench`) builds one database per scale, requests every
registered page through the full middleware stack and compares it with its floor.
See `bench/README.md`; the API for new modules is in `bench.registry`.
"""
