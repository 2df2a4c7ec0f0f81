"""Error reports are handled and deleted in the admin only through portal.services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.portal import services
from gongkai.portal.models import ErrorCategory, ErrorReport, ErrorReportStatus

pytestmark = pytest.mark.django_db


def _report(unit: Any) -> ErrorReport:
    return ErrorReport.objects.create(
        organisation=unit,
        category=ErrorCategory.WORDING,
        description="第二段“攻府”应为“政府”。",
        page_url="/zcwjk/",
    )


def _logged(pk: int, action: str, user: Any) -> bool:
    return ModelLogEntry.objects.filter(
        content_type__model="errorreport", object_id=str(pk), action=action, user=user
    ).exists()


def test_unit_staff_handle_and_the_head_deletes_with_audit_entries(city: Any) -> None:
    report = _report(city.a)

    services.error_report_handle(
        actor=city.users.editor_a, report=report, status=ErrorReportStatus.DONE, note="已更正。"
    )
    stored = ErrorReport.objects.get(pk=report.pk)
    assert (stored.status, stored.note) == (ErrorReportStatus.DONE, "已更正。")
    assert _logged(report.pk, "wagtail.edit", city.users.editor_a)

    pk = report.pk
    services.error_report_delete(actor=city.users.head_a, report=report)
    assert not ErrorReport.objects.filter(pk=pk).exists()
    assert _logged(pk, "wagtail.delete", city.users.head_a)


def test_others_are_refused(city: Any) -> None:
    report, site_report = _report(city.a), _report(None)

    with pytest.raises(PermissionDenied):  # another unit
        services.error_report_handle(
            actor=city.users.head_b, report=report, status=ErrorReportStatus.DONE, note=""
        )
    with pytest.raises(PermissionDenied):  # an editor does not delete (MANAGE_UNIT)
        services.error_report_delete(actor=city.users.editor_a, report=report)
    with pytest.raises(PermissionDenied):  # the site's own pages are the city office's
        services.error_report_handle(
            actor=city.users.district_office,
            report=site_report,
            status=ErrorReportStatus.DONE,
            note="",
        )
    services.error_report_delete(actor=city.users.city_office, report=site_report)
    assert ErrorReport.objects.get(pk=report.pk).status == ErrorReportStatus.NEW


def test_the_admin_screens_save_through_the_service(client: Client, city: Any) -> None:
    report = _report(city.a)
    client.force_login(city.users.head_a)

    response = client.post(
        f"/admin/error_reports/edit/{report.pk}/",
        {"status": ErrorReportStatus.DONE, "note": "已更正。"},
    )

    assert response.status_code == 302
    assert _logged(report.pk, "wagtail.edit", city.users.head_a)
    assert client.post(f"/admin/error_reports/delete/{report.pk}/").status_code == 302
    assert _logged(report.pk, "wagtail.delete", city.users.head_a)
    assert client.get(f"/admin/error_reports/copy/{report.pk}/").status_code in (302, 403, 404)
