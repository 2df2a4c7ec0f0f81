"""Batch check of the reports kept in Gongkai: every unit's report page for a year (its latest
revision), against the unit's previous-year report when there is one; units without a report
are listed too — the city office's summary before the statutory dates (条例 第四十九条)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.organisations.models import Organisation
from gongkai.reports.models import AnnualReportPage
from gongkai.reports.validation.validate import ERROR, BatchEntry, Finding, validate


def _data(page: AnnualReportPage) -> dict[str, Any]:
    draft = page.get_latest_revision_as_object()
    unit_name = page.organisation.name if page.organisation else ""
    return {"organ": unit_name, "year": draft.year, **draft.tables}


def validate_stored(year: int, units: QuerySet[Organisation] | None = None) -> list[BatchEntry]:
    pages = {
        p.organisation_id: p
        for p in AnnualReportPage.objects.filter(year=year).select_related("organisation")
    }
    previous = {
        p.organisation_id: p
        for p in AnnualReportPage.objects.filter(year=year - 1).select_related("organisation")
    }
    units = units if units is not None else Organisation.objects.filter(home_page__isnull=False)
    entries = []
    for unit in units.order_by("path"):
        page = pages.get(unit.pk)
        if page is None:
            entries.append(
                BatchEntry(
                    file="",
                    unit=unit.name,
                    status="errors",
                    errors=1,
                    first_error=f"尚未编制{year}年度报告",
                    year=year,
                    findings=[
                        Finding(
                            rule="batch.missing",
                            cells=(),
                            expected="年度报告",
                            found="无",
                            message=f"{unit.name}尚未编制{year}年度报告。",
                        )
                    ],
                )
            )
            continue
        before = previous.get(unit.pk)
        result = validate(_data(page), _data(before) if before else None)
        errors = [f for f in result.errors if f.level == ERROR]
        warnings = [f for f in result.errors if f.level != ERROR]
        entries.append(
            BatchEntry(
                file=page.url_path,
                unit=unit.name,
                status="ok" if result.ok else "errors",
                errors=len(errors),
                warnings=len(warnings),
                first_error=errors[0].message if errors else "",
                layout=result.layout,
                year=year,
                findings=errors,
            )
        )
    return entries
