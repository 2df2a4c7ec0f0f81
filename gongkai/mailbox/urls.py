"""Public addresses of gongkai.mailbox, mounted at /hdjl/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "mailbox"

urlpatterns: list[URLPattern | URLResolver] = []
