"""Public pages of major administrative decisions (重大行政决策)."""

from django.urls import URLPattern

app_name = "decisions"
urlpatterns: list[URLPattern] = []
