"""政府开放周 as a citizen does it, on a phone in the 长辈版, in a real browser: the list, an
event with one seat, registering (the check-in code and query code on the result page), the same
phone refused a second time, a second person put on the waiting list, the first cancelling in 我的
报名 with number and query code, the waiting person moved up; then the organiser (市教育局's
editor ``bianji``) checks that person in at the door. No JavaScript is needed on the public pages.

The event is made for the walk through the services (today, a few hours ahead, so that the
check-in — only on the event's day — can be shown); the demo's own events are left as they are.
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "浏览器测试：市教育局开放日"
ENSURE = f"""
import datetime as dt
from django.contrib.auth import get_user_model
from django.utils import timezone
from gongkai.openweek import services
from gongkai.openweek.models import OpenEvent
from gongkai.organisations.models import Organisation
event = OpenEvent.objects.filter(title="{TITLE}").first()
if event is None:
    admin = get_user_model().objects.get(username="admin")
    now = timezone.now()
    starts = now + dt.timedelta(hours=3)
    event = services.event_save(actor=admin, unit=Organisation.objects.get(slug="jyj"),
        fields=services.EventFields(title="{TITLE}", description="参观招生考试服务大厅。",
            venue="市教育局一楼大厅", address="南昌市红谷滩区卧龙路999号", starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2), capacity=1,
            registration_opens_at=now - dt.timedelta(days=1),
            registration_closes_at=starts - dt.timedelta(hours=1), needs_id=False))
    event = services.event_publish(actor=admin, event=event)
print("OPENDAY", event.pk, timezone.localtime(event.starts_at).date() == timezone.localdate())
"""

FIRST_PHONE = "13907910001"
SECOND_PHONE = "13907910002"


@pytest.fixture(scope="module")
def open_day(live_site: str) -> tuple[str, int, bool]:
    try:
        line = next(x for x in live_python(ENSURE).splitlines() if x.startswith("OPENDAY "))
    except subprocess.CalledProcessError as error:
        pytest.fail(f"setting up the open day failed:\n{error.stderr}")
    _marker, pk, today = line.split()
    return live_site, int(pk), today == "True"


def _click(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _register(page: Any, name: str, phone: str) -> None:
    page.fill("#id_name", name)
    page.fill("#id_phone", phone)
    page.locator("#id_consent").check()
    _click(page, page.locator("form button[type=submit]").last)


def _same_phone_refused(page: Any, site: str, pk: int) -> None:
    """The same phone again: refused with the reason."""
    page.goto(site + f"/kfz/{pk}/")
    assert "名额已满" in page.locator("main").inner_text()
    _register(page, "王建华", FIRST_PHONE)
    summary = page.locator(".error-summary")
    assert "该手机号码已报名本场活动" in summary.inner_text()
    assert page.title().startswith("错误：")
    assert page.url.endswith("#register")  # the browser lands on the form and its errors
    summary.scroll_into_view_if_needed()
    shot(page, "openweek-phone-duplicate")
    assert_accessible(page)


def _lookup(page: Any, site: str, number: str, code: str) -> None:
    page.goto(site + "/kfz/mine/")
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    _click(page, page.get_by_role("button", name="查询"))


def test_phone_elder_mode_registration_waiting_list_and_check_in(
    open_day: tuple[str, int, bool], phone_page: Any, browser: Any
) -> None:
    site, pk, today = open_day
    page = phone_page
    page.goto(site + "/elder/on/?next=/kfz/%3Fwhen%3Dupcoming")
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    assert page.locator("h1").inner_text() == "政府开放周"
    shot(page, "openweek-phone-list", full_page=True)
    assert_accessible(page)
    _click(page, page.get_by_role("link", name=TITLE))
    assert page.url.endswith(f"/kfz/{pk}/")
    assert "剩余 1 人" in page.locator("main").inner_text().replace("\n", "")
    assert page.locator("#id_id_number").count() == 0  # no ID number: the venue needs none
    assert_accessible(page)

    # The first citizen registers: confirmed, with the check-in code and the query code.
    _register(page, "王建华", FIRST_PHONE)
    assert page.url.split("#")[0].endswith(f"/kfz/{pk}/done/")
    result = page.locator("main").inner_text()
    assert "报名成功" in result and "139****0001" in result and FIRST_PHONE not in result
    number = page.locator("#reg-number").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert re.fullmatch(r"[A-Z2-9]{6}", page.locator("#checkin-code").inner_text().strip())
    shot(page, "openweek-phone-result", full_page=True)
    assert_accessible(page)

    _same_phone_refused(page, site, pk)

    # A second person (their own phone and browser) joins the waiting list.
    other = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    second = other.new_page()
    try:
        second.goto(site + f"/kfz/{pk}/")
        _register(second, "李秀梅", SECOND_PHONE)
        assert "候补名单第 1 位" in second.locator("main").inner_text()
        second_number = second.locator("#reg-number").inner_text().strip()
        second_code = second.locator("#query-code").inner_text().strip()
        second_checkin = second.locator("#checkin-code").inner_text().strip()

        # The first cancels in 我的报名 with number and query code.
        _lookup(page, site, number, code)
        assert "报名成功" in page.locator("#reg-status").inner_text()
        shot(page, "openweek-phone-mine", full_page=True)
        assert_accessible(page)
        _click(page, page.get_by_role("button", name="取消报名"))
        assert "报名已取消" in page.locator("#message").inner_text()
        assert "已取消" in page.locator("#reg-status").inner_text()

        # The waiting person has moved up.
        _lookup(second, site, second_number, second_code)
        assert "由候补递补" in second.locator("#reg-status").inner_text()
        shot(second, "openweek-phone-moved-up", full_page=True)
    finally:
        other.close()

    _organiser_checks_in(browser, site, pk, second_checkin, today=today)


def _organiser_checks_in(browser: Any, site: str, pk: int, checkin: str, *, today: bool) -> None:
    """The organiser (市教育局's editor) sees the full list and checks the moved-up person in
    at the door (only on the event's day)."""
    staff = staff_page(browser, site, "bianji")
    try:
        staff.goto(site + f"/admin/openweek/{pk}/")
        table = staff.locator("table.listing").inner_text()
        assert "李秀梅" in table and SECOND_PHONE in table  # the unit sees the full list
        _click(staff, staff.get_by_role("link", name="签到", exact=True))
        staff.fill("#id_code", checkin.lower())
        _click(staff, staff.get_by_role("button", name="签到", exact=True))
        if today:
            assert "签到成功" in staff.locator("#checked-in").inner_text()
            assert "已签到 1" in staff.locator("#attendance").inner_text()
        else:  # the walk ran just before local midnight
            assert "只能在活动当天签到" in staff.locator("main").inner_text()
        shot(staff, "openweek-staff-checkin")
    finally:
        staff.context.close()
