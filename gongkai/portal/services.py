"""Bootstrap of the site's fixed pages (idempotent)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from gongkai.portal.models import HomePage


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
    _disable_default_workflow()
    return site


def _disable_default_workflow() -> None:
    """Wagtail installs a "Moderators approval" workflow on the root page, for a group our
    staff are not in: editors' submissions would wait for no one. Until the review issue
    configures Gongkai's own workflow, unit heads publish directly."""
    from wagtail.models import Workflow

    Workflow.objects.filter(name="Moderators approval", active=True).update(active=False)
