"""Hypothesis-driven requests against every public form and listing parameter: strings,
numbers, unicode and huge values for each. Never a 500; where a value is refused, a 400 that is
the site's page in Chinese (issue 11: a 20-digit organ was a 500 on /search/ and /zcwjk/).
Bounded: a fixed number of examples per test, no deadline, derandomised so CI failures
reproduce — under a minute in all."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from gongkai.applications.forms import ApplicationForm
from gongkai.applications.tests.helpers import form_post
from gongkai.mailbox.forms import LetterForm
from gongkai.participation.forms import CommentForm
from gongkai.participation.models import Question, QuestionKind
from gongkai.participation.tests.test_public import make_consultation
from gongkai.portal.models import ErrorCategory
from gongkai.testing import make_policy

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

FUZZ = hsettings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_CJK = re.compile(r"[\u4e00-\u9fff]")

# Values that broke or could break something: out-of-range numbers, database-key overflow,
# wildcard and FTS syntax, markup, control and combining characters, emoji, full-width digits.
KNOWN_BAD = [
    "",
    " ",
    "0",
    "-1",
    "-5",
    "99999",
    "9" * 20,
    "9" * 5000,
    "1e9",
    "NaN",
    "２０２４",
    "*",
    "%",
    "%%",
    "_",
    "\\",
    "'",
    '"',
    "😀",
    "🇨🇳",
    "\u0301",
    "\x00",
    "\x1b[0m",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "NEAR(a b)",
    "就业 OR 1=1",
    "a" * 1000,
]
NASTY = st.sampled_from(KNOWN_BAD)
VALUES = st.one_of(
    NASTY,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=120),
)


def params(*names: str) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names))


def assert_answered(response: Any) -> None:
    """Not a server error; a refusal is the site's page, in Chinese."""
    assert response.status_code < 500, response.status_code
    if response.status_code == 400:
        body = response.content.decode()
        assert "<html" in body and _CJK.search(body), body[:500]
        assert "Bad Request" not in body


@pytest.fixture
def site(city: Any, settings: Any) -> Any:
    """Something to list, and the public forms' rate limits off (hundreds of requests)."""
    settings.GONGKAI = {
        **settings.GONGKAI,
        "ERROR_REPORT_LIMIT": 0,
        "TRACK_LIMIT": 0,
        "APPLICATION_LIMIT": 0,
        "COMMENT_LIMIT": 0,
    }
    make_policy(city.a, title="关于就业补贴的通知", body="<p>就业补贴标准。</p>")
    make_policy(city.b, title="关于财政预算公开的通知", doc_type="other")
    return city


SEARCH = ("q", "kind", "organ", "topic", "year", "doc_type", "validity", "page")
# Every query-string parameter a public page reads (grep request.GET), by page.
GET_PARAMETERS = {
    "/search/": SEARCH,
    "/hdjl/tongji/": ("year", "month"),  # 来信办理情况统计 (issue 15, mailbox statistics)
    "/zcwjk/": SEARCH,
    "/sitemap.xml": ("p",),
    "/elder/on/": ("next",),
    "/elder/off/": ("next",),
    "/zhaocuo/": ("url",),
    "/zhaocuo/done/": ("url",),
    "/ysqgk/receipt/": ("t",),
    "/yjzj/": ("status", "unit", "kind", "page"),
    "/zxft/": ("status", "kind", "unit", "page"),  # 在线访谈 (issue 15)
    # --- issue 15, mailbox public side (/hdjl/).
    "/hdjl/letters/": ("channel", "unit", "category", "year", "q", "page"),
    "/hdjl/write/consult/": ("q", "unit"),
    "/hdjl/suggest/": ("q",),
    "/hdjl/letter/XJ2026-000001/": ("rated",),
    "/zcpj/": ("page",),  # issue 15 (evaluation)
    # 舆情回应 (issue 15, opinion): the published responses.
    "/zwyq/": ("year", "page"),
    "/kfz/": ("when", "unit", "page"),  # 政府开放周
}


@pytest.mark.parametrize(
    ("path", "name"), [(path, name) for path, names in GET_PARAMETERS.items() for name in names]
)
def test_every_parameter_with_every_known_bad_value(site: Any, path: str, name: str) -> None:
    """A sweep first: each known kind of bad value in each parameter, alone."""
    client = Client()
    for value in KNOWN_BAD:
        assert_answered(client.get(path, {name: value}))


@FUZZ
@given(query=params(*SEARCH), path=st.sampled_from(["/search/", "/zcwjk/"]))
def test_search_and_library_parameters_together(
    site: Any, query: dict[str, str], path: str
) -> None:
    assert_answered(Client().get(path, query))


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/feeds/rss.xml",
            "/feeds/atom.xml",
            "/sitemap.xml",
            "/robots.txt",
            "/elder/on/",
            "/elder/off",
            "/zhaocuo/",
            "/zhaocuo/done/",
            "/ysqgk/",
            "/ysqgk/receipt/",
            "/ysqgk/track/",
            "/zdjc/",
            "/hdjl/",
            "/hdjl/receipt/",
            "/hdjl/track/",
            "/hdjl/faq/",
            "/zwyq/",
            "/",
        ]
    ),
    query=params("p", "page", "next", "url", "t", "q", "format"),
)
def test_other_public_pages_and_their_parameters(
    site: Any, path: str, query: dict[str, str]
) -> None:
    assert_answered(Client().get(path, query))


@FUZZ
@given(
    kind=st.sampled_from(["topic", "unit"]),
    value=st.one_of(NASTY, st.integers(min_value=0, max_value=2**80).map(str)),
    feed=st.sampled_from(["rss.xml", "atom.xml"]),
)
def test_feed_addresses(site: Any, kind: str, value: str, feed: str) -> None:
    from urllib.parse import quote

    if kind == "unit" and value == "":
        value = site.a.slug
    assert_answered(Client().get(f"/feeds/{kind}/{quote(value, safe='')}/{feed}"))


@FUZZ
@given(fields=params("category", "page_url", "description", "contact"))
def test_error_report_form(site: Any, fields: dict[str, str]) -> None:
    data = {
        "page_url": "http://testserver/zcwjk/",
        "category": ErrorCategory.WORDING,
        "description": "第二段“攻府”应为“政府”。",
        **fields,
    }
    assert_answered(Client().post("/zhaocuo/", data))


@FUZZ
@given(fields=params("number", "code"))
def test_track_form(site: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post("/ysqgk/track/", fields))


# The form's own fields (files are sent apart, as a browser does).
LETTER = tuple(name for name in LetterForm.base_fields if name != "attachments")
APPLICATION = tuple(name for name in ApplicationForm.base_fields if name != "attachments")


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(APPLICATION), VALUES, min_size=1, max_size=3))
def test_application_form(site: Any, fields: dict[str, str]) -> None:
    response = Client().post(f"/ysqgk/apply/{site.a.slug}/", form_post(**fields))
    assert_answered(response)


# 意见征集 (issue 14): the list's filters together, and a consultation's forms and parameters.
@FUZZ
@given(query=params("status", "unit", "kind", "page"))
def test_consultation_list_parameters_together(site: Any, query: dict[str, str]) -> None:
    assert_answered(Client().get("/yjzj/", query))


# 来信办理情况统计 (issue 15, mailbox statistics): the year and month selectors together.
@FUZZ
@given(query=params("year", "month"))
def test_letter_statistics_parameters_together(site: Any, query: dict[str, str]) -> None:
    assert_answered(Client().get("/hdjl/tongji/", query))


@pytest.fixture
def consultation(site: Any) -> Any:
    page = make_consultation(site.a)
    for i, (kind, options, if_no, if_answer) in enumerate(
        [
            (QuestionKind.SINGLE, "是\n否", None, ""),
            (QuestionKind.MULTIPLE, "甲\n乙", 1, "是"),
            (QuestionKind.SCALE, "", None, ""),
            (QuestionKind.TEXT, "", 1, "否"),
        ]
    ):
        Question.objects.create(
            page=page,
            sort_order=i,
            kind=kind,
            text=f"第{i + 1}题",
            required=True,
            options=options,
            show_if_number=if_no,
            show_if_answer=if_answer,
        )
    return page


COMMENT = tuple(CommentForm.base_fields)


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(COMMENT), VALUES, min_size=1, max_size=4))
def test_comment_form(consultation: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post(consultation.url + "comment/", fields))


@FUZZ
@given(fields=params("q1", "q2", "q3", "q4", "q5"))
def test_questionnaire_form(consultation: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post(consultation.url + "questionnaire/", fields))


@pytest.fixture
def decisions(site: Any) -> Any:
    """A published catalogue of major decisions (重大行政决策) with one decision."""
    from gongkai.participation import decision_services as participation

    catalogue = participation.catalogue_save(actor=None, government=site.gov, year=2026)
    decision = participation.decision_save(
        actor=None, catalogue=catalogue, title="南昌市中小学校布局规划", lead_unit=site.a
    )
    participation.catalogue_publish(actor=None, catalogue=catalogue)
    return decision


@FUZZ
@given(
    route=st.sampled_from(["", "comment/", "questionnaire/", "comment/thanks/", "version/"]),
    value=VALUES,
)
def test_consultation_routes_and_parameters(consultation: Any, route: str, value: str) -> None:
    from urllib.parse import quote

    client = Client()
    if route == "version/":
        assert_answered(client.get(f"{consultation.url}version/{quote(value, safe='')}/"))
    else:
        assert_answered(client.get(consultation.url + route, {"clause": value}))


@FUZZ
@given(
    value=st.one_of(NASTY, st.integers(min_value=-(2**70), max_value=2**80).map(str)),
    kind=st.sampled_from(["catalogue", "decision"]),
    query=params("p", "page", "year", "q"),
)
def test_decision_addresses(decisions: Any, value: str, kind: str, query: dict[str, str]) -> None:
    """/zdjc/catalogue/<id>/ and /zdjc/<id>/: any id, published or not, is a page or a 404."""
    from urllib.parse import quote

    prefix = "/zdjc/catalogue/" if kind == "catalogue" else "/zdjc/"
    assert_answered(Client().get(f"{prefix}{quote(value, safe='')}/", query))
    own = decisions.catalogue.pk if kind == "catalogue" else decisions.pk
    assert Client().get(f"{prefix}{own}/", query).status_code == 200


# 在线访谈 (issue 15): the list's filters together, an event's addresses, the transcript's
# ``after`` and the question form.
@FUZZ
@given(query=params("status", "kind", "unit", "page"))
def test_event_list_parameters_together(site: Any, query: dict[str, str]) -> None:
    assert_answered(Client().get("/zxft/", query))


@pytest.fixture
def live_event(site: Any) -> Any:
    import datetime as dt  # local import: only this block needs the events app

    from django.utils import timezone  # local import: as above

    from gongkai.events import services as events  # local import: as above

    start = timezone.now() + dt.timedelta(days=1)
    event = events.event_save(
        actor=site.users.editor_a,
        unit=site.a,
        data=events.EventData(
            kind="interview", title="访谈", starts_at=start, ends_at=start + dt.timedelta(hours=1)
        ),
    )
    return events.event_publish(actor=site.users.editor_a, event=event)


@FUZZ
@given(
    value=st.one_of(NASTY, st.integers(min_value=-(2**70), max_value=2**80).map(str)),
    route=st.sampled_from(["", "transcript.json", "question/", "question/thanks/"]),
)
def test_event_addresses(live_event: Any, value: str, route: str) -> None:
    from urllib.parse import quote  # local import: as the other address tests here

    client = Client()
    assert_answered(client.get(f"/zxft/{quote(value, safe='')}/{route}"))
    feed = client.get(f"/zxft/{live_event.pk}/transcript.json", {"after": value})
    assert feed.status_code in (200, 400), feed.status_code  # the JSON's own 400, in Chinese
    if feed.status_code == 400:
        assert feed.json()["error"]["parameter"] == "after"


@FUZZ
@given(fields=params("text", "name", "contact", "token"))
def test_event_question_form(live_event: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post(f"/zxft/{live_event.pk}/question/", fields))


# --- issue 15, mailbox public side (/hdjl/): the letter form, the look-up, the list's filters
# together, and any channel or number in the addresses.
@FUZZ
@given(fields=st.dictionaries(st.sampled_from(LETTER), VALUES, min_size=1, max_size=4))
def test_letter_form(site: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post("/hdjl/write/consult/", fields))


@FUZZ
@given(fields=params("number", "code"))
def test_letter_track_form(site: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post("/hdjl/track/", fields))


@FUZZ
@given(query=params("channel", "unit", "category", "year", "q", "page"))
def test_letter_list_parameters_together(site: Any, query: dict[str, str]) -> None:
    assert_answered(Client().get("/hdjl/letters/", query))


@FUZZ
@given(value=VALUES, kind=st.sampled_from(["write", "letter"]))
def test_letter_addresses(site: Any, value: str, kind: str) -> None:
    from urllib.parse import quote

    assert_answered(Client().get(f"/hdjl/{kind}/{quote(value, safe='')}/"))


# --- issue 15 (evaluation): a published evaluation's survey form and routes -------------------
@pytest.fixture
def evaluation(site: Any) -> Any:
    import datetime as dt

    from django.utils import timezone

    from gongkai.evaluation import services as evaluation_services
    from gongkai.evaluation.models import PolicyEvaluationPage
    from gongkai.testing import publish_directly

    today = timezone.localdate()
    page = evaluation_services.evaluation_create(
        actor=None, unit=site.a, policy=make_policy(site.a, title="关于课后服务的通知")
    )
    spec = evaluation_services.QuestionSpec
    evaluation_services.survey_save(
        actor=None,
        evaluation=page,
        questions=[
            spec(kind="single", text="是否了解", required=True, options=["是", "否"]),
            spec(
                kind="multiple",
                text="从哪里了解",
                options=["网站", "学校"],
                show_if_number=1,
                show_if_answer="是",
            ),
            spec(kind="scale", text="满意程度", required=True),
            spec(kind="text", text="建议"),
        ],
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=5),
    )
    publish_directly(PolicyEvaluationPage.objects.get(pk=page.pk).get_latest_revision())
    return PolicyEvaluationPage.objects.get(pk=page.pk)


@FUZZ
@given(fields=params("q1", "q2", "q3", "q4", "token"))
def test_evaluation_survey_form(evaluation: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post(evaluation.url + "survey/", fields))


@FUZZ
@given(route=st.sampled_from(["", "survey/", "survey/thanks/"]), value=VALUES)
def test_evaluation_routes_and_parameters(evaluation: Any, route: str, value: str) -> None:
    assert_answered(Client().get(evaluation.url + route, {"page": value}))


# 舆情回应 (issue 15): the published responses' year and page together.
@FUZZ
@given(query=params("year", "page"))
def test_opinion_responses_parameters_together(site: Any, query: dict[str, str]) -> None:
    assert_answered(Client().get("/zwyq/", query))


# 政府开放周 (issue 15): the list's filters together, an event's registration form, 我的报名.
@pytest.fixture
def open_event(site: Any) -> Any:
    from gongkai.openweek.tests.helpers import make_event

    return make_event(site.a, site.users.editor_a, capacity=3, needs_id=True)


@FUZZ
@given(query=params("when", "unit", "page"))
def test_open_week_list_parameters_together(site: Any, query: dict[str, str]) -> None:
    assert_answered(Client().get("/kfz/", query))


@FUZZ
@given(fields=params("name", "phone", "id_number", "consent", "token"))
def test_open_week_registration_form(open_event: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post(f"/kfz/{open_event.pk}/", fields))


@FUZZ
@given(fields=params("number", "code", "action", "rating", "text"))
def test_open_week_mine_form(site: Any, fields: dict[str, str]) -> None:
    assert_answered(Client().post("/kfz/mine/", fields))


@FUZZ
@given(
    value=st.one_of(NASTY, st.integers(min_value=-(2**70), max_value=2**80).map(str)),
    route=st.sampled_from(["", "done/"]),
)
def test_open_week_addresses(open_event: Any, value: str, route: str) -> None:
    from urllib.parse import quote

    assert_answered(Client().get(f"/kfz/{quote(value, safe='')}/{route}"))
