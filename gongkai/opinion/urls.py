"""Public addresses of gongkai.opinion, mounted at /zwyq/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "opinion"

urlpatterns: list[URLPattern | URLResolver] = []
