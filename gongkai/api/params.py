"""Filter values of the open API: what a client may write, resolved to what the search takes.

Each function takes the raw value and returns the resolved one, or raises a 400 ``ApiError``
naming the parameter.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Q

from gongkai.api.errors import bad_parameter
from gongkai.events.models import EventKind, EventStatus
from gongkai.library.models import DocType, Topic
from gongkai.library.validity import Validity
from gongkai.mailbox.models import Channel as LetterChannel
from gongkai.organisations.models import Organisation
from gongkai.participation.models import ConsultationKind, ConsultationStatus

Choices = (
    type[DocType]
    | type[Validity]
    | type[ConsultationKind]
    | type[ConsultationStatus]
    | type[EventKind]
    | type[EventStatus]
    | type[LetterChannel]
)

# Largest value of a 64-bit database key: anything bigger cannot name a row.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")
# 主题分类 labels are written 一级\二级; / and the full-width backslash are accepted too.
_TOPIC_SEPARATOR = re.compile(r"\s*[\\/＼]\s*")


def is_id(number: int) -> bool:
    """Whether the number can be a database id at all (positive, within 64 bits)."""
    return 0 < number <= MAX_ID


def as_id(value: str) -> int | None:
    """The value as a database id, or None if it is not one (not ASCII digits, or too big)."""
    if not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if is_id(number) else None


def unit_id(value: str, *, role: str = "发文机关") -> int:
    """An issuing unit by slug, 统一社会信用代码, 机构代码, id or full name → its id. ``role``
    names the unit in the error (发文机关, 征求意见单位)."""
    value = value.strip()
    code = value.upper()
    condition = Q(slug=value) | Q(credit_code=code) | Q(org_code=code) | Q(name=value)
    number = as_id(value)
    if number is not None:
        condition |= Q(pk=number)
    candidates = list(
        Organisation.objects.filter(condition).only("pk", "slug", "name", "credit_code", "org_code")
    )
    # A value that is both a code and an id is the code: codes are what clients copy.
    for matches in (
        lambda o: o.slug == value,
        lambda o: o.credit_code == code,
        lambda o: o.org_code == code,
        lambda o: o.name == value,
        lambda o: o.pk == number,
    ):
        for candidate in candidates:
            if matches(candidate):
                return candidate.pk
    raise bad_parameter(
        "organ",
        f"未找到{role}“{value}”：可使用单位的网址标识、统一社会信用代码、机构代码或编号。",
    )


def topic(value: str) -> int:
    """A 主题分类 by id or label (一级, 一级\\二级, or a second-level name found once) → its id."""
    value = value.strip()
    number = as_id(value)
    if number is not None:
        found = Topic.objects.filter(pk=number).values_list("pk", flat=True).first()
        if found is not None:
            return found
    parts = [p for p in _TOPIC_SEPARATOR.split(value) if p]
    if len(parts) == 1:
        first = Topic.objects.filter(parent__isnull=True, name=parts[0]).values_list(
            "pk", flat=True
        )
        if first:
            return first[0]
        second = list(
            Topic.objects.filter(
                parent__parent__isnull=True, parent__isnull=False, name=parts[0]
            ).values_list("pk", flat=True)[:2]
        )
        if len(second) == 1:
            return second[0]
        if len(second) > 1:
            raise bad_parameter("topic", f"主题分类“{value}”不唯一，请写作“一级分类\\二级分类”。")
    elif len(parts) == 2:
        found = (
            Topic.objects.filter(parent__parent__isnull=True, parent__name=parts[0], name=parts[1])
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            return found
    raise bad_parameter(
        "topic", f"未找到主题分类“{value}”：可使用分类编号或名称，如“卫生、体育\\医药管理”。"
    )


def choice_values(choices: Choices) -> list[str]:
    """Every value a client may write for a choice: its codes, then its Chinese labels. The
    OpenAPI document lists exactly these (an enum), and nothing else is accepted."""
    return [str(c.value) for c in choices] + [str(c.label) for c in choices]


def _choice(parameter: str, value: str, choices: Choices) -> str:
    for choice in choices:
        if value in (choice.value, str(choice.label)):
            return str(choice.value)
    allowed = "、".join(f"{c.value}（{c.label}）" for c in choices)
    raise bad_parameter(parameter, f"{parameter} 的值“{value}”无效，可用的值：{allowed}。")


def doc_type(value: str) -> str:
    """文种: rule/normative/other or 规章/行政规范性文件/其他文件."""
    return _choice("doc_type", value, DocType)


def validity(value: str) -> str:
    """有效性: valid/expired/abolished or 有效/失效/废止."""
    return _choice("validity", value, Validity)


def consultation_status(value: str) -> str:
    """意见征集状态: forthcoming/open/closed/result or 即将开始/征集中/已结束/已公布采纳情况."""
    return _choice("status", value, ConsultationStatus)


def consultation_kind(value: str) -> str:
    """征求意见类别: regulation/normative/major-decision/other or their labels."""
    return _choice("kind", value, ConsultationKind)


def event_kind(value: str) -> str:
    """在线访谈类别: interview/press_conference/briefing or their labels (issue 15)."""
    return _choice("kind", value, EventKind)


def event_status(value: str) -> str:
    """在线访谈状态: upcoming/live/ended or 预告/直播中/已结束 (issue 15)."""
    return _choice("status", value, EventStatus)


def date_param(parameter: str, value: str) -> dt.date | None:
    """A YYYY-MM-DD date, None when empty; an impossible date is a 400."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(
            parameter, f"{parameter} 的值“{value}”不是有效日期（YYYY-MM-DD）。"
        ) from None


def letter_channel(value: str) -> str:
    """来信渠道: leader/consult/complaint or 领导信箱/网上咨询/投诉建议."""
    return _choice("channel", value, LetterChannel)


def check_page(page: int, *, count: int, page_size: int) -> None:
    """A page beyond the last is an error (unless there is nothing at all to list)."""
    last = max(1, -(-count // page_size))
    if count and page > last:
        raise bad_parameter(
            "page", f"页码 {page} 超出范围：共 {count} 条，每页 {page_size} 条，共 {last} 页。"
        )
