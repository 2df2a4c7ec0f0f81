"""Admin integration of the library: publication rules on the publish button, the excerpt
warning for interpretations, the topic taxonomy screen and the interpretation-rate report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page

from gongkai.core.config import gongkai_config
from gongkai.library import policies, services, topic_views, views
from gongkai.library.models import (
    ColumnPage,
    InterpretationPage,
    PolicyDocumentPage,
    StatutoryContentPage,
    Topic,
    UnitPage,
)

STRUCTURAL_PAGE_TYPES = (UnitPage, StatutoryContentPage, ColumnPage)


@hooks.register("before_edit_page")
@hooks.register("before_publish_page")
@hooks.register("before_unpublish_page")
@hooks.register("before_delete_page")
def refuse_structure_changes(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Structural pages (a unit's column, 法定主动公开内容, the content columns) are changed only
    by the unit service: whatever the request, nothing of them is saved or published by unit
    staff (issue 11; the page permission tester already hides the buttons)."""
    if not isinstance(page.specific, STRUCTURAL_PAGE_TYPES):
        return None
    if policies.can_change_structural_page(request.user):
        return None
    messages.error(request, _("栏目页由系统按单位设置生成，不能由单位工作人员修改或发布。"))
    return redirect("wagtailadmin_explore", page.pk)


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


# --- Choosers show only what the user may see (issue 11) ------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages: Any, request: HttpRequest) -> Any:
    """Link targets: the user's own pages and the site's live public pages — never another
    unit's drafts (browse and search alike)."""
    return policies.pages_choosable(request.user, pages)


@hooks.register("construct_document_chooser_queryset")
def scope_document_chooser(documents: Any, request: HttpRequest) -> Any:
    return policies.files_seen_in_admin(request.user, documents)


@hooks.register("construct_image_chooser_queryset")
def scope_image_chooser(images: Any, request: HttpRequest) -> Any:
    return policies.files_seen_in_admin(request.user, images)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self) -> Any:
        return policies.files_seen_in_admin(self.request.user, super().get_queryset())


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self) -> Any:
        return policies.files_seen_in_admin(self.request.user, super().get_queryset())


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router: Any) -> None:
    """The admin API's documents and images: only the user's collections (after Wagtail's own
    registration, which these replace)."""
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)


def _warn_if_excerpt(request: HttpRequest, page: Page) -> None:
    if isinstance(page, InterpretationPage) and page.policy is not None:
        ratio = page.measure_copied_ratio()
        if ratio >= float(gongkai_config().excerpt_warn_ratio):
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
    add_view_class = topic_views.TopicCreateView
    edit_view_class = topic_views.TopicEditView
    copy_view_class = topic_views.TopicCopyView
    delete_view_class = topic_views.TopicDeleteView
    list_display = [Column("label", label=_("分类")), "sort_order"]
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
        return policies.can_see_oversight_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_rate_menu_item() -> MenuItem:
    return OverseerMenuItem(
        _("重大政策解读率"), reverse("gongkai_interpretation_rate"), icon_name="doc-full", order=700
    )


# --- 起草解读: the interpretation is drafted from its policy (三同步 is one job) -------------------


@hooks.register("register_admin_urls")
def register_interpretation_urls() -> list[Any]:
    return [
        path(
            "library/policy/<int:page_id>/interpret/",
            views.draft_interpretation,
            name="library_draft_interpretation",
        )
    ]


def _interpret_button(page: Page, user: Any, *, priority: int) -> list[Any]:
    if not page.pk or page.specific_class is not PolicyDocumentPage:
        return []
    unit = getattr(page.specific_deferred, "organisation", None)
    if unit is None or not policies.can_draft_in(user, unit):
        return []
    return [
        Button(
            _("起草解读"),
            reverse("library_draft_interpretation", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def interpretation_header_button(
    page: Page, user: Any, view_name: str = "", next_url: str = ""
) -> list[Any]:
    return _interpret_button(page, user, priority=45)


@hooks.register("register_page_listing_more_buttons")
def interpretation_listing_button(page: Page, user: Any, next_url: str | None = None) -> list[Any]:
    return _interpret_button(page, user, priority=5)
