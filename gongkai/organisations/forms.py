"""Back-office forms for units and staff roles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.organisations import policies
from gongkai.organisations.models import Membership, Organisation, Role
from gongkai.organisations.services import ORGANISATION_FIELDS


class OrganisationForm(WagtailAdminModelForm):
    parent = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("上级机构"),
        help_text=_("新建机构时选择其上级；留空为最高一级（仅超级管理员）。"),
    )

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if self.instance.pk:
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = policies.units_overseen_by(user)
            self.fields["parent"].required = not policies.may_create_top_level_unit(user)


class MembershipForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["organisation"].queryset = policies.units_managed_by(user)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        org, role = data.get("organisation"), data.get("role")
        if org and role and not policies.can_grant_role(self.for_user, org, role):
            raise forms.ValidationError(
                _("您不能在“%(org)s”授予“%(role)s”角色。"),
                params={"org": org, "role": Role(role).label},
            )
        return data
