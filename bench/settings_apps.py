"""Settings for bench/applications_bench.py: the project's settings, with the submission
rate limit raised (every simulated applicant comes from 127.0.0.1) and mail kept in memory
(the reminder scan sends e-mail through Django's mail backend).

The database, secret key, hosts and var dir come from the environment as usual.
"""

import os

from gongkai.settings import *  # noqa: F403
from gongkai.settings import GONGKAI

GONGKAI = {
    **GONGKAI,
    # Counted as in production (one cache increment per submission), never reached.
    "APPLICATION_LIMIT": int(os.environ.get("GK_BENCH_APPLICATION_LIMIT", "1000000000")),
}
EMAIL_BACKEND = os.environ.get(
    "GK_BENCH_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
