"""The review record (append-only, tamper-evident, exportable), the reviewer's screens, the
nightly re-check of live content and the units' own terms."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page

from gongkai.core.locks import command_lock
from gongkai.library.publication import system_publication
from gongkai.review import services
from gongkai.review.models import LiveFinding, ReviewAction, ReviewEvent, TermKind, UnitTerm
from gongkai.review.tests.test_workflow import ID_NUMBER, draft
from gongkai.testing import publish_directly, review_and_publish, submit_for_review

pytestmark = pytest.mark.django_db


def published(city: Any, body: str = "") -> Any:
    return review_and_publish(
        draft(city.a, city.users.editor_a, body=body),
        author=city.users.editor_a,
        reviewer=city.users.reviewer_a,
        head=city.users.head_a,
    )


def test_the_record_cannot_be_changed_through_the_application(city: Any) -> None:
    published(city)
    event = ReviewEvent.objects.order_by("seq").first()

    event.comment = "改过的意见"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ReviewEvent.objects.filter(pk=event.pk).update(comment="x")
    with pytest.raises(PermissionError):
        ReviewEvent.objects.all().delete()
    assert services.verify_chain() == []


def test_tampering_with_the_database_is_detected(city: Any) -> None:
    published(city)
    events = list(ReviewEvent.objects.order_by("seq"))
    table = ReviewEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET comment = %s WHERE seq = %s",  # noqa: S608 - test of tampering
            ["同意（事后改写）", events[2].seq],
        )
    problems = services.verify_chain()
    assert [p.seq for p in problems] == [events[2].seq]

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE seq = %s", [events[1].seq])  # noqa: S608
    seqs = {p.seq for p in services.verify_chain()}
    assert events[2].seq in seqs  # the gap and the broken link show where

    with pytest.raises(SystemExit) as exit_info:
        call_command("review", "verify")
    assert exit_info.value.code == 1


def test_the_record_exports_per_unit_and_period(city: Any, client: Client) -> None:
    page = published(city)
    publish_directly(draft(city.b, city.users.editor_b).get_latest_revision())

    rows = list(
        csv.reader(io.StringIO(services.export_events(services.events_for(city.a, None, None))))
    )
    assert rows[0][0].lstrip("\ufeff") == "序号"
    assert {r[4] for r in rows[1:]} == {page.title}
    assert "南昌市财政局" not in "".join(",".join(r) for r in rows)

    client.force_login(city.users.head_a)
    response = client.get("/admin/review/record/", {"organ": city.a.pk, "format": "json"})
    assert response.status_code == 200
    exported = json.loads(response.content)
    assert [e["action"] for e in exported][-1] == "发布"
    assert all(len(e["digest"]) == 64 for e in exported)
    # A unit's staff cannot read another unit's record.
    assert client.get("/admin/review/record/", {"organ": city.b.pk}).status_code == 404
    listing = client.get("/admin/review/record/").content.decode()
    assert page.title in listing
    assert "南昌市财政局关于" not in listing
    # Only the city's disclosure office (and superusers) verify the whole chain (issue 11).
    asked = client.get("/admin/review/record/", {"verify": "1"}).content.decode()
    assert "记录链完整" not in asked
    assert "校验记录完整性" not in asked
    for user in (city.users.district_office, city.users.head_b):
        client.force_login(user)
        assert (
            "记录链完整"
            not in client.get("/admin/review/record/", {"verify": "1"}).content.decode()
        )
    client.force_login(city.users.city_office)
    verified = client.get("/admin/review/record/", {"verify": "1"}).content.decode()
    assert "记录链完整" in verified


def test_the_review_sheet_marks_findings_and_redacts(city: Any, client: Client) -> None:
    page = draft(city.a, city.users.editor_a, body=f"<p>申请人身份证号{ID_NUMBER}，请核对。</p>")
    submit_for_review(page, city.users.editor_a)

    client.force_login(city.users.reviewer_a)
    html = client.get(f"/admin/review/page/{page.pk}/").content.decode()
    assert 'id="finding-1"' in html
    assert '<mark id="finding-1" class="finding finding-block"' in html
    assert 'href="#finding-2"' in html  # jump to the next one
    assert "阻止" in html

    response = client.post(f"/admin/review/page/{page.pk}/redact/")
    assert response.status_code == 302
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    assert ID_NUMBER not in latest.body
    assert "3601" in latest.body  # masked, not removed
    assert ReviewEvent.objects.filter(page_id_value=page.pk, action=ReviewAction.REDACTED).exists()

    client.force_login(city.users.editor_b)  # another unit: as missing (issue 11)
    refused = client.get(f"/admin/review/page/{page.pk}/")
    assert refused.status_code == 404  # as missing (issue 11)
    assert page.title not in refused.content.decode()
    before = Page.objects.get(pk=page.pk).get_latest_revision().pk
    assert client.post(f"/admin/review/page/{page.pk}/redact/").status_code == 404
    assert Page.objects.get(pk=page.pk).get_latest_revision().pk == before


def test_the_nightly_recheck_finds_problems_on_live_pages_and_closes_them(city: Any) -> None:
    page = draft(city.a, city.users.editor_a, body=f"<p>联系人身份证号{ID_NUMBER}。</p>")
    with system_publication("测试：旧网站迁移"):
        page.get_latest_revision().publish()

    first = services.recheck_live()
    again = services.recheck_live()

    open_findings = LiveFinding.objects.filter(page_id=page.pk, resolved_at__isnull=True)
    assert {f.kind for f in open_findings} >= {"id_card"}
    assert first.checked >= 1
    assert again.checked == 0  # nothing changed: nothing re-checked (idempotent)
    # New rule data (a unit's own term) makes the unit's pages checked again.
    UnitTerm.objects.create(organisation=city.a, kind=TermKind.SENSITIVE, term="联系人")
    assert services.recheck_live().checked >= 1
    # The unit fixes the page; the next re-check closes the finding.
    fixed = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    fixed.body = "<p>联系方式见办事指南。</p>"
    with system_publication("测试：修正后发布"):
        fixed.save_revision().publish()
    stats = services.recheck_live()
    assert stats.resolved >= 1
    assert not LiveFinding.objects.filter(
        page_id=page.pk, kind="id_card", resolved_at__isnull=True
    ).exists()


def test_the_task_list_shows_the_units_findings_only(city: Any, client: Client) -> None:
    page = draft(city.a, city.users.editor_a, body=f"<p>身份证号{ID_NUMBER}</p>")
    with system_publication("测试"):
        page.get_latest_revision().publish()
    call_command("review", "recheck")

    client.force_login(city.users.reviewer_a)
    listing = client.get("/admin/review/live-findings/").content.decode()
    assert page.title in listing
    assert "身份证号码" in listing and ">id_card<" not in listing  # kinds in Chinese (issue 12)
    client.force_login(city.users.editor_b)
    assert page.title not in client.get("/admin/review/live-findings/").content.decode()

    finding = LiveFinding.objects.filter(page_id=page.pk).first()
    client.force_login(city.users.reviewer_a)
    client.post("/admin/review/live-findings/", {"finding": finding.pk, "reason": ""})
    finding.refresh_from_db()
    assert finding.resolved_at is None  # a reason is required
    client.post(
        "/admin/review/live-findings/", {"finding": finding.pk, "reason": "经核实为虚构示例"}
    )
    finding.refresh_from_db()
    assert finding.resolved_at is not None


def test_a_units_own_terms_are_checked_in_its_content(city: Any) -> None:
    UnitTerm.objects.create(
        organisation=city.a, kind=TermKind.WRONG, term="教育厅局", correction="教育局"
    )
    page = draft(city.a, city.users.editor_a, body="<p>请各教育厅局认真落实。</p>")

    findings = services.check_page(page)

    assert any(f.kind == "wrong_expression" and f.suggestion == "教育局" for f in findings)
    other = draft(city.b, city.users.editor_b, body="<p>请各教育厅局认真落实。</p>")
    assert not any(f.suggestion == "教育局" for f in services.check_page(other))


def test_a_scheduled_command_runs_once_at_a_time(db: Any) -> None:
    with command_lock("job") as first, command_lock("job") as second:
        assert first and not second
    with command_lock("job") as third:
        assert third


def test_a_unit_head_adds_a_step_from_the_command_line(city: Any) -> None:
    from django.core.management.base import CommandError

    from gongkai.testing import make_user

    make_user("counsel_cli", roles=[])
    with pytest.raises(CommandError, match="单位负责人"):
        call_command(
            "review", "add-step", "--organ", city.a.name, "--name", "法制审核",
            "--reviewer", "counsel_cli", "--by", "editor_a",
        )  # fmt: skip
    out = io.StringIO()
    call_command(
        "review", "add-step", "--organ", city.a.name, "--name", "法制审核",
        "--reviewer", "counsel_cli", "--by", "head_a", stdout=out,
    )  # fmt: skip
    assert "法制审核" in out.getvalue()
    workflow = draft(city.a, city.users.editor_a).get_workflow()
    assert [t.name for t in workflow.tasks][-2:] == ["法制审核", "单位负责人签发"]


def test_a_unit_head_adds_a_step_in_the_admin(client: Client, city: Any) -> None:
    from gongkai.review.services import workflow_for

    client.force_login(city.users.head_a)
    page = client.get("/admin/review/steps/").content.decode()
    assert "自动检查 → 保密审查 → 单位负责人签发" in page
    client.post(
        "/admin/review/steps/",
        {
            "unit": city.a.pk,
            "name": "法制审核",
            "reviewers": [city.users.reviewer_a.pk, city.users.head_b.pk],
        },
    )
    workflow = workflow_for(city.a)
    assert [t.name for t in workflow.tasks] == [
        "自动检查",
        "保密审查",
        "法制审核",
        "单位负责人签发",
    ]
    step = workflow.tasks[2].specific
    assert list(step.reviewers.all()) == [city.users.reviewer_a]  # not another unit's staff
    client.force_login(city.users.editor_a)
    assert client.get("/admin/review/steps/").status_code in (302, 403)
