"""Core's admin hooks: the access rule of admin documents, the audit labels of releasing a file."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents.models import AbstractDocument

from gongkai.core import policies
from gongkai.core.media import PRIVATE_FLAG
from gongkai.core.services import RELEASE_ACTION, WITHDRAW_ACTION


@hooks.register("before_serve_document", order=-100)
def refuse_private_document(document: AbstractDocument, request: HttpRequest) -> None:
    """Missing and forbidden give the same 404 (GB/T 22239-2019 8.1.4.2 访问控制)."""
    if policies.is_public(document):
        return
    if not policies.staff_may_see(request.user, document):
        raise Http404
    setattr(request, PRIVATE_FLAG, True)


@hooks.register("register_log_actions")
def register_media_actions(actions: Any) -> None:
    actions.register_action(RELEASE_ACTION, _("公开发布"), _("设为公开（不依赖页面）"))
    actions.register_action(WITHDRAW_ACTION, _("取消公开发布"), _("取消公开（不依赖页面）"))


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_script() -> str:
    """Starts the admin widgets whose inline scripts the CSP refuses (gongkai/accounts/csp.py)."""
    return format_html('<script src="{}"></script>', static("core/admin-init.js"))
