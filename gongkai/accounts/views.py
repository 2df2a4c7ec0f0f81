"""Screens of the second factor (verify a code, enrol an authenticator) and the lockout answer
on the admin login page. Thin: decisions in policies.py, writes in services.py."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from wagtail.admin.views.account import get_user_login_form

from gongkai.accounts import policies, services
from gongkai.accounts.forms import TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """axes' answer while an account or address is locked: the admin login page again, with
    the reason in Chinese (429 Too Many Requests)."""
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME or 0) * 60))
    messages.error(
        request,
        _(
            "登录失败次数过多，该账号或当前网络地址已被暂时锁定。请 %(minutes)s 分钟后再试，"
            "或请系统管理员解除锁定。"
        )
        % {"minutes": minutes},
    )
    form = get_user_login_form()(request=request)
    context = {"form": form, "next": _next_url(request), "show_password_reset": False}
    response = TemplateResponse(request, "wagtailadmin/login.html", context, status=429)
    response.render()
    return response


def verify(request: HttpRequest) -> HttpResponse:
    """双因素: after the password, the six-digit code of the staff member's authenticator."""
    user = request.user
    if not policies.has_second_factor(user):
        return redirect(f"{reverse('accounts_otp_setup')}?next={_next_url(request)}")
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in devices_for_user(user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确或已过期。多次输错后须稍候再试。"))
    return TemplateResponse(
        request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)}
    )


# The secret of an enrolment in progress: kept in the session, written only once confirmed.
SESSION_OTP_KEY = "gk_otp_enrol_key"


def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code."""
    user = request.user
    if policies.has_second_factor(user):
        return TemplateResponse(
            request, "accounts/otp_setup.html", {"enrolled": True, "next": _next_url(request)}
        )
    device = services.totp_device_start(actor=user, key=request.session.get(SESSION_OTP_KEY))
    if device.pk is None:
        request.session[SESSION_OTP_KEY] = device.key
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            actor=user, device=device, token=form.cleaned_data["token"]
        ):
            request.session.pop(SESSION_OTP_KEY, None)
            otp_login(request, device)
            messages.success(request, _("两步验证已启用。以后登录时须输入身份验证器的验证码。"))
            return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    qr = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    context = {
        "enrolled": False,
        "form": form,
        # The SVG is generated here from our own otpauth:// URL, nothing from the request.
        "qr_svg": mark_safe(qr.to_string(encoding="unicode")),  # noqa: S308
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": settings.GONGKAI_REQUIRE_2FA,
        "next": _next_url(request),
    }
    return TemplateResponse(request, "accounts/otp_setup.html", context)
