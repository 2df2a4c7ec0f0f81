"""The deadline engine pinned on the boundary dates of 2026, counted by hand.

The 2026 arrangement (国务院办公厅 notice of 2025-11-04): days off 1/1–1/3, 2/15–2/23, 4/4–4/6,
5/1–5/5, 6/19–6/21, 9/25–9/27, 10/1–10/7; weekend working days (调休上班) 1/4 (Sun), 2/14 (Sat),
2/28 (Sat), 5/9 (Sat), 9/20 (Sun), 10/10 (Sat).

Counting rule (docs/deadlines.md): an application arriving on a non-working day is received on the
next working day; day 1 is the first working day after the receipt day; the deadline is day 20
(条例 第三十三条第二款), or day 40 when extended. Each comment lists the working days counted as
"number date", with the days off skipped in brackets.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.workdays.calendar import FixedCalendar
from gongkai.workdays.deadlines import (
    CONSULTATION_AGENCY,
    CONSULTATION_THIRD_PARTY,
    FEE,
    CaseClock,
    Pause,
    compute,
)

# Only 2026 is official here, exactly as listed in the notice (weekday days off and weekend
# working days; the weekend days off are implied by the weekday rule).
HOLIDAYS_2026 = [
    "2026-01-01", "2026-01-02",
    "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23",
    "2026-04-06",
    "2026-05-01", "2026-05-04", "2026-05-05",
    "2026-06-19",
    "2026-09-25",
    "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07",
]  # fmt: skip
WORKDAYS_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]

CAL = FixedCalendar(
    {date.fromisoformat(d): "holiday" for d in HOLIDAYS_2026}
    | {date.fromisoformat(d): "workday" for d in WORKDAYS_2026},
    official_years=[2026],
)


def d(s: str) -> date:
    return date.fromisoformat(s)


def deadlines(received: str, **kwargs: object):
    return compute(CaseClock(received=d(received), **kwargs), CAL)  # type: ignore[arg-type]


# --- Spring Festival --------------------------------------------------------------------------


def test_thursday_before_spring_festival():
    # Received Thu 2/12 (a working day) → receipt 2/12.
    # 1 2/13 Fri, 2 2/14 Sat (调休上班), [2/15–2/23 off], 3 2/24, 4 2/25, 5 2/26, 6 2/27,
    # 7 2/28 Sat (调休上班), 8 3/2, 9 3/3, 10 3/4, 11 3/5, 12 3/6, 13 3/9, 14 3/10, 15 3/11,
    # 16 3/12, 17 3/13, 18 3/16, 19 3/17, 20 3/18 → due Wed 3/18.
    # Extended: 21 3/19, 22 3/20, 23–27 3/23–3/27, 28–32 3/30–4/3, [4/4–4/6 off], 33 4/7,
    # 34 4/8, 35 4/9, 36 4/10, 37–40 4/13–4/16 → Thu 4/16.
    # 补正 request (7 days): day 7 is Sat 2/28, a working day.
    r = deadlines("2026-02-12")
    assert r.received == d("2026-02-12")
    assert r.due == d("2026-03-18")
    assert r.extended_due == d("2026-04-16")
    assert r.correction_request_due == d("2026-02-28")
    assert not r.provisional


def test_friday_before_spring_festival():
    # Received Fri 2/13 → receipt 2/13. 1 2/14 Sat (调休上班), [2/15–2/23 off], 2–5 2/24–2/27,
    # 6 2/28 Sat (调休上班), 7–11 3/2–3/6, 12–16 3/9–3/13, 17–20 3/16–3/19 → due Thu 3/19.
    # Extended: 21 3/20, 22–26 3/23–27, 27–31 3/30–4/3, [4/4–4/6], 32–35 4/7–4/10,
    # 36–40 4/13–4/17 → Fri 4/17.
    r = deadlines("2026-02-13")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-02-13"),
        d("2026-03-19"),
        d("2026-04-17"),
    )


def test_saturday_that_is_a_working_day():
    # Received Sat 2/14, a 调休 working day → receipt 2/14 itself (not moved).
    # [2/15–2/23 off], 1–4 2/24–2/27, 5 2/28 Sat, 6–10 3/2–3/6, 11–15 3/9–3/13,
    # 16–20 3/16–3/20 → due Fri 3/20. Extended: 21–25 3/23–27, 26–30 3/30–4/3, [4/4–4/6],
    # 31–34 4/7–4/10, 35–39 4/13–4/17, 40 4/20 → Mon 4/20.
    r = deadlines("2026-02-14")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-02-14"),
        d("2026-03-20"),
        d("2026-04-20"),
    )


def test_first_day_of_spring_festival_holiday():
    # Received Sun 2/15 (day off) → receipt moves to the next working day, Tue 2/24.
    # 1 2/25, 2 2/26, 3 2/27, 4 2/28 Sat, 5–9 3/2–3/6, 10–14 3/9–3/13, 15–19 3/16–3/20,
    # 20 3/23 → due Mon 3/23. Extended: 21–24 3/24–27, 25–29 3/30–4/3, [4/4–4/6],
    # 30–33 4/7–4/10, 34–38 4/13–4/17, 39 4/20, 40 4/21 → Tue 4/21.
    r = deadlines("2026-02-15")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-02-24"),
        d("2026-03-23"),
        d("2026-04-21"),
    )


# --- National Day ----------------------------------------------------------------------------


def test_tuesday_before_national_day():
    # Received Tue 9/29 → receipt 9/29. 1 9/30, [10/1–10/7 off], 2 10/8, 3 10/9,
    # 4 10/10 Sat (调休上班), 5–9 10/12–16, 10–14 10/19–23, 15–19 10/26–30, 20 11/2 → Mon 11/2.
    # Extended: 21–24 11/3–6, 25–29 11/9–13, 30–34 11/16–20, 35–39 11/23–27, 40 11/30.
    r = deadlines("2026-09-29")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-09-29"),
        d("2026-11-02"),
        d("2026-11-30"),
    )


def test_last_working_day_before_national_day():
    # Received Wed 9/30 → receipt 9/30. [10/1–10/7], 1 10/8, 2 10/9, 3 10/10 Sat,
    # 4–8 10/12–16, 9–13 10/19–23, 14–18 10/26–30, 19 11/2, 20 11/3 → Tue 11/3.
    # Extended: 21–23 11/4–6, 24–28 11/9–13, 29–33 11/16–20, 34–38 11/23–27, 39 11/30,
    # 40 12/1 → Tue 12/1.
    r = deadlines("2026-09-30")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-09-30"),
        d("2026-11-03"),
        d("2026-12-01"),
    )


def test_sunday_that_is_a_working_day():
    # Received Sun 9/20, a 调休 working day → receipt 9/20. 1–4 9/21–9/24, [9/25–9/27 off],
    # 5 9/28, 6 9/29, 7 9/30, [10/1–10/7 off], 8 10/8, 9 10/9, 10 10/10 Sat, 11–15 10/12–16,
    # 16–20 10/19–23 → due Fri 10/23. Extended: 21–25 10/26–30, 26–30 11/2–6, 31–35 11/9–13,
    # 36–40 11/16–20 → Fri 11/20.
    r = deadlines("2026-09-20")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-09-20"),
        d("2026-10-23"),
        d("2026-11-20"),
    )


def test_national_day_holiday():
    # Received Sat 10/3 (day off) → receipt moves to Thu 10/8. 1 10/9, 2 10/10 Sat,
    # 3–7 10/12–16, 8–12 10/19–23, 13–17 10/26–30, 18 11/2, 19 11/3, 20 11/4 → Wed 11/4.
    # Extended: 21 11/5, 22 11/6, 23–27 11/9–13, 28–32 11/16–20, 33–37 11/23–27, 38 11/30,
    # 39 12/1, 40 12/2 → Wed 12/2.
    r = deadlines("2026-10-03")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-10-08"),
        d("2026-11-04"),
        d("2026-12-02"),
    )
    assert "顺延" in r.derivation[0]


def test_ordinary_weekend():
    # Received Sat 3/7 (ordinary weekend) → receipt Mon 3/9. 1–4 3/10–13, 5–9 3/16–20,
    # 10–14 3/23–27, 15–19 3/30–4/3, [4/4–4/6 清明], 20 4/7 → Tue 4/7.
    # Extended: 21–23 4/8–10, 24–28 4/13–17, 29–33 4/20–24, 34–37 4/27–30, [5/1–5/5 劳动节],
    # 38 5/6, 39 5/7, 40 5/8 → Fri 5/8 (Sat 5/9 is a working day but is not needed).
    r = deadlines("2026-03-07")
    assert (r.received, r.due, r.extended_due) == (
        d("2026-03-09"),
        d("2026-04-07"),
        d("2026-05-08"),
    )


# --- 补正 (条例 第三十条) -----------------------------------------------------------------------


def test_correction_restarts_the_period_from_the_corrected_application():
    # Received Thu 2/12; 补正 requested Tue 2/24 (day 3 of 7 — in time; day 7 is Sat 2/28).
    # The applicant's 15 days from 2/24: 1 2/25, 2 2/26, 3 2/27, 4 2/28 Sat, 5–9 3/2–3/6,
    # 10–14 3/9–3/13, 15 3/16 → Mon 3/16.
    # The corrected application arrives Sat 3/7 → taken as received Mon 3/9; the 20 days
    # restart from there: due Tue 4/7, extended Fri 5/8 (counting as in test_ordinary_weekend).
    r = deadlines("2026-02-12", correction_requested=d("2026-02-24"), corrected=d("2026-03-07"))
    assert r.received == d("2026-02-12")
    assert r.correction_request_due == d("2026-02-28")
    assert r.correction_answer_due == d("2026-03-16")
    assert (r.due, r.extended_due) == (d("2026-04-07"), d("2026-05-08"))


def test_waiting_for_correction_has_no_reply_deadline():
    r = deadlines("2026-02-12", correction_requested=d("2026-02-24"))
    assert r.due is None
    assert r.extended_due is None
    assert r.correction_answer_due == d("2026-03-16")


# --- Pauses: consultations (条例 第三十二、三十三、三十四条) and fees ---------------------------


def test_closed_consultation_adds_its_working_days():
    # Received Mon 3/2. Without pause: 1–4 3/3–3/6, 5–9 3/9–13, 10–14 3/16–20, 15–19 3/23–27,
    # 20 3/30. Third party consulted Thu 3/5, answer Tue 3/10: paused are the working days
    # after the sending day up to the answer day: 3/6, 3/9, 3/10 = 3. Counting: 1 3/3, 2 3/4,
    # 3 3/5, (3/6, 3/9, 3/10 paused), 4 3/11, 5 3/12, 6 3/13, 7–11 3/16–20, 12–16 3/23–27,
    # 17 3/30, 18 3/31, 19 4/1, 20 4/2 → Thu 4/2.
    # The third party's own limit: 15 working days after 3/5: 1 3/6, 2–6 3/9–13, 7–11 3/16–20,
    # 12–15 3/23–26 → Thu 3/26.
    r = deadlines(
        "2026-03-02", pauses=(Pause(CONSULTATION_THIRD_PARTY, d("2026-03-05"), d("2026-03-10")),)
    )
    assert r.due == d("2026-04-02")
    assert r.consultation_answer_dues == (d("2026-03-26"),)


def test_open_consultation_counts_up_to_today():
    # Received Mon 3/2; agency consulted Thu 3/5, no answer yet; today Thu 3/12. Paused so far:
    # 3/6, 3/9, 3/10, 3/11, 3/12 = 5 → day 20 without pause (3/30) plus 5: 3/31, 4/1, 4/2, 4/3,
    # [4/4–4/6], 4/7 → Tue 4/7 — the deadline if the answer came today.
    r = deadlines(
        "2026-03-02",
        pauses=(Pause(CONSULTATION_AGENCY, d("2026-03-05"), None),),
        today=d("2026-03-12"),
    )
    assert r.due == d("2026-04-07")


def test_open_consultation_stops_at_its_15_day_limit():
    # As above but today is 4/10, after the limit Thu 3/26 (第三十四条: silence = consent).
    # Paused: 3/6, 3/9–13, 3/16–20, 3/23–26 = 15. Counting: 1 3/3, 2 3/4, 3 3/5, (paused to
    # 3/26), 4 3/27, 5 3/30, 6 3/31, 7 4/1, 8 4/2, 9 4/3, [4/4–4/6], 10–13 4/7–4/10,
    # 14–18 4/13–17, 19 4/20, 20 4/21 → Tue 4/21.
    r = deadlines(
        "2026-03-02",
        pauses=(Pause(CONSULTATION_AGENCY, d("2026-03-05"), None),),
        today=d("2026-04-10"),
    )
    assert r.due == d("2026-04-21")


def test_consultation_sent_on_the_last_day_holds_the_deadline_until_the_answer():
    # Received Mon 3/2, day 20 is Mon 3/30. Consultation sent 3/30, answered Thu 4/2: the clock
    # is stopped at the end of 3/30; paused 3/31, 4/1, 4/2 → the reply is due on 4/2 itself.
    r = deadlines(
        "2026-03-02", pauses=(Pause(CONSULTATION_THIRD_PARTY, d("2026-03-30"), d("2026-04-02")),)
    )
    assert r.due == d("2026-04-02")


def test_consultation_after_the_deadline_changes_nothing():
    r = deadlines(
        "2026-03-02", pauses=(Pause(CONSULTATION_THIRD_PARTY, d("2026-03-31"), d("2026-04-08")),)
    )
    assert r.due == d("2026-03-30")


def test_fee_notice_to_payment_is_not_counted():
    # Received Mon 3/2 (day 20 = 3/30). Fee notice Tue 3/10, paid Tue 3/17: paused 3/11, 3/12,
    # 3/13, 3/16, 3/17 = 5 → 3/31, 4/1, 4/2, 4/3, [4/4–4/6], 4/7 → Tue 4/7.
    r = deadlines("2026-03-02", pauses=(Pause(FEE, d("2026-03-10"), d("2026-03-17")),))
    assert r.due == d("2026-04-07")
    assert r.consultation_answer_dues == ()


def test_extension_with_a_pause():
    # Received Mon 3/2, paused 3/6, 3/9, 3/10 (as in the closed-consultation test), extended.
    # Day 40 without pause: 20 3/30, 21–24 3/31–4/3, [4/4–4/6], 25–28 4/7–4/10, 29–33 4/13–17,
    # 34–38 4/20–24, 39 4/27, 40 4/28; plus 3 paused days: 4/29, 4/30, [5/1–5/5], 5/6 → Wed 5/6.
    r = deadlines(
        "2026-03-02",
        pauses=(Pause(CONSULTATION_THIRD_PARTY, d("2026-03-05"), d("2026-03-10")),),
        extended=True,
    )
    assert r.due == r.extended_due == d("2026-05-06")
    assert any("已经政府信息公开工作机构负责人同意延长" in s for s in r.derivation)


# --- Beyond the calendar data -----------------------------------------------------------------


def test_deadline_in_a_year_without_official_data_is_provisional():
    # Received Thu 12/10/2026. 2027 has no official arrangement: Mon–Fri minus the statutory
    # holidays (《全国年节及纪念日放假办法》第二条) is used, so 元旦 (Fri 2027-01-01) is a day off;
    # only the 调休 swaps are unknown — which is why the result is provisional.
    # 1 12/11, 2–6 12/14–18, 7–11 12/21–25, 12–15 12/28–31, (1/1 off), 16–20 1/4–1/8
    # → Fri 2027-01-08.
    r = deadlines("2026-12-10")
    assert r.due == d("2027-01-08")
    assert r.provisional
    assert any("2027 年（未载入官方安排" in s for s in r.derivation)


def test_deadline_inside_the_official_year_is_not_provisional():
    assert not deadlines("2026-11-02").provisional


# --- Input errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"corrected": d("2026-03-01")},
        {"correction_requested": d("2026-03-10"), "corrected": d("2026-03-05")},
        {"extension_days": 21},
        {"pauses": (Pause(FEE, d("2026-03-10"), d("2026-03-09")),)},
        {"pauses": (Pause(FEE, d("2026-03-10"), None),)},  # open pause needs today
        {"pauses": (Pause("holiday", d("2026-03-10"), None),), "today": d("2026-03-12")},
    ],
)
def test_inconsistent_input_is_refused(kwargs):
    with pytest.raises(ValueError):
        deadlines("2026-03-02", **kwargs)
