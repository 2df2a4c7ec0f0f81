"""For the plain error pages (400, 500, CSRF), which Django renders without a request or
context processors: the site's name straight from the settings, no database."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def configured_site_name() -> str:
    return str(settings.GONGKAI.get("SITE_NAME") or settings.WAGTAIL_SITE_NAME)
