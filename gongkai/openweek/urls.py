"""Public addresses of gongkai.openweek, mounted at /kfz/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from gongkai.openweek import views

app_name = "openweek"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.event_view, name="event"),
    path("<int:pk>/done/", views.done, name="done"),
]
