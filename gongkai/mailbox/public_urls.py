"""Addresses of the mailbox's public pages (writing, tracking, published letters, FAQ), included by urls.py."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
