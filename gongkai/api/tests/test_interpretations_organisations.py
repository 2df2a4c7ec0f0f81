"""GET /api/v1/interpretations[/{id}] and /api/v1/organisations."""

from __future__ import annotations

import pytest

from gongkai.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_interpretation_list_shows_only_public_ones(api, library):
    body = api.get("interpretations")
    assert set(body) == {"count", "page", "page_size", "results"}
    assert body["count"] == 1  # not the draft, not the one ahead of its policy
    item = body["results"][0]
    joint = library.joint
    assert item == {
        "id": library.interpretation.pk,
        "title": library.interpretation.title,
        "url": f"http://testserver{library.interpretation.url}",
        "policy": {"id": joint.pk, "title": joint.title, "url": f"http://testserver{joint.url}"},
        "form": "text",
        "form_label": "文字解读",
        "interpreter": "市医保局待遇保障处",
        "published_on": library.interpretation.published_on.isoformat(),
    }


def test_interpretation_list_by_policy(api, library):
    assert api.get("interpretations", policy=library.joint.pk)["count"] == 1
    assert api.get("interpretations", policy=library.other.pk)["count"] == 0
    for hidden in (library.draft.pk, library.secret.pk, 999_999_999, 2**63):
        error = api.get("interpretations", 400, policy=hidden)["error"]
        assert error["parameter"] == "policy"
    error = api.get("interpretations", 400, page=2)["error"]
    assert error["parameter"] == "page"


def test_interpretation_detail(api, library):
    body = api.get(f"interpretations/{library.interpretation.pk}")
    assert body["policy"]["id"] == library.joint.pk
    assert "近日印发了医保缴费通知" in body["body"]
    assert body["facets"] == [
        {"kind": "background", "label": "背景依据", "text": "<p>为保障群众基本医疗需求。</p>"}
    ]
    assert body["questions"] == [
        {"question": "谁需要缴费？", "answer": "<p>未参加职工医保的城乡居民。</p>"}
    ]
    assert body["images"] == []
    assert body["video_url"] is None


def test_hidden_interpretations_are_404(api, library):
    for page in (library.hidden_interpretation, library.draft_interpretation):
        error = api.get(f"interpretations/{page.pk}", 404)["error"]
        assert error["parameter"] == "id"
    api.get(f"interpretations/{library.joint.pk}", 404)  # a policy is not an interpretation
    for value in (10**25, -(10**25), -(2**63) - 1, 0):
        api.get(f"interpretations/{value}", 404)


def test_organisations_are_the_flattened_tree_with_contacts(api, city):
    body = api.get("organisations")
    assert body["count"] == Organisation.objects.count() == len(body["results"])
    units = {u["id"]: u for u in body["results"]}
    gov, a, dept = units[city.gov.pk], units[city.a.pk], units[city.district_dept.pk]
    assert (gov["parent_id"], gov["depth"], gov["kind"], gov["kind_label"]) == (
        None,
        1,
        "government",
        "人民政府",
    )
    assert a["parent_id"] == city.gov.pk
    assert dept["parent_id"] == city.district.pk and dept["depth"] == 3
    assert a["short_name"] == "市教育局"
    assert a["slug"] == city.a.slug and a["org_code"] == city.a.org_code
    assert a["office"]["phone"] == "0791-83881234"
    assert set(a["office"]) == {
        "name",
        "address",
        "postcode",
        "hours",
        "phone",
        "fax",
        "email",
        "website",
    }
    # Parents come before their children.
    order = [u["id"] for u in body["results"]]
    for unit in body["results"]:
        if unit["parent_id"] is not None:
            assert order.index(unit["parent_id"]) < order.index(unit["id"])
