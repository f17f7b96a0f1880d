"""Settings of the benchmark: the test settings with a real database of its own.

The runner sets `BENCH_DB_PATH` (a SQLite file) or, when `DATABASE_URL` points to
PostgreSQL, `BENCH_DB_NAME` (the database to use instead of the URL's own).
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["NAME"] = os.environ.get("BENCH_DB_NAME", "teilhabe_bench")
else:
    # The base settings' SQLite options (WAL, immediate transactions) stay as they are.
    DATABASES["default"]["NAME"] = os.environ.get("BENCH_DB_PATH", "var/bench/bench.sqlite3")

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# The cache of production (the database), which the public pages' rate limits use.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "teilhabe_cache",
    }
}
