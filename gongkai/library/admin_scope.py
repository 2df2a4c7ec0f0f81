"""Another unit's pages and files are missing in the admin (issue 11).

Wagtail's page views fetch the page first and then answer "permission denied" (a redirect
with a message) or, for some views, show it; its bulk-action confirmation lists the titles of
the objects the user may not act on. This middleware answers 404 — what a missing object
gets — before any of those views runs, from the decisions in gongkai.library.policies:

- an admin URL naming a page (``page_id``, ``parent_page_id``, ``page_to_move_id``,
  ``destination_id``, a page ``pk``) the user may not see in the admin;
- the page chooser browsing a page that is neither the user's nor live and public;
- Wagtail's site-wide page reports, for anyone but a superuser;
- a bulk action naming (``?id=``) a page, document or image the user may not see; with
  ``?id=all`` the list is narrowed to the ones they may see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from gongkai.library import policies

ADMIN_ROUTE = "admin/"  # gongkai/urls.py mounts Wagtail's admin there
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
PAGE_PK_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")
CHOOSER_VIEWS = ("wagtailadmin_choose_page_child",)
# Wagtail's reports over every page of the site (the page types report names the last edited
# page of each type, drafts included).
SITE_WIDE_REPORTS = (
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
)
# Views that only redirect elsewhere by the id (where the check is made).
REDIRECTS = ("wagtailadmin_pages:revisions_index",)


def _page(value: Any) -> Page | None:
    try:
        return Page.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


class AdminObjectScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        match = request.resolver_match
        # Public pages must not touch the session (request.user would add Vary: Cookie and
        # keep them out of the page cache): only the admin's views are looked at.
        if match is None or not match.route.startswith(ADMIN_ROUTE):
            return None
        user = request.user
        if not user.is_authenticated or policies.sees_whole_admin(user):
            return None
        if match.view_name in REDIRECTS or match.func.__module__.startswith("gongkai."):
            return None  # our own views decide from the policies themselves
        if match.view_name in SITE_WIDE_REPORTS:
            if not policies.can_see_site_wide_reports(user):
                raise Http404
            return None
        if match.view_name == "wagtail_bulk_action":
            self._check_bulk(request, kwargs)
            return None
        names = [k for k in PAGE_KWARGS if k in kwargs]
        if "pk" in kwargs and match.namespace in PAGE_PK_NAMESPACES:
            names.append("pk")
        for name in names:
            page = _page(kwargs[name])
            if page is None:
                continue  # the view answers for a missing page itself
            if match.view_name in CHOOSER_VIEWS:
                allowed = policies.can_choose_page(user, page)
            else:
                allowed = policies.can_see_page_in_admin(user, page)
            if not allowed:
                raise Http404
        return None

    def _check_bulk(self, request: HttpRequest, kwargs: dict[str, Any]) -> None:

        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except LookupError:
            return
        action_class = bulk_action_registry.get_bulk_action_class(
            kwargs["app_label"], kwargs["model_name"], kwargs["action"]
        )
        if action_class is None:
            return
        ids = request.GET.getlist("id")
        if "all" in ids:
            parent = request.GET.get("childOf")
            page = _page(parent) if issubclass(model, Page) and parent else None
            if page is not None and not policies.can_see_page_in_admin(request.user, page):
                raise Http404
            listing = action_class(request, model).get_all_objects_in_listing_query(parent)
            query = request.GET.copy()
            query.setlist("id", [str(pk) for pk in self._visible(request, model, listing)])
            request.GET = query  # type: ignore[assignment]
            return
        wanted = [i for i in ids if i.isdigit()]
        if len(self._visible(request, model, wanted)) < len(
            model._default_manager.filter(pk__in=wanted)
        ):
            raise Http404

    @staticmethod
    def _visible(request: HttpRequest, model: Any, ids: Any) -> list[int]:
        objects = model._default_manager.filter(pk__in=list(ids))
        if issubclass(model, Page):
            seen = policies.pages_seen_in_admin(request.user)
            return list(objects.filter(pk__in=seen.values("pk")).values_list("pk", flat=True))
        if hasattr(model, "collection"):
            return list(
                policies.files_seen_in_admin(request.user, objects).values_list("pk", flat=True)
            )
        return list(objects.values_list("pk", flat=True))
