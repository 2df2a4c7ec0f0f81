"""超时自动退出 (GB/T 22239-2019 8.1.4.1 b): idle staff sessions end; visitors are unaffected."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from gongkai.accounts.middleware import LAST_SEEN_KEY
from gongkai.testing import make_user


def _age_session(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


@pytest.mark.django_db
def test_idle_staff_session_is_logged_out(settings):
    settings.GONGKAI_STAFF_IDLE_MINUTES = 30
    user = make_user("idle_staff", is_superuser=True)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    _age_session(client, 31 * 60)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    assert "已自动退出登录" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_active_staff_session_stays(settings):
    settings.GONGKAI_STAFF_IDLE_MINUTES = 30
    user = make_user("busy_staff", is_superuser=True)
    client = Client()
    client.force_login(user)
    client.get("/admin/")
    _age_session(client, 29 * 60)
    assert client.get("/admin/pages/").status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_public_visitor_unaffected(settings):
    settings.GONGKAI_STAFF_IDLE_MINUTES = 1
    client = Client()
    client.get("/search/")
    assert LAST_SEEN_KEY not in client.session


@pytest.mark.django_db
def test_public_pages_stay_cacheable():
    """The staff checks must not read an anonymous visitor's session (which adds Vary: Cookie
    and kept every public page out of the page cache)."""
    response = Client().get("/search/")
    assert "cookie" not in response.get("Vary", "").lower()
