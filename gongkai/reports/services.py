"""Writes of the reports app: drafting and refreshing a unit's annual report page, and the
figures of table 二 that other systems hold. Each write checks its permission in
reports/policies.py, runs in one transaction and leaves an entry in Wagtail's audit log (page
revisions for the report page, ``wagtail.create``/``edit``/``delete`` for a figure).

The reads (the tables computed now, the pre-filled sections) are in compute.py; the renderings
in export/; the HTTP side of a download in downloads.py."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.core.types import User
from gongkai.library.models import ColumnType
from gongkai.library.services import column_of
from gongkai.organisations.models import Organisation
from gongkai.reports import compute, policies
from gongkai.reports.models import AnnualReportPage, FigureKey, ReportFigure

# --- The report page -------------------------------------------------------------------------------


@transaction.atomic
def report_draft(
    *, actor: User | None, organisation: Organisation, year: int, subtree: bool = False
) -> AnnualReportPage:
    """A draft report page in the unit's 公开年报 column with the tables computed now and the
    sections pre-filled; submitted for review like any unit content (条例 第四十九条, 第五十条:
    the annual report, published by 31 January)."""
    if not policies.can_compile(actor, organisation):
        raise PermissionDenied(_("您不能为该单位编制年度报告。"))
    if year > timezone.localdate().year:
        raise ValidationError(_("不能编制未来年度的报告。"))
    column = column_of(organisation, ColumnType.ANNUAL_REPORT)
    if AnnualReportPage.objects.child_of(column).filter(year=year).exists():
        raise ValidationError(_("%(y)s年的年度报告已存在，请在其上更新。") % {"y": year})
    tables, charts = compute.frozen_tables(organisation, year, subtree=subtree)
    page = AnnualReportPage(
        title=f"{organisation.name}{year}年政府信息公开工作年度报告",
        slug=f"{year}",
        year=year,
        subtree=subtree,
        live=False,
        owner=_user(actor),
        **compute.prefilled_sections(organisation, year, tables["三"], subtree=subtree),
    )
    _freeze(page, tables, charts)
    column.add_child(instance=page)
    page.save_revision(user=_user(actor), log_action=True)
    return page


@transaction.atomic
def report_refresh(*, actor: User | None, page: AnnualReportPage) -> AnnualReportPage:
    """Recompute the tables into a new draft revision (e.g. after late cases were closed)."""
    organisation = page.organisation
    if organisation is None or not policies.can_compile(actor, organisation):
        raise PermissionDenied(_("您不能为该单位编制年度报告。"))
    draft = page.get_latest_revision_as_object()
    _freeze(draft, *compute.frozen_tables(organisation, draft.year, subtree=draft.subtree))
    draft.save_revision(user=_user(actor), log_action=True)
    return draft


def _user(actor: User | None) -> AuthUser | None:
    """The signed-in person behind ``actor`` (None for the command line)."""
    return actor if isinstance(actor, AuthUser) else None


def _freeze(page: AnnualReportPage, tables: dict[str, object], charts: dict[str, object]) -> None:
    page.tables, page.charts, page.computed_at = tables, charts, timezone.now()


# --- Figures other systems hold (table 二) ---------------------------------------------------------


def check_figure(*, key: str, value: object, source: str) -> Decimal:
    """The rule of a table-二 figure, in one place (the admin form, the import and figure_set
    call it): a known item, a number that is not negative, a whole number of decisions (条例
    第二十条第（五）（六）项: 处理决定数量) — the fees of 第二十条第（八）项 are 万元 and may have
    decimals — and the system it comes from. Raises ValidationError keyed by field."""
    errors: dict[str, str] = {}
    if key not in FigureKey.values:
        errors["key"] = _("未知的年报数据项：%(k)s") % {"k": key}
    number: Decimal | None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        errors["value"] = _("数值不正确：%(v)s") % {"v": value}
    elif number < 0:
        errors["value"] = _("数值不能为负。")
    elif key != FigureKey.FEES and number != number.to_integral_value():
        errors["value"] = _("处理决定数量应为整数。")
    if not source.strip():
        errors["source"] = _("请注明数据来源（如：行政审批系统年度统计）。")
    if errors or number is None:
        raise ValidationError(errors)
    return number


@transaction.atomic
def figure_set(
    *,
    actor: User | None,
    organisation: Organisation,
    year: int,
    key: str,
    value: Decimal | int | float | str,
    source: str,
    figure: ReportFigure | None = None,
) -> ReportFigure:
    """Enter a figure of ``organisation``'s table 二 for ``year``: the one of that item is
    replaced, or, with ``figure``, that stored record is changed (the admin's edit screen).
    ``actor=None``: the command line's import."""
    if not policies.can_edit_figures(actor, organisation):
        raise PermissionDenied(_("您不能为该单位录入年报数据。"))
    number = check_figure(key=key, value=value, source=source)
    entered_by = _user(actor)
    if figure is not None:
        figure = ReportFigure.objects.select_for_update().get(pk=figure.pk)
        if not policies.can_edit_figures(actor, figure.organisation):
            raise PermissionDenied(_("您不能为该单位录入年报数据。"))
        figure.organisation, figure.year, figure.key = organisation, year, key
        figure.value, figure.source, figure.entered_by = number, source.strip(), entered_by
        figure.save()
        created = False
    else:
        figure, created = ReportFigure.objects.update_or_create(
            organisation=organisation,
            year=year,
            key=key,
            defaults={"value": number, "source": source.strip(), "entered_by": entered_by},
        )
    log(instance=figure, action="wagtail.create" if created else "wagtail.edit", user=entered_by)
    return figure


@transaction.atomic
def figure_delete(*, actor: User | None, figure: ReportFigure) -> None:
    """Remove an entered figure (signing off, Capability.PUBLISH)."""
    figure = ReportFigure.objects.select_for_update().get(pk=figure.pk)
    if not policies.can_delete_figures(actor, figure.organisation):
        raise PermissionDenied(_("您不能删除该单位的年报数据。"))
    log(instance=figure, action="wagtail.delete", user=_user(actor))
    figure.delete()
