"""口令复杂度与定期更换 (GB/T 22239-2019 8.1.4.1 a)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.accounts.models import PasswordChange
from gongkai.testing import make_user


@pytest.mark.parametrize(
    "password",
    ["abcdefghij", "abcdefgh12", "ABCDEFGH12", "Abcdefghij", "1234567890!"],
)
def test_two_kinds_of_characters_are_not_enough(password, db):
    with pytest.raises(ValidationError) as info:
        validate_password(password)
    assert any("至少三类" in m for m in info.value.messages)


@pytest.mark.parametrize("password", ["Gk-short1", "Abc1!"])
def test_too_short(password, db):
    with pytest.raises(ValidationError) as info:
        validate_password(password)
    assert any("10" in m for m in info.value.messages)


@pytest.mark.parametrize("password", ["Qinghe-Lu2026", "qinghelu2026!", "QINGHE#lu#road"])
def test_three_kinds_and_long_enough_pass(password, db):
    validate_password(password)


@pytest.mark.django_db
def test_password_change_is_recorded():
    user = make_user("pw_rec")
    first = PasswordChange.objects.get(user=user).changed_at
    user.set_password("Another-Pass-2026")
    user.save()
    assert PasswordChange.objects.get(user=user).changed_at >= first


@pytest.mark.django_db
def test_expired_password_redirects_to_the_account_page(settings):
    settings.GONGKAI_PASSWORD_MAX_AGE_DAYS = 90
    user = make_user("pw_old", is_superuser=True)
    PasswordChange.objects.filter(user=user).update(
        changed_at=timezone.now() - dt.timedelta(days=91)
    )
    client = Client()
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == "/admin/account/"
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert "请先修改密码" in page.content.decode()
    # A change of password (what the account page's password form saves) lifts the redirect.
    user.set_password("Qinghe-Lu-2027")
    user.save()
    client.force_login(user)
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_weak_new_password_refused_on_the_account_page():
    user = make_user("pw_weak", is_superuser=True)
    client = Client()
    client.force_login(user)
    response = client.post(
        "/admin/account/",
        {
            "password-old_password": "pw-Gongkai-2026",
            "password-new_password1": "abcdefghijk",
            "password-new_password2": "abcdefghijk",
        },
    )
    assert response.status_code == 200
    assert "至少三类" in response.content.decode()
    assert not user.__class__.objects.get(pk=user.pk).check_password("abcdefghijk")


@pytest.mark.django_db
def test_expiry_off_in_development(settings):
    settings.GONGKAI_PASSWORD_MAX_AGE_DAYS = 0
    user = make_user("pw_dev", is_superuser=True)
    PasswordChange.objects.filter(user=user).update(
        changed_at=timezone.now() - dt.timedelta(days=900)
    )
    client = Client()
    client.force_login(user)
    assert client.get("/admin/pages/").status_code == 200
