"""GET /api/v1/consultations[/{id}]: the public consultations on drafts, their clauses and,
once published, the clause-level adoption feedback (issue 14)."""

from __future__ import annotations

import pytest

from gongkai.participation import services
from gongkai.participation.models import ConsultationFeedbackPage

pytestmark = pytest.mark.django_db


def ids(body):
    return [item["id"] for item in body["results"]]


def test_list_shows_the_public_consultations_newest_first(api, consultations):
    c = consultations
    body = api.get("consultations")
    assert set(body) == {"count", "page", "page_size", "results"}
    assert body["count"] == 3  # not the unpublished draft
    assert ids(body) == [c.open.pk, c.closed.pk, c.result.pk]
    item = body["results"][0]
    assert item == {
        "id": c.open.pk,
        "title": c.open.title,
        "organ": c.city.a.name,
        "organ_slug": c.city.a.slug,
        "kind": "normative",
        "kind_label": "行政规范性文件草案",
        "status": "open",
        "status_label": "征集中",
        "opens_on": c.open.opens_on.isoformat(),
        "closes_on": c.open.closes_on.isoformat(),
        "url": f"http://testserver{c.open.url}",
        "comment_count": 1,
    }
    counts = {item["id"]: item["comment_count"] for item in body["results"]}
    assert counts == {c.open.pk: 1, c.closed.pk: 1, c.result.pk: 5}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("open", "open"),
        ("征集中", "open"),
        ("closed", "closed"),
        ("已结束", "closed"),
        ("result", "result"),
        ("已公布采纳情况", "result"),
        ("forthcoming", None),
    ],
)
def test_list_by_status(api, consultations, value, expected):
    body = api.get("consultations", status=value)
    if expected is None:
        assert body["count"] == 0
        return
    page = getattr(consultations, expected)
    assert ids(body) == [page.pk]
    assert body["results"][0]["status"] == expected


def test_list_by_organ_and_kind(api, consultations):
    c = consultations
    assert ids(api.get("consultations", organ=c.city.a.slug)) == [c.open.pk, c.closed.pk]
    assert ids(api.get("consultations", organ=c.city.b.slug)) == [c.result.pk]
    assert ids(api.get("consultations", organ=str(c.city.b.pk))) == [c.result.pk]
    assert api.get("consultations", organ=c.city.district.slug)["count"] == 0
    assert ids(api.get("consultations", kind="major-decision")) == [c.result.pk]
    assert ids(api.get("consultations", kind="规章草案")) == [c.closed.pk]
    assert ids(api.get("consultations", kind="normative", organ=c.city.a.slug)) == [c.open.pk]
    assert api.get("consultations", kind="other")["count"] == 0  # the draft stays hidden


def test_list_pages(api, consultations):
    body = api.get("consultations", page_size=2, page=2)
    assert body["count"] == 3 and body["page"] == 2 and body["page_size"] == 2
    assert ids(body) == [consultations.result.pk]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"status": "pending"}, "status"),
        ({"kind": "law"}, "kind"),
        ({"organ": "没有这个单位"}, "organ"),
        ({"page": "0"}, "page"),
        ({"page": "9"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"page": "x"}, "page"),
        ({"organ": "x" * 101}, "organ"),
    ],
)
def test_bad_parameters_are_400(api, consultations, params, parameter):
    body = api.get("consultations", 400, **params)
    assert set(body) == {"error"}
    assert body["error"]["parameter"] == parameter
    assert body["error"]["message"]


def test_unknown_organ_is_named_as_the_consulting_unit(api, consultations):
    message = api.get("consultations", 400, organ="没有这个单位")["error"]["message"]
    assert "征求意见单位" in message


def test_detail_has_the_clauses_of_the_consulted_draft(api, consultations):
    page = consultations.open
    body = api.get(f"consultations/{page.pk}")
    assert body["id"] == page.pk and body["status"] == "open"
    assert body["explanation"] == "起草说明。"
    assert body["contact"] == "电子邮箱：test@example.gov.cn"
    assert body["urgent_reason"] == "" and body["market_related"] is False
    clauses = page.consulted_version().clauses.order_by("order")
    assert body["clauses"] == [
        {"id": c.pk, "number": c.number, "text": c.text, "level": c.level} for c in clauses
    ]
    numbers = [c["number"] for c in body["clauses"]]
    assert numbers == ["第一条", "第二条", "第二条第一款", "第二条第二款", "第三条"]
    assert body["feedback"] is None


def test_feedback_appears_only_once_published(api, consultations):
    closed = api.get(f"consultations/{consultations.closed.pk}")
    assert closed["status"] == "closed"
    assert ConsultationFeedbackPage.objects.child_of(consultations.closed).exists()  # a draft
    assert closed["feedback"] is None

    result = api.get(f"consultations/{consultations.result.pk}")
    assert result["status"] == "result"
    feedback = result["feedback"]
    assert feedback is not None
    page = consultations.result.published_feedback()
    assert feedback["title"] == page.title
    assert feedback["url"] == f"http://testserver{page.url}"
    assert feedback["published_on"] == page.published_on.isoformat()


def test_feedback_rows_are_the_feedback_pages_rows(api, consultations):
    consultation = consultations.result
    rows = api.get(f"consultations/{consultation.pk}")["feedback"]["rows"]
    page = consultation.published_feedback()
    assert rows == [
        {
            "clause": row.clause_number,
            "clause_id": row.clause_id,
            "comments": row.comments,
            "adopted": row.adopted,
            "partly_adopted": row.partly_adopted,
            "not_adopted": row.not_adopted,
            "reasons": row.reasons(),
        }
        for row in page.rows.order_by("sort_order", "pk")
    ]
    # And they are what the comments' tags say, clause by clause.
    assert [(r["clause"], r["comments"], r["adopted"], r["partly_adopted"], r["not_adopted"])
            for r in rows] == [
        (t.number, t.comments, t.adopted, t.partly_adopted, t.not_adopted)
        for t in services.tally(consultation)
    ]  # fmt: skip
    assert rows == [
        {
            "clause": "总体意见",
            "clause_id": None,
            "comments": 1,
            "adopted": 1,
            "partly_adopted": 0,
            "not_adopted": 0,
            "reasons": ["已采纳。"],
        },
        {
            "clause": "第二条",
            "clause_id": rows[1]["clause_id"],
            "comments": 1,
            "adopted": 1,
            "partly_adopted": 0,
            "not_adopted": 0,
            "reasons": ["已采纳。"],
        },
        {
            "clause": "第二条第二款",
            "clause_id": rows[2]["clause_id"],
            "comments": 2,
            "adopted": 0,
            "partly_adopted": 1,
            "not_adopted": 1,
            "reasons": ["部分采纳，理由见说明。", "不予采纳：与上位法不符。"],
        },
        {
            "clause": "第三条",
            "clause_id": rows[3]["clause_id"],
            "comments": 1,
            "adopted": 0,
            "partly_adopted": 0,
            "not_adopted": 1,
            "reasons": ["不予采纳：与上位法不符。"],
        },
    ]
    clause_ids = {
        c["number"]: c["id"] for c in api.get(f"consultations/{consultation.pk}")["clauses"]
    }
    assert rows[2]["clause_id"] == clause_ids["第二条第二款"]


def test_unpublished_and_missing_are_404(api, consultations):
    for value in (consultations.unpublished.pk, 999_999_999, 0, -1, 10**25):
        error = api.get(f"consultations/{value}", 404)["error"]
        assert error["parameter"] in ("id", None)
    api.get(f"consultations/{consultations.unpublished.pk}", 404)
    # Another kind of page is not a consultation.
    feedback = consultations.result.published_feedback()
    api.get(f"consultations/{feedback.pk}", 404)
    error = api.get("consultations/abc", 400)["error"]
    assert error["parameter"] == "id"


def test_the_index_lists_the_consultations(api):
    body = api.get("")
    assert "http://testserver/api/v1/consultations" in body["endpoints"]
