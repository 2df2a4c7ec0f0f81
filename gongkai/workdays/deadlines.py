"""The deadline engine for applications (依申请公开): pure functions of the receipt date, the case's
events and a working-day calendar. No Django here; docs/deadlines.md explains every rule and decision.

All periods count working days and leave the starting day out: "N working days after X" is the N-th
working day after X, and the deadline is the end of that day (DOMAIN.md §1.1, Decisions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.workdays.calendar import WorkCalendar

ONE_DAY = timedelta(days=1)
# No sane calendar has ten years without enough working days; beyond that the calendar is broken.
_MAX_STEPS = 3660

# 条例 第三十三条第二款: reply within 20 working days of receipt.
REPLY_PERIOD = 20
# 条例 第三十三条第二款: one extension, at most 20 working days.
MAX_EXTENSION = 20
# 条例 第三十条: the request to correct (补正) is made once, within 7 working days of receipt.
CORRECTION_REQUEST_PERIOD = 7
# 条例 第三十条 lets the agency set a "合理的补正期限"; 15 working days is Gongkai's default (DOMAIN §1.1).
DEFAULT_CORRECTION_PERIOD = 15
# 条例 第三十二条 (third party) and 第三十四条 (co-producing agency): answer within 15 working days.
CONSULTATION_PERIOD = 15
# 国办函〔2020〕109号《政府信息公开信息处理费管理办法》: pay within 20 working days of the fee notice
# (article number not verified; see docs/deadlines.md).
FEE_PAYMENT_PERIOD = 20

CONSULTATION_THIRD_PARTY = "consultation_third_party"
CONSULTATION_AGENCY = "consultation_agency"
FEE = "fee"
PAUSE_KINDS = (CONSULTATION_THIRD_PARTY, CONSULTATION_AGENCY, FEE)
PAUSE_LIMITS = {
    CONSULTATION_THIRD_PARTY: CONSULTATION_PERIOD,
    CONSULTATION_AGENCY: CONSULTATION_PERIOD,
    FEE: FEE_PAYMENT_PERIOD,
}
PAUSE_LABELS = {
    CONSULTATION_THIRD_PARTY: "书面征求第三方意见（条例第三十二条）",
    CONSULTATION_AGENCY: "征求共同制作机关意见（条例第三十四条）",
    FEE: "收费通知至缴费（国办函〔2020〕109号）",
}
PAUSE_END_LABELS = {
    CONSULTATION_THIRD_PARTY: "收到答复",
    CONSULTATION_AGENCY: "收到答复",
    FEE: "收到缴费",
}

_WEEKDAYS = "一二三四五六日"


# --- Counting working days ------------------------------------------------------------------------


def next_workday_on_or_after(cal: WorkCalendar, d: date) -> date:
    """``d`` if it is a working day, otherwise the next working day."""
    for _ in range(_MAX_STEPS):
        if cal.is_workday(d):
            return d
        d += ONE_DAY
    raise ValueError("日历中找不到工作日，请检查工作日历数据。")


def add_workdays(cal: WorkCalendar, start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted); ``start`` if n == 0."""
    if n < 0:
        return subtract_workdays(cal, start, -n)
    return _walk(cal, start, n, paused=frozenset(), pauses=())[0]


def subtract_workdays(cal: WorkCalendar, end: date, n: int) -> date:
    """The ``n``-th working day before ``end`` (``end`` not counted), e.g. for reminders."""
    if n < 0:
        return add_workdays(cal, end, -n)
    d = end
    counted = 0
    for _ in range(_MAX_STEPS):
        if counted >= n:
            return d
        d -= ONE_DAY
        if cal.is_workday(d):
            counted += 1
    raise ValueError("日历中找不到足够的工作日，请检查工作日历数据。")


def workdays_between(cal: WorkCalendar, a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b`` (negative if ``b`` is before ``a``)."""
    if b < a:
        return -workdays_between(cal, b, a)
    count = 0
    d = a
    while d < b:
        d += ONE_DAY
        if cal.is_workday(d):
            count += 1
    return count


# --- The case clock -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pause:
    """A period that does not count toward the reply deadline (条例 第三十三条第三款; fees: 109号).

    ``start`` is the day the consultation letter (征求意见书) or the fee notice is sent; ``end`` the
    day the answer or the payment arrives, ``None`` while still awaited.
    """

    kind: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class CaseClock:
    """What the deadline depends on: the receipt date and the events of the case."""

    received: date  # 收到申请之日 under 条例 第三十一条 (the caller applies the channel rule)
    correction_requested: date | None = None  # 告知补正之日
    corrected: date | None = None  # 收到补正后申请之日
    pauses: tuple[Pause, ...] = ()
    extended: bool = False  # extension approved (条例 第三十三条第二款)
    extension_days: int = MAX_EXTENSION
    correction_period: int = DEFAULT_CORRECTION_PERIOD  # 补正期限 set by the agency (条例 第三十条)
    today: date | None = None  # needed only for pauses still open


@dataclass(frozen=True)
class Deadlines:
    received: date  # the receipt day used (moved to a working day)
    due: (
        date | None
    )  # the reply deadline in force (the extended one if extended); None awaiting 补正
    extended_due: date | None  # the deadline if extended (always computed so staff can see it)
    correction_request_due: date  # last day to ask for 补正 (条例 第三十条)
    correction_answer_due: date | None  # the applicant's last day to correct
    consultation_answer_dues: tuple[
        date, ...
    ]  # per consultation, 15 working days (第三十二、三十四条)
    provisional: bool  # a year touched has no official holiday arrangement loaded
    derivation: tuple[str, ...]  # the steps, in Chinese, for staff and applicants


@dataclass(frozen=True)
class _EffectivePause:
    pause: Pause
    limit: date  # the last day of the answer or payment period
    end: date  # the last paused day (a working day)
    workdays: frozenset[date]  # working days in (start, end]
    note: str


def compute(clock: CaseClock, cal: WorkCalendar) -> Deadlines:
    """Compute every deadline of a case, with its derivation."""
    _validate(clock)
    steps: list[str] = []
    dates: list[date] = [clock.received]

    # Decision (DOMAIN §1.1): an application that arrives on a non-working day is received on the
    # next working day. 条例 第三十一条 fixes the receipt day; the caller has applied it.
    received = next_workday_on_or_after(cal, clock.received)
    steps.append(_receipt_step("收到申请之日", clock.received, received, cal))

    # 条例 第三十条: ask for 补正 once, in writing, within 7 working days of receipt.
    correction_request_due = add_workdays(cal, received, CORRECTION_REQUEST_PERIOD)
    dates.append(correction_request_due)
    steps.append(
        f"补正告知期限：如申请内容不明确，应自收到申请之日起 {CORRECTION_REQUEST_PERIOD} 个工作日内"
        f"一次性告知申请人补正，即不晚于 {_day(correction_request_due)}（条例第三十条）。"
    )

    clock_start, correction_answer_due, awaiting_correction = _correction(
        clock, cal, received, correction_request_due, steps
    )
    if correction_answer_due is not None:
        dates.append(correction_answer_due)

    effective = [_effective_pause(p, clock.today, cal) for p in _sorted(clock.pauses)]
    consultation_answer_dues = tuple(e.limit for e in effective if e.pause.kind != FEE)
    for e in effective:
        dates.extend([e.limit, e.end])
        steps.append(e.note)
        if e.end <= clock_start:
            steps.append("该期间在答复期限起算之前，不影响答复期限。")

    due: date | None = None
    extended_due: date | None = None
    if not awaiting_correction:
        paused = frozenset().union(*(e.workdays for e in effective))
        ordinary, skipped = _walk(cal, clock_start, REPLY_PERIOD, paused, effective)
        extended_due, skipped_ext = _walk(
            cal, clock_start, REPLY_PERIOD + clock.extension_days, paused, effective
        )
        dates.extend([ordinary, extended_due])
        start_text = "收到申请之日" if clock.corrected is None else "收到补正后申请之日"
        steps.append(
            f"答复期限：自{start_text} {_day(clock_start)} 的次日起算第 {REPLY_PERIOD} 个工作日"
            + (f"，另加不计入期限的 {skipped} 个工作日" if skipped else "")
            + f"，为 {_day(ordinary)}，当日下班前答复（条例第三十三条第二款）。"
        )
        extension_text = (
            f"第 {REPLY_PERIOD + clock.extension_days} 个工作日"
            + (f"，另加不计入期限的 {skipped_ext} 个工作日" if skipped_ext else "")
            + f"，为 {_day(extended_due)}"
        )
        if clock.extended:
            due = extended_due
            steps.append(
                f"已经政府信息公开工作机构负责人同意延长答复期限 {clock.extension_days} 个工作日"
                f"并告知申请人（条例第三十三条第二款）：延长后的答复期限为{extension_text}。"
            )
        else:
            due = ordinary
            steps.append(
                f"如需延长（经政府信息公开工作机构负责人同意并告知申请人，最长 20 个工作日，"
                f"条例第三十三条第二款），延长后的答复期限为{extension_text}。"
            )

    years = range(min(dates).year, max(dates).year + 1)
    unofficial = [y for y in years if not cal.is_official(y)]
    provisional = bool(unofficial)
    steps.append(_calendar_step(years, cal))
    if provisional:
        steps.append(
            "以上期限为暂定：涉及尚未载入国务院办公厅节假日安排的年度，按周一至周五推算，"
            "并扣除《全国年节及纪念日放假办法》第二条规定的法定节假日及第六条规定的补假；"
            "调休安排尚未公布，载入官方安排后将重新计算。"
        )

    return Deadlines(
        received=received,
        due=due,
        extended_due=extended_due,
        correction_request_due=correction_request_due,
        correction_answer_due=correction_answer_due,
        consultation_answer_dues=consultation_answer_dues,
        provisional=provisional,
        derivation=tuple(steps),
    )


def _correction(
    clock: CaseClock,
    cal: WorkCalendar,
    received: date,
    correction_request_due: date,
    steps: list[str],
) -> tuple[date, date | None, bool]:
    """补正 (条例 第三十条): where the reply period starts, the applicant's deadline to correct, and
    whether the case is waiting for the corrected application."""
    clock_start = received
    correction_answer_due: date | None = None
    awaiting_correction = False
    if clock.correction_requested is not None:
        # The applicant's period is set by the agency (条例 第三十条 "合理的补正期限"), counted here
        # from the day the request is sent.
        correction_answer_due = add_workdays(
            cal, clock.correction_requested, clock.correction_period
        )
        late = (
            "；注意：告知补正晚于第三十条规定的 7 个工作日"
            if clock.correction_requested > correction_request_due
            else ""
        )
        steps.append(
            f"{_day(clock.correction_requested)} 告知申请人补正{late}。原答复期限停止计算；"
            f"补正期限为 {clock.correction_period} 个工作日，申请人应于 {_day(correction_answer_due)} "
            "前补正，无正当理由逾期不补正的视为放弃申请（条例第三十条）。"
        )
    if clock.corrected is not None:
        # 条例 第三十条: "答复期限自行政机关收到补正的申请之日起计算" — a new period starts.
        clock_start = next_workday_on_or_after(cal, clock.corrected)
        steps.append(
            _receipt_step("收到补正后申请之日", clock.corrected, clock_start, cal)
            + "答复期限自该日起重新计算（条例第三十条）。"
        )
    elif clock.correction_requested is not None:
        awaiting_correction = True
        steps.append("尚未收到补正后的申请：收到后重新计算 20 个工作日的答复期限。")

    return clock_start, correction_answer_due, awaiting_correction


def _walk(
    cal: WorkCalendar,
    start: date,
    n: int,
    paused: frozenset[date],
    pauses: Iterable[_EffectivePause],
) -> tuple[date, int]:
    """The day on which ``n`` counted working days after ``start`` are used up.

    Paused working days are skipped (条例 第三十三条第三款). A pause only matters while the clock runs:
    one that starts after the period has ended changes nothing, and one running at the end of the
    last day holds the deadline until the day its answer arrives (the paused days are "added").
    Returns the deadline and the number of paused working days skipped.
    """
    pauses = tuple(pauses)
    d = start
    counted = 0
    skipped = 0
    for _ in range(_MAX_STEPS):
        if counted >= n and not any(p.pause.start <= d < p.end for p in pauses):
            return d, skipped
        d += ONE_DAY
        if not cal.is_workday(d):
            continue
        if d in paused:
            skipped += 1
        else:
            counted += 1
    raise ValueError("日历中找不到足够的工作日，请检查工作日历数据。")


def _effective_pause(p: Pause, today: date | None, cal: WorkCalendar) -> _EffectivePause:
    label = PAUSE_LABELS[p.kind]
    limit = add_workdays(cal, p.start, PAUSE_LIMITS[p.kind])
    limit_text = (
        f"答复期限为发出后 {CONSULTATION_PERIOD} 个工作日，即 {_day(limit)}"
        if p.kind != FEE
        else f"缴费期限为发出后 {FEE_PAYMENT_PERIOD} 个工作日，即 {_day(limit)}，逾期未缴纳的视为放弃申请"
    )
    if p.end is None:
        if today is None:
            raise ValueError("存在尚未结束的中止期间，计算时必须提供当天日期（today）。")
        # Decision: an open pause counts up to today (as if the answer came today), never beyond
        # its limit — so the deadline shown is never later than the one the law will give.
        end = min(next_workday_on_or_after(cal, max(today, p.start)), limit)
        state = f"尚未{PAUSE_END_LABELS[p.kind]}，暂计至 {_day(end)}"
    else:
        # Decision: an answer or payment arriving on a non-working day is taken on the next
        # working day, as for applications; nothing beyond the limit is excluded (第三十二条,
        # 第三十四条: a late answer does not stop the agency deciding).
        arrived = next_workday_on_or_after(cal, p.end)
        end = min(arrived, limit)
        state = f"{_day(p.end)} {PAUSE_END_LABELS[p.kind]}"
        if arrived > limit:
            state += f"（晚于期限，只计至期限届满之日 {_day(limit)}）"
    workdays = frozenset(
        p.start + timedelta(days=i)
        for i in range(1, (end - p.start).days + 1)
        if cal.is_workday(p.start + timedelta(days=i))
    )
    note = (
        f"{label}：{_day(p.start)} 发出，{state}；{limit_text}。"
        f"发出次日至{'今' if p.end is None else '收到'}日之间的 {len(workdays)} 个工作日"
        "不计入答复期限"
        + (
            "（按国办函〔2020〕109号处理，本系统规则，见 docs/deadlines.md）。"
            if p.kind == FEE
            else "（条例第三十三条第三款）。"
        )
    )
    return _EffectivePause(p, limit, end, workdays, note)


def _sorted(pauses: Iterable[Pause]) -> list[Pause]:
    return sorted(pauses, key=lambda p: (p.start, p.kind))


def _validate(clock: CaseClock) -> None:
    if clock.correction_requested is not None and clock.correction_requested < clock.received:
        raise ValueError("告知补正的日期早于收到申请之日。")
    if clock.corrected is not None:
        if clock.corrected < clock.received:
            raise ValueError("收到补正申请的日期早于收到申请之日。")
        if clock.correction_requested is not None and clock.corrected < clock.correction_requested:
            raise ValueError("收到补正申请的日期早于告知补正之日。")
    if not 1 <= clock.extension_days <= MAX_EXTENSION:
        # 条例 第三十三条第二款: "延长的期限最长不得超过20个工作日".
        raise ValueError("延长答复期限应为 1 至 20 个工作日（条例第三十三条第二款）。")
    if clock.correction_period < 1:
        raise ValueError("补正期限至少为 1 个工作日。")
    for p in clock.pauses:
        if p.kind not in PAUSE_KINDS:
            raise ValueError(f"未知的中止类型：{p.kind}")
        if p.start < clock.received:
            raise ValueError(f"中止期间的开始日期 {p.start.isoformat()} 早于收到申请之日。")
        if p.end is not None and p.end < p.start:
            raise ValueError(f"中止期间的结束日期 {p.end.isoformat()} 早于开始日期。")


def _day(d: date) -> str:
    return f"{d.isoformat()}（星期{_WEEKDAYS[d.weekday()]}）"


def _receipt_step(what: str, arrived: date, used: date, cal: WorkCalendar) -> str:
    if arrived == used:
        kind = "调休上班日，属于工作日" if arrived.weekday() >= 5 else "工作日"
        return f"{what}：{_day(arrived)}，为{kind}。"
    return (
        f"{what}：{_day(arrived)} 为非工作日，顺延至下一个工作日 {_day(used)} 作为{what}"
        "（本系统规则，见 docs/deadlines.md）。"
    )


def _calendar_step(years: range, cal: WorkCalendar) -> str:
    parts = [
        f"{y} 年（已载入国务院办公厅节假日安排）"
        if cal.is_official(y)
        else f"{y} 年（未载入官方安排，按周一至周五并扣除法定节假日推算，暂未计调休）"
        for y in years
    ]
    return "所用工作日历：" + "；".join(parts) + "。"
