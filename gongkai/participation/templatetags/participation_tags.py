"""Template helpers of the public 意见征集 pages: accessible form fields and the feedback's
clause-aligned comparison."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms, template
from django.forms import BoundField
from django.utils.safestring import SafeString

from gongkai.participation import selectors
from gongkai.participation.models import ConsultationFeedbackPage, ConsultationPage
from gongkai.participation.views import ListRow, list_rows

register = template.Library()


@register.simple_tag
def field_widget(field: BoundField, hint: str = "") -> SafeString:
    """The widget with aria-describedby (hint, error) and aria-invalid."""
    described = []
    if hint:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    widget: SafeString = field.as_widget(attrs=attrs)
    return widget


@register.filter
def anchor_id(field: BoundField) -> str:
    """The id an error-summary link jumps to: the first radio of a group, else the input."""
    if isinstance(field.field.widget, forms.RadioSelect):
        for choice in field:
            return str(choice.id_for_label)
    return str(field.auto_id)


@register.simple_tag
def feedback_comparison(page: ConsultationFeedbackPage) -> dict[str, object]:
    """The final text next to the consulted draft, clause by clause (selectors.compare_versions),
    with how many clauses changed, were added or deleted."""
    consultation = page.consultation
    consulted = consultation.consulted_version() if consultation is not None else None
    final = page.final_version
    if consulted is None or final is None:
        return {"rows": [], "final": final, "consulted": consulted}
    rows = selectors.compare_versions(consulted, final)
    return {
        "rows": rows,
        "final": final,
        "consulted": consulted,
        "changed": sum(1 for r in rows if r.changed and r.before and r.after),
        "added": sum(1 for r in rows if not r.before),
        "deleted": sum(1 for r in rows if not r.after),
    }


@register.simple_tag
def consultation_rows(items: Iterable[ConsultationPage]) -> list[ListRow]:
    """A unit's 意见征集 column (library.ColumnPage): its consultations as list rows."""
    return list_rows(items)
