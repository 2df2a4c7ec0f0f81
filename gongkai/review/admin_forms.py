"""Back-office form for a unit's own checker terms: only under units the reviewer works for."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.organisations.policies import units_reviewed_by
from gongkai.review.models import TermKind, UnitTerm


class UnitTermForm(WagtailAdminModelForm):
    class Meta:
        model = UnitTerm
        fields = ["organisation", "kind", "term", "correction", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units_reviewed_by(self.for_user)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        term = (data.get("term") or "").strip()
        if not term:
            raise ValidationError({"term": _("请填写词语。")})
        data["term"] = term
        if data.get("kind") == TermKind.WRONG and not (data.get("correction") or "").strip():
            raise ValidationError({"correction": _("易错表述须填写正确写法。")})
        return data
