"""Writes of the portal: site bootstrap (idempotent) and the public's error reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page, Site, WorkflowState

from gongkai.core.config import gongkai_config
from gongkai.core.types import User
from gongkai.library.models import DisclosureIndexPage, PolicyDocumentPage, PolicyLibraryPage
from gongkai.organisations.policies import can_curate_thematic_columns, can_host_thematic_column
from gongkai.organisations.selectors import unit_of_page
from gongkai.organisations.services import CURATORS_GROUP_NAME
from gongkai.portal import policies
from gongkai.portal.models import (
    ErrorReport,
    ErrorReportStatus,
    HomePage,
    ThematicColumnItem,
    ThematicColumnPage,
    ThematicIndexPage,
)
from gongkai.review.services import workflow_ensure, workflow_for

if TYPE_CHECKING:
    from gongkai.organisations.models import Organisation


@transaction.atomic
def site_ensure() -> Site:
    """Make sure the site has our home page, 政府信息公开 and 政策文件库 pages; return the Site."""

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration creates a placeholder page (and a site on it): replace it.
        Site.objects.filter(root_page__in=Page.objects.child_of(root)).delete()
        for stale in Page.objects.child_of(root):
            stale.delete()
        root = Page.get_first_root_node()
        home = HomePage(title=gongkai_config().site_name, slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=gongkai_config().site_name,
        )
    if not DisclosureIndexPage.objects.child_of(home).exists():
        page = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
        home.add_child(instance=page)
        page.save_revision().publish()
    if not PolicyLibraryPage.objects.child_of(home).exists():
        page = PolicyLibraryPage(title="政策文件库", slug="zcwjk")
        home.add_child(instance=page)
        page.save_revision().publish()
    thematic_index_ensure(home)

    workflow_ensure()  # 先审后发 on every unit's content
    return site


# What curators may do under 专题专栏 (and nowhere else): create and edit columns; publishing is
# the host unit's 签发 at the end of its review (issue 12: no direct publication).
CURATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")


def thematic_index_ensure(home: HomePage) -> ThematicIndexPage:
    """The 专题专栏 page under the home page, the curators' group with permissions on it alone,
    and columns created before the index existed moved under it."""

    index = ThematicIndexPage.objects.child_of(home).first()
    if index is None:
        index = ThematicIndexPage(title="专题专栏", slug="ztzl")
        home.add_child(instance=index)
        index.save_revision().publish()
    for column in ThematicColumnPage.objects.child_of(home):
        column.move(index, pos="last-child")
    group, _created = Group.objects.get_or_create(name=CURATORS_GROUP_NAME)
    for codename in CURATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    GroupPagePermission.objects.filter(
        group=group, page=index, permission__codename="publish_page"
    ).delete()
    return index


# --- 专题专栏: bulk curation, reviewed by the host unit ----------------------------------------------


def _require_curator(actor: Any) -> None:
    if not can_curate_thematic_columns(actor):
        raise PermissionDenied(_("只有市政务公开办可以编辑专题专栏。"))


def _host_allowed(actor: Any, unit: Organisation | None) -> Organisation:
    if unit is None:
        raise ValidationError(_("请选择专栏的主办单位。"))
    if not can_host_thematic_column(actor, unit):
        raise ValidationError(_("主办单位应为您监督范围内的单位。"))
    return unit


def _in_review(column: ThematicColumnPage) -> bool:

    return WorkflowState.objects.for_instance(column).active().exists()


@transaction.atomic
def column_create(
    *, title: str, intro: str, unit: Organisation | None, actor: Any
) -> ThematicColumnPage:
    """A new 专题专栏 as a draft under the 专题专栏 index, hosted by ``unit``."""

    _require_curator(actor)
    title = title.strip()
    if not title:
        raise ValidationError(_("请填写专栏名称。"))
    if len(title) > 100:
        raise ValidationError(_("专栏名称不能超过 100 个字符。"))
    host = _host_allowed(actor, unit)
    index = ThematicIndexPage.objects.get()
    # A short ASCII slug (a Chinese title would make a ~600-character address).
    number = ThematicColumnPage.objects.count() + 1
    while Page.objects.child_of(index).filter(slug=f"zt{number}").exists():
        number += 1
    column = ThematicColumnPage(
        title=title,
        slug=f"zt{number}",
        intro=linebreaks(escape(intro.strip())) if intro.strip() else "",
        organisation=host,
        live=False,
        owner=actor,
    )
    index.add_child(instance=column)
    column.save_revision(user=actor, log_action=True)
    return column


def column_draft(column: ThematicColumnPage) -> ThematicColumnPage:
    """The column as its latest revision has it (what a change builds on and review sees)."""
    draft = column.get_latest_revision_as_object()
    return draft if isinstance(draft, ThematicColumnPage) else column


def _save_draft(column: ThematicColumnPage, draft: ThematicColumnPage, actor: Any) -> None:
    if _in_review(column):
        raise ValidationError(_("专栏正在审核中，审核结束（通过或退回）后才能修改。"))
    draft.save_revision(user=actor, log_action=True)


@transaction.atomic
def column_add_documents(column: ThematicColumnPage, document_ids: Any, *, actor: Any) -> int:
    """Add many live policy documents at once (in the given order, after those already in the
    column) to a new draft revision; returns how many were new. Nothing is published: the
    change goes through the host unit's review (column_submit)."""

    _require_curator(actor)
    ids = [int(i) for i in document_ids]
    found = PolicyDocumentPage.objects.live().in_bulk(ids)
    draft = column_draft(column)
    present = {item.document_id for item in draft.items.all()}
    wanted = [found[i] for i in dict.fromkeys(ids) if i in found and i not in present]
    if not wanted:
        raise ValidationError(_("没有可加入的文件：请勾选专栏中还没有的已发布政策文件。"))
    items = list(draft.items.all())
    start = max((item.sort_order or 0 for item in items), default=-1) + 1
    items += [
        ThematicColumnItem(document=doc, sort_order=start + n) for n, doc in enumerate(wanted)
    ]
    draft.items = items
    _save_draft(column, draft, actor)
    return len(wanted)


@transaction.atomic
def column_remove_documents(column: ThematicColumnPage, document_ids: Any, *, actor: Any) -> int:
    _require_curator(actor)
    ids = {int(i) for i in document_ids}
    draft = column_draft(column)
    kept = [item for item in draft.items.all() if item.document_id not in ids]
    removed = len(draft.items.all()) - len(kept)
    if not removed:
        raise ValidationError(_("请勾选要移出的文件。"))
    draft.items = kept
    _save_draft(column, draft, actor)
    return removed


@transaction.atomic
def column_set_host(column: ThematicColumnPage, unit: Organisation | None, *, actor: Any) -> None:
    _require_curator(actor)
    draft = column_draft(column)
    draft.organisation = _host_allowed(actor, unit)
    _save_draft(column, draft, actor)
    ThematicColumnPage.objects.filter(pk=column.pk).update(organisation=draft.organisation)


@transaction.atomic
def column_submit(column: ThematicColumnPage, *, actor: Any) -> Any:
    """Send the column's latest draft through its host unit's 先审后发 workflow (自动检查 →
    保密审查 → 签发): the unit's head publishes it, not the curator (条例 第十七条: the
    unit is responsible for what it releases)."""

    _require_curator(actor)
    column = ThematicColumnPage.objects.get(pk=column.pk)
    draft = column_draft(column)
    host = draft.organisation or column.organisation
    if host is None:
        raise ValidationError(_("请先选择专栏的主办单位：专栏由主办单位审核、签发。"))
    if _in_review(column):
        raise ValidationError(_("专栏已在审核中。"))
    if not column.has_unpublished_changes and column.live:
        raise ValidationError(_("专栏没有未发布的修改。"))
    workflow = workflow_for(host)
    if workflow is None:
        raise ValidationError(_("主办单位还没有审核流程。"))
    return workflow.start(column, actor)


# --- 我为政府网站找错 -------------------------------------------------------------------------------


def is_site_url(url: str, *, allowed_hosts: set[str]) -> bool:
    """A path on this site (``/…``) or an http(s) address on one of its hosts."""
    if not url or any(ch in url for ch in "\r\n\t\\"):
        return False
    if not url.startswith("/") and not url.lower().startswith(("http://", "https://")):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=allowed_hosts)


def page_for_url(url: str, *, site: Site | None) -> Page | None:
    """The live page at ``url`` on ``site``, or its nearest live ancestor (an address below a
    page, such as a broken link under a unit's column, still belongs to that page's unit)."""
    if site is None:
        return None
    path = unquote(urlsplit(url).path)
    parts = [p for p in path.split("/") if p]
    root_path = site.root_page.url_path  # "/home/"
    candidates = [root_path + "".join(f"{p}/" for p in parts[:n]) for n in range(len(parts) + 1)]
    return Page.objects.filter(url_path__in=candidates, live=True).order_by("-depth").first()


@transaction.atomic
def error_report_submit(
    *,
    category: str,
    description: str,
    page_url: str,
    contact: str = "",
    site: Site | None,
) -> ErrorReport:
    """Record a report from the public, addressed to the unit whose page it is."""
    page = page_for_url(page_url, site=site)
    report = ErrorReport.objects.create(
        category=category,
        description=description,
        contact=contact,
        page_url=page_url,
        page=page,
        organisation=unit_of_page(page),
    )
    log(instance=report, action="wagtail.create", user=None)
    return report


@transaction.atomic
def error_report_handle(*, actor: User, report: ErrorReport, status: str, note: str) -> ErrorReport:
    """Staff record how a report was handled (its status and note); the report itself, as the
    public wrote it, does not change."""
    if not policies.can_handle_error_report(actor, report):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    report.status = ErrorReportStatus(status)
    report.note = note
    report.save(update_fields=["status", "note", "updated_at"])
    log(instance=report, action="wagtail.edit", user=actor, content_changed=True)
    return report


@transaction.atomic
def error_report_delete(*, actor: User, report: ErrorReport) -> None:
    """Delete a report (spam)."""
    if not policies.can_delete_error_report(actor, report):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    log(instance=report, action="wagtail.delete", user=actor, deleted=True)
    report.delete()
