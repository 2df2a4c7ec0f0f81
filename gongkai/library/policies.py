"""Permission decisions for the policy library, in terms of the unit capabilities of
gongkai.organisations.policies (the admin's page permissions derive from the same table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import Capability, has_capability, is_overseer

if TYPE_CHECKING:
    from gongkai.organisations.policies import AnyUser


def can_draft_in(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.DRAFT)


def can_publish_in(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.PUBLISH)


def may_publish_outside_review(actor: AnyUser | None) -> bool:
    """Only the system publishes outside the 先审后发 workflow (imports of documents already
    public elsewhere, structural pages, the demo city), and the review record says so with the
    reason; a person publishes through review (条例第十七条: 保密审查 before publication)."""
    return actor is None


# --- What the admin shows (issue 11: choosers, bulk actions, pages by id) -------------------------
# GB/T 22239-2019 8.1.4.2 访问控制 c): staff reach only what their role needs; another unit's page,
# draft or file is answered as missing (the same 404), never listed by title.

_FILE_PERMISSIONS = ["add", "change", "delete", "choose"]


def pages_seen_in_admin(user: AnyUser) -> QuerySet[Page]:
    """The pages the user may see in the admin: those of the units they act for, and their
    ancestors (to navigate to them) — Wagtail's explorable pages, derived from the roles."""
    if not user.is_authenticated or not user.is_active:
        return Page.objects.none()
    return PagePermissionPolicy().explorable_instances(user)


def can_see_page_in_admin(user: AnyUser, page: Page) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return pages_seen_in_admin(user).filter(pk=page.pk).exists()


def pages_choosable(user: AnyUser, pages: QuerySet[Page]) -> QuerySet[Page]:
    """A link may point to the user's own pages or to any live public page of the site."""
    if user.is_authenticated and user.is_superuser:
        return pages
    public = Q(live=True) & ~Q(pk__in=_restricted_page_ids())
    return pages.filter(public | Q(pk__in=pages_seen_in_admin(user).values("pk")))


def can_choose_page(user: AnyUser, page: Page) -> bool:
    return pages_choosable(user, type(page).objects.filter(pk=page.pk)).exists()


def _restricted_page_ids() -> list[int]:
    ids: list[int] = []
    for restriction in PageViewRestriction.objects.select_related("page"):
        ids += list(
            Page.objects.descendant_of(restriction.page, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    return ids


def sees_whole_admin(user: AnyUser) -> bool:
    """Superusers see every page and file in the admin: nothing of theirs is scoped."""
    return bool(user.is_authenticated and user.is_superuser)


def can_see_oversight_reports(user: AnyUser) -> bool:
    """The 重大政策解读率 report is the overseers' (each sees the units they oversee)."""
    return is_overseer(user)


def can_see_site_wide_reports(user: AnyUser) -> bool:
    """Reports over every unit's pages (Wagtail's page types report) are the operator's."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def files_seen_in_admin(user: AnyUser, queryset: QuerySet) -> QuerySet:
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    policy = policy_registry.get_by_type(queryset.model)
    return queryset.filter(
        pk__in=policy.instances_user_has_any_permission_for(user, _FILE_PERMISSIONS).values("pk")
    )


# --- Structural pages (issue 11, 7b) ---------------------------------------------------------------
# A unit's column page, 法定主动公开内容 and the content columns are the site's structure
# (国办公开办函〔2019〕61号 fixes the columns): created with the unit by library.services.
# unit_columns_ensure and named after it. Unit staff add content under them (which goes through
# 先审后发); they do not retitle, move, delete, unpublish or publish the structure itself —
# that would put text on the public site outside the review.


def can_change_structural_page(user: AnyUser) -> bool:
    """Only the system (the unit-creation service) and superusers change the structure."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


# --- 主题分类 (the topic taxonomy) -----------------------------------------------------------------


def can_maintain_topics(user: AnyUser, action: str) -> bool:
    """Add, change or delete topics (``action``): the site-wide taxonomy is kept by holders of
    Django's model permission (library.add_topic …), as the admin's default permission policy
    for Topic decides."""
    return bool(user.is_authenticated and user.has_perm(f"library.{action}_topic"))


def can_attach_file(user: AnyUser, unit: Organisation | None) -> bool:
    """Upload an attachment with a document being edited in ``unit`` (into its collection): who
    may edit the unit's content (can_edit_content); outside any unit, superusers."""
    if unit is None:
        return bool(user.is_authenticated and user.is_superuser)
    return has_capability(user, unit, Capability.DRAFT) or has_capability(
        user, unit, Capability.REVIEW
    )
