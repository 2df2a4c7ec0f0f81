"""The calendar table: CSV import, seeding, the calendar_changed signal and the admin screens."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.signals import calendar_changed

# The 2027 arrangement is not published yet; this is an invented one with the right shape
# (January and October rows, so it counts as a complete year).
CSV_2027 = """date,type
2027-01-01,holiday
2027-02-06,workday
2027-02-08,holiday
2027-10-01,holiday
2027-10-04,holiday
2027-10-09,workday
2027-10-10,holiday
"""


@pytest.fixture
def changes():
    received: list[set[int]] = []

    def listener(sender, years, **kwargs):
        received.append(set(years))

    calendar_changed.connect(listener)
    yield received
    calendar_changed.disconnect(listener)


def write(tmp_path, text):
    path = tmp_path / "calendar.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_marks_a_complete_year_official_and_signals_once(
    tmp_path, changes, django_capture_on_commit_callbacks, capsys
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("calendar", "import", str(write(tmp_path, CSV_2027)))
    cal = DatabaseCalendar()
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 2, 6))  # a Saturday 调休上班
    assert cal.is_workday(date(2027, 10, 8))  # no row: Friday
    assert cal.is_official(2027)
    assert CalendarYear.objects.get(year=2027).source == "import"
    # 2027-10-10 is a Sunday: already a day off, nothing stored.
    assert not CalendarDay.objects.filter(date=date(2027, 10, 10)).exists()
    assert CalendarDay.objects.get(date=date(2027, 2, 8)).source == "import"
    assert changes == [{2027}]


@pytest.mark.django_db
def test_import_of_part_of_a_year_stays_provisional(tmp_path, changes, capsys):
    call_command("calendar", "import", str(write(tmp_path, "2027-02-08,holiday\n")))
    assert CalendarDay.objects.filter(date=date(2027, 2, 8)).exists()
    assert not DatabaseCalendar().is_official(2027)
    assert "数据不完整" in capsys.readouterr().err


@pytest.mark.django_db
def test_official_year_can_be_forced(tmp_path):
    call_command(
        "calendar",
        "import",
        str(write(tmp_path, "2027-02-08,holiday\n")),
        "--official-year",
        "2027",
    )
    assert DatabaseCalendar().is_official(2027)


@pytest.mark.django_db
def test_a_bad_file_writes_nothing_and_names_every_bad_line(tmp_path, changes, capsys):
    text = CSV_2027 + "2027-13-01,holiday\n2027-10-11,rest\n2027-10-01,workday\n2027-10-12\n"
    before = CalendarDay.objects.count()
    with pytest.raises(CommandError) as err:
        call_command("calendar", "import", str(write(tmp_path, text)))
    assert err.value.returncode == 2
    stderr = capsys.readouterr().err
    assert "第 9 行" in stderr  # invalid date
    assert "第 10 行" in stderr  # unknown type
    assert "第 11 行" in stderr  # contradicts line 5
    assert "第 12 行" in stderr  # one column
    assert CalendarDay.objects.count() == before
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert changes == []


@pytest.mark.django_db
def test_a_row_that_restores_the_weekday_rule_removes_the_exception(tmp_path):
    # 2026-02-14 is stored as a 调休 Saturday; a file saying it is a day off removes the row.
    call_command("calendar", "import", str(write(tmp_path, "2026-02-14,holiday\n")))
    assert not DatabaseCalendar().is_workday(date(2026, 2, 14))
    assert DatabaseCalendar().is_official(2026)  # stays official (seeded)


@pytest.mark.django_db
def test_seed_is_idempotent(changes, django_capture_on_commit_callbacks, capsys):
    count = CalendarDay.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("calendar", "seed")
    assert CalendarDay.objects.count() == count
    assert changes == []  # the migration already seeded everything
    CalendarDay.objects.filter(date=date(2026, 10, 1)).delete()
    changes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("calendar", "seed")
    assert CalendarDay.objects.count() == count
    assert changes == [{2026}]


@pytest.mark.django_db
def test_list_shows_the_year(capsys):
    call_command("calendar", "list", "--year", "2026")
    out = capsys.readouterr().out
    assert "2026-02-14 星期六 上班 春节调休上班" in out
    assert "2026-10-01 星期四 放假 国庆节" in out
    assert "已载入官方安排" in out
    call_command("calendar", "list", "--year", "2027")
    assert "未载入官方安排" in capsys.readouterr().out


@pytest.mark.django_db
def test_edit_and_delete_send_the_signal_after_commit(changes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        day = CalendarDay.objects.create(date=date(2027, 2, 8), kind="holiday", note="春节")
    assert changes == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert changes == [{2027}]

    changes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        day = CalendarDay.objects.get(pk=day.pk)
        day.date = date(2028, 2, 7)
        day.save()
    assert changes == [{2027, 2028}]  # moved: both years

    changes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        day.delete()
        CalendarYear.objects.filter(year=2026).update(official=False)  # no signal for update()
        CalendarYear.objects.create(year=2028, official=True)
    assert changes == [{2028}, {2028}]


# --- Admin ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_is_for_overseers_and_superusers(client, city, django_user_model):
    client.force_login(city.users.city_office)  # overseer
    assert client.get("/admin/workdays/?date__year=2026").status_code == 200
    client.force_login(city.users.editor_a)
    assert client.get("/admin/workdays/").status_code in (302, 403)
    # A district's office does not move the whole city's deadlines (issue 11).
    client.force_login(city.users.district_office)
    assert client.get("/admin/workdays/").status_code in (302, 403)
    client.force_login(city.users.editor_a)
    assert client.get("/admin/workdays/new/").status_code in (302, 403)
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    response = client.get("/admin/workdays/?date__year=2026")
    assert response.status_code == 200
    assert "2026-02-14" in response.content.decode() or "2026年2月14日" in response.content.decode()


@pytest.mark.django_db
def test_admin_add_records_source_admin_and_signals(
    client, city, changes, django_capture_on_commit_callbacks
):
    client.force_login(city.users.city_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/workdays/new/", {"date": "2027-02-08", "kind": "holiday", "note": "春节"}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarDay.objects.get(date=date(2027, 2, 8)).source == "admin"
    assert changes == [{2027}]


@pytest.mark.django_db
def test_admin_refuses_a_row_that_is_not_an_exception(client, city):
    client.force_login(city.users.city_office)
    response = client.post(
        "/admin/workdays/new/", {"date": "2027-02-06", "kind": "holiday", "note": ""}
    )  # a Saturday marked as day off
    assert response.status_code == 200
    assert not CalendarDay.objects.filter(date=date(2027, 2, 6)).exists()
