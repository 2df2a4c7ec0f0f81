"""Writes of the portal: site bootstrap (idempotent) and the public's error reports."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.log_actions import log
from wagtail.models import Page, Site

from gongkai.portal.models import ErrorReport, HomePage, ThematicColumnPage, ThematicIndexPage

if TYPE_CHECKING:
    from gongkai.organisations.models import Organisation


@transaction.atomic
def site_ensure() -> Site:
    """Make sure the site has our home page, 政府信息公开 and 政策文件库 pages; return the Site."""
    from gongkai.library.models import DisclosureIndexPage, PolicyLibraryPage

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration creates a placeholder page (and a site on it): replace it.
        Site.objects.filter(root_page__in=Page.objects.child_of(root)).delete()
        for stale in Page.objects.child_of(root):
            stale.delete()
        root = Page.get_first_root_node()
        home = HomePage(title=settings.GONGKAI["SITE_NAME"], slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.GONGKAI["SITE_NAME"],
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
    from gongkai.review.services import workflow_ensure

    workflow_ensure()  # 先审后发 on every unit's content
    return site


# What curators may do under 专题专栏 (and nowhere else): create, edit and publish columns.
CURATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def thematic_index_ensure(home: HomePage) -> ThematicIndexPage:
    """The 专题专栏 page under the home page, the curators' group with permissions on it alone,
    and columns created before the index existed moved under it."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from gongkai.organisations.services import CURATORS_GROUP_NAME

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
    return index


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


def organisation_of_page(page: Page | None) -> Organisation | None:
    """The unit responsible for a page: its ``organisation`` if it has one, else the unit of
    its UnitPage ancestor; None for the site's own pages (the operator's)."""
    from gongkai.library.models import UnitPage
    from gongkai.organisations.models import Organisation

    if page is None:
        return None
    specific = page.specific
    unit = getattr(specific, "organisation", None)
    if isinstance(unit, Organisation):
        return unit
    unit_page = (
        UnitPage.objects.ancestor_of(page, inclusive=True).select_related("organisation").first()
    )
    return unit_page.organisation if unit_page is not None else None


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
        organisation=organisation_of_page(page),
    )
    log(instance=report, action="wagtail.create", user=None)
    return report
