"""Back-office forms: letter templates and appeal records, only under the user's units."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.applications import policies
from gongkai.applications.models import Appeal, Application, LetterTemplate, template_codes
from gongkai.letters.templates import LetterTemplateError, default_template, validate


class LetterTemplateForm(WagtailAdminModelForm):
    code = forms.ChoiceField(label=_("文书类型"), choices=())

    class Meta:
        model = LetterTemplate
        fields = ["organisation", "code", "text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = template_codes()
        self.fields["organisation"].required = True
        self.fields["organisation"].queryset = policies.units_for_letter_templates(self.for_user)
        if not self.instance.pk and not self.initial.get("text"):
            codes = [code for code, _label in template_codes()]
            posted = self.data.get("code")
            # Only a code the field offers (any other posted value is the field's error, not a 500).
            self.initial["text"] = default_template(posted if posted in codes else codes[0])

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        try:
            validate(text)
        except LetterTemplateError as problem:
            raise ValidationError(str(problem)) from None
        return text


class AppealForm(WagtailAdminModelForm):
    class Meta:
        model = Appeal
        fields = [
            "organisation",
            "application",
            "year",
            "kind",
            "result",
            "filed_on",
            "decided_on",
            "lesson",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = policies.units_for_appeals(self.for_user)
        self.fields["organisation"].queryset = units
        self.fields["application"].queryset = Application.objects.filter(organisation__in=units)

    def clean_year(self) -> int:
        # The range the appeals import accepts (importing.find_year, first=2000).
        year: int = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise ValidationError(_("年度须在2000至2100之间。"))
        return year

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        case, unit = data.get("application"), data.get("organisation")
        if case is not None and unit is not None and case.organisation_id != unit.pk:
            self.add_error("application", _("所选申请不属于该单位。"))
        return data
