"""The portal's home page."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """首页: latest policies and interpretations, entries to the disclosure column."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    subpage_types: ClassVar[list[str]] = [
        "library.DisclosureIndexPage",
        "library.PolicyLibraryPage",
    ]
    max_count = 1
    column_type = "首页"

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.library import selectors
        from gongkai.library.models import DisclosureIndexPage, PolicyLibraryPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_policies"] = selectors.public_policies()[:10]
        context["latest_interpretations"] = selectors.public_interpretations()[:6]
        context["library_page"] = PolicyLibraryPage.objects.child_of(self).live().first()
        context["disclosure_page"] = DisclosureIndexPage.objects.child_of(self).live().first()
        return context
