"""Public pages of consultations (意见征集)."""

from django.urls import URLPattern

app_name = "participation"
urlpatterns: list[URLPattern] = []
