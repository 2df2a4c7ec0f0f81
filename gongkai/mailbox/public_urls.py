"""Addresses of the mailbox's public pages (writing, tracking, published letters, FAQ), included by urls.py."""

from django.urls import URLPattern, URLResolver, path

from gongkai.mailbox import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("write/<str:channel>/", views.write, name="write"),
    path("suggest/", views.suggest, name="suggest"),
    path("receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("letter/<str:number>/", views.letter_view, name="letter"),
    path("letters/", views.letters, name="letters"),
    path("faq/", views.faq, name="faq"),
]
