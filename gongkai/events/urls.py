"""Public addresses of gongkai.events, mounted at /zxft/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = []
