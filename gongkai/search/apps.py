from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "gongkai_search"
    verbose_name = _("站内搜索")

    def ready(self) -> None:
        # local import: views and models load once the app registry is ready
        from gongkai.library.models import PolicyLibraryPage

        # local import: models load once the app registry is ready
        from gongkai.search import signals  # noqa: F401  (keeps the index in step with publishing)

        # local import: models load once the app registry is ready
        from gongkai.search.models import DocumentKind

        # local import: models load once the app registry is ready
        from gongkai.search.views import search_context

        def policy_listing(request: HttpRequest) -> tuple[dict[str, Any], int]:
            return search_context(request, default_kind=DocumentKind.POLICY)

        PolicyLibraryPage.listing = policy_listing
