"""Writes of the reports app: drafting and refreshing a unit's annual report page, the figures
other systems hold, and the downloads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.organisations.policies import Capability, has_capability
from gongkai.reports import compute, labels
from gongkai.reports.models import AnnualReportPage, FigureKey, ReportFigure

FORMATS = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(document: Any, fmt: str) -> bytes:
    from gongkai.reports import export

    if fmt == "json":
        return export.to_json(document).encode()
    if fmt == "html":
        return export.to_html(document).encode()
    if fmt == "docx":
        return export.to_docx(document)
    if fmt == "pdf":
        return export.to_pdf(document)
    if fmt == "xlsx":
        return export.to_xlsx(document)
    raise ValueError(fmt)


def download_response(document: Any, fmt: str, name: str) -> HttpResponse:
    from django.http import Http404

    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(render(document, fmt), content_type=FORMATS[fmt])
    if fmt != "html":
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response


def computed_document(organ: Any, year: int, *, subtree: bool = False) -> Any:
    """The unit's report for ``year`` computed from Gongkai's records now, with the text
    sections pre-filled (what ``gongkai report annual`` and the office's 编制年度报告 screen
    render; nothing is saved)."""
    from gongkai.reports.export import ReportDocument
    from gongkai.reports.labels import SECTIONS

    data = compute.compute(organ, year, subtree=subtree)
    texts = prefilled_sections(organ, year, data["三"], subtree=subtree)
    return ReportDocument(
        organ=organ.name,
        year=year,
        tables={key: data[key] for key in ("二", "三", "四")},
        sections=dict(zip(SECTIONS, [texts[f"section_{n}"] for n in range(1, 7)], strict=True)),
        charts=compute.charts(organ, year, subtree=subtree),
    )


# --- Facts for the text sections ----------------------------------------------------------------


def facts(organ: Any, year: int, t3: dict[str, Any], *, subtree: bool = False) -> dict[str, Any]:
    """What Gongkai knows of the year, for pre-filling sections 一 and 六 (``t3``: the report's
    table 三, already computed)."""
    from gongkai.applications.models import Application
    from gongkai.library.models import InterpretationPage, PolicyDocumentPage

    ids = compute.unit_ids(organ, subtree)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    policies = PolicyDocumentPage.objects.live().filter(
        organisation_id__in=ids, published_on__gte=start, published_on__lte=end
    )
    major = policies.filter(is_major=True)
    # The honest rate (library.selectors.interpretation_rates): a substantive interpretation
    # released within 3 working days (三同步); excerpt-like ones do not count.
    from gongkai.library.selectors import interpretation_rates
    from gongkai.organisations.models import Organisation

    interpreted = sum(
        r.interpreted
        for r in interpretation_rates(
            None, year=year, units=Organisation.objects.filter(pk__in=ids)
        )
    )
    fees = Application.objects.filter(
        organisation_id__in=ids, fee_paid_on__gte=start, fee_paid_on__lte=end
    ).aggregate(total=Sum("fee_amount"))["total"] or Decimal(0)
    return {
        "policies": policies.count(),
        "interpretations": InterpretationPage.objects.live()
        .filter(organisation_id__in=ids, published_on__gte=start, published_on__lte=end)
        .count(),
        "major": major.count(),
        "major_interpreted": interpreted,
        "new": t3[labels.NEW][labels.TOTAL],
        "carried_in": t3[labels.CARRIED_IN][labels.TOTAL],
        "answered": t3[labels.RESULTS][labels.RESULTS_TOTAL][labels.TOTAL],
        "carried_out": t3[labels.CARRIED_OUT][labels.TOTAL],
        "fees": fees,
    }


def prefilled_sections(
    organ: Any, year: int, t3: dict[str, Any], *, subtree: bool = False
) -> dict[str, str]:
    f = facts(organ, year, t3, subtree=subtree)
    rate = (
        f"，重大政策解读率{round(100 * f['major_interpreted'] / f['major'])}%" if f["major"] else ""
    )
    section_1 = (
        f"（一）主动公开\n\n{year}年，{organ.name}主动公开政策文件{f['policies']}件，"
        f"发布政策解读{f['interpretations']}篇；重大政策{f['major']}件，"
        f"其中{f['major_interpreted']}件在3个工作日内同步发布了实质性解读{rate}。\n\n"
        f"（二）依申请公开\n\n本年新收政府信息公开申请{f['new']}件，上年结转{f['carried_in']}件，"
        f"本年办结{f['answered']}件，结转下年度继续办理{f['carried_out']}件。\n\n"
        "（三）政府信息管理\n\n（请填写）\n\n（四）政府信息公开平台建设\n\n（请填写）\n\n"
        "（五）监督保障\n\n（请填写）"
    )
    fee_text = (
        f"依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费共计{f['fees']}元。"
        if f["fees"]
        else "本年度未收取信息处理费。"
    )
    return {
        "section_1": section_1,
        "section_2": "",
        "section_3": "",
        "section_4": "",
        "section_5": "（请填写存在的主要问题及改进情况。）",
        "section_6": f"{fee_text}\n\n本年度政务公开工作要点落实情况：（请填写）",
    }


# --- The report page -------------------------------------------------------------------------------


def _require(user: Any, organ: Any, capability: Capability) -> None:
    if user is not None and not has_capability(user, organ, capability):
        raise PermissionDenied(_("您不能为该单位编制年度报告。"))


@transaction.atomic
def report_draft(organ: Any, year: int, *, actor: Any, subtree: bool = False) -> AnnualReportPage:
    """A draft report page in the unit's 公开年报 column with the tables computed now and the
    sections pre-filled; submitted for review like any unit content."""
    from gongkai.library.models import ColumnType
    from gongkai.library.services import column_of

    _require(actor, organ, Capability.DRAFT)
    if year > timezone.localdate().year:
        raise ValidationError(_("不能编制未来年度的报告。"))
    column = column_of(organ, ColumnType.ANNUAL_REPORT)
    if AnnualReportPage.objects.child_of(column).filter(year=year).exists():
        raise ValidationError(_("%(y)s年的年度报告已存在，请在其上更新。") % {"y": year})
    tables, charts = _computed(organ, year, subtree)
    page = AnnualReportPage(
        title=f"{organ.name}{year}年政府信息公开工作年度报告",
        slug=f"{year}",
        year=year,
        subtree=subtree,
        live=False,
        owner=actor,
        **prefilled_sections(organ, year, tables["三"], subtree=subtree),
    )
    _freeze(page, tables, charts)
    column.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    return page


def _computed(organ: Any, year: int, subtree: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    data = compute.compute(organ, year, subtree=subtree)
    tables = {key: data[key] for key in ("二", "三", "四")}
    return tables, compute.charts(organ, year, subtree=subtree)


def _freeze(page: AnnualReportPage, tables: dict[str, Any], charts: dict[str, Any]) -> None:
    page.tables, page.charts, page.computed_at = tables, charts, timezone.now()


@transaction.atomic
def report_refresh(page: AnnualReportPage, *, actor: Any) -> AnnualReportPage:
    """Recompute the tables into a new draft revision (e.g. after late cases were closed)."""
    organ = page.organisation
    _require(actor, organ, Capability.DRAFT)
    draft = page.get_latest_revision_as_object()
    _freeze(draft, *_computed(organ, draft.year, draft.subtree))
    draft.save_revision(user=actor, log_action=True)
    return draft


@transaction.atomic
def figure_set(
    organ: Any, year: int, key: str, value: Any, *, source: str, actor: Any
) -> ReportFigure:
    _require(actor, organ, Capability.DRAFT)
    if key not in FigureKey.values:
        raise ValidationError(_("未知的年报数据项：%(k)s") % {"k": key})
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(_("数值不正确：%(v)s") % {"v": value}) from None
    if number < 0 or (key != FigureKey.FEES and number != number.to_integral_value()):
        raise ValidationError(_("“%(k)s”应为非负整数。") % {"k": FigureKey(key).label})
    if not source.strip():
        raise ValidationError(_("请注明数据来源（如：行政审批系统年度统计）。"))
    figure, _created = ReportFigure.objects.update_or_create(
        organisation=organ,
        year=year,
        key=key,
        defaults={"value": number, "source": source.strip(), "entered_by": actor},
    )
    return figure
