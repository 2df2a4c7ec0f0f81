"""Public pages of 在线访谈 and the staff screens: visibility, the question form, the transcript
JSON, the section on the linked policy's page, unit scoping (another unit's event: 404)."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.events import services
from gongkai.events.models import QuestionStatus
from gongkai.library import services as library

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    html = response.content.decode()
    start = html.index('name="token" value="') + len('name="token" value="')
    return html[start : html.index('"', start)]


def test_unpublished_event_is_not_public(client, city, event):
    services.event_publish(actor=city.users.editor_a, event=event, published=False)
    assert client.get(f"/zxft/{event.pk}/").status_code == 404
    assert client.get(f"/zxft/{event.pk}/transcript.json").status_code == 404
    assert event.title not in client.get("/zxft/").content.decode()


def test_list_and_page(client, event):
    listing = client.get("/zxft/?kind=interview&status=upcoming")
    assert listing.status_code == 200 and event.title in listing.content.decode()
    assert client.get("/zxft/?kind=nothing").status_code == 400
    assert client.get("/zxft/?unit=%00").status_code == 400
    page = client.get(f"/zxft/{event.pk}/").content.decode()
    assert "张明" in page and "关于做好学前教育资助工作的通知" in page
    assert "https://video.example.cn/live/1" in page
    assert "我要提问" in page
    assert "live.js" not in page  # the script only while live


def test_question_form_masks_and_dedupes(client, event):
    form = client.get(f"/zxft/{event.pk}/question/")
    assert form.status_code == 200
    token = _token(form)
    data = {"text": "电话13812345678，什么时候发放？", "name": "王芳", "token": token}
    first = client.post(f"/zxft/{event.pk}/question/", data)
    assert first.status_code == 302
    assert client.post(f"/zxft/{event.pk}/question/", data).status_code == 302
    question = event.questions.get()
    assert question.public_text == "电话138****5678，什么时候发放？"
    bad = client.post(f"/zxft/{event.pk}/question/", {"text": "", "token": "x"})
    assert bad.status_code == 400


def test_question_refused_once_started(client, city, event):
    services.event_start(actor=city.users.editor_a, event=event)
    response = client.post(f"/zxft/{event.pk}/question/", {"text": "问题"})
    assert response.status_code == 403
    assert "不再征集网友提问" in response.content.decode()


def test_transcript_json_after_and_bad_values(client, city, event):
    services.event_start(actor=city.users.editor_a, event=event)
    first = services.transcript_post(
        actor=city.users.editor_a, event=event, text="开始", speaker="主持人"
    )
    second = services.transcript_post(
        actor=city.users.editor_a, event=event, text="第二条", speaker="主持人"
    )
    whole = client.get(f"/zxft/{event.pk}/transcript.json").json()
    assert [e["id"] for e in whole["entries"]] == [first.pk, second.pk]
    assert whole["status"] == "live"
    after = client.get(f"/zxft/{event.pk}/transcript.json?after={first.pk}")
    assert [e["text"] for e in after.json()["entries"]] == ["第二条"]
    assert "no-store" in after["Cache-Control"]
    for bad in ("-1", "abc", "1.5", "9" * 30, "１"):
        assert client.get(f"/zxft/{event.pk}/transcript.json", {"after": bad}).status_code == 400
    page = client.get(f"/zxft/{event.pk}/").content.decode()
    assert "live.js" in page and 'aria-live="polite"' in page and "刷新" in page
    # A new entry shows on the (cached) page at once.
    services.transcript_post(
        actor=city.users.editor_a, event=event, text="第三条", speaker="主持人"
    )
    assert "第三条" in client.get(f"/zxft/{event.pk}/").content.decode()


def test_accepted_question_shown_without_sender(client, city, event):
    question = services.question_submit(
        event=event, text="身份证360102199001011234能用吗", name="王芳", key="k"
    ).question
    services.question_moderate(actor=city.users.editor_a, question=question, accept=True)
    page = client.get(f"/zxft/{event.pk}/").content.decode()
    assert question.public_text in page
    assert (
        "王芳" not in page and question.text not in page
    ) or question.text == question.public_text


def test_related_section_on_policy_page_only_when_published(client, city, event, policy):
    url = policy.get_url()
    assert event.title in client.get(url).content.decode()
    services.event_publish(actor=city.users.editor_a, event=event, published=False)
    assert event.title not in client.get(url).content.decode()


# --- Staff screens ---------------------------------------------------------------------------


def _staff(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_other_units_event_is_404(city, event):
    other = _staff(city.users.editor_b)
    for suffix in ("", "questions/", "console/"):
        assert other.get(f"/admin/events/{event.pk}/{suffix}").status_code == 404
    assert other.get(f"/admin/events/{2**70}/").status_code == 404


def test_overseer_reads_but_does_not_post(city, event):
    question = services.question_submit(
        event=event, text="问题", name="王芳", contact="13812345678", key="k"
    ).question
    office = _staff(city.users.city_office)
    page = office.get(f"/admin/events/{event.pk}/questions/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "13812345678" not in html and "138****5678" in html
    refused = office.post(
        f"/admin/events/{event.pk}/questions/", {"question": question.pk, "decision": "accept"}
    )
    assert refused.status_code == 403


def test_staff_create_moderate_and_post(city, policy):
    editor = _staff(city.users.editor_a)
    assert editor.get("/admin/events/").status_code == 200
    created = editor.post(
        "/admin/events/new/",
        {
            "unit": city.a.pk,
            "kind": "briefing",
            "title": "政策吹风会",
            "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-01T10:00",
            "video_url": "",
            "policies": [policy.pk],
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    event = city.a.events.get(title="政策吹风会")
    assert list(event.policies.all()) == [policy]
    edit = f"/admin/events/{event.pk}/"
    assert editor.post(edit, {"what": "guest", "name": "李华", "order": 0}).status_code == 302
    assert editor.post(edit, {"what": "publish"}).status_code == 302
    event.refresh_from_db()
    question = services.question_submit(event=event, text="问题一", key="k").question
    moderated = editor.post(
        f"/admin/events/{event.pk}/questions/", {"question": question.pk, "decision": "accept"}
    )
    assert moderated.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ACCEPTED
    assert editor.post(edit, {"what": "start"}).status_code == 302
    guest = event.guests.get()
    posted = editor.post(
        f"/admin/events/{event.pk}/console/",
        {"what": "post", "speaker": f"g{guest.pk}", "text": "回答问题一", "question": question.pk},
    )
    assert posted.status_code == 302 and f"speaker=g{guest.pk}" in posted["Location"]
    console = editor.get(posted["Location"])
    assert "回答问题一" in console.content.decode()
    blocked = editor.post(
        f"/admin/events/{event.pk}/console/",
        {"what": "post", "speaker": "主持人", "text": "【内部资料】数字"},
    )
    assert blocked.status_code == 400 and "内容未通过检查" in blocked.content.decode()
    assert editor.get(f"/admin/events/{event.pk}/questions/?status=junk").status_code == 400
    assert editor.get(f"/admin/events/{event.pk}/?policy_q=%00").status_code == 400


def test_related_section_on_the_interpretation_page(client, city, event, policy):
    """An interpretation of the linked policy shows the event too (DOMAIN.md §4: both ways)."""
    interpretation = library.interpretation_save(
        actor=None,
        unit=city.a,
        policy=policy,
        publish=True,
        title="《关于做好学前教育资助工作的通知》政策解读",
        body="<p>近日，市教育局印发了学前教育资助通知。现就有关内容解读如下。</p>",
    )
    assert event.title in client.get(interpretation.url).content.decode()
