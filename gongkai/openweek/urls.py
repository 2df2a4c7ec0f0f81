"""Public addresses of gongkai.openweek, mounted at /kfz/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "openweek"

urlpatterns: list[URLPattern | URLResolver] = []
