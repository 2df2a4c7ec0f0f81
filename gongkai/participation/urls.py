"""Public pages of consultations (意见征集): the site-wide list. Each consultation's own pages
(the page, the comment form, the questionnaire) are routes of ConsultationPage (Wagtail
serves them at the page's address under its unit's 意见征集 column)."""

from django.urls import URLPattern, path

from gongkai.participation import views

app_name = "participation"
urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
]
