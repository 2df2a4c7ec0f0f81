"""Public addresses of gongkai.opinion, mounted at /zwyq/ (gongkai/urls.py): the published
responses only."""

from django.urls import URLPattern, URLResolver, path

from gongkai.opinion import views

app_name = "opinion"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
]
