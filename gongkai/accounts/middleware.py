"""Checks on every staff request (only staff have accounts; public visitors are anonymous).

- 超时自动退出 (GB/T 22239-2019 8.1.4.1 b): a session idle longer than GONGKAI_STAFF_IDLE_MINUTES
  is logged out.
- 双因素 (8.1.4.1 d): an admin page is reachable only after the second factor, when it is
  required (policies.second_factor_missing); until then the admin redirects to the code page.
- 定期更换 (8.1.4.1 a): with an expired password every admin page redirects to the account page,
  where the password is changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts import policies, services

LAST_SEEN_KEY = "gk_last_seen"
# The session is written at most once a minute for the idle clock, not on every request.
LAST_SEEN_RESOLUTION = 60
PROTECTED_PREFIXES = ("/admin/", "/django-admin/")


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, so anonymous: do not touch request.user, which would read the session
            # and add "Vary: Cookie", keeping public pages out of the page cache.
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if self._idle_too_long(request):
            logout(request)
            if request.path.startswith(PROTECTED_PREFIXES):
                messages.info(request, _("您长时间未操作，已自动退出登录。请重新登录。"))
                return redirect(f"{reverse('wagtailadmin_login')}?next={quote(request.path)}")
            return self.get_response(request)
        if request.path.startswith(PROTECTED_PREFIXES) and not self._exempt(request):
            refused = self._admin_refusal(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    @staticmethod
    def _admin_refusal(request: HttpRequest) -> HttpResponse | None:
        """Where to send a staff member who may not see admin pages yet, or None."""
        user = request.user
        if policies.second_factor_missing(user):
            target = "accounts_otp_verify"
            if not policies.has_second_factor(user):
                target = "accounts_otp_setup"
            return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        if policies.password_age_applies(user):
            services.password_clock_start(user=user)
        if policies.password_expired(user) and request.path != reverse("wagtailadmin_account"):
            messages.warning(
                request,
                _("您的密码已超过 %(days)s 天未更换，请先修改密码。")
                % {"days": settings.GONGKAI_PASSWORD_MAX_AGE_DAYS},
            )
            return redirect("wagtailadmin_account")
        return None

    @staticmethod
    def _idle_too_long(request: HttpRequest) -> bool:
        minutes = settings.GONGKAI_STAFF_IDLE_MINUTES
        if minutes <= 0:
            return False
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if isinstance(last_seen, int) and now - last_seen > minutes * 60:
            return True
        if not isinstance(last_seen, int) or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = now
        return False

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        """Pages a half-logged-in staff member must reach: logging in and out, the second
        factor itself (enrolment only while there is no device), the admin's translations."""
        path = request.path
        exempt = {
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            reverse("accounts_otp_verify"),
            reverse("admin:login"),
            reverse("admin:logout"),
        }
        if path in exempt:
            return True
        return path == reverse("accounts_otp_setup") and not policies.has_second_factor(
            request.user
        )
