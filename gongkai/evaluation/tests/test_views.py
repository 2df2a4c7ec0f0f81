"""The public pages and the staff screens of policy evaluation, through the test client."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.evaluation import services
from gongkai.evaluation.models import PolicyEvaluationPage, SurveyResponse
from gongkai.library import services as library_services
from gongkai.testing import form_data, make_policy, publish_directly, review_and_publish

TODAY = timezone.localdate()
SPEC = services.QuestionSpec


def _evaluation(city, *, opens=-1, closes=10, publish=True):
    policy = make_policy(city.a, title="南昌市中小学课后服务管理办法")
    page = services.evaluation_create(
        actor=city.users.editor_a, unit=city.a, policy=policy, method="问卷调查和座谈会"
    )
    services.survey_save(
        actor=city.users.editor_a,
        evaluation=page,
        questions=[
            SPEC(
                kind="single", text="您是否了解该政策？", required=True, options=["了解", "不了解"]
            ),
            SPEC(kind="scale", text="满意程度", required=True),
            SPEC(kind="text", text="意见建议"),
        ],
        opens_on=TODAY + dt.timedelta(days=opens),
        closes_on=TODAY + dt.timedelta(days=closes),
    )
    if publish:
        publish_directly(PolicyEvaluationPage.objects.get(pk=page.pk).get_latest_revision())
    return PolicyEvaluationPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_a_citizen_answers_the_survey_without_javascript_once_per_form(city):
    page = _evaluation(city)
    client = Client()
    form = client.get(page.url + "survey/")
    assert form.status_code == 200 and "no-store" in form["Cache-Control"]
    html = form.content.decode()
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    data = {"token": token, "q1": "不了解", "q2": "3", "q3": "希望加强宣传"}
    done = client.post(page.url + "survey/", data)
    assert done.status_code == 302 and done["Location"].endswith("survey/thanks/")
    again = client.post(page.url + "survey/", data)  # the same form, resubmitted
    assert again.status_code == 302
    assert SurveyResponse.objects.filter(evaluation=page).count() == 1
    missing = client.post(page.url + "survey/", {"q1": "了解"})  # q2 required
    assert missing.status_code == 400 and "第2题" in missing.content.decode()


@pytest.mark.django_db
def test_a_closed_or_unpublished_survey_is_refused(city):
    closed = _evaluation(city, opens=-10, closes=-1)
    response = Client().post(closed.url + "survey/", {"q1": "了解", "q2": "3"})
    assert response.status_code == 403 and "已于" in response.content.decode()
    assert Client().get(closed.url + "survey/").status_code == 200  # says so, in Chinese
    assert not SurveyResponse.objects.exists()
    draft = _evaluation(city, publish=False)
    # A draft has no public address; its route answers like a missing page.
    path = "/" + draft.url_path.split("/", 2)[2]
    assert Client().post(path + "survey/", {"q1": "了解", "q2": "3"}).status_code == 404


@pytest.mark.django_db
def test_the_live_page_shows_summary_records_findings_and_conclusion_not_texts(city):
    page = _evaluation(city)
    services.response_submit(
        evaluation=page, answers={1: "了解", 2: "4", 3: "私密建议内容"}, key="a"
    )
    services.record_save(
        actor=city.users.editor_a,
        evaluation=page,
        kind="symposium",
        held_on=TODAY,
        participants="家长代表",
        summary="召开家长座谈会",
        key_points="希望延长服务时间",
    )
    services.findings_save(
        actor=city.users.editor_a,
        evaluation=page,
        standards="执行规范",
        scope="覆盖全市",
        effect="效果良好",
        problems="农村学校师资不足",
        conclusion="revise",
        reasons="部分条款需要完善",
        measures="2027年修订",
    )
    before = Client().get(page.url).content.decode()
    assert "农村学校师资不足" not in before and "召开家长座谈会" not in before  # not reviewed yet
    review_and_publish(
        page, author=city.users.editor_a, reviewer=city.users.reviewer_a, head=city.users.head_a
    )
    html = Client().get(page.url).content.decode()
    for text in (
        "问卷调查和座谈会",
        "共收到答卷 1 份",
        "平均4.0分",
        "召开家长座谈会",
        "农村学校师资不足",
        "修订完善",
        "2027年修订",
    ):
        assert text in html, text
    assert "私密建议内容" not in html and "家长代表" not in html
    assert page.title in Client().get("/zcpj/").content.decode()


@pytest.mark.django_db
def test_the_policy_page_links_the_evaluation_only_once_live(city):
    page = _evaluation(city, publish=False)
    policy_url = page.policy.url
    services.findings_save(
        actor=city.users.editor_a,
        evaluation=page,
        standards="",
        scope="",
        effect="",
        problems="",
        conclusion="continue",
        reasons="效果良好",
    )
    assert page.title not in Client().get(policy_url).content.decode()
    review_and_publish(
        page, author=city.users.editor_a, reviewer=city.users.reviewer_a, head=city.users.head_a
    )
    html = Client().get(policy_url).content.decode()
    assert page.title in html and "评价结论：继续实施" in html
    interpretation = library_services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=page.policy,
        publish=True,
        title="课后服务管理办法解读",
        facets=[("background", "<p>出台背景是家长反映的接送难问题。</p>")],
    )
    html = Client().get(interpretation.url).content.decode()
    assert page.title in html and "评价结论：继续实施" in html  # and on its interpretation


@pytest.mark.django_db
def test_staff_screens_other_units_404_overseers_read(city):
    page = _evaluation(city, publish=False)
    screens = ["", "survey/", "records/", "findings/"]
    editor = Client()
    editor.force_login(city.users.editor_a)
    for screen in screens:
        assert editor.get(f"/admin/evaluations/{page.pk}/{screen}").status_code == 200, screen
    other = Client()
    other.force_login(city.users.editor_b)
    for screen in screens:
        assert other.get(f"/admin/evaluations/{page.pk}/{screen}").status_code == 404
    assert other.post(f"/admin/evaluations/{page.pk}/submit/").status_code == 404
    overseer = Client()
    overseer.force_login(city.users.city_office)
    assert overseer.get(f"/admin/evaluations/{page.pk}/").status_code == 200
    assert overseer.get("/admin/evaluations/").status_code == 200
    refused = overseer.post(f"/admin/evaluations/{page.pk}/records/", {"kind": "interview"})
    assert refused.status_code == 403
    assert overseer.post(f"/admin/evaluations/{page.pk}/submit/").status_code == 403


@pytest.mark.django_db
def test_staff_create_edit_survey_record_findings_and_submit(city):
    policy = make_policy(city.a, title="南昌市学生资助办法")
    client = Client()
    client.force_login(city.users.editor_a)
    create = client.post(
        "/admin/evaluations/new/",
        {
            "unit": city.a.pk,
            "policy": policy.pk,
            "method": "问卷调查",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
    )
    assert create.status_code == 302, create.content.decode()[:2000]
    page = PolicyEvaluationPage.objects.get(policy=policy)
    survey = client.get(f"/admin/evaluations/{page.pk}/survey/")
    data = form_data(survey, form_id="survey-form")
    data.update(
        {
            "opens_on": str(TODAY),
            "closes_on": str(TODAY + dt.timedelta(days=7)),
            "q-0-kind": "single",
            "q-0-text": "您是否享受过资助？",
            "q-0-options": "是\n否",
            "q-0-required": "on",
        }
    )
    assert client.post(f"/admin/evaluations/{page.pk}/survey/", data).status_code == 302
    # The saved dates come back as the ISO values a date input needs (not the zh-hans format).
    again = client.get(f"/admin/evaluations/{page.pk}/survey/").content.decode()
    assert f'value="{TODAY.isoformat()}"' in again
    record = client.post(
        f"/admin/evaluations/{page.pk}/records/",
        {"kind": "interview", "held_on": str(TODAY), "summary": "走访受资助学生家庭"},
    )
    assert record.status_code == 302
    bad = client.post(
        f"/admin/evaluations/{page.pk}/findings/", {"conclusion": "end", "reasons": "已到期"}
    )
    assert bad.status_code == 400 and "后续措施" in bad.content.decode()
    ok = client.post(
        f"/admin/evaluations/{page.pk}/findings/",
        {"effect": "效果明显", "conclusion": "continue", "reasons": "资助精准"},
    )
    assert ok.status_code == 302
    assert client.post(f"/admin/evaluations/{page.pk}/submit/").status_code == 302
    page = PolicyEvaluationPage.objects.get(pk=page.pk)
    assert page.workflow_in_progress and not page.live
    draft = page.get_latest_revision_as_object()
    assert [q.text for q in draft.questions.all()] == ["您是否享受过资助？"]
    assert draft.conclusion == "continue"


@pytest.mark.django_db
def test_the_acting_unit_sees_the_conclusion_and_records_what_it_did(city):
    policy = make_policy(city.a, title="联合发文的政策", issuers=[city.b, city.a])
    page = services.evaluation_create(actor=city.users.editor_a, unit=city.a, policy=policy)
    services.findings_save(
        actor=city.users.editor_a,
        evaluation=page,
        standards="",
        scope="",
        effect="",
        problems="",
        conclusion="adjust",
        reasons="标准需调整",
        measures="财政局调整补助标准",
    )
    review_and_publish(
        page, author=city.users.editor_a, reviewer=city.users.reviewer_a, head=city.users.head_a
    )
    acting = Client()
    acting.force_login(city.users.editor_b)
    listing = acting.get("/admin/evaluation-conclusions/")
    assert listing.status_code == 200 and "调整实施" in listing.content.decode()
    done = acting.post(
        "/admin/evaluation-conclusions/", {"evaluation": page.pk, "text": "已印发补助标准调整通知"}
    )
    assert done.status_code == 302
    assert page.action_reports.get().text == "已印发补助标准调整通知"
    evaluating = Client()
    evaluating.force_login(city.users.editor_a)  # not the acting unit
    assert "调整实施" not in evaluating.get("/admin/evaluation-conclusions/").content.decode()
    refused = evaluating.post(
        "/admin/evaluation-conclusions/", {"evaluation": page.pk, "text": "x"}
    )
    assert refused.status_code == 404
