"""GET /api/v1/policies and /api/v1/policies/{id}: shapes, filters, search, what is public."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.library.models import DisclosureMode, PolicyDocumentPage
from gongkai.organisations.models import OrganisationKind
from gongkai.search import indexing
from gongkai.testing import make_policy, make_unit

pytestmark = pytest.mark.django_db

SUMMARY_KEYS = {
    "id",
    "title",
    "index_number",
    "doc_number",
    "organs",
    "topic",
    "written_on",
    "published_on",
    "validity",
    "validity_label",
    "url",
    "snippet",
}


def ids(body):
    return {r["id"] for r in body["results"]}


def test_list_shape_and_values(api, library):
    body = api.get("policies", page_size=100)
    assert set(body) == {
        "count",
        "page",
        "page_size",
        "did_you_mean",
        "match",
        "match_words",
        "results",
    }
    assert body["count"] == len(library.public_ids)
    assert (body["page"], body["page_size"], body["did_you_mean"]) == (1, 100, None)
    assert ids(body) == library.public_ids
    joint = next(r for r in body["results"] if r["id"] == library.joint.pk)
    assert set(joint) == SUMMARY_KEYS
    assert joint == {
        "id": library.joint.pk,
        "title": "关于城乡居民医保参保缴费的通知",
        "index_number": library.joint.index_number,
        "doc_number": "洪教字〔2026〕7号",
        "organs": [library.city.a.name, library.city.b.name],
        "topic": library.topic_a.label,
        "written_on": "2026-03-02",
        "published_on": library.joint.published_on.isoformat(),
        "validity": "valid",
        "validity_label": "有效",
        "url": f"http://testserver{library.joint.url}",
        "snippet": None,
    }
    assert "\\" in joint["topic"]  # 一级\二级
    # Without a query: valid before abolished, newer before older.
    order = [r["id"] for r in body["results"]]
    assert order.index(library.old.pk) == len(order) - 1


def test_default_page_size_and_pages(api, library):
    assert api.get("policies")["page_size"] == 20
    first = api.get("policies", page_size=4)
    second = api.get("policies", page_size=4, page=2)
    assert first["count"] == second["count"] == 6
    assert len(first["results"]) == 4 and len(second["results"]) == 2
    assert ids(first).isdisjoint(ids(second))
    error = api.get("policies", 400, page_size=4, page=3)["error"]
    assert error["parameter"] == "page"
    assert "共 2 页" in error["message"]
    # Nothing to list: any page is an empty page, not an error.
    empty = api.get("policies", q="没有这样的文件内容", page=3)
    assert (empty["count"], empty["results"]) == (0, [])


def test_filter_by_issuing_unit_matches_any_of_a_joint_issuance(api, library):
    city = library.city
    expected_b = {library.joint.pk, library.other.pk}  # joint: 教育局 + 财政局
    for value in (city.b.slug, city.b.org_code, str(city.b.pk), city.b.name):
        assert ids(api.get("policies", organ=value)) == expected_b, value
    assert library.joint.pk in ids(api.get("policies", organ=city.a.slug))
    assert ids(api.get("policies", organ=city.district.slug)) == {library.rule.pk}


def test_filter_by_credit_code(api, city):
    unit = make_unit(
        "南昌市医疗保障局", parent=city.gov, credit_code="11360100MB1234567T", slug="ybj"
    )
    doc = make_policy(unit, title="医保局文件")
    assert ids(api.get("policies", organ="11360100MB1234567T")) == {doc.pk}
    assert ids(api.get("policies", organ="11360100mb1234567t")) == {doc.pk}


def test_filter_by_topic_id_and_labels(api, library):
    topic = library.topic_a
    for value in (
        str(topic.pk),
        topic.label,
        topic.parent.name,
        f"{topic.parent.name}/{topic.name}",
    ):
        found = ids(api.get("policies", topic=value))
        assert library.joint.pk in found, value
        assert library.other.pk not in found, value
    assert ids(api.get("policies", topic=library.topic_b.label)) == {
        library.other.pk,
        library.rule.pk,
    }


def test_filter_by_doc_type_validity_and_year(api, library):
    assert ids(api.get("policies", doc_type="rule")) == {library.rule.pk}
    assert ids(api.get("policies", doc_type="规章")) == {library.rule.pk}
    assert ids(api.get("policies", doc_type="其他文件")) == {library.other.pk}
    assert ids(api.get("policies", doc_type="normative")) == ids(
        api.get("policies", doc_type="行政规范性文件")
    )
    # Exactly the values the OpenAPI document lists (its enum): no other spelling.
    api.get("policies", expect=400, doc_type="NORMATIVE")
    assert ids(api.get("policies", validity="abolished")) == {library.old.pk}
    assert ids(api.get("policies", validity="废止")) == {library.old.pk}
    assert library.old.pk not in ids(api.get("policies", validity="有效"))
    assert api.get("policies", validity="expired")["count"] == 0
    assert ids(api.get("policies", year=2024)) == {library.rule.pk}
    assert ids(api.get("policies", year=2025)) == {library.other.pk}
    combined = api.get("policies", organ=library.city.b.slug, year=2026, doc_type="normative")
    assert ids(combined) == {library.joint.pk}


def test_empty_parameters_are_ignored(api, library):
    body = api.get("policies", q="", organ="", topic="", year="", doc_type="", validity="", page="")
    assert body["count"] == len(library.public_ids)


def test_search_with_snippet_and_traditional_characters(api, library):
    simplified = api.get("policies", q="医保")
    traditional = api.get("policies", q="醫保")
    assert ids(simplified) == {library.joint.pk}  # drafts and 不予公开 are not found
    assert [r["id"] for r in traditional["results"]] == [r["id"] for r in simplified["results"]]
    assert simplified["did_you_mean"] is None
    assert traditional["did_you_mean"] == "医保"
    snippet = simplified["results"][0]["snippet"]
    assert "<mark>医保</mark>" in snippet
    assert "<p>" not in snippet and "<a " not in snippet
    assert "<mark>醫保</mark>" not in traditional["results"][0]["snippet"]  # the text as written
    assert api.get("policies", q="医保", organ=library.city.district.slug)["count"] == 0


@pytest.mark.parametrize("query", ["！？《》——", "*", "%", "😀"])
def test_query_of_punctuation_or_emoji_only_matches_nothing(api, library, query):
    # Issue 11: such a query was no query and listed every document.
    body = api.get("policies", q=query)
    assert (body["count"], body["results"]) == (0, [])


def test_list_queries_do_not_grow_with_the_number_of_hits(api, city, client, settings):
    # Without the rate limit's statements (a new window's first request also prunes old ones).
    settings.GONGKAI = {**settings.GONGKAI, "API_RATE_LIMIT": 0}
    for n in range(3):
        make_policy(city.a, title=f"少量文件{n}", issuers=[city.a, city.b])
    client.get("/api/v1/policies")  # warm Wagtail's site cache
    with CaptureQueriesContext(connection) as few:
        api.get("policies", page_size=100)
    for n in range(12):
        make_policy(city.a, title=f"更多文件{n}", issuers=[city.a, city.b])
    with CaptureQueriesContext(connection) as many:
        body = api.get("policies", page_size=100)
    assert body["count"] == 15
    assert len(many.captured_queries) == len(few.captured_queries) <= 8


DETAIL_KEYS = {
    "id",
    "title",
    "url",
    "index_number",
    "topic",
    "organs",
    "written_on",
    "doc_number",
    "published_on",
    "validity",
    "validity_label",
    "validity_changed_on",
    "validity_reason",
    "superseded_by",
    "valid_from",
    "valid_until",
    "doc_type",
    "doc_type_label",
    "genre",
    "disclosure_mode",
    "disclosure_mode_label",
    "disclosure_scope",
    "keywords",
    "is_major",
    "body",
    "body_note",
    "attachments",
    "interpretations",
    "services",
    "relations",
}


def test_detail_has_the_full_metadata_and_related_records(api, library):
    doc = api.get(f"policies/{library.joint.pk}")
    assert set(doc) == DETAIL_KEYS
    assert doc["title"] == library.joint.title
    assert doc["url"] == f"http://testserver{library.joint.url}"
    assert doc["organs"] == [library.city.a.name, library.city.b.name]
    assert doc["topic"] == library.topic_a.label
    assert (doc["doc_type"], doc["doc_type_label"]) == ("normative", "行政规范性文件")
    assert (doc["disclosure_mode"], doc["disclosure_mode_label"]) == ("proactive", "主动公开")
    assert doc["genre"] == "通知"
    assert doc["keywords"] == "医保 缴费"
    assert doc["disclosure_scope"] == "面向全社会"
    assert doc["is_major"] is False
    assert doc["written_on"] == "2026-03-02"
    assert (doc["validity"], doc["validity_label"], doc["superseded_by"]) == ("valid", "有效", None)
    assert "医保缴费标准为每人每年380元" in doc["body"] and doc["body_note"] is None
    assert doc["attachments"] == [
        {"title": "附件1 缴费标准表", "url": f"http://testserver{library.document.url}"}
    ]
    assert doc["interpretations"] == [
        {
            "id": library.interpretation.pk,
            "title": library.interpretation.title,
            "url": f"http://testserver{library.interpretation.url}",
        }
    ]  # not the unpublished one
    assert doc["services"] == [
        {
            "name": "城乡居民医保参保登记",
            "code": "360100-YB-001",
            "url": "https://zwfw.example.gov.cn/item/360100-YB-001",
            "organisation": library.city.a.name,
        }
    ]
    assert doc["relations"] == {"acts_on": [], "acted_on_by": []}


def test_detail_of_an_abolished_document_and_of_the_one_that_abolished_it(api, library):
    old = api.get(f"policies/{library.old.pk}")
    new_ref = {
        "id": library.new.pk,
        "title": library.new.title,
        "url": f"http://testserver{library.new.url}",
    }
    assert (old["validity"], old["validity_label"]) == ("abolished", "废止")
    assert old["validity_changed_on"] == library.new.published_on.isoformat()
    assert library.new.title in old["validity_reason"]
    assert old["superseded_by"] == new_ref
    assert old["relations"]["acted_on_by"] == [
        {
            "kind": "abolishes",
            "kind_label": "废止",
            "effective_on": library.new.published_on.isoformat(),
            "document": new_ref,
        }
    ]
    new = api.get(f"policies/{library.new.pk}")
    assert [(r["kind"], r["document"]["id"]) for r in new["relations"]["acts_on"]] == [
        ("abolishes", library.old.pk)
    ]


def test_on_application_documents_show_metadata_but_not_the_body(api, library):
    doc = api.get(f"policies/{library.on_application.pk}")
    assert doc["disclosure_mode"] == "on_application"
    assert doc["disclosure_mode_label"] == "依申请公开"
    assert doc["body"] is None
    assert "依申请公开" in doc["body_note"]
    assert doc["attachments"] == []
    assert library.on_application.pk in ids(api.get("policies"))
    # The body is not indexed: no document holds the phrase (broader tiers may find its words).
    found = api.get("policies", q="不应公开的正文")
    assert found["count"] == 0 or found["match"] != "phrase"


def test_drafts_and_undisclosed_documents_are_not_served(api, library):
    for page in (library.draft, library.secret):
        error = api.get(f"policies/{page.pk}", 404)["error"]
        assert error["parameter"] == "id"
        assert page.pk not in ids(api.get("policies", page_size=100))
    # A live document withdrawn from disclosure disappears from the list and the detail.
    PolicyDocumentPage.objects.filter(pk=library.joint.pk).update(
        disclosure_mode=DisclosureMode.NOT_DISCLOSED, non_disclosure_reason="state_secret"
    )
    api.get(f"policies/{library.joint.pk}", 404)
    assert library.joint.pk not in ids(api.get("policies", page_size=100))  # index not yet told
    indexing.index_page(PolicyDocumentPage.objects.get(pk=library.joint.pk))
    assert api.get("policies", q="医保")["count"] == 0


def test_unknown_and_non_policy_ids_are_404(api, library, city):
    unknown = (999_999_999, 0, -1, 2**63, -(2**63) - 1, 10**30, -(10**30))
    for value in (*unknown, library.interpretation.pk, city.a.home_page_id):
        body = api.get(f"policies/{value}", 404)
        assert body["error"]["parameter"] == "id"
        assert str(value) in body["error"]["message"]


def test_units_of_every_kind_can_be_named(api, city):
    street = make_unit("豫章街道办事处", parent=city.district, kind=OrganisationKind.STREET)
    doc = make_policy(street, title="街道文件")
    assert ids(api.get("policies", organ=street.slug)) == {doc.pk}
