"""Admin integration of the review: no publish button on unit content (the workflow publishes),
no bulk publication around it, the review sheet, record and task list, the units' own terms."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Page

from gongkai.library.models import UnitContentPage
from gongkai.organisations.admin_views import UnitScopedViewSet, register_unit_scoped
from gongkai.organisations.policies import is_staff_member
from gongkai.review import policies, services, signing, term_views, views
from gongkai.review.models import UnitTerm
from gongkai.review.signing_views import sign_together_view


def _is_unit_content(page: Any) -> bool:

    return isinstance(page, UnitContentPage) or (
        isinstance(page, type) and issubclass(page, UnitContentPage)
    )


@hooks.register("construct_page_action_menu")
def remove_direct_publication(
    menu_items: list[ActionMenuItem], request: HttpRequest, context: Any
) -> None:
    """Unit content is published by the 先审后发 workflow only: no "publish" (or schedule)
    button, whoever the user is; "submit for review" takes its place."""
    page = context.get("page")
    model = getattr(page, "specific_class", None) if page is not None else None
    match = getattr(request, "resolver_match", None)
    if model is None and match is not None and "content_type_model_name" in match.kwargs:
        try:
            model = apps.get_model(
                match.kwargs["content_type_app_name"], match.kwargs["content_type_model_name"]
            )
        except LookupError:
            model = None
    if model is not None and _is_unit_content(model):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def refuse_unreviewed_publication(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A crafted POST to the publish action gets a message, not an error page."""
    if not _is_unit_content(page):
        return None
    revision = page.get_latest_revision()
    if revision is not None and policies.may_publish(revision):
        return None
    messages.error(request, _("未经审核的内容不能直接发布（先审后发）：请“提交审核”。"))
    messages.warning(request, _("内容已保存为草稿，未发布。"))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publication(
    request: HttpRequest, action_type: str, objects: list[Any], action_class_instance: Any
) -> HttpResponse | None:
    if action_type == "publish" and any(_is_unit_content(o.specific) for o in objects):
        messages.error(
            request, _("政府信息公开内容须逐件经审核流程发布（一事一审），不能批量发布。")
        )
        return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


@hooks.register("register_page_header_buttons")
def review_sheet_button(
    page: Page, user: Any, view_name: str = "", next_url: str = ""
) -> list[Any]:
    if not _is_unit_content(page.specific_deferred) or not page.pk:
        return []
    return [
        Button(
            _("审核单"), reverse("review_sheet", args=[page.pk]), icon_name="doc-full", priority=50
        )
    ]


@hooks.register("register_admin_urls")
def register_review_urls() -> list[Any]:
    return [
        path("review/page/<int:page_id>/", views.review_sheet, name="review_sheet"),
        path("review/page/<int:page_id>/redact/", views.redact_view, name="review_redact"),
        path("review/page/<int:page_id>/act/", views.review_act, name="review_act"),
        path("review/tasks/", views.review_tasks, name="review_tasks"),
        path("review/record/", views.record_index, name="review_record"),
        path("review/live-findings/", views.live_findings, name="review_live_findings"),
        path("review/steps/", views.unit_steps, name="review_unit_steps"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu() -> MenuItem:

    submenu = Menu(
        items=[
            StaffMenuItem(_("待我审核"), reverse("review_tasks"), icon_name="tasks", order=5),
            StaffMenuItem(_("审核记录"), reverse("review_record"), icon_name="list-ul", order=10),
            StaffMenuItem(
                _("在线内容问题"), reverse("review_live_findings"), icon_name="warning", order=20
            ),
            StaffMenuItem(_("本单位检查词"), "/admin/checker-terms/", icon_name="tag", order=30),
            StaffMenuItem(
                _("审核流程设置"), reverse("review_unit_steps"), icon_name="cogs", order=40
            ),
        ]
    )
    return SubmenuMenuItem(_("发布审核"), submenu, icon_name="tasks", order=250)


class TasksPanel(Component):
    """Dashboard: 待我审核, each item linked to its review sheet (where the decision is taken)."""

    name = "review_tasks"
    template_name = "review/tasks_panel.html"
    order = 50

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {
            "tasks": self.rows[:10],
            "more": max(0, len(self.rows) - 10),
            "heading": f"待我审核（{len(self.rows)}）",
        }


@hooks.register("construct_homepage_panels")
def review_tasks_panel(request: HttpRequest, panels: list[Any]) -> None:
    """Reviewers and heads see 待我审核 first. Wagtail's own "awaiting your review" panel goes:
    it leads to the editor, not to the review sheet with the findings."""
    panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
    rows = views.task_rows(request.user)
    if rows or policies.takes_review_steps(request.user):
        panels.insert(0, TasksPanel(rows))


register_unit_scoped(
    UnitTerm,
    add=policies.TERM_CAPABILITY,
    change=policies.TERM_CAPABILITY,
    delete=policies.TERM_CAPABILITY,
)


class UnitTermViewSet(UnitScopedViewSet):
    model = UnitTerm
    icon = "tag"
    menu_label = _("本单位检查词")
    list_display = ["term", "kind", "correction", "organisation", "note"]
    list_filter = ["kind"]
    search_fields = ["term"]
    form_class_path = "gongkai.review.admin_forms.UnitTermForm"
    add_view_class = term_views.UnitTermCreateView
    edit_view_class = term_views.UnitTermEditView
    copy_view_class = term_views.UnitTermCopyView
    delete_view_class = term_views.UnitTermDeleteView


@hooks.register("register_admin_viewset")
def register_unit_terms() -> ModelViewSet:
    return UnitTermViewSet("checker-terms")


# --- 一并签发: a 重大政策 with its interpretation (signing.py) --------------------------------------


@hooks.register("register_admin_urls")
def register_signing_urls() -> list[Any]:

    return [path("review/page/<int:page_id>/sign/", sign_together_view, name="review_sign")]


def _at_signing_major_policy(page: Page, user: Any) -> bool:

    state = page.current_workflow_task_state
    if state is None or not signing.is_signing_step(state.task.specific):
        return False
    return signing.needs_companion(page) and policies.can_act_on_step(
        user, page, state.task.specific
    )


@hooks.register("register_page_header_buttons")
def sign_together_button(
    page: Page, user: Any, view_name: str = "", next_url: str = ""
) -> list[Any]:
    if not page.pk or not _is_unit_content(page.specific_deferred):
        return []
    if not _at_signing_major_policy(page, user):
        return []
    return [
        Button(
            _("一并签发（文件及解读）"),
            reverse("review_sign", args=[page.pk]),
            icon_name="tasks",
            priority=40,
        )
    ]


@hooks.register("before_edit_page")
def sign_major_policy_together(request: HttpRequest, page: Page) -> HttpResponse | None:
    """签发 of a 重大政策 from its edit page goes to 一并签发 instead of failing at publication."""
    if request.method != "POST" or request.POST.get("workflow-action-name") != "approve":
        return None
    if not request.POST.get("action-workflow-action") or not _is_unit_content(page.specific):
        return None
    if not _at_signing_major_policy(page, request.user):
        return None

    messages.warning(request, signing.blocked_message(page))
    return redirect("review_sign", page.pk)


@hooks.register("register_log_actions")
def register_review_log_actions(actions: Any) -> None:
    actions.register_action(
        services.STEP_ADDED_ACTION, _("增设审核环节"), _("为本单位增设了审核环节")
    )
