"""登录失败处理 (GB/T 22239-2019 8.1.4.1 b): lockout per account and per client address.

Before this change 20 wrong passwords in a row were followed by a successful login."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import Client

from gongkai.testing import make_user

PASSWORD = "pw-Gongkai-2026"  # noqa: S105  (gongkai.testing.make_user's)
LOGIN = "/admin/login/"


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(response) -> bool:
    return response.status_code == 302 and response.url.startswith("/admin/")


@pytest.fixture
def staff(db):
    return make_user("lock_staff")


@pytest.mark.django_db
def test_right_password_refused_after_five_failures_for_the_account(staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()
    for attempt in range(4):
        # Different addresses: the account is counted on its own.
        response = _login(client, "lock_staff", "wrong", address=f"10.0.1.{attempt}")
        assert response.status_code == 200
    locked = _login(client, "lock_staff", "wrong", address="10.0.1.9")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "登录失败次数过多" in text
    assert 'class="login-form"' in text  # still the admin login page
    # Now even the right password from a fresh address is refused.
    response = _login(Client(), "lock_staff", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_address_locked_after_five_failures_across_accounts(staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()
    for n in range(5):
        _login(client, f"nobody{n}", "wrong", address="10.0.3.3")
    # Another account's right password from that address: refused.
    assert _login(Client(), "lock_staff", PASSWORD, address="10.0.3.3").status_code == 429
    # From another address the account is fine (it failed nowhere itself).
    assert _logged_in(_login(Client(), "lock_staff", PASSWORD, address="10.0.3.4"))


@pytest.mark.django_db
def test_unlocked_after_the_cool_off(staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
    for _ in range(5):
        _login(Client(), "lock_staff", "wrong")
    assert _login(Client(), "lock_staff", PASSWORD).status_code == 429
    # Sixteen minutes pass after the last attempt.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert _logged_in(_login(Client(), "lock_staff", PASSWORD))


@pytest.mark.django_db
def test_a_success_resets_the_count(staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        _login(Client(), "lock_staff", "wrong")
    assert _logged_in(_login(Client(), "lock_staff", PASSWORD))
    for _ in range(4):
        _login(Client(), "lock_staff", "wrong")
    assert _logged_in(_login(Client(), "lock_staff", PASSWORD))


@pytest.mark.django_db
def test_address_read_from_the_proxy_header(staff, settings):
    """Behind nginx every request comes from the proxy; GONGKAI_CLIENT_IP_HEADER names the
    client's address, so one client's failures do not lock out the others."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_LOCKOUT_PARAMETERS = ["ip_address"]
    settings.GONGKAI = {**settings.GONGKAI, "CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
    for n in range(5):
        Client().post(
            LOGIN,
            {"username": f"x{n}", "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()
    other = Client().post(
        LOGIN,
        {"username": "lock_staff", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_REAL_IP="203.0.113.8",
    )
    assert _logged_in(other)


@pytest.mark.django_db
def test_cli_unlocks_an_account(staff, settings, capsys):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        _login(Client(), "lock_staff", "wrong")
    assert _login(Client(), "lock_staff", PASSWORD).status_code == 429
    call_command("axes_reset_username", "lock_staff")
    assert _logged_in(_login(Client(), "lock_staff", PASSWORD))


@pytest.mark.django_db
def test_logins_from_code_are_not_counted(staff, settings):
    """The test client's and commands' logins have no request: not refused, not counted."""
    settings.AXES_FAILURE_LIMIT = 1
    client = Client()
    assert not client.login(username="lock_staff", password="wrong")
    assert client.login(username="lock_staff", password=PASSWORD)


@pytest.mark.django_db
def test_a_login_without_a_real_address_is_counted_per_account_only(staff, settings):
    """A malformed proxy header (or a request built in code) gives no address: the login must
    not fail on PostgreSQL's address column (it did: a 500), and the account is still counted."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.GONGKAI = {**settings.GONGKAI, "CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
    for _ in range(5):
        response = Client().post(
            LOGIN, {"username": "lock_staff", "password": "wrong"}, HTTP_X_REAL_IP="not-an-ip"
        )
        assert response.status_code in (200, 429)
    assert AccessAttempt.objects.get(username="lock_staff").ip_address is None
    locked = Client().post(
        LOGIN, {"username": "lock_staff", "password": PASSWORD}, HTTP_X_REAL_IP="not-an-ip"
    )
    assert locked.status_code == 429


@pytest.mark.django_db
def test_force_login_records_no_bogus_address(staff):
    """force_login's request has no address; axes logs the login without one (on PostgreSQL
    the hashed stand-in raised ValueError)."""
    Client().force_login(staff)
    assert list(
        AccessLog.objects.filter(username="lock_staff").values_list("ip_address", flat=True)
    ) == [None]
