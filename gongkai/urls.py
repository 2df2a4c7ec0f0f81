"""URL routes: Wagtail admin and pages, documents, and the Django admin for superusers."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.search.views import search_view

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_view, name="search"),
    path("api/v1/", include("gongkai.api.urls")),  # open API (docs/api.md)
    path("ysqgk/", include("gongkai.applications.urls")),  # 依申请公开 (docs/applications.md)
    path("", include("gongkai.portal.urls")),  # robots.txt, sitemap, feeds, 长辈版, 找错
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
