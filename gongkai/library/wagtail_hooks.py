"""Admin integration of the library: publication rules on the publish button, the excerpt
warning for interpretations, the topic taxonomy screen and the interpretation-rate report."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from gongkai.library import services, views
from gongkai.library.models import InterpretationPage, Topic
from gongkai.organisations.policies import Capability, organisations_with_capability


@hooks.register("before_publish_page")
def enforce_publication_rules(request: HttpRequest, page: Page) -> HttpResponse | None:
    """The draft is already saved; refuse the publication itself and say why."""
    problems = services.publication_problems(page)
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    messages.warning(request, _("内容已保存为草稿，未发布。"))
    return redirect("wagtailadmin_pages:edit", page.pk)


def _warn_if_excerpt(request: HttpRequest, page: Page) -> None:
    if isinstance(page, InterpretationPage) and page.policy is not None:
        ratio = page.measure_copied_ratio()
        if ratio >= float(settings.GONGKAI["EXCERPT_WARN_RATIO"]):
            messages.warning(
                request,
                _(
                    "本解读有 %(pct)d%% 的文字与政策原文连续相同，像是原文摘抄（形式化解读）。"
                    "请围绕背景依据、目标任务、执行标准、惠企利民举措等作实质性解读。"
                )
                % {"pct": round(ratio * 100)},
            )


@hooks.register("after_create_page")
def warn_excerpt_after_create(request: HttpRequest, page: Page) -> None:
    _warn_if_excerpt(request, page)


@hooks.register("after_edit_page")
def warn_excerpt_after_edit(request: HttpRequest, page: Page) -> None:
    _warn_if_excerpt(request, page)


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("主题分类")
    add_to_settings_menu = True
    form_fields = ["parent", "name", "sort_order"]
    list_display = ["label", "sort_order"]
    search_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_topics() -> ModelViewSet:
    return TopicViewSet("topics")


@hooks.register("register_admin_urls")
def register_report_urls() -> list[Any]:
    return [
        path(
            "reports/interpretation-rate/",
            views.interpretation_rate_report,
            name="gongkai_interpretation_rate",
        )
    ]


class OverseerMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return organisations_with_capability(request.user, Capability.OVERSEE).exists()


@hooks.register("register_reports_menu_item")
def register_rate_menu_item() -> MenuItem:
    return OverseerMenuItem(
        _("重大政策解读率"), reverse("gongkai_interpretation_rate"), icon_name="doc-full", order=700
    )
