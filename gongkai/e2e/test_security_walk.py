"""Security as its users meet it, in Chromium: a unit's editor enrols an authenticator app and
logs in with password and code; a password guesser is locked out with a Chinese message while
the right password is refused too. (The Chinese error pages need production settings: they are
checked by core/tests/test_production.py.) Screenshots go to var/e2e-shots when GONGKAI_E2E_SHOTS is set."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import hotp

from gongkai.e2e.conftest import GONGKAI, LIVE_ENV, live_python

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "gongkai-demo"  # noqa: S105 - the demo accounts' published password
SHOTS = os.environ.get("GONGKAI_E2E_SHOTS")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"security-{name}.png"), full_page=True)


def _submit(page: Any, button: str) -> None:
    """Clicks and waits for the answer's page (waiting for the load state alone can return at
    once, on the page that was already loaded)."""
    with page.expect_navigation():
        page.locator(button).first.click()


def _login(page: Any, base: str, username: str, password: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    _submit(page, "form button[type=submit]")


def _operator(*args: str) -> None:
    """An operator's command against the live server's database (the walks after this one
    log in from the same address and as the same demo accounts)."""
    subprocess.run([GONGKAI, *args], env=LIVE_ENV, check=True, capture_output=True)


def _code(secret_base32: str, step: int) -> str:
    """What the authenticator app shows during the 30-second time ``step`` (RFC 6238)."""
    key = base64.b32decode(secret_base32.replace(" ", "").upper())
    return f"{hotp(key, step):06d}"


def _step_now() -> int:
    return int(time.time()) // 30


OTP_USER = "e2e_otp_bianji"  # the walk's own editor: the demo accounts stay without 2FA


def _make_own_editor() -> None:
    """A new editor of 市教育局 for this walk alone, made as an operator would."""
    live_python(
        "from django.contrib.auth import get_user_model;"
        f"u, _ = get_user_model().objects.get_or_create(username={OTP_USER!r});"
        f"u.set_password({PASSWORD!r}); u.save()"
    )
    _operator("role", "grant", OTP_USER, "jyj", "editor")


def test_an_editor_enrols_a_second_factor_and_logs_in_with_it(browser: Any, live_site: str) -> None:
    _make_own_editor()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        _enrol_and_log_in(context.new_page(), live_site)
    finally:
        context.close()
        _operator("otp", "reset", OTP_USER)  # written to the audit log, as for a lost phone


def _enrol_and_log_in(page: Any, live_site: str) -> None:
    _login(page, live_site, OTP_USER, PASSWORD)
    assert re.search(r"/admin/$", page.url)

    page.goto(live_site + "/admin/2fa/setup/")
    assert page.locator("svg").count() >= 1  # the QR code
    text = page.locator("main").inner_text()
    assert "两步验证" in text
    secret = re.search(r"([A-Z2-7]{4}(?: ?[A-Z2-7]{4}){3,})", text)
    assert secret, text
    _shot(page, "otp-setup")
    enrolled_at = _step_now()
    page.fill("input[name=token]", _code(secret.group(1), enrolled_at))
    _submit(page, "main form button[type=submit]")
    assert "/admin/2fa/" not in page.url
    assert "两步验证已启用" in page.content()

    # Next time: the password alone opens nothing.
    page.context.clear_cookies()
    _login(page, live_site, OTP_USER, PASSWORD)
    assert "/admin/2fa/verify/" in page.url
    _shot(page, "otp-verify")
    page.goto(live_site + "/admin/pages/")
    assert "/admin/2fa/verify/" in page.url
    # The enrolment's code may not be used twice (a replay), so the app's next code is typed
    # once its 30-second step has come: the code of the current step is inside the accepted
    # window whatever drift (-1, 0 or +1 step) the server learnt at enrolment, however long
    # the loaded machine took to get here (a code computed ahead, as "enrolment + 1", falls out
    # of the window after about a minute: the earlier CI failures).
    while _step_now() <= enrolled_at:
        time.sleep(0.5)
    page.fill("input[name=token]", _code(secret.group(1), _step_now()))
    _submit(page, "main form button[type=submit]")
    assert re.search(r"/admin/", page.url) and "/admin/2fa/" not in page.url, page.url


def test_a_password_guesser_is_locked_out_in_chinese(browser: Any, live_site: str) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for attempt in range(5):
            _login(page, live_site, "shenhe", f"wrong-{attempt}")
        _login(page, live_site, "shenhe", PASSWORD)  # the right one, too late
        body = page.locator("body").inner_text()
        _shot(page, "locked")
        assert "/admin/login/" in page.url
        assert "锁定" in body and "15" in body, body
    finally:
        context.close()
        _operator("axes-reset")  # the account and this address (the other walks log in from it)
