"""Reminders on the right working day, escalation when overdue; imports from older systems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.applications import reminders
from gongkai.applications.models import Appeal, Application, Reminder, Status
from gongkai.applications.tests.helpers import handled

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 9, 14)  # due 2026-10-16 (20 working days over 中秋 and 国庆)


@pytest.fixture
def emails(city: Any) -> Any:
    for name in ("officer_a", "head_a", "city_office", "district_office", "head_b"):
        user = getattr(city.users, name)
        user.email = f"{name}@example.gov.cn"
        user.save(update_fields=["email"])
    return city


def test_the_reminder_comes_three_working_days_before_the_deadline(
    emails: Any, settings: Any
) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "REMINDER_WORKDAYS": 3}
    case = handled(emails.a, emails.users, RECEIVED)
    assert case.current_due_on == dt.date(2026, 10, 16)

    # Working days before Fri 10/16: Thu 10/15 (1), Wed 10/14 (2), Tue 10/13 (3). Sat 10/10
    # was a working day (调休), so Mon 10/12 is four working days before.
    assert reminders.run(today=dt.date(2026, 10, 12)).due_soon == 0
    first = reminders.run(today=dt.date(2026, 10, 13))
    again = reminders.run(today=dt.date(2026, 10, 14))

    assert first.due_soon == 1
    assert again.due_soon == 0  # once per deadline
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"officer_a@example.gov.cn", "head_a@example.gov.cn"}
    assert case.number in mail.outbox[0].subject
    assert "张三" not in mail.outbox[0].body  # no personal data in e-mail


def test_an_overdue_case_is_escalated_to_the_overseeing_office(emails: Any) -> None:
    case = handled(emails.a, emails.users, RECEIVED)

    assert reminders.run(today=dt.date(2026, 10, 16)).overdue == 0  # the last day is in time
    stats = reminders.run(today=dt.date(2026, 10, 19))

    assert stats.overdue == 1
    overdue_mail = next(m for m in mail.outbox if "逾期" in m.subject)
    assert "city_office@example.gov.cn" in overdue_mail.to
    assert "district_office@example.gov.cn" not in overdue_mail.to  # not their subtree
    assert Reminder.objects.filter(application=case, kind="overdue").count() == 1


def test_the_command_is_locked_and_idempotent(emails: Any) -> None:
    handled(emails.a, emails.users, RECEIVED)
    call_command("applications", "remind", "--today", "2026-10-19")
    call_command("applications", "remind", "--today", "2026-10-19")
    assert Reminder.objects.filter(kind="overdue").count() == 1


def test_the_dashboard_counts_due_soon_and_overdue(client: Any, emails: Any) -> None:
    handled(emails.a, emails.users, RECEIVED)
    counts = reminders.overdue_counts([emails.a], today=dt.date(2026, 10, 19))
    assert counts[emails.a.pk] == {"open": 1, "soon": 0, "overdue": 1}
    client.force_login(emails.users.city_office)
    assert "已逾期" in client.get("/admin/applications/dashboard/").content.decode()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_historical_cases_import_with_official_outcome_labels(tmp_path: Path, city: Any) -> None:
    path = write(
        tmp_path,
        "cases.csv",
        "number,organ,received_on,applicant_type,closed_on,outcome\n"
        f"2024-001,{city.a.name},2024-03-01,自然人,2024-03-20,予以公开\n"
        f"2024-002,{city.a.name},2024-12-20,商业企业,2025-01-10,不予公开/属于国家秘密\n"
        f"2025-001,{city.a.name},2025-12-29,其他,,\n"
        f"2024-003,{city.a.name},2024-05-06,法律服务机构,2024-05-30,其他处理/其他\n",
    )

    call_command("import_applications", str(path))

    cases = {c.number: c for c in Application.objects.all()}
    assert cases["2024-001"].outcome == "disclosed"
    assert cases["2024-002"].outcome == "refused.state_secret"
    assert cases["2024-002"].applicant_type == "commercial"
    assert cases["2025-001"].status == Status.RECEIVED
    assert cases["2025-001"].current_due_on is not None
    assert cases["2024-003"].outcome == "other.other"


def test_a_bad_file_names_its_lines_and_writes_nothing(tmp_path: Path, city: Any) -> None:
    path = write(
        tmp_path,
        "cases.csv",
        "number,organ,received_on,applicant_type,closed_on,outcome\n"
        f"2024-001,{city.a.name},2024-03-01,自然人,2024-03-20,予以公开\n"
        "2024-002,不存在的局,2024-03-01,自然人,2024-03-20,予以公开\n"
        f"2024-003,{city.a.name},2024-13-01,外星人,2024-03-20,随便处理\n",
    )

    with pytest.raises(CommandError) as error:
        call_command("import_applications", str(path))

    assert "未导入" in str(error.value)
    assert not Application.objects.exists()


def test_appeals_import(tmp_path: Path, city: Any) -> None:
    good = write(
        tmp_path,
        "appeals.csv",
        f"organ,year,kind,result\n{city.a.name},2025,行政复议,结果维持\n{city.a.name},2025,复议后起诉,尚未审结\n",
    )
    bad = write(tmp_path, "bad.csv", f"organ,year,kind,result\n{city.a.name},2025,上访,结果维持\n")

    call_command("import_appeals", str(good))
    with pytest.raises(CommandError):
        call_command("import_appeals", str(bad))

    assert sorted(Appeal.objects.values_list("kind", "result")) == [
        ("reconsideration", "upheld"),
        ("suit_after_reconsideration", "pending"),
    ]
