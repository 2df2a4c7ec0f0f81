"""双因素 (GB/T 22239-2019 8.1.4.1 d): with GONGKAI_REQUIRE_2FA no admin page is reachable
before the TOTP code; without it (development) staff may enrol of their own accord."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from gongkai.cli import print_help
from gongkai.testing import make_user

PASSWORD = "pw-Gongkai-2026"  # noqa: S105  (gongkai.testing.make_user's)


def _code(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def _password_login(client: Client, username: str):
    return client.post(
        "/admin/login/", {"username": username, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )


@pytest.fixture
def staff(db):
    return make_user("otp_staff", is_superuser=True)


@pytest.mark.django_db
def test_required_staff_without_device_must_enrol_before_any_admin_page(staff, settings):
    settings.GONGKAI_REQUIRE_2FA = True
    client = Client()
    response = _password_login(client, "otp_staff")
    assert response.status_code == 302
    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/django-admin/"):
        blocked = client.get(url)
        assert blocked.status_code == 302, url
        assert blocked.url.startswith("/admin/2fa/setup/"), url
    setup = client.get("/admin/2fa/setup/")
    assert setup.status_code == 200
    text = setup.content.decode()
    assert "<svg" in text
    assert not TOTPDevice.objects.filter(user=staff).exists()  # nothing written by a GET
    key = client.session["gk_otp_enrol_key"]
    assert client.get("/admin/2fa/setup/").status_code == 200
    assert client.session["gk_otp_enrol_key"] == key  # a reload keeps the QR code valid
    device = TOTPDevice(user=staff, key=key)
    wrong = client.post(
        "/admin/2fa/setup/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "验证码不正确" in wrong.content.decode()
    assert client.get("/admin/pages/").status_code == 302
    time.sleep(1.1)  # django-otp throttles: one second after the first wrong code
    done = client.post("/admin/2fa/setup/", {"token": _code(device), "next": "/admin/pages/"})
    assert done.status_code == 302
    assert done.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert ModelLogEntry.objects.filter(
        action="gongkai.otp_enrol", object_id=str(staff.pk)
    ).exists()


@pytest.mark.django_db
def test_enrolled_staff_must_give_the_code_after_the_password(staff, settings):
    settings.GONGKAI_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    _password_login(client, "otp_staff")
    blocked = client.get("/admin/pages/")
    assert blocked.status_code == 302
    assert blocked.url.startswith("/admin/2fa/verify/")
    # The enrolment page does not let a half-logged-in user replace the device.
    assert client.get("/admin/2fa/setup/").url.startswith("/admin/2fa/verify/")
    page = client.get(blocked.url)
    assert "6 位验证码" in page.content.decode()
    wrong = client.post("/admin/2fa/verify/", {"token": "12345x"})
    assert wrong.status_code == 200
    other = "000000" if _code(device) != "000000" else "111111"
    wrong = client.post("/admin/2fa/verify/", {"token": other})
    assert wrong.status_code == 200
    assert "验证码不正确" in wrong.content.decode()
    time.sleep(1.1)  # django-otp's throttle after a wrong code
    assert client.get("/admin/pages/").status_code == 302
    ok = client.post("/admin/2fa/verify/", {"token": _code(device), "next": "/admin/pages/"})
    assert ok.status_code == 302
    assert ok.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_open_redirect_refused_after_verification(staff, settings):
    settings.GONGKAI_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    _password_login(client, "otp_staff")
    ok = client.post(
        "/admin/2fa/verify/", {"token": _code(device), "next": "https://evil.example/"}
    )
    assert ok.url == "/admin/"


@pytest.mark.django_db
def test_not_required_in_development(staff, settings):
    settings.GONGKAI_REQUIRE_2FA = False
    client = Client()
    _password_login(client, "otp_staff")
    assert client.get("/admin/pages/").status_code == 200
    # Enrolment is offered from the account menu.
    assert "/admin/2fa/setup/" in client.get("/admin/account/").content.decode()


@pytest.mark.django_db
def test_in_development_an_enrolled_device_is_still_asked_for(staff, settings):
    settings.GONGKAI_REQUIRE_2FA = False
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    _password_login(client, "otp_staff")
    assert client.get("/admin/pages/").url.startswith("/admin/2fa/verify/")


@pytest.mark.django_db
def test_public_pages_need_no_second_factor(staff, settings):
    settings.GONGKAI_REQUIRE_2FA = True
    client = Client()
    _password_login(client, "otp_staff")
    assert client.get("/search/").status_code == 200


@pytest.mark.django_db
def test_cli_reset_removes_devices_and_is_audited(staff, capsys):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    call_command("otp", "reset", "otp_staff")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert "已重置" in capsys.readouterr().out
    entry = ModelLogEntry.objects.get(action="gongkai.otp_reset")
    assert entry.object_id == str(staff.pk)
    assert get_user_model().objects.filter(pk=staff.pk).exists()


@pytest.mark.django_db
def test_cli_reset_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("otp", "reset", "no-such-user")


def test_cli_lists_the_account_commands(capsys):
    print_help()
    listed = {
        line.split()[0] for line in capsys.readouterr().out.splitlines() if line.startswith("  ")
    }
    assert {"otp", "axes-reset-username", "axes-reset-ip", "axes-reset"} <= listed


@pytest.mark.django_db
def test_the_verify_page_lets_the_person_log_out(staff, settings):
    """A dead end otherwise: someone without their phone must be able to leave (a POST, as
    Django's logout view requires)."""
    settings.GONGKAI_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    _password_login(client, "otp_staff")
    text = client.get("/admin/2fa/verify/").content.decode()
    assert 'action="/admin/logout/"' in text and 'method="post"' in text

    out = client.post("/admin/logout/")

    assert out.status_code == 302
    assert "_auth_user_id" not in client.session
