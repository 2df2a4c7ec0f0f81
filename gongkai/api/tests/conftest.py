"""Fixtures of the open API's tests: a fresh rate-limit count, a JSON client, a small library."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model

from gongkai.library import services as library_services
from gongkai.library.models import PolicyAttachment, PolicyDocumentPage, Topic
from gongkai.library.publication import system_publication
from gongkai.library.validity import RelationKind
from gongkai.participation import services as participation
from gongkai.participation.models import ConsultationPage, Disposition
from gongkai.servicecatalog.models import ServiceItem, ServiceKind
from gongkai.testing import make_policy


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    # Requests of earlier tests must not count against this one's.
    cache.clear()
    yield
    cache.clear()


class ApiClient:
    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str, expect: int = 200, **params: Any) -> Any:
        response = self.client.get(f"/api/v1/{path}", params)
        assert response.status_code == expect, (path, params, response.content.decode())
        assert response["Content-Type"].startswith("application/json")
        return response.json()


@pytest.fixture
def api(client: Client) -> ApiClient:
    return ApiClient(client)


@pytest.fixture
def library(city):
    """Public policies (joint issuance, an abolished one and its successor, 依申请公开), a draft,
    an interpretation, a service and an attachment — and what the public must not see."""
    topic_a = Topic.objects.filter(parent__isnull=False).order_by("pk").first()
    topic_b = (
        Topic.objects.filter(parent__isnull=False)
        .exclude(parent_id=topic_a.parent_id)
        .order_by("pk")
        .first()
    )
    service = ServiceItem.objects.create(
        name="城乡居民医保参保登记",
        code="360100-YB-001",
        organisation=city.a,
        kind=ServiceKind.PUBLIC_SERVICE,
        url="https://zwfw.example.gov.cn/item/360100-YB-001",
    )
    joint = make_policy(
        city.a,
        issuers=[city.a, city.b],
        title="关于城乡居民医保参保缴费的通知",
        doc_number="洪教字〔2026〕7号",
        body='<p>医保缴费标准为每人每年380元。</p><p><a href="https://www.gov.cn/">链接</a></p>',
        keywords="医保 缴费",
        topic=topic_a,
        genre="通知",
        is_major=False,
        services=[service],
        written_on=dt.date(2026, 3, 2),
    )
    Document = get_document_model()
    document = Document(title="缴费标准表")
    document.file.save("jiaofei.txt", ContentFile("缴费标准".encode()), save=False)
    document.save()
    PolicyAttachment.objects.create(page=joint, document=document, title="附件1 缴费标准表")
    other = make_policy(
        city.b,
        title="关于财政预算公开的通知",
        topic=topic_b,
        doc_type="other",
        written_on=dt.date(2025, 5, 1),
    )
    rule = make_policy(
        city.district,
        title="东湖区城市管理规定",
        doc_type="rule",
        topic=topic_b,
        written_on=dt.date(2024, 6, 1),
    )
    old = make_policy(city.a, title="南昌市学校收费管理旧办法", written_on=dt.date(2020, 1, 6))
    new = make_policy(
        city.a,
        title="关于废止学校收费管理旧办法的决定",
        written_on=dt.date(2026, 2, 1),
        relations=[(RelationKind.ABOLISHES, old)],
    )
    on_application = make_policy(
        city.a,
        title="关于特定学校校舍维修的批复",
        disclosure_mode="on_application",
        non_disclosure_reason="specific_group",
        body="<p>不应公开的正文。</p>",
        written_on=dt.date(2026, 1, 5),
    )
    draft = make_policy(city.a, title="医保草稿文件", publish=False)
    secret = make_policy(
        city.a,
        title="医保不予公开文件",
        publish=False,
        disclosure_mode="not_disclosed",
        non_disclosure_reason="state_secret",
    )
    interpretation = library_services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=joint,
        publish=True,
        title="《关于城乡居民医保参保缴费的通知》政策解读",
        interpreter="市医保局待遇保障处",
        body="<p>近日印发了医保缴费通知。</p>",
        facets=[("background", "<p>为保障群众基本医疗需求。</p>")],
        questions=[("谁需要缴费？", "<p>未参加职工医保的城乡居民。</p>")],
    )
    hidden_interpretation = library_services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=draft,
        publish=True,
        title="草稿文件的解读（政策未发布，不应公开）",
        body="<p>提前发布的解读。</p>",
    )
    draft_interpretation = library_services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=joint,
        publish=False,
        title="未发布的解读",
        body="<p>草稿。</p>",
    )
    pages = PolicyDocumentPage.objects.in_bulk(
        [joint.pk, other.pk, rule.pk, old.pk, new.pk, on_application.pk]
    )
    return SimpleNamespace(
        city=city,
        topic_a=topic_a,
        topic_b=topic_b,
        service=service,
        document=document,
        joint=pages[joint.pk],
        other=pages[other.pk],
        rule=pages[rule.pk],
        old=pages[old.pk],
        new=pages[new.pk],
        on_application=pages[on_application.pk],
        public_ids={joint.pk, other.pk, rule.pk, old.pk, new.pk, on_application.pk},
        draft=draft,
        secret=secret,
        interpretation=interpretation,
        hidden_interpretation=hidden_interpretation,
        draft_interpretation=draft_interpretation,
    )


DRAFT = """第一条 为了规范停车管理，制定本办法。
第二条 本办法适用于本市住宅小区。
业主共有车位的收益归业主共有。
第三条 本办法自公布之日起施行。
"""


def _consultation(
    unit: Any, title: str, kind: str, opens_on: dt.date, *, publish: bool = True
) -> ConsultationPage:
    closes_on = participation.earliest_close_for(kind=kind, opens_on=opens_on) or (
        opens_on + dt.timedelta(days=10)
    )
    page = participation.consultation_create(
        actor=None,
        unit=unit,
        title=title,
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        draft_text=DRAFT,
        explanation="起草说明。",
        contact="电子邮箱：test@example.gov.cn",
    )
    if publish:
        with system_publication("测试"):
            page.get_latest_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def _comments(page: ConsultationPage, moderator: Any, items: list[tuple[str, str, str]]) -> None:
    clauses = {c.number: c for c in page.consulted_version().clauses.all()}
    for n, (number, text, disposition) in enumerate(items):
        comment = participation.comment_submit(
            consultation=page,
            text=text,
            key=f"k{page.pk}-{n}",
            clause=clauses.get(number),
            today=page.opens_on,
        ).comment
        participation.comment_moderate(actor=moderator, comment=comment, accept=True)
        participation.comment_tag(actor=moderator, comment=comment, disposition=disposition)


@pytest.fixture
def consultations(city):
    """An open consultation, a closed one whose feedback is drafted but not published, one
    whose feedback is published, and a draft the public must not see."""
    today = timezone.localdate()
    editor_a, editor_b = city.users.editor_a, city.users.editor_b
    open_ = _consultation(city.a, "南昌市住宅小区停车管理办法（征求意见稿）", "normative", today)
    _comments(open_, editor_a, [("第一条", "建议写明上位法。", "")])
    closed = _consultation(
        city.a, "南昌市校外培训管理规定（征求意见稿）", "regulation", today - dt.timedelta(days=60)
    )
    _comments(closed, editor_a, [("第二条", "建议扩大适用范围。", Disposition.ADOPTED)])
    participation.feedback_draft(actor=editor_a, consultation=closed)  # not published
    result = _consultation(
        city.b,
        "南昌市公共交通票价方案（征求意见稿）",
        "major-decision",
        today - dt.timedelta(days=90),
    )
    _comments(
        result,
        editor_b,
        [
            ("", "总体赞成。", Disposition.ADOPTED),
            ("第二条", "建议写明适用于新建小区。", Disposition.ADOPTED),
            ("第二条第二款", "收益应当每年公布。", Disposition.PARTLY),
            ("第二条第二款", "收益应当归物业。", Disposition.NOT_ADOPTED),
            ("第三条", "施行日期太早。", Disposition.NOT_ADOPTED),
        ],
    )
    feedback = participation.feedback_draft(actor=editor_b, consultation=result)
    draft = feedback.get_latest_revision_as_object()
    rows = list(draft.rows.all())
    for row in rows:
        row.reason_adopted = "已采纳。" if row.adopted else ""
        row.reason_partly = "部分采纳，理由见说明。" if row.partly_adopted else ""
        row.reason_not = "不予采纳：与上位法不符。" if row.not_adopted else ""
    draft.rows = rows
    with system_publication("测试"):
        draft.save_revision().publish()
    unpublished = _consultation(
        city.a, "未发布的意见征集", "other", today - dt.timedelta(days=1), publish=False
    )
    return SimpleNamespace(
        city=city, open=open_, closed=closed, result=result, unpublished=unpublished
    )
