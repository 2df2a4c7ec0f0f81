"""Template helpers for accessible form fields."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def is_radio(field: Any) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect)


@register.simple_tag
def field_widget(field: Any, hint: str = "") -> SafeString:
    """The widget with aria-describedby (hint, error) and aria-invalid."""
    described = []
    if hint:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs: dict[str, str] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    widget: SafeString = field.as_widget(attrs=attrs)
    return widget


@register.filter
def anchor_id(field: Any) -> str:
    """The id an error-summary link jumps to: the first radio of a group, else the input."""
    if isinstance(field.field.widget, forms.RadioSelect):
        for choice in field:
            return str(choice.id_for_label)
    return str(field.auto_id)
