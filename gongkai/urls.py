"""URL routes: Wagtail admin and pages, documents, and the Django admin for superusers."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.core.media import serve_document, serve_media
from gongkai.core.wagtail_choosers import SafeExternalLinkView
from gongkai.search.views import search_view

urlpatterns: list[URLPattern | URLResolver] = [
    # Before Wagtail's own route of the same address: a POST without the url was a 500.
    path(
        "admin/choose-external-link/",
        SafeExternalLinkView.as_view(),
        name="gongkai_choose_external_link",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    # Documents and images only through the views that check who may see them
    # (gongkai/core/policies.py); MEDIA_ROOT is served by nothing else, not even under DEBUG.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="gongkai_document"),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^media/(?P<path>.+)$", serve_media, name="gongkai_media"),
    path("search/", search_view, name="search"),
    path("api/v1/", include("gongkai.api.urls")),  # open API (docs/api.md)
    path("ysqgk/", include("gongkai.applications.urls")),  # 依申请公开 (docs/applications.md)
    path("yjzj/", include("gongkai.participation.urls")),  # 意见征集 (docs/participation.md)
    path("zdjc/", include("gongkai.participation.decision_urls")),  # 重大行政决策
    # Issue 15, interaction with the public (docs/interaction.md):
    path("hdjl/", include("gongkai.mailbox.urls")),  # 领导信箱、网上咨询、投诉建议
    path("zxft/", include("gongkai.events.urls")),  # 在线访谈、新闻发布会、政策吹风会
    path("kfz/", include("gongkai.openweek.urls")),  # 政府开放周
    path("zwyq/", include("gongkai.opinion.urls")),  # 政务舆情回应
    path("zcpj/", include("gongkai.evaluation.urls")),  # 政策落实结果评价
    path("", include("gongkai.portal.urls")),  # robots.txt, sitemap, feeds, 长辈版, 找错
]

urlpatterns += [path("", include(wagtail_urls))]
