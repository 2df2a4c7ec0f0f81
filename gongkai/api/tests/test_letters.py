"""GET /api/v1/letters[/{id}]: published letters only (answered, consented, chosen by the unit),
masked text, the reviewed answer; filters; the writer's rating never shown (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.api.api import LetterChannelParam
from gongkai.api.params import choice_values
from gongkai.mailbox.models import Category, Channel, Letter
from gongkai.mailbox.tests.public_fixtures import publish, submit

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
ID_NUMBER = "360102199003071234"


@pytest.fixture
def letters(city: Any) -> Any:
    category = Category.objects.create(name="教育")
    shown, _ = submit(
        unit=city.a,
        category=category,
        subject="入学咨询",
        body=f"我的电话{PHONE}，身份证{ID_NUMBER}，请问入学材料？",
    )
    page = publish(shown)
    complaint = publish(submit(unit=city.b, channel="complaint", subject="道路投诉")[0])
    unconsented = publish(submit(unit=city.a, consent_publish=False, subject="不公开")[0])
    not_chosen = publish(submit(unit=city.a, subject="未选登")[0], publish=False)
    unanswered, _ = submit(unit=city.a, subject="未答复")
    Letter.objects.filter(pk=shown.pk).update(satisfaction="unsatisfied", rating_comment="差")
    return {
        "shown": Letter.objects.get(pk=shown.pk),
        "page": page,
        "category": category,
        "complaint": complaint.letter,
        "hidden": [unconsented.letter, not_chosen.letter, unanswered],
    }


def test_channel_parameter_lists_every_channel() -> None:
    assert list(LetterChannelParam.__args__) == choice_values(Channel)


def test_list_shows_published_letters_only(api: Any, letters: Any) -> None:
    body = api.get("letters")
    assert body["count"] == 2
    listed = {item["id"] for item in body["results"]}
    assert listed == {letters["shown"].pk, letters["complaint"].pk}
    item = next(i for i in body["results"] if i["id"] == letters["shown"].pk)
    assert item["title"] == "入学咨询" and item["channel"] == "consult"
    assert item["channel_label"] == "网上咨询" and item["category"] == "教育"
    assert item["url"] == f"http://testserver{letters['page'].url}"
    for hidden in letters["hidden"]:
        api.get(f"letters/{hidden.pk}", expect=404)


def test_detail_is_masked_and_without_rating(api: Any, letters: Any) -> None:
    body = api.get(f"letters/{letters['shown'].pk}")
    text = str(body)
    assert PHONE not in text and ID_NUMBER not in text and "张三" not in text
    assert "请问入学材料" in body["question"] and "户口簿" in body["answer"]
    assert "satisfaction" not in body and "unsatisfied" not in text and "差" not in text
    api.get("letters/999999999", expect=404)


def test_filters(api: Any, letters: Any, city: Any) -> None:
    assert api.get("letters", channel="投诉建议")["count"] == 1
    assert api.get("letters", channel="complaint")["results"][0]["title"] == "道路投诉"
    assert api.get("letters", organ=city.a.slug)["count"] == 1
    assert api.get("letters", category=letters["category"].pk)["count"] == 1
    assert api.get("letters", q="道路")["count"] == 1
    year = letters["shown"].answered_on.year
    assert api.get("letters", year=year)["count"] == 2
    assert api.get("letters", year=year - 1)["count"] == 0
    bad = api.get("letters", expect=400, channel="nope")
    assert bad["error"]["parameter"] == "channel"
    assert api.get("letters", expect=400, organ="no-such-unit")["error"]["parameter"] == "organ"
    assert api.get("letters", expect=400, page=9)["error"]["parameter"] == "page"
