"""The unit create screen: a generic Wagtail view saving through provisioning.services."""

from __future__ import annotations

from wagtail.admin.views import generic

from gongkai.organisations.admin_views import ScopedCopyView
from gongkai.organisations.models import Organisation
from gongkai.organisations.services import ORGANISATION_FIELDS
from gongkai.provisioning.services import unit_create


class UnitCreateView(generic.CreateView):
    def save_instance(self) -> Organisation:
        data = self.form.cleaned_data
        fields = {f: data[f] for f in ORGANISATION_FIELDS if f in data}
        return unit_create(actor=self.request.user, parent=data.get("parent"), **fields)


class UnitCopyView(ScopedCopyView, UnitCreateView):
    """Copying a unit creates a new one, with its own column, collection and groups."""
