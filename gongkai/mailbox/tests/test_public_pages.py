"""The mailbox's public pages under /hdjl/: writing without an account or JavaScript (one letter
per form, Chinese errors, rate limit with a 429 page, attachments refused by type), the receipt
shown once, following a letter with number and code, rating, 来信选登 with masked text only,
the reply page 404 unless the letter is public, 常见问题 and the "先查一查" suggestions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.mailbox.models import ChannelSetting, FaqEntry, Letter, LetterStatus
from gongkai.mailbox.tests.public_fixtures import answer, publish, submit

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
ID_NUMBER = "360102199003071234"


def _form(client: Client, channel: str = "consult") -> dict[str, str]:
    page = client.get(f"/hdjl/write/{channel}/")
    assert page.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode())
    assert token is not None
    return {
        "token": token.group(1),
        "unit": "",
        "category": "",
        "subject": "入学报名材料",
        "body": "请问报名需要哪些材料？",
        "name": "张三",
        "phone": PHONE,
        "email": "",
        "address": "",
        "consent_publish": "on",
        "privacy": "on",
    }


def test_index_lists_channels_with_periods(city: Any) -> None:
    page = Client().get("/hdjl/").content.decode()
    for text in ("领导信箱", "网上咨询", "投诉建议", "5</strong> 个工作日", "15</strong> 个工作日"):
        assert text in page
    assert "/hdjl/write/consult/" in page


def test_write_submit_receipt_once_and_track(city: Any) -> None:
    client = Client()
    data = _form(client)
    page = client.get("/hdjl/write/consult/").content.decode()
    assert "不确定，由政务公开办分办" in page and city.a.name in page
    assert "隐私声明" in page and "<script>" not in page
    data["unit"] = city.a.slug
    response = client.post("/hdjl/write/consult/", data)
    assert response.status_code == 302 and response["Location"] == "/hdjl/receipt/"
    # A second POST of the same form: no second letter.
    again = client.post("/hdjl/write/consult/", data)
    assert again.status_code == 302 and Letter.objects.count() == 1
    letter = Letter.objects.get()
    assert letter.organisation == city.a and letter.status == LetterStatus.ASSIGNED
    receipt = client.get("/hdjl/receipt/").content.decode()
    code = re.search(r'id="query-code">([A-Z0-9-]+)<', receipt)
    assert code is not None and letter.number in receipt and "答复期限" in receipt
    assert "只显示这一次" in receipt
    assert code.group(1) not in client.get("/hdjl/receipt/").content.decode()
    # Another browser: number and code.
    other = Client()
    assert other.get(f"/hdjl/letter/{letter.number}/").status_code == 404
    wrong = other.post("/hdjl/track/", {"number": letter.number, "code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400 and "信件编号或查询码不正确" in wrong.content.decode()
    found = other.post("/hdjl/track/", {"number": letter.number, "code": code.group(1)})
    assert found.status_code == 302
    shown = other.get(found["Location"]).content.decode()
    assert "办理中" in shown and city.a.name in shown and "评价答复" not in shown


def test_bad_input_gives_400_with_chinese_messages(city: Any) -> None:
    client = Client()
    data = {**_form(client), "subject": "", "phone": "", "privacy": "", "unit": "nope"}
    response = client.post("/hdjl/write/consult/", data)
    assert response.status_code == 400
    page = response.content.decode()
    for message in ("请填写标题。", "请阅读隐私声明并勾选同意后再提交。", "请从列出的单位中选择。"):
        assert message in page
    missing_contact = client.post("/hdjl/write/consult/", {**_form(client), "phone": ""})
    assert missing_contact.status_code == 400
    assert "至少填写联系电话或电子邮箱" in missing_contact.content.decode()
    assert not Letter.objects.exists()
    assert client.get("/hdjl/write/nochannel/").status_code == 404


def test_attachment_of_wrong_type_is_refused(city: Any) -> None:
    client = Client()
    data: dict[str, Any] = {
        **_form(client),
        "attachments": SimpleUploadedFile("a.html", b"<html></html>", content_type="text/html"),
    }
    response = client.post("/hdjl/write/consult/", data)
    assert response.status_code == 400
    assert "类型不支持" in response.content.decode()
    assert not Letter.objects.exists()


def test_submissions_are_rate_limited(city: Any, settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "COMMENT_LIMIT": 2}
    client = Client()
    statuses = [client.post("/hdjl/write/consult/", _form(client)).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    limited = client.post("/hdjl/write/consult/", _form(client))
    assert limited.status_code == 429 and limited["Retry-After"]
    assert "请稍后再试" in limited.content.decode()
    assert Letter.objects.count() == 2


def test_track_is_rate_limited(city: Any, settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "TRACK_LIMIT": 2}
    client = Client()
    codes = [
        client.post("/hdjl/track/", {"number": "XJ2026-000001", "code": "X"}).status_code
        for _ in range(3)
    ]
    assert codes == [400, 400, 429]


def test_closed_channel_answers_403(city: Any) -> None:
    client = Client()
    data = _form(client, "leader")
    ChannelSetting.objects.filter(channel="leader").update(enabled=False)
    response = client.post("/hdjl/write/leader/", data)
    assert response.status_code == 403 and "暂停受理" in response.content.decode()


def _track(client: Client, letter: Letter, code: str) -> str:
    response = client.post("/hdjl/track/", {"number": letter.number, "code": code})
    assert response.status_code == 302
    return str(response["Location"])


def test_answer_shown_and_rated(city: Any) -> None:
    letter, code = submit(unit=city.a)
    assert code is not None
    client = Client()
    url = _track(client, letter, code)
    answer(letter, "请携带户口簿到学校报名。")
    page = client.get(url).content.decode()
    assert "请携带户口簿到学校报名。" in page and "评价答复" in page
    bad = client.post(url, {"satisfaction": "great"})
    assert bad.status_code == 400 and "请选择满意、基本满意或不满意。" in bad.content.decode()
    rated = client.post(url, {"satisfaction": "basic", "comment": "还可以"})
    assert rated.status_code == 302
    assert "感谢您的评价" in client.get(rated["Location"]).content.decode()
    assert Letter.objects.get(pk=letter.pk).satisfaction == "basic"


def test_public_list_and_reply_page_show_masked_text_only(city: Any) -> None:
    letter, _ = submit(
        unit=city.a,
        subject=f"咨询入学 {PHONE}",
        body=f"我的电话{PHONE}，身份证号{ID_NUMBER}，请问入学材料？",
    )
    page = publish(letter)
    listing = Client().get("/hdjl/letters/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert page.url in html and "入学" in html
    reply = Client().get(page.url)
    assert reply.status_code == 200
    for text in (html, reply.content.decode()):
        assert PHONE not in text and ID_NUMBER not in text and "张三" not in text


def test_unpublished_or_unconsented_letters_are_hidden(city: Any) -> None:
    unconsented, _ = submit(unit=city.a, consent_publish=False, subject="未同意公开的来信")
    not_chosen, _ = submit(unit=city.a, subject="单位未选登的来信")
    hidden = [publish(unconsented), publish(not_chosen, publish=False)]
    shown = publish(submit(unit=city.a, subject="公开的来信")[0])
    html = Client().get("/hdjl/letters/").content.decode()
    assert shown.url in html and "公开的来信" in html
    for page in hidden:
        assert page.url not in html
        assert Client().get(page.url).status_code == 404
    assert "未同意公开" not in html and "单位未选登" not in html


def test_public_list_filters(city: Any) -> None:
    publish(submit(unit=city.a, channel="consult", subject="教育咨询")[0])
    publish(submit(unit=city.b, channel="complaint", subject="财政投诉")[0])
    client = Client()
    html = client.get("/hdjl/letters/", {"channel": "complaint"}).content.decode()
    assert "财政投诉" in html and "教育咨询" not in html
    html = client.get("/hdjl/letters/", {"unit": city.a.slug}).content.decode()
    assert "教育咨询" in html and "财政投诉" not in html
    html = client.get("/hdjl/letters/", {"q": "投诉"}).content.decode()
    assert "财政投诉" in html and "教育咨询" not in html
    for bad in ({"channel": "x"}, {"unit": "nope"}, {"year": "1999"}, {"category": "abc"}):
        response = client.get("/hdjl/letters/", bad)
        assert response.status_code == 400 and "筛选条件有误" in response.content.decode()
    assert client.get("/hdjl/letters/", {"page": "999"}).status_code == 200


def test_faq_by_unit(city: Any) -> None:
    FaqEntry.objects.create(organisation=city.a, question="怎样报名入学？", answer="网上报名。")
    FaqEntry.objects.create(
        organisation=city.b, question="未公开的问题", answer="x", published=False
    )
    html = Client().get("/hdjl/faq/").content.decode()
    assert "怎样报名入学？" in html and city.a.name in html and "未公开的问题" not in html


def test_suggestions_without_and_with_javascript(city: Any) -> None:
    publish(submit(unit=city.a, subject="小学入学报名材料")[0])
    client = Client()
    page = client.get("/hdjl/write/consult/", {"q": "入学报名"}).content.decode()
    assert "小学入学报名材料" in page and "来信答复" in page
    fragment = client.get("/hdjl/suggest/", {"q": "入学报名"})
    assert fragment.status_code == 200 and "小学入学报名材料" in fragment.content.decode()
    assert "没有找到" in client.get("/hdjl/suggest/", {"q": "火星移民"}).content.decode()
    assert client.get("/hdjl/suggest/", {"q": "x" * 101}).status_code == 400
    assert 'src="/static/mailbox/suggest.js"' in page or "mailbox/suggest" in page
