"""The public statistics page /hdjl/tongji/ and the inspection view (来信统计与检查)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.mailbox.models import Channel, LetterStatus
from gongkai.mailbox.tests.test_stats import make_letter

pytestmark = pytest.mark.django_db

INSPECTION = "/admin/letter-stats/"


@pytest.fixture
def old_letters(city: Any) -> dict[str, Any]:
    """Letters of this year: one answered, and two unanswered for more than three months."""
    today = timezone.localdate()
    long_ago = today - dt.timedelta(days=120)
    return {
        "answered": make_letter(
            city.a,
            Channel.CONSULT,
            long_ago,
            answered_on=long_ago + dt.timedelta(days=3),
            satisfaction="satisfied",
        ),
        "veto_a": make_letter(city.a, Channel.COMPLAINT, long_ago),
        "veto_b": make_letter(city.b, Channel.LEADER, long_ago),
        "unrouted": make_letter(None, Channel.LEADER, long_ago, status=LetterStatus.RECEIVED),
        "invalid": make_letter(city.a, Channel.CONSULT, long_ago, status=LetterStatus.INVALID),
    }


def test_public_page_is_an_accessible_table_without_names(old_letters: Any, city: Any) -> None:
    year = old_letters["answered"].received_on.year
    response = Client().get("/hdjl/tongji/", {"year": year})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<table" in body and "<caption>" in body and 'scope="col"' in body
    assert city.a.name in body and city.b.name in body
    assert "满意率 100.0%" in body
    # No letter and no person on the public page.
    assert old_letters["veto_a"].number not in body and "张三" not in body
    assert "<script" not in body.split("</header>")[-1].split("<footer")[0]


def test_public_page_selects_a_month(old_letters: Any, city: Any) -> None:
    received = old_letters["answered"].received_on
    other_month = 1 if received.month != 1 else 2
    body = Client().get("/hdjl/tongji/", {"year": received.year, "month": other_month})
    assert f"{received.year}年{other_month}月没有收到有效来信" in body.content.decode()
    body = Client().get("/hdjl/tongji/", {"year": received.year, "month": received.month})
    assert city.a.name in body.content.decode()


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"month": "13"}, {"year": "1999"}, {"year": "9" * 40}]
)
def test_public_page_refuses_bad_parameters_with_400(city: Any, query: dict[str, str]) -> None:
    response = Client().get("/hdjl/tongji/", query)
    assert response.status_code == 400
    assert "请求参数有误" in response.content.decode()


def test_the_city_office_sees_every_veto_letter(old_letters: Any, city: Any) -> None:
    client = Client()
    client.force_login(city.users.city_office)
    response = client.get(INSPECTION)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<strong class="stats-veto">单项否决</strong>') == 3
    for key in ("veto_a", "veto_b", "unrouted"):
        assert old_letters[key].number in body
    for key in ("answered", "invalid"):
        assert old_letters[key].number not in body
    assert "120 天" in body


def test_a_unit_sees_only_its_own(old_letters: Any, city: Any) -> None:
    client = Client()
    client.force_login(city.users.head_a)
    body = client.get(INSPECTION).content.decode()
    assert old_letters["veto_a"].number in body
    assert old_letters["veto_b"].number not in body
    assert old_letters["unrouted"].number not in body
    assert city.b.name not in body


def test_people_without_a_role_are_refused(city: Any, django_user_model: Any) -> None:
    assert Client().get(INSPECTION).status_code == 302  # to the login
    user = django_user_model.objects.create_user("nobody", password="x")
    client = Client()
    client.force_login(user)
    assert client.get(INSPECTION).status_code in (302, 403)


def test_menu_item_for_staff(city: Any, rf: Any, django_user_model: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.mailbox.stats_hooks import register_stats_menu

    def shown(user: Any) -> bool:
        request = rf.get("/admin/")
        request.user = user
        return register_stats_menu().is_shown(request)

    assert shown(city.users.head_a) and shown(city.users.city_office)
    assert shown(city.users.editor_b)  # a unit's staff see their own unit
    assert not shown(AnonymousUser())
    assert not shown(django_user_model.objects.create_user("nobody2", password="x"))


def test_the_authorisation_matrix_requests_both_pages() -> None:
    from gongkai.security.tests import urlmatrix

    rows, _uncovered = urlmatrix.rows()
    names = {row.pattern.name: row for row in rows}
    for name in urlmatrix.MAILBOX_STATS_PATTERNS:
        assert names[name].extra.get("parameterless"), name
