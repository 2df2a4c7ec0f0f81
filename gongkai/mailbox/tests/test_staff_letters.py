"""The mailbox's staff screens: who sees what, the actions, bad input, CSRF."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from gongkai.mailbox.models import (
    Category,
    Channel,
    ChannelSetting,
    FaqEntry,
    Letter,
    LetterAttachment,
    LetterStatus,
    Transfer,
)
from gongkai.mailbox.tests.factories import make_letter

pytestmark = pytest.mark.django_db

LIST = "/admin/mailbox/letters/"


def detail(letter: Letter, tail: str = "") -> str:
    return f"/admin/mailbox/letters/{letter.pk}/{tail}"


@pytest.fixture
def letter(city: Any) -> Letter:
    letter = make_letter(city.a, subject="关于招生的咨询", address="南昌市东湖区八一大道100号")
    LetterAttachment.objects.create(
        letter=letter, file=ContentFile(b"%PDF-1.4 test", name="zm.pdf"), name="证明.pdf", size=13
    )
    return letter


def test_the_public_is_sent_to_login(client: Client, letter: Letter) -> None:
    for url in (LIST, detail(letter), detail(letter, "answer/"), "/admin/mailbox/channels/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_unit_sees_everything_and_the_list_shows_days_left(
    client: Client, city: Any, letter: Letter
) -> None:
    client.force_login(city.users.officer_a)
    html = client.get(LIST).content.decode()
    assert letter.number in html and "张小明" in html and "剩余" in html
    html = client.get(detail(letter)).content.decode()
    assert "张小明" in html and "13907911234" in html and "八一大道100号" in html
    assert "证明.pdf" in html
    file = letter.attachments.get()
    response = client.get(detail(letter, f"files/{file.pk}/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_another_unit_gets_404_everywhere(client: Client, city: Any, letter: Letter) -> None:
    client.force_login(city.users.head_b)
    assert letter.number not in client.get(LIST).content.decode()
    file = letter.attachments.get()
    for tail in ("", "answer/", "faq/", f"files/{file.pk}/"):
        assert client.get(detail(letter, tail)).status_code == 404, tail
    response = client.post(detail(letter), {"action": "invalidate", "reason": "垃圾"})
    assert response.status_code == 404
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.ASSIGNED


def test_an_overseer_reads_masked_and_cannot_act(client: Client, city: Any, letter: Letter) -> None:
    client.force_login(city.users.city_office)
    html = client.get(detail(letter)).content.decode()
    assert letter.number in html
    assert "张小明" not in html and "13907911234" not in html and "八一大道100号" not in html
    assert "139****1234" in html
    assert "证明.pdf" not in html
    file = letter.attachments.get()
    assert client.get(detail(letter, f"files/{file.pk}/")).status_code == 404
    assert client.get(detail(letter, "answer/")).status_code == 403
    response = client.post(detail(letter), {"action": "invalidate", "reason": "垃圾"})
    assert response.status_code == 403
    response = client.post(
        detail(letter), {"action": "transfer", "to_unit": city.b.pk, "reason": "改由财政局"}
    )
    assert response.status_code == 403
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.ASSIGNED
    assert Letter.objects.get(pk=letter.pk).organisation == city.a
    named = make_letter(city.a, subject="张小明的咨询")
    html = client.get(LIST).content.decode()
    assert named.number in html and "张小明" not in html
    # The district's office oversees another subtree: 404.
    client.force_login(city.users.district_office)
    assert client.get(detail(letter)).status_code == 404


def test_the_city_office_routes_the_queue(client: Client, city: Any) -> None:
    queued = make_letter(None, subject="不知道找哪个部门")
    client.force_login(city.users.city_office)
    html = client.get(LIST, {"queue": "1"}).content.decode()
    assert queued.number in html and "待分办" in html
    response = client.post(detail(queued), {"action": "assign", "unit": city.a.pk})
    assert response.status_code == 302
    queued = Letter.objects.get(pk=queued.pk)
    assert queued.organisation == city.a and queued.status == LetterStatus.ASSIGNED
    # A unit's staff do not see the queue.
    other = make_letter(None)
    client.force_login(city.users.officer_a)
    assert client.get(detail(other)).status_code == 404


def test_transfer_with_and_without_reason(client: Client, city: Any, letter: Letter) -> None:
    client.force_login(city.users.officer_a)
    response = client.post(detail(letter), {"action": "transfer", "to_unit": city.b.pk})
    assert response.status_code == 400
    assert "转办理由" in response.content.decode()
    response = client.post(
        detail(letter), {"action": "transfer", "to_unit": "abc", "reason": "属财政局"}
    )
    assert response.status_code == 400
    response = client.post(
        detail(letter), {"action": "transfer", "to_unit": city.b.pk, "reason": "属财政局职责"}
    )
    assert response.status_code == 302
    assert Transfer.objects.get(letter=letter).reason == "属财政局职责"
    assert client.get(detail(letter)).status_code == 404  # no longer A's
    client.force_login(city.users.head_b)
    html = client.get(detail(letter)).content.decode()
    assert "属财政局职责" in html and "张小明" in html


def test_invalidate_and_handler_and_unknown_actions(
    client: Client, city: Any, letter: Letter
) -> None:
    client.force_login(city.users.officer_a)
    assert client.post(detail(letter), {"action": "nonsense"}).status_code == 403
    response = client.post(detail(letter), {"action": "handler", "handler": city.users.head_b.pk})
    assert response.status_code == 400  # not a colleague: not offered, refused
    response = client.post(
        detail(letter), {"action": "handler", "handler": city.users.officer_a.pk}
    )
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).handler == city.users.officer_a
    response = client.post(detail(letter), {"action": "invalidate", "reason": "重复来信"})
    assert response.status_code == 302
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.status == LetterStatus.INVALID and letter.invalid_reason == "重复来信"


def test_answer_form_submits_to_review(client: Client, city: Any, letter: Letter) -> None:
    client.force_login(city.users.officer_a)
    assert client.post(detail(letter, "answer/"), {"answer_text": ""}).status_code == 400
    response = client.post(
        detail(letter, "answer/"), {"answer_text": "您好，已答复。", "publish": "on"}
    )
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    assert client.get(detail(letter, "answer/")).status_code == 403  # in review


def test_list_filters_and_bad_parameters(client: Client, city: Any, letter: Letter) -> None:
    client.force_login(city.users.officer_a)
    assert client.get(LIST, {"status": "assigned", "channel": Channel.CONSULT}).status_code == 200
    assert client.get(LIST, {"due": "soon"}).status_code == 200
    html = client.get(LIST, {"due": "overdue"}).content.decode()
    assert letter.number not in html
    for name, value in (("status", "x"), ("channel", "\x00"), ("due", "y" * 50), ("p", "abc")):
        response = client.get(LIST, {name: value})
        assert response.status_code == 400, (name, value)


def test_posts_need_the_csrf_token(city: Any, letter: Letter) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(city.users.officer_a)
    response = client.post(detail(letter), {"action": "invalidate", "reason": "重复"})
    assert response.status_code == 403
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.ASSIGNED


def test_settings_are_for_the_city_office(client: Client, city: Any) -> None:
    client.force_login(city.users.head_a)
    assert client.get("/admin/mailbox/channels/").status_code == 403
    assert client.get("/admin/mailbox/categories/").status_code == 403
    client.force_login(city.users.city_office)
    assert "网上咨询" in client.get("/admin/mailbox/channels/").content.decode()
    response = client.post(
        "/admin/mailbox/channels/",
        {
            "channel": "consult",
            "consult-response_workdays": "61",
            "consult-remind_workdays_before": "2",
        },
    )
    assert response.status_code == 400
    response = client.post(
        "/admin/mailbox/channels/",
        {
            "channel": "consult",
            "consult-response_workdays": "7",
            "consult-remind_workdays_before": "2",
            "consult-enabled": "on",
        },
    )
    assert response.status_code == 302
    assert ChannelSetting.objects.get(channel="consult").response_workdays == 7
    response = client.post(
        "/admin/mailbox/categories/", {"name": "教育招生", "default_unit": city.a.pk, "order": "1"}
    )
    assert response.status_code == 302
    category = Category.objects.get(name="教育招生")
    response = client.post(
        f"/admin/mailbox/categories/{category.pk}/",
        {"name": "教育", "default_unit": "", "order": "2"},
    )
    assert response.status_code == 302
    assert Category.objects.get(pk=category.pk).default_unit is None
    assert client.post(f"/admin/mailbox/categories/{category.pk}/delete/").status_code == 302
    assert not Category.objects.filter(pk=category.pk).exists()
    assert client.get("/admin/mailbox/categories/987654321/").status_code == 404


def test_faq_screens(client: Client, city: Any) -> None:
    client.force_login(city.users.officer_a)
    response = client.post(
        "/admin/mailbox/faq/new/",
        {
            "unit": city.a.pk,
            "question": "如何报名？",
            "answer": "网上报名。",
            "order": "0",
            "published": "on",
        },
    )
    assert response.status_code == 302
    entry = FaqEntry.objects.get(question="如何报名？")
    assert "如何报名？" in client.get("/admin/mailbox/faq/").content.decode()
    client.force_login(city.users.head_b)
    assert client.get(f"/admin/mailbox/faq/{entry.pk}/").status_code == 404
    assert client.post(f"/admin/mailbox/faq/{entry.pk}/delete/").status_code == 404
    client.force_login(city.users.officer_a)
    assert client.post(f"/admin/mailbox/faq/{entry.pk}/delete/").status_code == 302
    assert not FaqEntry.objects.filter(pk=entry.pk).exists()


def test_the_menu_shows_the_mailbox(client: Client, city: Any) -> None:
    client.force_login(city.users.officer_a)
    html = client.get("/admin/").content.decode()
    assert "/admin/mailbox/letters/" in html  # the menu item (in the sidebar's data)
    assert "/admin/mailbox/channels/" not in html  # settings: the city office's
    client.force_login(city.users.city_office)
    assert "/admin/mailbox/channels/" in client.get("/admin/").content.decode()
    client.force_login(city.users.editor_a)  # no letters to handle or oversee
    assert "/admin/mailbox/letters/" not in client.get("/admin/").content.decode()
    assert client.get(LIST).status_code == 403
