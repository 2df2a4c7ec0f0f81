"""Workflow e-mails under `make run` go to files under var/mail (no SMTP server to crash on);
production reads SMTP from the environment (gongkai/core/tests/test_production.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def test_development_mail_is_written_to_files_under_var() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "GONGKAI_ENV"))}
    env["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.EMAIL_BACKEND); print(settings.EMAIL_FILE_PATH)"
    )
    result = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    backend, path = result.stdout.split()[-2:]
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path.endswith("/mail")
