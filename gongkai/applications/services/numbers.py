"""Numbers of the applications app: a case's 受理编号 and query code, a letter's 文号.

The one way numbers are allocated (core.sequences: gapless per unit and year, the unit's counter
row locked until the transaction commits).
"""

from __future__ import annotations

import datetime as dt
import hmac

from gongkai.applications.models import Application
from gongkai.core.querycodes import CODE_ALPHABET, code_digest, new_query_code
from gongkai.core.sequences import sequence_next_value

__all__ = ["CODE_ALPHABET", "code_digest", "find_case", "new_query_code"]


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
