"""Public routes of the portal outside the page tree (included before Wagtail's catch-all)."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from gongkai.portal import feeds, views

app_name = "portal"

urlpatterns: list[URLPattern] = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("feeds/rss.xml", feeds.PolicyFeed(), name="feed-rss"),
    path("feeds/atom.xml", feeds.PolicyAtomFeed(), name="feed-atom"),
    path("feeds/unit/<slug:slug>/rss.xml", feeds.UnitPolicyFeed(), name="feed-unit-rss"),
    path("feeds/unit/<slug:slug>/atom.xml", feeds.UnitPolicyAtomFeed(), name="feed-unit-atom"),
    path("feeds/topic/<int:topic_id>/rss.xml", feeds.TopicPolicyFeed(), name="feed-topic-rss"),
    path(
        "feeds/topic/<int:topic_id>/atom.xml", feeds.TopicPolicyAtomFeed(), name="feed-topic-atom"
    ),
    re_path(r"^elder/(?P<state>on|off)/?$", views.elder_mode, name="elder"),
    path("zhaocuo/", views.error_report, name="error-report"),
    path("zhaocuo/done/", views.error_report_done, name="error-report-done"),
    path("coming-soon/<slug:key>/", views.coming_soon, name="coming-soon"),
]
