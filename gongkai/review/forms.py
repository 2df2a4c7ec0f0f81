"""Forms of the review steps (shown in Wagtail's workflow-action dialog)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("审核意见"), required=False, max_length=2000, widget=forms.Textarea({"rows": 3})
    )


class ReasonForm(forms.Form):
    """Sending back, or letting an item with blocking findings through, needs a reason."""

    comment = forms.CharField(
        label=_("理由（必填）"),
        required=True,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("请填写理由。")},
    )

    def clean_comment(self) -> str:
        value = str(self.cleaned_data["comment"]).strip()
        if len(value) < 4:
            raise forms.ValidationError(_("理由过短：请写明依据（至少4个字）。"))
        return value
