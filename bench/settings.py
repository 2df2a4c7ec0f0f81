"""Settings for the benchmarks: the project's settings plus the benchmark-only app.

The database comes from DATABASE_URL as usual (search_bench.py sets it to its own SQLite file
or PostgreSQL database before Django starts), so the SQLite pragmas and options are the
project's own.
"""

from gongkai.settings import *  # noqa: F403
from gongkai.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.benchapp"]
DEBUG = False  # as in production; DEBUG also keeps every query in memory
