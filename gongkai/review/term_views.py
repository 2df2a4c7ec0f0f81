"""Admin views for a unit's checker terms: generic Wagtail views whose writes go through
term_services.py."""

from __future__ import annotations

from typing import Any

from wagtail.admin.views import generic

from gongkai.organisations.admin_views import ScopedCopyView, ScopedDeleteView, ScopedEditView
from gongkai.review import term_services
from gongkai.review.models import UnitTerm

FIELDS = ("organisation", "kind", "term", "correction", "note")


def _values(form: Any) -> dict[str, Any]:
    return {f: form.cleaned_data[f] for f in FIELDS}


class UnitTermCreateView(generic.CreateView):
    def save_instance(self) -> UnitTerm:
        return term_services.unit_term_create(actor=self.request.user, **_values(self.form))


class UnitTermCopyView(ScopedCopyView, UnitTermCreateView):
    pass


class UnitTermEditView(ScopedEditView):
    def save_instance(self) -> UnitTerm:
        return term_services.unit_term_update(
            actor=self.request.user,
            entry=UnitTerm.objects.get(pk=self.object.pk),
            **_values(self.form),
        )


class UnitTermDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        term_services.unit_term_delete(actor=self.request.user, entry=self.object)
