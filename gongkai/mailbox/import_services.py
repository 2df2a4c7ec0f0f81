"""Migration of an old system's letters: ``gongkai mailbox import FILE.csv`` (docs/interaction-mailbox-stats.md).

The file (UTF-8 or GB18030, a header line) has the columns ``number, unit, channel, received_at,
answered_at, status`` and optionally ``subject, body, name``. Every row is checked first
(``parse_letters``); a file with any bad row is refused as a whole with every problem and its
line number in Chinese, and nothing is written. The checked rows are then written in one
transaction (``letters_import``): all or none.

Numbering: an imported letter keeps the old system's number as its ``number`` (refused when a
letter with that number exists, or when the file repeats it). Its ``year`` is the year of receipt
and its ``serial`` is taken from the same gapless counter as new letters (core.sequences, scope
"mailbox", key "all" — intake_services.letter_submit), in order of receipt: (year, serial) can
never collide with a letter written on the website, and the counter stays gapless over all the
letters of a year, imported ones included (a serial the new numbering skipped belongs to an
imported letter). ``due_on`` is computed as for a new letter (periods.due_on, on the calendar),
so the statistics judge old letters by the same rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from gongkai.core.sequences import sequence_next_value
from gongkai.core.types import User
from gongkai.mailbox import periods, stats_policies
from gongkai.mailbox.models import OPEN_STATUSES, Channel, Letter, LetterStatus
from gongkai.organisations.models import Organisation
from gongkai.organisations.selectors import find_organisation
from gongkai.workdays.calendar import DatabaseCalendar

# Audit action (registered in stats_hooks).
LETTER_IMPORT = "gongkai.letter_import"

# The counter of letter numbers (the same as intake_services.letter_submit's).
SEQUENCE_SCOPE = "mailbox"
SEQUENCE_KEY = "all"

REQUIRED_COLUMNS = ["number", "unit", "channel", "received_at", "answered_at", "status"]
OPTIONAL_COLUMNS = ["subject", "body", "name"]
MAX_NUMBER_CHARS = 60
DEFAULT_SUBJECT = "（原系统来信）"
DEFAULT_BODY = "（原系统迁移的来信，无正文）"
DEFAULT_NAME = "（原系统迁移）"

# Status: our codes, our labels and the words old systems commonly use.
STATUS_WORDS: dict[str, str] = {
    **{value: value for value in LetterStatus.values},
    **{str(label): value for value, label in LetterStatus.choices},
    "已办结": LetterStatus.ANSWERED,
    "已回复": LetterStatus.ANSWERED,
    "办结": LetterStatus.ANSWERED,
    "未分办": LetterStatus.RECEIVED,
    "待处理": LetterStatus.RECEIVED,
    "处理中": LetterStatus.ASSIGNED,
    "审核中": LetterStatus.IN_REVIEW,
    "无效": LetterStatus.INVALID,
}
CHANNEL_WORDS: dict[str, str] = {
    **{value: value for value in Channel.values},
    **{str(label): value for value, label in Channel.choices},
    "咨询": Channel.CONSULT,
    "投诉": Channel.COMPLAINT,
    "建议": Channel.COMPLAINT,
}


class ImportRejected(Exception):
    """The file was refused; ``problems`` are the Chinese messages, each with its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportedLetter:
    """One checked row of the file."""

    line: int
    number: str
    unit: Organisation | None
    channel: str
    received_at: dt.datetime
    answered_at: dt.datetime | None
    status: str
    subject: str
    body: str
    name: str


@dataclass
class ImportSummary:
    created: int = 0
    answered: int = 0
    open: int = 0
    invalid: int = 0


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected(["无法识别文件编码（请使用 UTF-8 或 GB18030）。"])


def _moment(value: str) -> dt.datetime | None:
    """``YYYY-MM-DD`` (midnight) or ``YYYY-MM-DD HH:MM[:SS]`` (``/`` also accepted), local time."""
    text = value.strip().replace("/", "-").replace("T", " ")
    try:
        if len(text) <= 10:
            moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@dataclass
class _Checker:
    """What the rows of one file share while they are checked."""

    today: dt.date
    problems: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    units: dict[str, Organisation | None] = field(default_factory=dict)

    def number(self, where: str, line: int, number: str) -> None:
        if not number:
            self.problems.append(f"{where}：缺少信件编号（number）。")
        elif len(number) > MAX_NUMBER_CHARS:
            self.problems.append(
                f"{where}：信件编号“{number[:20]}…”超过 {MAX_NUMBER_CHARS} 个字符。"
            )
        elif number in self.seen:
            self.problems.append(f"{where}：信件编号“{number}”与第{self.seen[number]}行重复。")
        elif Letter.objects.filter(number=number).exists():
            self.problems.append(f"{where}：信件编号“{number}”已存在，不能重复导入。")
        self.seen.setdefault(number, line)

    def status_and_unit(
        self, where: str, row: dict[str, str]
    ) -> tuple[str | None, Organisation | None, str | None]:
        status = STATUS_WORDS.get(row["status"])
        if status is None:
            labels = "、".join(str(label) for label in LetterStatus.labels)
            self.problems.append(f"{where}：状态“{row['status']}”无法识别（应为 {labels} 之一）。")
        key = row["unit"]
        if key not in self.units:
            self.units[key] = find_organisation(key) if key else None
        unit = self.units[key]
        if key and unit is None:
            self.problems.append(f"{where}：找不到单位“{key}”（写单位的网址标识或全称）。")
        elif not key and status != LetterStatus.RECEIVED:
            self.problems.append(f"{where}：缺少承办单位（unit；只有“待分办”的来信可以不填）。")
        channel = CHANNEL_WORDS.get(row["channel"])
        if channel is None:
            labels = "、".join(str(label) for label in Channel.labels)
            self.problems.append(
                f"{where}：渠道“{row['channel']}”无法识别（应为 {labels} 或 {'、'.join(Channel.values)}）。"
            )
        return status, unit, channel

    def moment(self, where: str, value: str, label: str) -> dt.datetime | None:
        if not value:
            return None
        moment = _moment(value)
        if moment is None:
            self.problems.append(
                f"{where}：{label}“{value}”不是日期（YYYY-MM-DD 或 YYYY-MM-DD HH:MM）。"
            )
        elif timezone.localdate(moment) > self.today:
            self.problems.append(f"{where}：{label}晚于今天。")
        return moment

    def times(
        self, where: str, row: dict[str, str], status: str | None
    ) -> tuple[dt.datetime | None, dt.datetime | None]:
        if not row["received_at"]:
            self.problems.append(f"{where}：缺少来信时间（received_at）。")
        received_at = self.moment(where, row["received_at"], "来信时间")
        answered_at = self.moment(where, row["answered_at"], "答复时间")
        if status == LetterStatus.ANSWERED and not row["answered_at"]:
            self.problems.append(f"{where}：状态为已答复，但没有答复时间（answered_at）。")
        if status in OPEN_STATUSES and row["answered_at"]:
            self.problems.append(f"{where}：未答复的来信不应填写答复时间（或将状态改为已答复）。")
        if received_at and answered_at and answered_at < received_at:
            self.problems.append(f"{where}：答复时间早于来信时间。")
        return received_at, answered_at

    def texts(self, where: str, row: dict[str, str]) -> tuple[str, str, str]:
        subject = row.get("subject", "") or DEFAULT_SUBJECT
        if len(subject) > 100:
            self.problems.append(f"{where}：标题超过 100 个字符。")
        name = row.get("name", "") or DEFAULT_NAME
        if len(name) > 60:
            self.problems.append(f"{where}：姓名超过 60 个字符。")
        return subject, row.get("body", "") or DEFAULT_BODY, name


def parse_letters(raw: bytes, *, today: dt.date | None = None) -> list[ImportedLetter]:
    """Every row checked; ImportRejected with all problems (第N行: N is the file's line, the
    header being line 1) when any row is bad."""
    reader = csv.DictReader(io.StringIO(_decode(raw)))
    header = [(h or "").strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportRejected(
            [f"第1行：缺少列 {', '.join(missing)}（必需的列：{','.join(REQUIRED_COLUMNS)}）。"]
        )
    check = _Checker(today=today or timezone.localdate())
    rows: list[ImportedLetter] = []
    for line, raw_row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw_row.items() if k}
        where = f"第{line}行"
        before = len(check.problems)
        check.number(where, line, row["number"])
        status, unit, channel = check.status_and_unit(where, row)
        received_at, answered_at = check.times(where, row, status)
        subject, body, name = check.texts(where, row)
        if len(check.problems) == before and status and channel and received_at:
            rows.append(
                ImportedLetter(
                    line=line,
                    number=row["number"],
                    unit=unit,
                    channel=channel,
                    received_at=received_at,
                    answered_at=answered_at if status != LetterStatus.INVALID else None,
                    status=status,
                    subject=subject,
                    body=body,
                    name=name,
                )
            )
    if check.problems:
        raise ImportRejected(check.problems)
    if not rows:
        raise ImportRejected(["文件中没有来信数据。"])
    return rows


def letters_import(*, actor: User | None, rows: Sequence[ImportedLetter]) -> ImportSummary:
    """Write the checked rows, all or none, in order of receipt (each takes the next serial of
    its year), each with an audit entry naming the letter by its numbers only. ``actor`` None is
    the operator at the command line; a user must be the city's disclosure office."""
    if actor is not None and not stats_policies.can_import_letters(actor):
        raise PermissionDenied("只有市政务公开办可以迁移原系统的来信。")
    cal = DatabaseCalendar()
    summary = ImportSummary()
    with transaction.atomic():
        for row in sorted(rows, key=lambda r: (r.received_at, r.line)):
            received_on = timezone.localdate(row.received_at)
            letter = Letter(
                organisation=row.unit,
                received_by=row.unit,
                channel=row.channel,
                year=received_on.year,
                serial=sequence_next_value(
                    scope=SEQUENCE_SCOPE, key=SEQUENCE_KEY, year=received_on.year
                ),
                number=row.number,
                subject=row.subject,
                body=row.body,
                name=row.name,
                submitted_at=row.received_at,
                received_on=received_on,
                due_on=periods.due_on(row.channel, received_on, cal),
                status=row.status,
                invalid_reason="原系统标记为无效来信" if row.status == LetterStatus.INVALID else "",
                answered_at=row.answered_at,
                answered_on=timezone.localdate(row.answered_at) if row.answered_at else None,
                imported=True,
            )
            letter.save()
            log(
                instance=letter,
                action=LETTER_IMPORT,
                title=letter.number,
                user=actor if actor is not None and actor.is_authenticated else None,
                data={"number": letter.number, "year": letter.year, "serial": letter.serial},
            )
            summary.created += 1
            if row.status == LetterStatus.INVALID:
                summary.invalid += 1
            elif row.answered_at is not None:
                summary.answered += 1
            else:
                summary.open += 1
    return summary
