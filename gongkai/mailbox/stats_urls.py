"""Addresses of the mailbox's public statistics, included by urls.py."""

from django.urls import URLPattern, URLResolver, path

from gongkai.mailbox import stats_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("tongji/", stats_views.public_stats, name="stats"),
]
