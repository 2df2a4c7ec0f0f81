"""For the plain error pages (400, 500, CSRF), which Django renders without a request or
context processors: the site's name straight from the settings, no database."""

from django import template
from django.conf import settings

from gongkai.core.config import gongkai_config

register = template.Library()


@register.simple_tag
def configured_site_name() -> str:
    return str(gongkai_config().site_name or settings.WAGTAIL_SITE_NAME)
