"""The admin form for a calendar day: what an administrator enters is recorded as source "admin"."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.workdays.models import CalendarDay, CalendarSource


class CalendarDayForm(WagtailAdminModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "note"]

    def save(self, commit: bool = True) -> Any:
        self.instance.source = CalendarSource.ADMIN
        return super().save(commit=commit)
