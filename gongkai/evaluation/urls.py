"""Public addresses of gongkai.evaluation, mounted at /zcpj/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "evaluation"

urlpatterns: list[URLPattern | URLResolver] = []
