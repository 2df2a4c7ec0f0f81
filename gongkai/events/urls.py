"""Public addresses of gongkai.events, mounted at /zxft/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from gongkai.events import views

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/transcript.json", views.transcript_json, name="transcript_json"),
    path("<int:pk>/question/", views.question, name="question"),
    path("<int:pk>/question/thanks/", views.question_thanks, name="question_thanks"),
]
