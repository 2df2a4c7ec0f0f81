"""Addresses of the mailbox's public statistics, included by urls.py."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
