"""The calendar's admin screens and its import write through workdays.services: permission
(policies.can_manage_calendar), audit entries in Wagtail's log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.workdays import services
from gongkai.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def _entries(instance: Any, action: str) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(
            content_type__model=type(instance)._meta.model_name,
            object_id=str(instance.pk),
            action=action,
        )
    )


def test_the_citys_office_keeps_days_and_years_with_audit_entries(city: Any) -> None:
    office = city.users.city_office

    day = services.calendar_day_create(actor=office, date=date(2027, 2, 8), kind="holiday")
    day = services.calendar_day_update(
        actor=office, day=day, date=date(2027, 2, 9), kind="holiday", note="春节"
    )
    year = services.calendar_year_create(actor=office, year=2031, official=False)
    services.calendar_year_update(actor=office, entry=year, year=2031, official=True)

    assert CalendarDay.objects.get(pk=day.pk).source == "admin"
    assert [e.user for e in _entries(day, "wagtail.create")] == [office]
    assert [e.user for e in _entries(day, "wagtail.edit")] == [office]
    assert CalendarYear.objects.get(year=2031).official
    assert [e.user for e in _entries(year, "wagtail.edit")] == [office]
    day_pk, year_pk = day.pk, year.pk
    services.calendar_day_delete(actor=office, day=day)
    services.calendar_year_delete(actor=office, entry=year)
    assert not CalendarDay.objects.filter(pk=day_pk).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(year_pk), action="wagtail.delete", user=office
    ).exists()


@pytest.mark.parametrize("username", ["district_office", "head_a", "editor_a"])
def test_others_are_refused(city: Any, username: str) -> None:
    user = getattr(city.users, username)
    day = CalendarDay.objects.create(date=date(2027, 2, 8), kind="holiday")

    with pytest.raises(PermissionDenied):
        services.calendar_day_create(actor=user, date=date(2027, 2, 10), kind="holiday")
    with pytest.raises(PermissionDenied):
        services.calendar_day_update(
            actor=user, day=day, date=date(2027, 2, 9), kind="holiday", note=""
        )
    with pytest.raises(PermissionDenied):
        services.calendar_day_delete(actor=user, day=day)
    with pytest.raises(PermissionDenied):
        services.calendar_year_create(actor=user, year=2031, official=True)
    with pytest.raises(PermissionDenied):
        services.calendar_import(
            actor=user, rows=[services.CalendarRow(1, date(2027, 2, 10), "holiday")]
        )
    assert CalendarDay.objects.filter(date__year=2027).count() == 1


def test_the_import_leaves_an_audit_entry_per_year(city: Any) -> None:
    rows = services.parse_calendar_csv(
        "2027-01-01,holiday\n2027-10-08,holiday\n2028-02-07,holiday\n"
    )

    services.calendar_import(actor=city.users.city_office, rows=rows)

    (entry,) = _entries(CalendarYear.objects.get(year=2027), services.IMPORT_ACTION)
    assert entry.user == city.users.city_office
    assert entry.data["stored"] == 3
    # 2028 is imported only in part: no year row, the entry is on its day.
    (day,) = CalendarDay.objects.filter(date__year=2028)
    assert len(_entries(day, services.IMPORT_ACTION)) == 1


def test_the_admin_screen_saves_through_the_service(client: Client, city: Any) -> None:
    client.force_login(city.users.city_office)

    response = client.post(
        "/admin/workdays/new/", {"date": "2027-02-08", "kind": "holiday", "note": "春节"}
    )

    assert response.status_code == 302
    day = CalendarDay.objects.get(date=date(2027, 2, 8))
    assert [e.user for e in _entries(day, "wagtail.create")] == [city.users.city_office]
    response = client.post(f"/admin/workdays/delete/{day.pk}/")
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
