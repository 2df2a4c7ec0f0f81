"""URLs for the production-settings test: the site's own, plus one view that fails (500)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from gongkai.urls import urlpatterns as site_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("__fail__/", fail), *site_urlpatterns]
