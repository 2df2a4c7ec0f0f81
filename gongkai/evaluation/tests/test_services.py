"""The writes of policy evaluation, through the services, on the real database; the
questionnaire shared with consultations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import Page

from gongkai.evaluation import related, selectors, services
from gongkai.evaluation.models import (
    Conclusion,
    PolicyEvaluationPage,
    RecordKind,
    SurveyResponse,
)
from gongkai.library.models import ColumnPage, ColumnType
from gongkai.participation import questionnaire_services
from gongkai.participation import services as participation_services
from gongkai.participation.models import ConsultationPage, Question, QuestionnaireResponse
from gongkai.testing import make_policy, publish_directly, review_and_publish

TODAY = timezone.localdate()
QUESTIONS = [
    services.QuestionSpec(
        kind="single", text="您是否了解该政策？", required=True, options=["了解", "不了解"]
    ),
    services.QuestionSpec(
        kind="text", text="您不了解的原因是什么？", show_if_number=1, show_if_answer="不了解"
    ),
    services.QuestionSpec(kind="scale", text="您对政策效果的满意程度", required=True),
]


def _create(city, **kw):
    policy = kw.pop("policy", None) or make_policy(city.a, title="南昌市中小学课后服务管理办法")
    args = {"actor": city.users.editor_a, "unit": city.a, "policy": policy}
    args.update(kw)
    return services.evaluation_create(**args)


def _with_survey(city, **kw):
    page = _create(city, **kw)
    services.survey_save(
        actor=city.users.editor_a,
        evaluation=page,
        questions=QUESTIONS,
        opens_on=TODAY - dt.timedelta(days=1),
        closes_on=TODAY + dt.timedelta(days=10),
    )
    publish_directly(PolicyEvaluationPage.objects.get(pk=page.pk).get_latest_revision())
    return PolicyEvaluationPage.objects.get(pk=page.pk)


def _answer(page, answers, key="k", token=""):
    return services.response_submit(evaluation=page, answers=answers, key=key, token=token)


@pytest.mark.django_db
def test_create_drafts_a_page_in_the_units_evaluation_column(city):
    page = _create(city)
    assert not page.live  # 先审后发
    column = Page.objects.get(pk=page.get_parent().pk).specific
    assert isinstance(column, ColumnPage) and column.column == ColumnType.EVALUATION
    assert page.organisation == city.a
    assert page.acting_unit == city.a  # the policy's issuing unit by default
    assert page.title == "《南昌市中小学课后服务管理办法》政策落实情况评价"


@pytest.mark.django_db
def test_the_acting_unit_defaults_to_the_lead_issuer(city):
    policy = make_policy(city.a, title="联合发文", issuers=[city.b, city.a])
    assert _create(city, policy=policy).acting_unit == city.b


@pytest.mark.django_db
def test_only_the_units_own_live_policies_by_its_staff(city):
    other = make_policy(city.b, title="财政局的政策")
    with pytest.raises(ValidationError):
        _create(city, policy=other)
    draft = make_policy(city.a, title="未发布的政策", publish=False)
    with pytest.raises(ValidationError):
        _create(city, policy=draft)
    with pytest.raises(PermissionDenied):
        _create(city, actor=city.users.editor_b)
    with pytest.raises(PermissionDenied):
        _create(city, actor=city.users.city_office)  # the overseer reads only
    assert not PolicyEvaluationPage.objects.exists()


@pytest.mark.django_db
def test_the_questionnaire_works_for_both_owners(city):
    """One set of rules: a consultation's questionnaire and an evaluation's survey."""
    evaluation = _with_survey(city)
    consultation = participation_services.consultation_create(
        actor=city.users.editor_a,
        unit=city.a,
        title="问卷测试",
        kind="other",
        opens_on=TODAY - dt.timedelta(days=1),
        closes_on=TODAY + dt.timedelta(days=30),
        draft_text="第一条 测试。",
    )
    publish_directly(consultation.get_latest_revision())
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    for i, spec in enumerate(QUESTIONS):
        Question.objects.create(
            page=consultation,
            kind=spec.kind,
            text=spec.text,
            required=spec.required,
            options="\n".join(spec.options),
            show_if_number=spec.show_if_number,
            show_if_answer=spec.show_if_answer,
            sort_order=i,
        )
    answers = {1: "了解", 2: "不该回答的题", 3: "4"}  # q2 not asked: dropped
    sheet = questionnaire_services.response_submit(
        consultation=consultation, answers=answers, key="x"
    )
    submitted = _answer(evaluation, answers)
    assert submitted.created
    assert len(sheet.answers) == len(submitted.response.answers) == 2
    for owner_questions, sheets in (
        (consultation.questions.order_by("sort_order"), [sheet.answers]),
        (evaluation.questions.order_by("sort_order"), [submitted.response.answers]),
    ):
        results = questionnaire_services.results(
            questionnaire_services.numbered_questions(owner_questions), sheets
        )
        assert [r.answered for r in results] == [1, 0, 1]
        assert results[2].average == 4
    # A required question left out is refused the same way for both.
    with pytest.raises(ValidationError) as refused:
        _answer(evaluation, {1: "不了解"})
    assert "q3" in refused.value.message_dict
    with pytest.raises(ValidationError):
        questionnaire_services.response_submit(
            consultation=consultation, answers={1: "不了解"}, key="x"
        )
    assert QuestionnaireResponse.objects.count() == 1


@pytest.mark.django_db
def test_survey_results_count_options_average_scales_and_keep_texts(city):
    page = _with_survey(city)
    _answer(page, {1: "不了解", 2: "没有看到宣传，联系电话13812345678", 3: "2"}, key="a")
    _answer(page, {1: "了解", 3: "5"}, key="b")
    _answer(page, {1: "了解", 3: "5"}, key="c")
    first, text, scale = selectors.survey_results(page)
    assert [(o.value, o.count, o.percent) for o in first.options] == [
        ("了解", 2, 67),
        ("不了解", 1, 33),
    ]
    assert text.texts == ["没有看到宣传，联系电话13812345678"]
    assert scale.average == 4.0


@pytest.mark.django_db
def test_responses_only_while_live_and_open_and_a_token_stores_one_sheet(city):
    page = _create(city)
    with pytest.raises(ValidationError) as refused:
        _answer(page, {1: "了解", 3: "3"})
    assert refused.value.code == "closed"  # not published
    page = _with_survey(city, policy=make_policy(city.a, title="另一政策"))
    with pytest.raises(ValidationError) as refused:
        services.response_submit(
            evaluation=page,
            answers={1: "了解", 3: "3"},
            key="k",
            today=TODAY + dt.timedelta(days=11),
        )
    assert refused.value.code == "closed"
    first = _answer(page, {1: "了解", 3: "3"}, token="t" * 30)
    again = _answer(page, {1: "了解", 3: "3"}, token="t" * 30)
    assert first.created and not again.created
    assert SurveyResponse.objects.filter(evaluation=page).count() == 1


@pytest.mark.django_db
def test_questions_are_fixed_once_answered(city):
    page = _with_survey(city)
    _answer(page, {1: "了解", 3: "3"})
    with pytest.raises(ValidationError) as refused:
        services.survey_save(
            actor=city.users.editor_a,
            evaluation=page,
            questions=QUESTIONS[:1],
            opens_on=page.survey_opens_on,
            closes_on=page.survey_closes_on,
        )
    assert refused.value.code == "answered"
    # The dates may still move (the survey extended), the questions kept.
    services.survey_save(
        actor=city.users.editor_a,
        evaluation=page,
        questions=QUESTIONS,
        opens_on=page.survey_opens_on,
        closes_on=TODAY + dt.timedelta(days=20),
    )


@pytest.mark.django_db
def test_survey_questions_are_checked(city):
    page = _create(city)
    bad = [
        [services.QuestionSpec(kind="single", text="只有一个选项", options=["是"])],
        [services.QuestionSpec(kind="nonsense", text="题型无效")],
        [services.QuestionSpec(kind="text", text="前置题号在后", show_if_number=2)],
    ]
    for questions in bad:
        with pytest.raises(ValidationError):
            services.survey_save(
                actor=city.users.editor_a,
                evaluation=page,
                questions=questions,
                opens_on=TODAY,
                closes_on=TODAY,
            )
    with pytest.raises(ValidationError):  # closes before it opens
        services.survey_save(
            actor=city.users.editor_a,
            evaluation=page,
            questions=QUESTIONS,
            opens_on=TODAY,
            closes_on=TODAY - dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_conclusion_choices_and_what_each_needs(city):
    assert set(Conclusion.values) == {"continue", "adjust", "revise", "end"}
    assert Conclusion.REVISE.label == "修订完善"
    page = _create(city)
    base = {
        "actor": city.users.editor_a,
        "evaluation": page,
        "standards": "执行程序规范",
        "scope": "覆盖全市中小学",
        "effect": "家长满意度较高",
        "problems": "农村学校师资不足",
    }
    with pytest.raises(ValidationError):
        services.findings_save(**base, conclusion="maybe", reasons="理由")
    with pytest.raises(ValidationError) as refused:
        services.findings_save(**base, conclusion="continue", reasons="")
    assert "reasons" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.findings_save(**base, conclusion="revise", reasons="部分条款不适应")
    assert "measures" in refused.value.message_dict
    saved = services.findings_save(**base, conclusion="continue", reasons="效果良好")
    draft = saved.get_latest_revision_as_object()
    assert draft.conclusion == "continue" and saved.conclusion == ""  # only the draft has it


@pytest.mark.django_db
def test_published_through_review_only_and_then_on_the_policy_page(city):
    policy = make_policy(city.a, title="南昌市学生午餐补助办法")
    page = _create(city, policy=policy)
    services.record_save(
        actor=city.users.editor_a,
        evaluation=page,
        kind=RecordKind.SYMPOSIUM,
        held_on=TODAY,
        participants="家长代表5人",
        summary="听取家长对午餐补助的意见",
    )
    services.findings_save(
        actor=city.users.editor_a,
        evaluation=page,
        standards="按标准发放",
        scope="全市",
        effect="良好",
        problems="标准偏低",
        conclusion="revise",
        reasons="补助标准多年未调整",
        measures="2027年修订补助标准",
    )
    assert related.evaluation_section(policy).links == []  # a draft: nothing public
    assert (
        "补助标准多年未调整"
        in PolicyEvaluationPage.objects.get(pk=page.pk)
        .get_latest_revision_as_object()
        .review_text()
    )
    with pytest.raises(PermissionDenied):
        services.submit_for_review(actor=city.users.editor_b, evaluation=page)
    services.submit_for_review(actor=city.users.editor_a, evaluation=page)
    with pytest.raises(ValidationError):  # in review: the draft is frozen
        services.findings_save(
            actor=city.users.editor_a,
            evaluation=page,
            standards="",
            scope="",
            effect="",
            problems="",
            conclusion="",
            reasons="",
        )
    assert not PolicyEvaluationPage.objects.get(pk=page.pk).live
    from gongkai.testing import take_step

    take_step(page, city.users.reviewer_a, "approve", "无涉密")
    take_step(page, city.users.head_a, "approve", "同意发布")
    page = PolicyEvaluationPage.objects.get(pk=page.pk)
    assert page.live and page.conclusion == "revise"
    [link] = related.evaluation_section(policy).links
    assert link.note == "评价结论：修订完善"
    assert [r.summary for r in selectors.published_records(page)] == ["听取家长对午餐补助的意见"]


@pytest.mark.django_db
def test_the_acting_unit_records_what_it_did(city):
    policy = make_policy(city.a, title="联合政策", issuers=[city.b, city.a])
    page = _create(city, policy=policy)
    services.findings_save(
        actor=city.users.editor_a,
        evaluation=page,
        standards="",
        scope="",
        effect="",
        problems="",
        conclusion="end",
        reasons="已被新政策替代",
        measures="由财政局提请废止",
    )
    with pytest.raises(ValidationError):  # not yet published
        services.action_report(actor=city.users.editor_b, evaluation=page, text="已提请废止")
    page = review_and_publish(
        page, author=city.users.editor_a, reviewer=city.users.reviewer_a, head=city.users.head_a
    )
    assert list(selectors.conclusions_for(city.users.editor_b)) == [page]
    assert list(selectors.conclusions_for(city.users.editor_a)) == []
    with pytest.raises(PermissionDenied):
        services.action_report(actor=city.users.editor_a, evaluation=page, text="不是落实单位")
    report = services.action_report(
        actor=city.users.head_b, evaluation=page, text="已提请市政府废止"
    )
    assert report.unit == city.b
