"""What the applicant sees (reads only): the units one can apply to, grouped by level; the outcome
of a reply in plain words; whether disclosed files come with the reply.

The outcome labels of outcomes.py are the rows of table 三 of the annual report (国办公开办函〔2021〕
30号), with the report's counting notes (“区分处理的，只计这一情形…”): those are for the report, not
for the applicant, who gets the sentences below.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.organisations.models import Organisation, OrganisationKind

if TYPE_CHECKING:
    from gongkai.applications.models import Application

K = OrganisationKind


@dataclass
class UnitGroup:
    key: str
    label: str
    units: list[Organisation] = field(default_factory=list)


GROUPS: tuple[tuple[str, str], ...] = (
    ("city", "市级机关"),
    ("district", "县（区）人民政府及其部门"),
    ("township", "乡镇、街道"),
    ("institution", "公共企事业单位"),
)


def accepting_units() -> QuerySet[Organisation]:
    """The units that take applications online: those with a site of their own."""
    units: QuerySet[Organisation] = Organisation.objects.filter(
        home_page__isnull=False, is_active=True
    ).order_by("path")
    return units


def _level(unit: Organisation) -> str:
    if unit.kind in (K.TOWNSHIP, K.STREET):
        return "township"
    if unit.kind == K.INSTITUTION:
        return "institution"
    # The root government and the units directly under it are the city's; a government below
    # the root (a county or district) and the units under it are the district's.
    if unit.depth <= 1 or (unit.depth == 2 and unit.kind != K.GOVERNMENT):
        return "city"
    return "district"


def grouped_units(units: Iterable[Organisation] | None = None) -> list[UnitGroup]:
    """The units in the groups of GROUPS, tree order inside each; empty groups left out."""
    groups = {key: UnitGroup(key, _(label)) for key, label in GROUPS}
    for unit in accepting_units() if units is None else units:
        groups[_level(unit)].units.append(unit)
    return [g for g in groups.values() if g.units]


# --- Outcomes in plain words ----------------------------------------------------------------------

PLAIN_GROUPS: dict[str, str] = {
    "disclosed": "予以公开：您申请的政府信息可以公开。",
    "partial": "部分公开：您申请的信息中可以公开的部分予以公开，不能公开的部分及理由见答复告知书。",
    "refused": "不予公开：您申请的信息依法不能公开，理由和法律依据见答复告知书。",
    "unavailable": "无法提供：本机关无法提供您申请的信息，原因见答复告知书。",
    "not_processed": "不予处理：本机关对您的申请不作处理，原因见答复告知书。",
    "other": "其他处理：原因见答复告知书。",
}


def outcome_text(case: Application) -> str:
    """The outcome of a replied case in one or two plain sentences; "" before a reply."""
    info = case.outcome_info
    if info is None:
        return ""
    head = info.code.split(".", 1)[0]
    text = _(PLAIN_GROUPS.get(head, PLAIN_GROUPS["other"]))
    if info.item:
        reason = info.item.split(".", 1)[-1]
        text += _("（%(reason)s）") % {"reason": reason}
    return text
