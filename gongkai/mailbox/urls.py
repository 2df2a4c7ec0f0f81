"""Public addresses of gongkai.mailbox, mounted at /hdjl/ (gongkai/urls.py)."""

from django.urls import URLPattern, URLResolver

from gongkai.mailbox import public_urls, stats_urls

app_name = "mailbox"

urlpatterns: list[URLPattern | URLResolver] = [*public_urls.urlpatterns, *stats_urls.urlpatterns]
