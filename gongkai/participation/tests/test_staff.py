"""The staff screens of consultations (participation.staff_admin): creating one from a Word
draft, the moderation queue, tagging, clause assignment, offline channels, versions, the
feedback draft and the analysis screen, with the unit scoping and the overseer's read-only view."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.core.tests.test_staff_params import JUNK
from gongkai.participation import services
from gongkai.participation.models import (
    ClauseAssignment,
    Comment,
    CommentStatus,
    ConsultationFeedbackPage,
    ConsultationPage,
    Disposition,
    OfflineRecord,
)
from gongkai.testing import publish_directly

pytestmark = pytest.mark.django_db

OPENS = dt.date(2026, 3, 2)
CLOSES = dt.date(2026, 4, 10)
DRAFT = "\n".join(
    [
        "南昌市校外培训机构管理办法（征求意见稿）",
        "第一条 为规范校外培训机构办学行为，制定本办法。",
        "第二条 本办法适用于本市行政区域内的校外培训机构。",
        "第三条 校外培训机构应当在办学场所公示收费项目和标准。",
    ]
)


def _docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)  # write-guard: python-docx writes the file into memory, not a model
    return out.getvalue()


def consultation(unit: Any, *, title: str = "南昌市校外培训机构管理办法") -> ConsultationPage:
    """A published consultation of ``unit`` that has closed (2026-03-02 to 2026-04-10)."""
    page = services.consultation_create(
        actor=None,
        unit=unit,
        title=title,
        kind="normative",
        opens_on=OPENS,
        closes_on=CLOSES,
        draft_text=DRAFT,
    )
    publish_directly(page.latest_revision)
    return ConsultationPage.objects.get(pk=page.pk)


def comment(c: ConsultationPage, text: str, *, clause: str | None = None, **fields: Any) -> Comment:
    version = c.consulted_version()
    assert version is not None
    target = version.clauses.get(number=clause) if clause else None
    return services.comment_submit(
        consultation=c,
        text=text,
        key=services.submitter_key(contact=fields.get("contact", ""), client=text),
        clause=target,
        today=OPENS + dt.timedelta(days=3),
        **fields,
    ).comment


@pytest.fixture
def closed(city: Any) -> ConsultationPage:
    return consultation(city.a)


def url(c: ConsultationPage, tail: str = "") -> str:
    return f"/admin/consultations/{c.pk}/{tail}"


# --- The list and creating from a Word draft -------------------------------------------------------


def test_the_menu_and_list_show_the_units_consultations(client: Client, city: Any) -> None:
    mine = consultation(city.a, title="甲局征求意见稿")
    theirs = consultation(city.b, title="乙局征求意见稿")
    comment(mine, "建议延长公示时间。")
    client.force_login(city.users.editor_a)

    home = client.get("/admin/").content.decode()
    listing = client.get("/admin/consultations/")

    assert "/admin/consultations/" in home  # the menu item (in the sidebar's data)
    body = listing.content.decode()
    assert listing.status_code == 200
    assert mine.title in body and theirs.title not in body
    assert f"/admin/pages/{mine.pk}/edit/" in body


def test_no_menu_for_staff_without_consultations(client: Client, city: Any) -> None:
    client.force_login(city.users.officer_a)  # handles applications only
    assert "/admin/consultations/" not in client.get("/admin/").content.decode()
    response = client.get("/admin/consultations/")
    assert response.status_code == 403 and "您没有权限" in response.content.decode()


def test_create_from_a_word_draft_parses_clauses_and_opens_the_editor(
    client: Client, city: Any
) -> None:
    client.force_login(city.users.editor_a)
    upload = SimpleUploadedFile(
        "草案.docx",
        _docx(DRAFT.splitlines()),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )

    response = client.post(
        "/admin/consultations/new/",
        {
            "unit": city.a.pk,
            "title": "南昌市校外培训机构管理办法",
            "kind": "normative",
            "opens_on": "2026-03-02",
            "closes_on": "2026-04-10",
            "explanation": "起草说明。",
            "contact": "电子邮箱：jyj@nc.gov.cn",
            "draft": upload,
        },
    )

    page = ConsultationPage.objects.get(title="南昌市校外培训机构管理办法")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live  # a draft until the unit's review approves it
    version = page.consulted_version()
    assert version is not None
    numbers = list(version.clauses.values_list("number", flat=True))
    assert {"第一条", "第二条", "第三条"} <= set(numbers)
    assert page.organisation == city.a


def test_a_short_period_is_refused_with_the_earliest_date(client: Client, city: Any) -> None:
    client.force_login(city.users.editor_a)

    response = client.post(
        "/admin/consultations/new/",
        {
            "unit": city.a.pk,
            "title": "南昌市规章草案",
            "kind": "regulation",
            "opens_on": "2026-03-02",
            "closes_on": "2026-03-10",
            "draft": SimpleUploadedFile("草案.txt", DRAFT.encode()),
        },
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "征求意见期限不足" in body
    earliest = re.search(r"最早可于(\d{4}-\d{2}-\d{2})截止", body)
    assert earliest is not None
    assert dt.date.fromisoformat(earliest.group(1)) >= dt.date(2026, 4, 1)
    assert f"不说明理由最早可于{earliest.group(1)}截止" in body  # the closing date's help text
    assert not ConsultationPage.objects.filter(title="南昌市规章草案").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("草案.docx", b"PK\x03\x04 not really a zip", ""),
        ("草案.pdf", b"%PDF-1.4 broken", ""),
        ("草案.docx", b"", "草案"),
        ("草案.doc", b"\xd0\xcf\x11\xe0", "DOCX、PDF 或 TXT"),
        ("草案.txt", "第一条 正文。".encode(), "日期须在"),
    ],
)
def test_bad_files_and_dates_are_refused_in_chinese(
    client: Client, city: Any, name: str, data: bytes, message: str
) -> None:
    client.force_login(city.users.editor_a)
    response = client.post(
        "/admin/consultations/new/",
        {
            "unit": city.a.pk,
            "title": "坏文件",
            "kind": "normative",
            "opens_on": "9999-12-30" if message == "日期须在" else "2026-03-02",
            "closes_on": "9999-12-31" if message == "日期须在" else "2026-04-10",
            "draft": SimpleUploadedFile(name, data),
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationPage.objects.filter(title="坏文件").exists()


def test_another_units_name_in_the_unit_field_is_refused(client: Client, city: Any) -> None:
    client.force_login(city.users.editor_a)
    response = client.post(
        "/admin/consultations/new/",
        {
            "unit": city.b.pk,
            "title": "越权",
            "kind": "other",
            "opens_on": "2026-03-02",
            "closes_on": "2026-03-10",
            "draft": SimpleUploadedFile("草案.txt", DRAFT.encode()),
        },
    )
    assert response.status_code == 400
    assert "请选择您所在的单位" in response.content.decode()
    assert not ConsultationPage.objects.filter(title="越权").exists()


# --- The moderation queue ------------------------------------------------------------------------


def test_queue_pages_by_keyset_and_filters_by_clause(
    client: Client, closed: Any, city: Any
) -> None:
    for i in range(55):
        comment(closed, f"第{i}条意见：建议修改。", clause="第三条" if i < 5 else None)
    client.force_login(city.users.editor_a)

    first = client.get(url(closed))
    body = first.content.decode()
    assert first.status_code == 200
    assert body.count('name="ids"') == 50
    next_url = re.search(r'href="(\?[^"]+)" id="queue-next"', body)
    assert next_url is not None
    second = client.get(url(closed) + next_url.group(1).replace("&amp;", "&"))
    assert second.content.decode().count('name="ids"') == 5
    assert 'id="queue-next"' not in second.content.decode()

    clause = closed.consulted_version().clauses.get(number="第三条")
    filtered = client.get(url(closed), {"clause": clause.pk})
    assert filtered.content.decode().count('name="ids"') == 5


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("after", "not-a-cursor"),
        ("after", "2026-13-45T00:00:00_5"),
        ("after", "2026-03-05T00:00:00_" + "9" * 30),
        ("after", "\x00"),
        ("status", "nope"),
        ("clause", "987654321"),
        ("clause", "abc"),
    ],
)
def test_bad_queue_parameters_are_a_400(
    client: Client, closed: Any, city: Any, name: str, value: str
) -> None:
    client.force_login(city.users.editor_a)
    response = client.get(url(closed), {name: value})
    assert response.status_code == 400
    assert "请求参数有误" in response.content.decode()


@pytest.mark.parametrize("name", ["status", "clause", "after"])
def test_junk_queue_parameters_never_give_a_500(
    client: Client, closed: Any, city: Any, name: str
) -> None:
    comment(closed, "意见。")
    client.force_login(city.users.city_office)
    for value in JUNK:
        response = client.get(url(closed), {name: value})
        assert response.status_code in (200, 400), (name, value, response.status_code)


def test_bulk_accept_hold_and_disposition(client: Client, closed: Any, city: Any) -> None:
    a = comment(closed, "建议增加公示渠道。", clause="第三条")
    b = comment(closed, "广告：专业代办培训许可。")
    client.force_login(city.users.editor_a)

    accepted = client.post(url(closed), {"ids": [a.pk], "action": "accept"})
    refused = client.post(url(closed), {"ids": [b.pk], "action": "hold", "reason": ""})
    held = client.post(url(closed), {"ids": [b.pk], "action": "hold", "reason": "广告"})
    tagged = client.post(
        url(closed), {"ids": [a.pk], "action": "disposition", "disposition": "partly"}
    )

    assert accepted.status_code == 302 and held.status_code == 302 and tagged.status_code == 302
    assert refused.status_code == 400
    assert "不予展示须填写理由" in refused.content.decode()
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.disposition) == (CommentStatus.ACCEPTED, Disposition.PARTLY)
    assert (b.status, b.hold_reason) == (CommentStatus.HELD, "广告")


# --- A comment: tags and the feedback ------------------------------------------------------------


def test_tagging_moves_the_clause_and_the_feedback_counts_it(
    client: Client, closed: Any, city: Any
) -> None:
    one = comment(closed, "第二条的适用范围应包括线上培训。")
    two = comment(closed, "公示应包括退费规则。", clause="第三条")
    services.comments_moderate(
        actor=city.users.editor_a, consultation=closed, ids=[one.pk, two.pk], accept=True
    )
    second = closed.consulted_version().clauses.get(number="第二条")
    client.force_login(city.users.editor_a)

    response = client.post(
        url(closed, f"comments/{one.pk}/"),
        {
            "action": "tag",
            "clause": second.pk,
            "themes": "适用范围，线上培训",
            "disposition": "adopted",
        },
    )
    client.post(
        url(closed, f"comments/{two.pk}/"),
        {"action": "tag", "clause": two.clause_id, "themes": "", "disposition": "not_adopted"},
    )

    assert response.status_code == 302
    one.refresh_from_db()
    assert one.clause == second and one.disposition == Disposition.ADOPTED
    assert sorted(t.label for t in one.themes.all()) == ["线上培训", "适用范围"]

    drafted = client.post(url(closed, "feedback/"))
    feedback = ConsultationFeedbackPage.objects.child_of(closed).get()
    assert drafted.status_code == 302
    assert drafted["Location"] == f"/admin/pages/{feedback.pk}/edit/"
    rows = {
        r.clause_number: (r.comments, r.adopted, r.not_adopted)
        for r in feedback.get_latest_revision_as_object().rows.all()
    }
    assert rows == {"第二条": (1, 1, 0), "第三条": (1, 0, 1)}


def test_the_comment_page_refuses_a_clause_of_another_draft(
    client: Client, closed: Any, city: Any
) -> None:
    other = consultation(city.a, title="另一征求意见稿")
    foreign = other.consulted_version().clauses.first()
    c = comment(closed, "意见。")
    client.force_login(city.users.editor_a)

    response = client.post(
        url(closed, f"comments/{c.pk}/"),
        {"action": "tag", "clause": foreign.pk, "disposition": ""},
    )

    assert response.status_code == 400
    assert "所选条款不属于本次征求意见稿" in response.content.decode()


def test_a_comment_of_another_consultation_is_not_found(
    client: Client, closed: Any, city: Any
) -> None:
    other = consultation(city.a, title="另一征求意见稿")
    c = comment(other, "意见。")
    client.force_login(city.users.editor_a)
    assert client.get(url(closed, f"comments/{c.pk}/")).status_code == 404
    assert client.get(url(closed, "comments/99999999999999999999999/")).status_code == 404


# --- Clauses, offline channels, versions --------------------------------------------------------


def test_clause_assignment_offers_only_the_units_colleagues(
    client: Client, closed: Any, city: Any
) -> None:
    clause = closed.consulted_version().clauses.get(number="第三条")
    client.force_login(city.users.head_a)

    page = client.get(url(closed, "clauses/")).content.decode()
    given = client.post(
        url(closed, "clauses/"),
        {"clause": clause.pk, "assignee": city.users.editor_a.pk, "note": "请起草答复"},
    )
    outsider = client.post(
        url(closed, "clauses/"), {"clause": clause.pk, "assignee": city.users.editor_b.pk}
    )

    assert f'<option value="{city.users.editor_a.pk}">editor_a</option>' in page
    assert "editor_b" not in page
    assert "reviewer_a" not in page  # reviews, does not draft
    assert given.status_code == 302 and outsider.status_code == 400
    assert ClauseAssignment.objects.get(clause=clause).assignee == city.users.editor_a


def test_offline_record_with_comments_per_clause(client: Client, closed: Any, city: Any) -> None:
    client.force_login(city.users.editor_a)
    typo = client.post(
        url(closed, "offline/"),
        {"kind": "symposium", "held_on": "2026-03-20", "comments": "第九十九条：意见"},
    )
    saved = client.post(
        url(closed, "offline/"),
        {
            "kind": "symposium",
            "held_on": "2026-03-20",
            "place": "市教育局三楼会议室",
            "participants": "培训机构代表12人",
            "conclusions": "多数代表支持。",
            "comments": "第三条：建议公示退费标准\n总体上赞成本办法。",
        },
    )

    assert typo.status_code == 400 and "草案中没有以下条款：第九十九条" in typo.content.decode()
    assert saved.status_code == 302
    record = OfflineRecord.objects.get(consultation=closed)
    got = sorted((c.clause.number if c.clause else "", c.text) for c in record.comments.all())
    assert got == [("", "总体上赞成本办法。"), ("第三条", "建议公示退费标准")]
    assert all(c.status == CommentStatus.ACCEPTED for c in record.comments.all())


def test_a_final_text_is_added_as_a_version(client: Client, closed: Any, city: Any) -> None:
    client.force_login(city.users.editor_a)
    final = DRAFT.replace("收费项目和标准", "收费项目、标准和退费规则")
    response = client.post(
        url(closed, "versions/"),
        {
            "label": "正式文本",
            "final": "on",
            "file": SimpleUploadedFile("定稿.txt", final.encode()),
        },
    )
    assert response.status_code == 302
    version = closed.final_version()
    assert version is not None and version.clauses.filter(number="第三条").exists()


# --- Who may see and do what -----------------------------------------------------------------------


SCREENS = ["", "clauses/", "offline/", "versions/", "analysis/"]


def test_another_unit_gets_404_everywhere(client: Client, closed: Any, city: Any) -> None:
    c = comment(closed, "意见。")
    client.force_login(city.users.editor_b)
    for tail in [*SCREENS, f"comments/{c.pk}/", "feedback/"]:
        assert client.get(url(closed, tail)).status_code == 404, tail
        assert (
            client.post(url(closed, tail), {"ids": [c.pk], "action": "accept"}).status_code == 404
        )
    c.refresh_from_db()
    assert c.status == CommentStatus.PENDING
    assert client.get("/admin/consultations/987654321/").status_code == 404
    assert client.get("/admin/consultations/99999999999999999999999/").status_code == 404


def test_an_overseer_reads_masked_and_cannot_moderate(
    client: Client, closed: Any, city: Any
) -> None:
    c = comment(closed, "我的电话13907911234，建议延长期限。", name="张三丰", contact="13907911234")
    client.force_login(city.users.city_office)

    queue = client.get(url(closed)).content.decode()
    detail = client.get(url(closed, f"comments/{c.pk}/")).content.decode()
    analysis = client.get(url(closed, "analysis/")).content.decode()
    posts = [
        client.post(url(closed), {"ids": [c.pk], "action": "accept"}),
        client.post(url(closed, f"comments/{c.pk}/"), {"action": "accept"}),
        client.post(url(closed, "feedback/")),
        client.post(url(closed, "offline/"), {"kind": "letter", "held_on": "2026-03-20"}),
    ]

    for body in (queue, detail):
        assert "张三丰" not in body and "13907911234" not in body
        assert "张**" in body
    assert "张三丰" not in analysis and "13907911234" not in analysis
    assert "将此主题标注到这些意见" not in analysis
    assert 'name="ids"' not in queue and "起草采纳情况反馈" not in queue
    assert [p.status_code for p in posts] == [403, 403, 403, 403]
    c.refresh_from_db()
    assert c.status == CommentStatus.PENDING
    assert not OfflineRecord.objects.filter(consultation=closed).exists()


def test_the_unit_sees_names_and_contacts(client: Client, closed: Any, city: Any) -> None:
    comment(closed, "建议延长期限。", name="张三丰", contact="13907911234")
    client.force_login(city.users.editor_a)
    body = client.get(url(closed)).content.decode()
    assert "张三丰" in body and "13907911234" in body


def test_posts_need_the_csrf_token(closed: Any, city: Any) -> None:
    c = comment(closed, "意见。")
    client = Client(enforce_csrf_checks=True)
    client.force_login(city.users.editor_a)
    assert client.post(url(closed), {"ids": [c.pk], "action": "accept"}).status_code == 403
    c.refresh_from_db()
    assert c.status == CommentStatus.PENDING


def test_feedback_before_the_close_is_refused_in_chinese(client: Client, city: Any) -> None:
    page = services.consultation_create(
        actor=None,
        unit=city.a,
        title="尚在征求意见",
        kind="other",
        opens_on=dt.date(2026, 1, 1),
        closes_on=dt.date(2099, 1, 1),
        draft_text=DRAFT,
    )
    client.force_login(city.users.editor_a)
    assert "起草采纳情况反馈" not in client.get(url(page)).content.decode()
    response = client.post(url(page, "feedback/"))
    assert response.status_code == 400
    assert "征求意见期结束后才能起草采纳情况反馈" in response.content.decode()
    assert client.get(url(page, "feedback/")).status_code == 405


# --- Analysis --------------------------------------------------------------------------------------


def test_the_analysis_groups_planted_duplicates(client: Client, closed: Any, city: Any) -> None:
    pytest.importorskip("gongkai.participation.analysis")
    campaign = "坚决反对第三条，公示收费标准会增加培训机构的经营负担，建议删除该条。"
    for i in range(6):
        comment(closed, campaign, clause="第三条", contact=f"1390791{i:04d}")
    comment(closed, "建议在第一条中写明上位法依据。", clause="第一条")
    comment(closed, "第二条应明确线上培训机构也适用本办法。", clause="第二条")
    ids = list(closed.comments.values_list("pk", flat=True))
    services.comments_moderate(actor=city.users.editor_a, consultation=closed, ids=ids, accept=True)
    services.comments_disposition(
        actor=city.users.editor_a, consultation=closed, ids=ids[:6], disposition="not_adopted"
    )
    client.force_login(city.users.editor_a)

    response = client.get(url(closed, "analysis/"))

    body = response.content.decode()
    assert response.status_code == 200
    summary = re.sub(r"\s+", "", body[body.index('id="analysis-summary"') :][:600])
    assert "8条" in summary and "8人" in summary
    assert "完全相同：6条意见，来自6个提交人" in re.sub(r"\s+", "", body)
    assert campaign in body
    assert 'role="img"' in body
    table = re.sub(r"\s+", "", body[body.index('id="chart-table"') :])
    assert '<thscope="row">第三条</th><td>6</td><td>0</td><td>0</td><td>6</td><td>0</td>' in table


def test_the_analysis_tags_a_theme_onto_its_comments(
    client: Client, closed: Any, city: Any
) -> None:
    a = comment(closed, "建议降低课后服务收费标准，减轻家庭负担。")
    b = comment(closed, "课后服务收费标准过高，建议降低收费。")
    c = comment(closed, "第二条应明确线上培训机构也适用本办法。")
    d = comment(closed, "线上培训机构也应当纳入本办法的适用范围。")
    services.comment_tag(actor=city.users.editor_a, comment=a, themes=["原有主题"])
    client.force_login(city.users.editor_a)
    page = client.get(url(closed, "analysis/")).content.decode()
    labels = re.findall(r'name="label" value="([^"]+)"', page)
    assert labels

    response = client.post(url(closed, "analysis/"), {"label": labels[0]})
    gone = client.post(url(closed, "analysis/"), {"label": "不存在的主题"})

    assert response.status_code == 302
    tagged = {x.pk for x in (a, b, c, d) if x.themes.filter(label=labels[0]).exists()}
    assert tagged
    assert "原有主题" in {t.label for t in a.themes.all()}  # other themes are kept
    assert gone.status_code == 400 and "该主题已不在分析结果中" in gone.content.decode()
