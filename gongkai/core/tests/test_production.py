"""The application started as in production (GONGKAI_ENV=production, in its own process, on a
fresh migrated SQLite database): security headers, cookie flags, mail from the environment,
the staff rules' production defaults, and the Chinese error pages.

GB/T 22239-2019 8.1.4.1 c) 远程管理时，应采取必要措施防止鉴别信息在网络传输过程中被窃听
(HSTS, secure cookies); 8.1.4.1 b)/d) lockout and two factors on by default.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from django.conf import settings

SCRIPT = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings
    call_command("migrate", verbosity=0, interactive=False)
    from django.contrib.auth import get_user_model
    get_user_model().objects.create_superuser("prod_admin", password="Prod-Admin-2026!")
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    out = {}

    def record(name, response):
        cookies = {
            key: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
            for key, m in response.cookies.items()
        }
        out[name] = {
            "status": response.status_code,
            "headers": dict(response.headers),
            "cookies": cookies,
            "body": response.content.decode(errors="replace")[:4000],
            "location": response.get("Location", ""),
        }

    c = Client()
    record("plain_http", c.get("/search/"))
    record("search", c.get("/search/", **https))
    record("login_page", c.get("/admin/login/", **https))
    record("login", c.post("/admin/login/", {"username": "prod_admin", "password": "Prod-Admin-2026!"}, **https))
    record("admin_after_password", c.get("/admin/", **https))
    record("not_found", c.get("/no-such-page-here/", **https))
    record("bad_host", Client().get("/search/", HTTP_HOST="evil.example", **https))
    record("csrf", Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"}, **https))
    with override_settings(ROOT_URLCONF="gongkai.core.tests.production_urls"):
        record("server_error", Client(raise_request_exception=False).get("/__fail__/", **https))
    out["settings"] = {
        "EMAIL_BACKEND": settings.EMAIL_BACKEND,
        "EMAIL_HOST": settings.EMAIL_HOST,
        "EMAIL_PORT": settings.EMAIL_PORT,
        "EMAIL_USE_SSL": settings.EMAIL_USE_SSL,
        "EMAIL_HOST_PASSWORD_SET": bool(settings.EMAIL_HOST_PASSWORD),
        "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
        "REQUIRE_2FA": settings.GONGKAI_REQUIRE_2FA,
        "PASSWORD_MAX_AGE_DAYS": settings.GONGKAI_PASSWORD_MAX_AGE_DAYS,
        "IDLE_MINUTES": settings.GONGKAI_STAFF_IDLE_MINUTES,
        "AXES_FAILURE_LIMIT": settings.AXES_FAILURE_LIMIT,
        "AXES_COOLOFF_MINUTES": settings.AXES_COOLOFF_TIME * 60,
        "AXES_LOCKOUT_PARAMETERS": settings.AXES_LOCKOUT_PARAMETERS,
        "DEBUG": settings.DEBUG,
    }
    print("RESULT " + json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    var = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GONGKAI_", "DJANGO_", "EMAIL_", "DATABASE_URL", "DEBUG"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            "GONGKAI_ENV": "production",
            "SECRET_KEY": "production-test-" + "x" * 40,
            "ALLOWED_HOSTS": "testserver",
            "GONGKAI_VAR_DIR": str(var),
            "DATABASE_URL": f"sqlite:///{var / 'production.sqlite3'}",
            "EMAIL_HOST": "smtp.example.gov.cn",
            "EMAIL_PORT": "465",
            "EMAIL_USE_SSL": "1",
            "EMAIL_HOST_USER": "gongkai",
            "EMAIL_HOST_PASSWORD": "not-a-real-secret",
            "DEFAULT_FROM_EMAIL": "gongkai@example.gov.cn",
        }
    )
    result = subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=540,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stderr[-4000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


def _csp(response: dict[str, Any]) -> dict[str, str]:
    policy = response["headers"]["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


def test_plain_http_is_redirected_to_https(production: dict[str, Any]) -> None:
    response = production["plain_http"]
    assert response["status"] == 301
    assert response["location"].startswith("https://")


def test_security_headers_on_a_public_page(production: dict[str, Any]) -> None:
    response = production["search"]
    assert response["status"] == 200
    headers = response["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    csp = _csp(response)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'self'"
    assert "unsafe" not in headers["Content-Security-Policy"]


def test_admin_policy_allows_no_inline_script_or_style(production: dict[str, Any]) -> None:
    csp = _csp(production["login_page"])
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert "unsafe" not in production["login_page"]["headers"]["Content-Security-Policy"]


def test_cookies_are_secure_httponly_and_samesite(production: dict[str, Any]) -> None:
    csrf = production["login_page"]["cookies"]["csrftoken"]
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"
    login = production["login"]
    assert login["status"] == 302
    session = login["cookies"]["sessionid"]
    assert session == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_second_factor_is_required_in_production(production: dict[str, Any]) -> None:
    response = production["admin_after_password"]
    assert response["status"] == 302
    assert response["location"].startswith("/admin/2fa/setup/")


def test_staff_rules_have_their_production_defaults(production: dict[str, Any]) -> None:
    values = production["settings"]
    assert values["DEBUG"] is False
    assert values["REQUIRE_2FA"] is True
    assert values["PASSWORD_MAX_AGE_DAYS"] == 90
    assert values["IDLE_MINUTES"] == 30
    assert values["AXES_FAILURE_LIMIT"] == 5
    assert values["AXES_COOLOFF_MINUTES"] == pytest.approx(15)
    assert values["AXES_LOCKOUT_PARAMETERS"] == ["username", "ip_address"]


def test_mail_goes_to_the_smtp_server_from_the_environment(production: dict[str, Any]) -> None:
    values = production["settings"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "smtp.example.gov.cn"
    assert values["EMAIL_PORT"] == 465
    assert values["EMAIL_USE_SSL"] is True
    assert values["EMAIL_HOST_PASSWORD_SET"] is True
    assert values["DEFAULT_FROM_EMAIL"] == "gongkai@example.gov.cn"


@pytest.mark.parametrize(
    ("name", "status", "text"),
    [
        ("not_found", 404, "页面不存在"),
        ("server_error", 500, "服务器暂时出错"),
        ("bad_host", 400, "请求有误"),
        ("csrf", 403, "页面已过期"),
    ],
)
def test_error_pages_are_the_sites_in_chinese(
    production: dict[str, Any], name: str, status: int, text: str
) -> None:
    response = production[name]
    assert response["status"] == status
    assert text in response["body"]
    assert 'lang="zh-Hans"' in response["body"]
    assert "portal/site.css" in response["body"]
    # The error pages carry the same strict policy as every public page.
    assert _csp(response)["script-src"] == "'self'"
