"""Template helpers for the Chinese admin (docs/i18n.md)."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

register = template.Library()


@register.filter
def app_verbose_name(app_label: str) -> Any:
    """An app's name for people (平台基础, 政策文件库…) instead of its label."""
    try:
        return apps.get_app_config(app_label).verbose_name
    except LookupError:
        return app_label
