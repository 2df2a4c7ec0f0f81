"""What the public sees of 意见征集: the site-wide list with its filters, a consultation clause
by clause with its published comments, commenting without an account (one comment per form,
a quoted passage checked against its clause, closed consultations refused, rate-limited), the
questionnaire's conditional questions, and the published feedback with its comparison."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.library.publication import system_publication
from gongkai.participation import decision_services, questionnaire_services, services
from gongkai.participation.models import (
    Comment,
    CommentStatus,
    ConsultationPage,
    Disposition,
    Question,
    QuestionKind,
    QuestionnaireResponse,
)
from gongkai.participation.views import status_of

pytestmark = pytest.mark.django_db

DRAFT = """第一章 总则
第一条 为了规范城市停车管理，制定本办法。
第二条 本办法适用于本市行政区域内停车场的规划、建设和管理。
本市停车场分为公共停车场和专用停车场。
第三条 停车收费应当公开透明、合理定价。
"""
FINAL = """第一章 总则
第一条 为了规范城市停车管理，制定本办法。
第二条 本办法适用于本市中心城区停车场的规划、建设和管理。
本市停车场分为公共停车场和专用停车场。
第三条 停车收费应当公开透明、合理定价。
第四条 本办法自2027年1月1日起施行。
"""
TODAY = timezone.localdate()


def _publish(page: Any) -> Any:
    with system_publication("测试"):
        page.get_latest_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_consultation(
    unit: Any,
    *,
    title: str = "关于《南昌市停车管理办法（征求意见稿）》公开征求意见的公告",
    opens: int = -5,
    closes: int = 30,
    publish: bool = True,
    **fields: Any,
) -> ConsultationPage:
    page = services.consultation_create(
        actor=None,
        unit=unit,
        title=title,
        kind=fields.pop("kind", "other"),
        opens_on=TODAY + dt.timedelta(days=opens),
        closes_on=TODAY + dt.timedelta(days=closes),
        draft_text=fields.pop("draft_text", DRAFT),
        explanation=fields.pop("explanation", "为解决停车难问题，起草了本办法。"),
        contact=fields.pop("contact", "来信请寄：南昌市红谷滩区卫东大道1号，邮编330038"),
        body="<p>现将征求意见稿全文公布，欢迎提出意见。</p>",
        **fields,
    )
    return _publish(page) if publish else page


def clause(page: ConsultationPage, number: str) -> Any:
    version = page.consulted_version()
    assert version is not None
    return version.clauses.get(number=number)


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def comment_url(page: ConsultationPage) -> str:
    return page.url + "comment/"


def form_token(client: Client, page: ConsultationPage) -> str:
    html = client.get(comment_url(page)).content.decode()
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "no one-time token in the form"
    return match.group(1)


# --- The list ------------------------------------------------------------------------------------


def test_list_shows_each_status_and_filters_by_status_unit_and_kind(city: Any) -> None:
    open_ = make_consultation(city.a, title="开放中的征求意见")
    make_consultation(city.a, title="即将开始的征求意见", opens=5, closes=40)
    make_consultation(city.b, title="已结束的征求意见", opens=-60, closes=-20)
    make_consultation(city.b, title="未发布的征求意见", publish=False)
    client = Client()

    page = client.get("/yjzj/")
    assert page.status_code == 200
    text = text_of(page)
    for title in ("开放中的征求意见", "即将开始的征求意见", "已结束的征求意见"):
        assert title in text
    assert "未发布的征求意见" not in text
    assert "征集中" in text and "即将开始" in text and "已结束" in text
    assert f"剩余{open_.days_left()}天" in text
    assert "南昌市教育局" in text and "南昌市财政局" in text

    only_open = text_of(client.get("/yjzj/", {"status": "open"}))
    assert "开放中的征求意见" in only_open and "已结束的征求意见" not in only_open
    closed = text_of(client.get("/yjzj/", {"status": "closed"}))
    assert "已结束的征求意见" in closed and "开放中的征求意见" not in closed
    by_unit = text_of(client.get("/yjzj/", {"unit": city.b.slug}))
    assert "已结束的征求意见" in by_unit and "开放中的征求意见" not in by_unit
    by_kind = text_of(client.get("/yjzj/", {"kind": "regulation"}))
    assert "开放中的征求意见" not in by_kind


@pytest.mark.parametrize(
    "query",
    [
        {"status": "nonsense"},
        {"unit": "no-such-unit"},
        {"kind": "<script>"},
        {"status": "\x00"},
    ],
)
def test_list_refuses_bad_filters_with_a_chinese_400(city: Any, query: dict[str, str]) -> None:
    make_consultation(city.a)
    response = Client().get("/yjzj/", query)
    assert response.status_code == 400
    assert "筛选条件有误" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_list_pages_and_bad_page_numbers_are_answered(city: Any) -> None:
    make_consultation(city.a)
    for page in ("0", "-1", "abc", "9" * 30, "99999"):
        assert Client().get("/yjzj/", {"page": page}).status_code == 200


def test_status_follows_dates_and_published_feedback(city: Any) -> None:
    open_ = make_consultation(city.a, title="开放")
    soon = make_consultation(city.a, title="未开始", opens=3, closes=40)
    ended = make_consultation(city.a, title="结束", opens=-60, closes=-20)
    assert open_.status == "open" and soon.status == "forthcoming" and ended.status == "closed"
    assert open_.days_left() == 31 and soon.days_left() == 0 and ended.days_left() == 0
    feedback = services.feedback_draft(actor=None, consultation=ended)
    _publish(feedback)
    assert ConsultationPage.objects.get(pk=ended.pk).status == "result"
    listed = {c.title: c for c in services_public_list()}
    assert status_of(listed["结束"], TODAY) == "result"
    assert status_of(listed["开放"], TODAY) == "open"
    result = text_of(Client().get("/yjzj/", {"status": "result"}))
    assert "结束" in result and "已公布采纳情况" in result


def services_public_list() -> list[ConsultationPage]:
    from gongkai.participation.selectors import public_consultations

    return list(public_consultations())


# --- The consultation page -----------------------------------------------------------------------


def test_page_shows_the_draft_clause_by_clause_and_only_consented_accepted_masked_comments(
    city: Any,
) -> None:
    page = make_consultation(city.a, urgent_reason="", market_related=False)
    second = clause(page, "第二条")
    shown = services.comment_submit(
        consultation=page,
        text="建议第二条写明适用范围，联系电话13907911234。",
        key="k1",
        clause=second,
        name="张三",
        contact="zhangsan@example.com",
        consent_publish=True,
    ).comment
    no_consent = services.comment_submit(
        consultation=page, text="不同意公开的意见内容", key="k2", clause=second
    ).comment
    services.comment_submit(
        consultation=page, text="仍待审核的意见内容", key="k3", clause=second, consent_publish=True
    )
    whole = services.comment_submit(
        consultation=page, text="整体上支持出台本办法", key="k4", consent_publish=True
    ).comment
    for c in (shown, no_consent, whole):
        services.comment_moderate(actor=city.users.editor_a, comment=c, accept=True)

    response = Client().get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    for number in ("第一条", "第二条", "第三条", "第二条第一款", "第二条第二款"):
        assert number in text
    assert "第一章 总则" in text
    assert f'id="clause-{second.pk}"' in html
    assert f"comment/?clause={second.pk}#comment-form" in html
    assert "对本条提意见" in text and "对本款提意见" in text
    assert "已受理意见 2 条" in text  # 第二条: two accepted (one not public)
    assert "起草说明" in text and "为解决停车难问题" in text
    assert "南昌市红谷滩区卫东大道1号" in text
    assert "建议第二条写明适用范围" in text
    assert "13907911234" not in html  # masked by the content checker
    assert "张三" not in html and "zhangsan@example.com" not in html
    assert "不同意公开的意见内容" not in text and "仍待审核的意见内容" not in text
    assert "整体上支持出台本办法" in text
    assert "征集中" in text and "剩余" in text


def test_urgent_reason_and_decision_link_are_published_with_the_consultation(city: Any) -> None:
    catalogue = decision_services.catalogue_save(actor=None, government=city.gov, year=TODAY.year)
    decision = decision_services.decision_save(
        actor=None, catalogue=catalogue, title="南昌市停车设施专项规划", lead_unit=city.a
    )
    page = make_consultation(
        city.a,
        kind="regulation",
        opens=-1,
        closes=8,
        urgent_reason="为应对汛期停车安全紧急情况，需尽快出台。",
        decision=decision,
    )
    html = Client().get(page.url).content.decode()
    text = text_of(Client().get(page.url))
    assert "缩短征求意见期限的理由" in text and "为应对汛期停车安全紧急情况" in text
    assert "规章草案" in text
    # The decision is named; its page is linked once the catalogue is published.
    assert "南昌市停车设施专项规划" in text and f'href="/zdjc/{decision.pk}/"' not in html
    decision_services.catalogue_publish(actor=None, catalogue=catalogue)
    assert f'href="/zdjc/{decision.pk}/"' in Client().get(page.url).content.decode()


def test_forthcoming_and_closed_pages_offer_no_form(city: Any) -> None:
    soon = make_consultation(city.a, opens=3, closes=40)
    ended = make_consultation(city.a, opens=-60, closes=-20)
    client = Client()
    for page in (soon, ended):
        html = client.get(page.url).content.decode()
        assert "对本条提意见" not in html and "提出意见</a>" not in html
        form = client.get(comment_url(page))
        assert form.status_code == 200 and '<form method="post"' not in form.content.decode()
    assert "尚未开始" in text_of(client.get(comment_url(soon)))
    assert "结束，不能再提交意见" in text_of(client.get(comment_url(ended)))


def test_an_unpublished_consultation_is_not_found(city: Any) -> None:
    draft = make_consultation(city.a, publish=False)
    response = Client().post(
        "/xxgk/" + city.a.slug + "/yjzj/" + draft.slug + "/comment/", {"text": "意见"}
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


# --- Commenting ------------------------------------------------------------------------------------


def test_comment_is_stored_once_pending_and_thanked(city: Any) -> None:
    page = make_consultation(city.a)
    third = clause(page, "第三条")
    client = Client()
    form = client.get(comment_url(page), {"clause": third.pk})
    assert f'<option value="{third.pk}" selected>' in form.content.decode()
    token = form_token(client, page)
    data = {
        "clause": str(third.pk),
        "passage": "合理定价",
        "text": "建议明确收费标准的听证程序。",
        "name": "李四",
        "contact": "13907911234",
        "consent_publish": "on",
        "token": token,
    }
    first = client.post(comment_url(page), data)
    assert first.status_code == 302 and first["Location"].endswith("comment/thanks/")
    again = client.post(comment_url(page), data)  # a double click: the same form again
    assert again.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.clause == third and comment.passage == "合理定价"
    assert comment.consent_publish and comment.name == "李四"
    assert comment.submitter_key == services.submitter_key(contact="13907911234")
    thanks = text_of(client.get(first["Location"]))
    assert "审核" in thanks and "感谢" in thanks
    # Not shown before a moderator accepts it.
    assert "建议明确收费标准的听证程序" not in text_of(client.get(page.url))


def test_passage_not_in_the_clause_is_a_chinese_form_error(city: Any) -> None:
    page = make_consultation(city.a)
    first = clause(page, "第一条")
    client = Client()
    response = client.post(
        comment_url(page),
        {
            "clause": str(first.pk),
            "passage": "合理定价",  # from 第三条
            "text": "意见",
            "token": form_token(client, page),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "所引文字不在所选条款中" in html
    assert 'href="#id_passage"' in html  # the error summary links to the field
    assert "错误：" in html
    assert not Comment.objects.exists()


def test_empty_comment_and_unknown_clause_are_form_errors(city: Any) -> None:
    page = make_consultation(city.a)
    client = Client()
    response = client.post(comment_url(page), {"clause": "987654321", "text": ""})
    text = text_of(response)
    assert response.status_code == 200
    assert "请填写意见内容" in text and "请从列出的条款中选择" in text
    assert not Comment.objects.exists()


def test_closed_consultation_refuses_a_comment_post(city: Any) -> None:
    ended = make_consultation(city.a, opens=-60, closes=-20)
    soon = make_consultation(city.a, opens=3, closes=40)
    for page in (ended, soon):
        response = Client().post(comment_url(page), {"text": "迟到的意见"})
        assert response.status_code == 403
        assert "不在征求意见期内" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_are_rate_limited(city: Any, settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "COMMENT_LIMIT": 2}
    page = make_consultation(city.a)
    client = Client()
    statuses = [
        client.post(comment_url(page), {"text": f"第{n}条意见", "token": ""}).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Comment.objects.count() == 2
    limited = client.post(comment_url(page), {"text": "又一条"})
    assert "请稍后再试" in limited.content.decode() and limited["Retry-After"]


# --- The questionnaire -----------------------------------------------------------------------------


def _questions(page: ConsultationPage) -> None:
    rows = [
        (QuestionKind.SINGLE, "您是否在中心城区居住？", True, "是\n否", None, ""),
        (QuestionKind.SCALE, "您对现行停车收费的满意程度", False, "", None, ""),
        (QuestionKind.SINGLE, "您是否有固定停车位？", True, "有\n没有", 1, "是"),
        (QuestionKind.MULTIPLE, "您最希望改进哪些方面？", False, "收费\n车位\n秩序", None, ""),
        (QuestionKind.TEXT, "没有固定车位时您通常停在哪里？", True, "", 3, "没有"),
    ]
    for i, (kind, text, required, options, if_no, if_answer) in enumerate(rows):
        Question.objects.create(
            page=page,
            sort_order=i,
            kind=kind,
            text=text,
            required=required,
            options=options,
            show_if_number=if_no,
            show_if_answer=if_answer,
        )


def test_questionnaire_asks_conditional_questions_only_when_the_answer_matches(
    city: Any,
) -> None:
    page = make_consultation(city.a)
    _questions(page)
    questions = questionnaire_services.numbered(page)
    kept, errors = questionnaire_services.clean_answers(
        questions, {1: "否", 3: "没有", 5: "路边", 4: ["车位", "收费"]}
    )
    assert errors == {}
    assert kept == {1: "否", 4: ["收费", "车位"]}  # 3 and 5 not asked: their answers dropped
    kept, errors = questionnaire_services.clean_answers(questions, {1: "是"})
    assert set(errors) == {3}  # asked and required
    kept, errors = questionnaire_services.clean_answers(questions, {1: "是", 3: "没有"})
    assert set(errors) == {5}
    kept, errors = questionnaire_services.clean_answers(questions, {1: "也许", 2: "9"})
    assert set(errors) == {1, 2}

    client = Client()
    form = client.get(page.url + "questionnaire/")
    html = form.content.decode()
    assert form.status_code == 200
    assert 'data-show-if="1"' in html and 'class="reveal-3"' in html
    assert "第1题选择“是”时回答此题" in html
    assert "<fieldset" in html and "<legend>" in html

    refused = client.post(page.url + "questionnaire/", {"q1": "是", "q4": ["秩序"]})
    assert refused.status_code == 200 and "第3题：请选择此题的答案" in text_of(refused)
    assert not QuestionnaireResponse.objects.exists()

    done = client.post(
        page.url + "questionnaire/", {"q1": "否", "q3": "有", "q4": ["秩序"], "q2": "4"}
    )
    assert done.status_code == 302 and done["Location"].endswith("questionnaire/thanks/")
    response = QuestionnaireResponse.objects.get()
    by_text = {q.text: str(q.pk) for q in page.questions.all()}
    assert response.answers == {
        by_text["您是否在中心城区居住？"]: "否",
        by_text["您对现行停车收费的满意程度"]: "4",
        by_text["您最希望改进哪些方面？"]: ["秩序"],
    }


def test_questionnaire_of_a_closed_consultation_is_refused(city: Any) -> None:
    ended = make_consultation(city.a, opens=-60, closes=-20)
    _questions(ended)
    response = Client().post(ended.url + "questionnaire/", {"q1": "否"})
    assert response.status_code == 403
    assert not QuestionnaireResponse.objects.exists()


# --- The feedback ----------------------------------------------------------------------------------


def test_feedback_page_shows_the_table_and_the_clause_aligned_comparison(city: Any) -> None:
    page = make_consultation(city.a, opens=-60, closes=-20)
    second = clause(page, "第二条")
    # Comments arrived while it was open (the service is told the day).
    opened_day = page.opens_on + dt.timedelta(days=1)
    made = [
        services.comment_submit(
            consultation=page, text=f"意见{n}", key=f"k{n}", clause=second, today=opened_day
        ).comment
        for n in range(3)
    ]
    for comment, disposition in zip(
        made, [Disposition.ADOPTED, Disposition.PARTLY, Disposition.NOT_ADOPTED], strict=True
    ):
        services.comment_moderate(actor=city.users.editor_a, comment=comment, accept=True)
        services.comment_tag(actor=city.users.editor_a, comment=comment, disposition=disposition)
    final = services.version_add(
        actor=None, consultation=page, text=FINAL, label="正式文本", final=True
    )
    feedback = services.feedback_draft(actor=None, consultation=page, final_version=final)
    draft = feedback.get_latest_revision_as_object()
    rows = list(draft.rows.all())
    rows[0].reason_not = "适用范围以全市为宜，不宜限于中心城区以外。"
    draft.rows = rows
    revision = draft.save_revision()
    with system_publication("测试"):
        revision.publish()
    feedback = type(feedback).objects.get(pk=feedback.pk)

    response = Client().get(feedback.url)
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "逐条采纳情况" in text and "第二条" in text
    row = re.search(r"<th scope=\"row\">第二条</th>(.*?)</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(\d+)</td>", row.group(1))
    assert cells == ["3", "1", "1", "1"]
    assert "不予采纳的理由" in text and "适用范围以全市为宜" in text
    assert "最终文本与征求意见稿逐条对照" in text
    assert "第二条（已修改）" in text.replace(" ", "")
    assert "第四条（新增）" in text.replace(" ", "")
    assert "第一条（未修改）" in text.replace(" ", "")
    assert "修改 1 条，新增 1 条，删除 0 条" in text
    # The consultation links to its published feedback.
    consultation = text_of(Client().get(page.url))
    assert "已公布意见采纳情况" in consultation and feedback.title in consultation


def test_a_units_column_lists_its_consultations_with_dates_and_status(city: Any) -> None:
    page = make_consultation(city.a, title="教育局的征求意见")
    make_consultation(city.b, title="财政局的征求意见")
    column = page.get_parent()
    response = Client().get(column.url)
    assert response.status_code == 200
    text = text_of(response)
    assert "教育局的征求意见" in text and "财政局的征求意见" not in text
    assert "征集中" in text and "剩余" in text and page.opens_on.strftime("%Y年") in text
    assert "查看全部单位的意见征集" in text


def test_a_revised_draft_is_consulted_and_the_earlier_version_stays_readable(city: Any) -> None:
    page = make_consultation(city.a)
    old_clause = clause(page, "第三条")
    services.comment_submit(
        consultation=page, text="对第一版的意见", key="k1", clause=old_clause, consent_publish=True
    )
    Comment.objects.update(status=CommentStatus.ACCEPTED)
    services.version_add(
        actor=None, consultation=page, text=DRAFT.replace("合理定价", "按质论价"), label="修改稿"
    )
    client = Client()
    html = client.get(page.url).content.decode()
    assert "当前征求意见的版本：修改稿（第2版）" in html
    assert 'href="' + page.url + 'version/1/"' in html
    assert "按质论价" in html
    assert "对此前版本提出的意见" in html and "对第一版的意见" in html
    earlier = client.get(page.url + "version/1/")
    assert earlier.status_code == 200 and "合理定价" in earlier.content.decode()
    assert "对本条提意见" not in earlier.content.decode()
    for number in ("2", "3", "99999", "9" * 25):
        assert client.get(page.url + f"version/{number}/").status_code == 404
