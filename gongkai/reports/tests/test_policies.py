"""Who may do what with annual reports (reports/policies.py), with the right and the wrong user
of the city for each decision, and the writes that go through the figures' one service door:
permission, the one rule, an audit entry — from the service, the admin screens and the import."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.reports import policies, services
from gongkai.reports.models import ReportFigure

pytestmark = pytest.mark.django_db


def _audit(figure_pk: int, action: str) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ReportFigure),
            object_id=str(figure_pk),
            action=action,
        )
    )


# --- The policy functions -------------------------------------------------------------------------


def test_compiling_is_the_units_drafting_staffs(city: Any) -> None:
    u = city.users
    assert list(policies.compilable_units(u.editor_a)) == [city.a]
    assert policies.can_compile(u.editor_a, city.a)
    assert policies.can_compile(u.head_a, city.a)
    assert policies.can_compile(None, city.a)  # the command line
    for wrong in (u.editor_b, u.reviewer_a, u.officer_a, u.city_office, AnonymousUser()):
        assert not policies.can_compile(wrong, city.a), wrong
    assert not policies.can_compile_any(u.reviewer_a)
    assert not policies.can_compile_any(u.city_office)
    assert not policies.can_compile_any(AnonymousUser())


def test_figures_are_entered_by_drafters_and_removed_by_signers(city: Any) -> None:
    u = city.users
    assert policies.can_edit_figures(u.editor_a, city.a)
    assert not policies.can_edit_figures(u.editor_b, city.a)
    assert not policies.can_edit_figures(u.city_office, city.a)
    assert policies.can_delete_figures(u.head_a, city.a)
    assert not policies.can_delete_figures(u.editor_a, city.a)
    assert not policies.can_delete_figures(u.head_b, city.a)
    assert not policies.can_delete_figures(AnonymousUser(), city.a)


def test_the_office_sees_its_subtree_only(city: Any) -> None:
    u = city.users
    assert set(policies.overseen_units(u.city_office)) == {
        city.gov,
        city.a,
        city.b,
        city.district,
        city.district_dept,
    }
    assert set(policies.overseen_units(u.district_office)) == {city.district, city.district_dept}
    assert policies.can_oversee(u.district_office)
    assert policies.can_see_unit_report(u.city_office, city.a)
    assert policies.can_see_unit_report(u.district_office, city.district_dept)
    assert not policies.can_see_unit_report(u.district_office, city.a)
    for wrong in (u.head_a, u.editor_a, AnonymousUser()):
        assert not policies.can_oversee(wrong), wrong
        assert not policies.can_see_unit_report(wrong, city.a), wrong


# --- The services ----------------------------------------------------------------------------------


def test_figure_set_checks_permission_and_rule_and_leaves_an_audit_entry(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.figure_set(
            actor=city.users.editor_b,
            organisation=city.a,
            year=2025,
            key="licensing",
            value=3,
            source="行政审批系统",
        )
    with pytest.raises(ValidationError) as refused:
        services.figure_set(
            actor=city.users.editor_a,
            organisation=city.a,
            year=2025,
            key="licensing",
            value="-1",
            source="",
        )
    assert set(refused.value.message_dict) == {"value", "source"}
    assert not ReportFigure.objects.exists()

    figure = services.figure_set(
        actor=city.users.editor_a,
        organisation=city.a,
        year=2025,
        key="fees",
        value="12.35",
        source="财政非税收入系统",
    )
    assert (figure.value, figure.entered_by) == (Decimal("12.35"), city.users.editor_a)
    assert len(_audit(figure.pk, "wagtail.create")) == 1


def test_report_draft_refuses_another_units_staff(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.report_draft(actor=city.users.editor_b, organisation=city.a, year=2025)
    with pytest.raises(PermissionDenied):
        services.report_draft(actor=city.users.city_office, organisation=city.a, year=2025)


def test_figure_delete_is_for_signers_and_is_audited(city: Any) -> None:
    figure = services.figure_set(
        actor=city.users.editor_a,
        organisation=city.a,
        year=2025,
        key="penalty",
        value=4,
        source="执法系统",
    )
    with pytest.raises(PermissionDenied):
        services.figure_delete(actor=city.users.editor_a, figure=figure)
    with pytest.raises(PermissionDenied):
        services.figure_delete(actor=city.users.head_b, figure=figure)
    assert ReportFigure.objects.filter(pk=figure.pk).exists()

    services.figure_delete(actor=city.users.head_a, figure=figure)
    assert not ReportFigure.objects.filter(pk=figure.pk).exists()
    assert len(_audit(figure.pk, "wagtail.delete")) == 1


# --- The admin screens and the import go through the services ---------------------------------


def test_the_figures_admin_saves_and_deletes_through_the_service(city: Any) -> None:
    client = Client()
    client.force_login(city.users.head_a)
    form = {
        "organisation": city.a.pk,
        "year": 2025,
        "key": "licensing",
        "value": "1204",
        "source": "行政审批系统",
    }
    assert client.post("/admin/report-figures/new/", form).status_code == 302
    figure = ReportFigure.objects.get(organisation=city.a, key="licensing")
    assert figure.entered_by == city.users.head_a
    assert len(_audit(figure.pk, "wagtail.create")) == 1

    bad = client.post(f"/admin/report-figures/edit/{figure.pk}/", {**form, "value": "2.5"})
    assert bad.status_code == 200
    assert "处理决定数量应为整数" in bad.content.decode()
    assert (
        client.post(
            f"/admin/report-figures/edit/{figure.pk}/", {**form, "value": "1300"}
        ).status_code
        == 302
    )
    figure.refresh_from_db()
    assert figure.value == 1300
    assert len(_audit(figure.pk, "wagtail.edit")) == 1

    assert client.post(f"/admin/report-figures/delete/{figure.pk}/").status_code == 302
    assert not ReportFigure.objects.filter(pk=figure.pk).exists()
    assert len(_audit(figure.pk, "wagtail.delete")) == 1


def test_the_figures_copy_screen_saves_a_new_figure_through_the_service(city: Any) -> None:
    figure = services.figure_set(
        actor=city.users.head_a,
        organisation=city.a,
        year=2025,
        key="licensing",
        value=1204,
        source="行政审批系统",
    )
    client = Client()
    client.force_login(city.users.head_a)
    url = f"/admin/report-figures/copy/{figure.pk}/"
    assert client.get(url).status_code == 200
    form = {
        "organisation": city.a.pk,
        "year": 2025,
        "key": "licensing",
        "value": "1300",
        "source": "行政审批系统",
    }
    # The same item, unit and year: that item's figure is replaced, as on the add screen.
    assert client.post(url, form).status_code == 302
    figure.refresh_from_db()
    assert figure.value == 1300
    assert len(_audit(figure.pk, "wagtail.edit")) == 1
    assert client.post(url, {**form, "year": 2026}).status_code == 302
    copy = ReportFigure.objects.get(organisation=city.a, key="licensing", year=2026)
    assert copy.value == 1300 and copy.entered_by == city.users.head_a
    assert len(_audit(copy.pk, "wagtail.create")) == 1


def test_another_units_figure_is_missing_in_the_admin(city: Any) -> None:
    figure = services.figure_set(
        actor=city.users.editor_a,
        organisation=city.a,
        year=2025,
        key="coercion",
        value=1,
        source="执法系统",
    )
    client = Client()
    client.force_login(city.users.head_b)
    for url in (f"/admin/report-figures/edit/{figure.pk}/", "/admin/report-figures/edit/999999/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/admin/report-figures/delete/{figure.pk}/").status_code == 404
    assert ReportFigure.objects.filter(pk=figure.pk).exists()


def test_the_import_enters_figures_through_the_service_with_audit(
    city: Any, tmp_path: Path
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "organ,year,key,value,source\n"
        f'{city.a.name},2025,行政许可,"1,204",行政审批系统\n'
        f"{city.b.name},2025,fees,12.35,财政非税收入系统\n",
        encoding="utf-8",
    )
    call_command("report", "figures", str(path), stdout=StringIO())
    figures = {f.organisation_id: f for f in ReportFigure.objects.all()}
    assert figures[city.a.pk].value == 1204
    assert figures[city.b.pk].value == Decimal("12.35")
    for figure in figures.values():
        assert figure.entered_by is None  # the command line
        assert len(_audit(figure.pk, "wagtail.create")) == 1


def test_the_office_answers_a_unit_outside_its_subtree_as_missing(city: Any) -> None:
    client = Client()
    client.force_login(city.users.district_office)
    outside = client.get(f"/admin/reports/oversight/{city.a.pk}/")
    missing = client.get("/admin/reports/oversight/999999/")
    assert outside.status_code == missing.status_code == 404
    assert client.get(f"/admin/reports/oversight/{city.district_dept.pk}/").status_code == 200


def test_report_refresh_is_the_compilers(city: Any) -> None:
    page = services.report_draft(actor=city.users.editor_a, organisation=city.a, year=2025)
    revisions = page.revisions.count()
    with pytest.raises(PermissionDenied):
        services.report_refresh(actor=city.users.editor_b, page=page)
    assert page.revisions.count() == revisions

    draft = services.report_refresh(actor=city.users.editor_a, page=page)
    assert page.revisions.count() == revisions + 1
    assert draft.computed_at is not None
