"""The public search and library filter form: what the query string may contain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.queryparams import MAX_ID
from gongkai.library.models import DocType
from gongkai.library.validity import Validity
from gongkai.search.models import DocumentKind
from gongkai.search.query import Filters

MAX_QUERY = 100


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), max_length=MAX_QUERY, required=False, strip=True)
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("全部")), *DocumentKind.choices], required=False
    )
    # Ids within a 64-bit key: a bigger number names no row and must not reach the database.
    organ = forms.IntegerField(label=_("发文机关"), required=False, min_value=1, max_value=MAX_ID)
    topic = forms.IntegerField(label=_("主题分类"), required=False, min_value=1, max_value=MAX_ID)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100)
    doc_type = forms.ChoiceField(
        label=_("文种"), choices=[("", _("全部")), *DocType.choices], required=False
    )
    validity = forms.ChoiceField(
        label=_("有效性"), choices=[("", _("全部")), *Validity.choices], required=False
    )
    # Lenient: a page number that is not one shows the first page (links get mangled).
    page = forms.CharField(required=False, max_length=10)

    def clean_page(self) -> int:
        raw = self.cleaned_data.get("page") or ""
        return int(raw) if raw.isdigit() and 0 < int(raw) <= 10_000 else 1

    def filters(self, *, default_kind: str | None) -> Filters:
        data: dict[str, Any] = self.cleaned_data
        return Filters(
            unit=data.get("organ"),
            topic=data.get("topic"),
            year=data.get("year"),
            doc_type=data.get("doc_type") or None,
            validity=data.get("validity") or None,
            kind=data.get("kind") or default_kind,
        )
