"""The writes of consultations and major decisions, through the services, on the real database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Page

from gongkai.library.models import ColumnPage, ColumnType
from gongkai.participation import decision_services, selectors, services
from gongkai.participation.models import (
    CommentStatus,
    ConsultationPage,
    ConsultationStatus,
    DecisionStatus,
    Disposition,
    ProcedureKind,
)
from gongkai.testing import publish_directly

DRAFT = """南昌市住宅小区停车管理办法（征求意见稿）
第一条 为了规范住宅小区停车管理，制定本办法。
第二条 停车位应当优先满足业主需要。
物业服务企业应当公示收费标准。
第三条 本办法自2027年1月1日起施行。
"""
OPENS = dt.date(2026, 10, 12)
CLOSES = dt.date(2026, 11, 30)
DURING = dt.date(2026, 11, 2)


def _create(city, **kw):
    args = {
        "actor": city.users.editor_a,
        "unit": city.a,
        "title": "关于《南昌市住宅小区停车管理办法（征求意见稿）》公开征求意见的公告",
        "kind": "normative",
        "opens_on": OPENS,
        "closes_on": CLOSES,
        "draft_text": DRAFT,
    }
    args.update(kw)
    return services.consultation_create(**args)


def _live(city, **kw):
    page = _create(city, **kw)
    publish_directly(page.get_latest_revision())
    return ConsultationPage.objects.get(pk=page.pk)


def _clause(page, number):
    return page.consulted_version().clauses.get(number=number)


@pytest.mark.django_db
def test_create_drafts_a_page_in_the_units_column_with_parsed_clauses(city):
    page = _create(city)
    assert not page.live  # 先审后发: public only once review approves it
    column = Page.objects.get(pk=page.get_parent().pk).specific
    assert isinstance(column, ColumnPage) and column.column == ColumnType.CONSULTATION
    assert page.organisation == city.a
    numbers = list(page.consulted_version().clauses.values_list("number", flat=True))
    assert numbers == ["前言", "第一条", "第二条", "第二条第一款", "第二条第二款", "第三条"]
    assert page.get_latest_revision() is not None


@pytest.mark.django_db
def test_a_short_period_is_refused_with_the_earliest_lawful_date(city):
    with pytest.raises(services.PeriodRefused) as refused:
        _create(
            city, kind="regulation", opens_on=dt.date(2026, 11, 2), closes_on=dt.date(2026, 11, 20)
        )
    assert refused.value.earliest_close == dt.date(2026, 12, 2)
    assert "2026-12-02" in refused.value.messages[0]
    assert not ConsultationPage.objects.exists()  # nothing half-written
    page = _create(
        city,
        kind="regulation",
        opens_on=dt.date(2026, 11, 2),
        closes_on=dt.date(2026, 11, 20),
        urgent_reason="上级部署要求年底前出台",
    )
    assert page.urgent_reason == "上级部署要求年底前出台"


@pytest.mark.django_db
def test_only_the_units_editors_and_heads_may_create(city):
    for user in (city.users.editor_b, city.users.reviewer_a, city.users.city_office):
        with pytest.raises(PermissionDenied):
            _create(city, actor=user)
    assert _create(city, actor=city.users.head_a).pk


@pytest.mark.django_db
def test_bad_dates_and_kinds_are_refused(city):
    with pytest.raises(ValidationError):
        _create(city, closes_on=OPENS)
    with pytest.raises(ValidationError):
        _create(city, kind="law")
    with pytest.raises(ValidationError):
        _create(city, draft_text="   ")


@pytest.mark.django_db
def test_comments_only_on_a_live_open_consultation(city):
    page = _create(city)
    with pytest.raises(ValidationError):
        services.comment_submit(consultation=page, text="建议", key="k", today=DURING)
    publish_directly(page.get_latest_revision())
    page = ConsultationPage.objects.get(pk=page.pk)
    with pytest.raises(ValidationError):
        services.comment_submit(
            consultation=page, text="建议", key="k", today=CLOSES + dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError):
        services.comment_submit(
            consultation=page, text="建议", key="k", today=OPENS - dt.timedelta(days=1)
        )
    done = services.comment_submit(consultation=page, text="建议", key="k", today=CLOSES)
    assert done.created and done.comment.status == CommentStatus.PENDING


@pytest.mark.django_db
def test_comment_on_a_passage_is_masked_and_deduplicated_by_token(city):
    page = _live(city)
    clause = _clause(page, "第二条")
    first = services.comment_submit(
        consultation=page,
        clause=clause,
        passage="优先满足业主需要",
        text="建议明确租售比例，联系我13907911234。",
        key="k1",
        token="tok-1",
        consent_publish=True,
        today=DURING,
    )
    assert first.created
    assert "13907911234" not in first.comment.public_text
    assert "139****1234" in first.comment.public_text
    again = services.comment_submit(
        consultation=page,
        clause=clause,
        text="建议明确租售比例",
        key="k1",
        token="tok-1",
        today=DURING,
    )
    assert not again.created and again.comment.pk == first.comment.pk
    assert page.comments.count() == 1
    with pytest.raises(ValidationError):
        services.comment_submit(
            consultation=page, clause=clause, passage="不在条文里", text="x", key="k", today=DURING
        )
    other = _live(city, title="另一个征求意见")
    with pytest.raises(ValidationError):
        services.comment_submit(
            consultation=page, clause=_clause(other, "第一条"), text="x", key="k", today=DURING
        )


@pytest.mark.django_db
def test_abusive_comment_is_held_with_the_reason(city):
    page = _live(city)
    done = services.comment_submit(
        consultation=page, text="这个办法就是狗官拍脑袋", key="k", today=DURING
    )
    assert done.comment.status == CommentStatus.HELD
    assert "不文明用语" in done.comment.hold_reason


@pytest.mark.django_db
def test_moderation_needs_a_reason_to_hold_and_the_right_unit(city):
    page = _live(city)
    comment = services.comment_submit(consultation=page, text="建议", key="k", today=DURING).comment
    with pytest.raises(ValidationError):
        services.comment_moderate(actor=city.users.editor_a, comment=comment, accept=False)
    with pytest.raises(PermissionDenied):
        services.comment_moderate(actor=city.users.editor_b, comment=comment, accept=True)
    with pytest.raises(PermissionDenied):
        services.comment_moderate(actor=city.users.city_office, comment=comment, accept=True)
    services.comment_moderate(
        actor=city.users.editor_a, comment=comment, accept=False, reason="与本草案无关"
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD and comment.hold_reason == "与本草案无关"
    services.comment_moderate(actor=city.users.editor_a, comment=comment, accept=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.ACCEPTED and comment.hold_reason == ""


@pytest.mark.django_db
def test_public_comments_are_accepted_and_consented_only(city):
    page = _live(city)
    rows = [("同意公开", True, True), ("不同意公开", False, True), ("未审核", True, False)]
    for text, consent, accept in rows:
        c = services.comment_submit(
            consultation=page, text=text, key=text, consent_publish=consent, today=DURING
        ).comment
        if accept:
            services.comment_moderate(actor=city.users.editor_a, comment=c, accept=True)
    assert [c.text for c in selectors.public_comments(page)] == ["同意公开"]
    assert selectors.clause_comment_counts(page) == {None: 2}


@pytest.mark.django_db
def test_tags_offline_channels_and_the_feedback_draft(city):
    page = _live(city)
    editor = city.users.editor_a
    second = _clause(page, "第二条")
    for i, disposition in enumerate(
        [Disposition.ADOPTED, Disposition.PARTLY, Disposition.NOT_ADOPTED]
    ):
        c = services.comment_submit(
            consultation=page, clause=second, text=f"意见{i}", key=f"k{i}", today=DURING
        ).comment
        services.comment_moderate(actor=editor, comment=c, accept=True)
        services.comment_tag(
            actor=editor, comment=c, disposition=disposition, themes=["收费", "车位"]
        )
    whole = services.comment_submit(
        consultation=page, text="总体赞成", key="w", today=DURING
    ).comment
    services.comment_moderate(actor=editor, comment=whole, accept=True)
    moved = services.comment_submit(
        consultation=page, text="关于施行日期", key="m", today=DURING
    ).comment
    services.comment_moderate(actor=editor, comment=moved, accept=True)
    services.comment_tag(
        actor=editor, comment=moved, clause=_clause(page, "第三条"), move_clause=True
    )
    services.offline_record_save(
        actor=editor,
        consultation=page,
        kind="symposium",
        held_on=dt.date(2026, 11, 10),
        participants="业主代表5人",
        conclusions="普遍赞成",
        comments=[(second, "座谈会：建议增加临时停车位"), (None, "座谈会：尽快出台")],
    )
    assert page.themes.count() == 2
    rows = {t.number: t for t in services.tally(page)}
    assert rows["第二条"].comments == 4
    assert (rows["第二条"].adopted, rows["第二条"].partly_adopted, rows["第二条"].not_adopted) == (
        1,
        1,
        1,
    )
    assert rows["总体意见"].comments == 2
    assert rows["第三条"].comments == 1


@pytest.mark.django_db
def test_no_feedback_before_the_consultation_closes(city):
    today = dt.date.today()
    page = _live(
        city, opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=40)
    )
    with pytest.raises(ValidationError) as refused:
        services.feedback_draft(actor=city.users.editor_a, consultation=page)
    assert "结束后" in refused.value.messages[0]


@pytest.mark.django_db
def test_feedback_draft_is_prefilled_and_keeps_written_reasons(city):
    page = _live(city, opens_on=dt.date(2025, 3, 3), closes_on=dt.date(2025, 4, 10))
    editor = city.users.editor_a
    c = services.comment_submit(
        consultation=page,
        clause=_clause(page, "第一条"),
        text="建议",
        key="k",
        today=dt.date(2025, 3, 10),
    ).comment
    services.comment_moderate(actor=editor, comment=c, accept=True)
    services.comment_tag(actor=editor, comment=c, disposition=Disposition.ADOPTED)
    final_text = DRAFT.replace("优先满足业主需要", "优先满足业主和使用人需要")
    final = services.version_add(
        actor=editor, consultation=page, text=final_text, label="最终文本", final=True
    )
    feedback = services.feedback_draft(actor=editor, consultation=page)
    assert not feedback.live and feedback.final_version == final
    draft = feedback.get_latest_revision_as_object()
    [row] = list(draft.rows.all())
    assert (row.clause_number, row.comments, row.adopted) == ("第一条", 1, 1)
    # The unit writes a reason; refreshing the counts keeps it.
    row.reason_adopted = "已在第二条中明确"
    draft.rows = [row]
    draft.save_revision(user=editor)
    again = services.feedback_draft(actor=editor, consultation=page).get_latest_revision_as_object()
    [again_row] = list(again.rows.all())
    assert again_row.reason_adopted == "已在第二条中明确"
    aligned = {a.number: a for a in selectors.compare_versions(page.consulted_version(), final)}
    assert aligned["第二条"].changed and "使用人" in aligned["第二条"].after
    assert not aligned["第一条"].changed
    assert page.status_on(dt.date(2025, 5, 1)) == ConsultationStatus.CLOSED
    publish_directly(Page.objects.get(pk=feedback.pk).get_latest_revision())
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.status == ConsultationStatus.RESULT
    assert list(selectors.public_consultations(status="result")) == [page]
    assert list(selectors.public_consultations(status="closed")) == []


@pytest.mark.django_db
def test_public_list_by_status(city):
    today = dt.date(2026, 11, 2)
    open_page = _live(city)
    later = _live(
        city, title="即将开始", opens_on=dt.date(2026, 12, 1), closes_on=dt.date(2026, 12, 31)
    )
    _create(city, title="未发布")
    assert list(selectors.public_consultations(status="open", today=today)) == [open_page]
    assert list(selectors.public_consultations(status="forthcoming", today=today)) == [later]
    assert set(selectors.public_consultations(today=today)) == {open_page, later}
    assert list(selectors.public_consultations(unit_slug=city.b.slug, today=today)) == []


@pytest.mark.django_db
def test_clause_assignment_stays_inside_the_unit(city):
    page = _live(city)
    clause = _clause(page, "第一条")
    with pytest.raises(ValidationError):
        services.clause_assign(
            actor=city.users.editor_a, clause=clause, assignee=city.users.editor_b
        )
    done = services.clause_assign(
        actor=city.users.editor_a, clause=clause, assignee=city.users.head_a
    )
    assert done is not None and clause.assignment.assignee == city.users.head_a
    assert services.clause_assign(actor=city.users.editor_a, clause=clause, assignee=None) is None


# --- Major decisions -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_decision_is_not_taken_without_public_participation(city):
    gov = city.gov
    head = _gov_head(gov)
    catalogue = decision_services.catalogue_save(actor=head, government=gov, year=2026)
    decision = decision_services.decision_save(
        actor=head, catalogue=catalogue, title="南昌市轨道交通票价调整方案", lead_unit=city.a
    )
    with pytest.raises(ValidationError) as refused:
        decision_services.decision_decide(
            actor=head, decision=decision, decided_on=dt.date(2026, 9, 1), outcome="通过"
        )
    assert "公众参与" in refused.value.messages[0]
    with pytest.raises(ValidationError):  # 条例第二十四条: legality review first
        decision_services.procedure_record(
            actor=head,
            decision=decision,
            kind=ProcedureKind.COLLECTIVE,
            held_on=dt.date(2026, 8, 20),
            summary="常务会议讨论",
        )
    decision_services.procedure_record(
        actor=city.users.editor_a,
        decision=decision,
        kind=ProcedureKind.LEGALITY,
        held_on=dt.date(2026, 8, 10),
        summary="司法局审查无异议",
    )
    decision_services.procedure_record(
        actor=head,
        decision=decision,
        kind=ProcedureKind.COLLECTIVE,
        held_on=dt.date(2026, 8, 20),
        summary="市政府常务会议讨论通过",
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_PROGRESS
    with pytest.raises(ValidationError):
        decision_services.decision_decide(
            actor=head, decision=decision, decided_on=dt.date(2026, 9, 1), outcome="通过"
        )
    with pytest.raises(PermissionDenied):
        decision_services.decision_decide(
            actor=city.users.editor_a,
            decision=decision,
            decided_on=dt.date(2026, 9, 1),
            outcome="通过",
        )
    decision_services.procedure_record(
        actor=head,
        decision=decision,
        kind=ProcedureKind.PUBLIC_PARTICIPATION,
        held_on=dt.date(2026, 7, 1),
        summary="公开征求意见30日",
    )
    decision_services.decision_decide(
        actor=head, decision=decision, decided_on=dt.date(2026, 9, 1), outcome="通过"
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED
    assert list(selectors.public_decisions()) == []
    decision_services.catalogue_publish(actor=head, catalogue=catalogue)
    assert list(selectors.public_decisions()) == [decision]


@pytest.mark.django_db
def test_a_recorded_reason_stands_for_public_participation(city):
    head = _gov_head(city.gov)
    catalogue = decision_services.catalogue_save(actor=head, government=city.gov, year=2026)
    decision = decision_services.decision_save(
        actor=head,
        catalogue=catalogue,
        title="涉密事项",
        lead_unit=city.gov,
        participation_waiver_reason="依法不予公开的决策事项（条例第十四条）",
    )
    for kind, day in ((ProcedureKind.LEGALITY, 1), (ProcedureKind.COLLECTIVE, 2)):
        decision_services.procedure_record(
            actor=head, decision=decision, kind=kind, held_on=dt.date(2026, 8, day), summary="记录"
        )
    decision_services.decision_decide(
        actor=head, decision=decision, decided_on=dt.date(2026, 8, 3), outcome="同意"
    )
    with pytest.raises(PermissionDenied):
        decision_services.catalogue_save(actor=city.users.editor_b, government=city.gov, year=2027)


def _gov_head(gov):
    from gongkai.organisations.models import Role  # local import: test helper only
    from gongkai.testing import make_user  # local import: test helper only

    return make_user("gov_head", roles=[(gov, Role.UNIT_HEAD)])


@pytest.mark.django_db
def test_the_page_editor_refuses_a_short_period_too(city):
    page = _create(
        city, kind="regulation", opens_on=dt.date(2026, 11, 2), closes_on=dt.date(2026, 12, 2)
    )
    page.closes_on = dt.date(2026, 11, 20)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "2026-12-02" in str(refused.value.message_dict["urgent_reason"])
    page.urgent_reason = "紧急"
    page.full_clean()


@pytest.mark.django_db
def test_the_reviewer_checks_the_draft_itself(city):
    from gongkai.review.services import page_text  # local import: review is the subject here

    page = _create(city, explanation="起草说明：联系人身份证号360102198507150013")
    text = page_text(page)
    assert "停车位应当优先满足业主需要" in text and "360102198507150013" in text


@pytest.mark.django_db
def test_moderation_makes_cached_public_pages_stale_but_a_new_comment_does_not(
    city, django_capture_on_commit_callbacks
):
    from gongkai.core.pagecache import content_version  # local import: the subject of this test

    page = _live(city)
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_submit(
            consultation=page, text="建议", key="k", today=DURING
        ).comment
    assert content_version() == before
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(actor=city.users.editor_a, comment=comment, accept=True)
    assert content_version() > before


@pytest.mark.django_db
def test_numbered_items_are_compared_item_by_item(city):
    draft = "一、总体要求\n（一）优化公交线网。\n（二）实行换乘优惠。\n二、保障措施\n（一）加强组织领导。\n"
    page = _create(city, kind="other", closes_on=dt.date(2026, 10, 20), draft_text=draft)
    final = services.version_add(
        actor=city.users.editor_a,
        consultation=page,
        text=draft.replace("实行换乘优惠", "实行60分钟内换乘免费"),
        label="最终文本",
        final=True,
    )
    aligned = selectors.compare_versions(page.consulted_version(), final)
    changed = [a.number for a in aligned if a.changed]
    assert changed == ["一（二）"]
    assert [a.number for a in aligned][:3] == ["一、", "一（一）", "一（二）"]
