"""Admin views for units and roles: generic Wagtail views whose writes go through services."""

from __future__ import annotations

from typing import Any

from wagtail.admin.views import generic

from gongkai.organisations import services
from gongkai.organisations.admin_views import ScopedCopyView, ScopedDeleteView, ScopedEditView
from gongkai.organisations.models import Organisation
from gongkai.organisations.services import ORGANISATION_FIELDS


class OrganisationEditView(ScopedEditView):
    def save_instance(self) -> Organisation:
        data = self.form.cleaned_data
        fields = {f: data[f] for f in ORGANISATION_FIELDS if f in data}
        original = Organisation.objects.get(pk=self.object.pk)
        return services.organisation_update(
            actor=self.request.user, organisation=original, **fields
        )


class OrganisationDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.organisation_delete(actor=self.request.user, organisation=self.object)


class MembershipCreateView(generic.CreateView):
    def save_instance(self) -> Any:
        data = self.form.cleaned_data
        return services.membership_grant(
            actor=self.request.user,
            user=data["user"],
            organisation=data["organisation"],
            role=data["role"],
        )


class MembershipCopyView(ScopedCopyView, MembershipCreateView):
    pass


class MembershipEditView(ScopedEditView):
    def save_instance(self) -> Any:
        data = self.form.cleaned_data
        old = type(self.object).objects.get(pk=self.object.pk)
        granted = services.membership_grant(
            actor=self.request.user,
            user=data["user"],
            organisation=data["organisation"],
            role=data["role"],
        )
        if granted.pk != old.pk:
            services.membership_revoke(actor=self.request.user, membership=old)
        return granted


class MembershipDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.membership_revoke(actor=self.request.user, membership=self.object)
