"""信息处理费 (条例 第四十二条; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》, DOMAIN.md §1.4).

No fee, except for applications whose number or frequency clearly exceeds a reasonable range;
then either per case or per volume for one application — never both:
- per case, counted per applicant per calendar month: cases 1–10 free; the part from 11 to 30
  at 100元 a case; from 31 on, every further band of 10 cases costs 100元 more a case
  (31–40: 200元, 41–50: 300元, …);
- per volume (pages): pages 1–30 free; the part from 31 to 100 at 10元 a page; 101–200 at
  20元 a page; above 200 at 40元 a page.
Pure functions; the amounts are whole yuan.
"""

from __future__ import annotations

from gongkai.applications.models import Application


def per_case_fee(nth: int) -> int:
    """The fee for the applicant's ``nth`` application in the calendar month."""
    if nth <= 10:
        return 0
    if nth <= 30:
        return 100
    return 100 * (2 + (nth - 31) // 10)


def per_volume_fee(pages: int) -> int:
    """The fee for one application of ``pages`` pages (each band charged at its own rate)."""
    bands = ((30, 0), (100, 10), (200, 20), (None, 40))
    fee, lower = 0, 0
    for upper, rate in bands:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            fee += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return fee


def applicant_key(case: Application) -> str:
    """Who the applicant is, for counting per month: the ID number or the credit code."""
    return (case.id_number or case.credit_code or case.applicant_name).strip().upper()


def nth_in_month(case: Application) -> int:
    """How many applications the same applicant filed with the same unit in the calendar month
    of this one's receipt, up to and including it."""
    month = Application.objects.filter(
        organisation_id=case.organisation_id,
        received_on__year=case.received_on.year,
        received_on__month=case.received_on.month,
    )
    key = applicant_key(case)
    same = [
        (c.received_on, c.pk)
        for c in month.only("pk", "received_on", "id_number", "credit_code", "applicant_name")
        if applicant_key(c) == key
    ]
    return sum(1 for item in same if item <= (case.received_on, case.pk))
