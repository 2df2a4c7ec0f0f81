"""Numbers of the applications app: a case's 受理编号 and query code, a letter's 文号.

The one way numbers are allocated (core.sequences: gapless per unit and year, the unit's counter
row locked until the transaction commits).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings

from gongkai.applications.models import Application
from gongkai.core.sequences import sequence_next_value

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_query_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _normal_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def code_digest(code: str) -> str:
    """HMAC of the code with the site's secret: 60 random bits need no slow hash, and a
    leaked table does not give the codes."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, _normal_code(code).encode(), hashlib.sha256).hexdigest()


def find_case(number: str, code: str) -> Application | None:
    """The case with this number whose query code matches; None otherwise (never says which)."""
    case = Application.objects.filter(number=number.strip()).first()
    digest = code_digest(code)
    if case is None:
        hmac.compare_digest(digest, digest)  # the same work either way
        return None
    return case if hmac.compare_digest(case.query_code_digest, digest) else None


def allocate_case_number(case: Application, *, number: str = "") -> None:
    """Give an unsaved case its year and serial in its unit, and its 受理编号 (``number``: the
    one an older system gave, kept on import; otherwise ``<unit>-<year>-<serial>``)."""
    case.year = case.received_on.year
    case.serial = sequence_next_value(
        scope="application", key=str(case.organisation_id), year=case.year
    )
    case.number = number or f"{case.organisation.slug}-{case.year}-{case.serial:05d}"


def letter_number(case: Application, issued_on: dt.date) -> tuple[int, str]:
    """The next 文号 of the case's unit in the year of ``issued_on``."""
    serial = sequence_next_value(scope="letter", key=str(case.organisation_id), year=issued_on.year)
    short = case.organisation.display_short_name
    return serial, f"{short}依申〔{issued_on.year}〕{serial}号"
