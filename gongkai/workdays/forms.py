"""The admin form for a calendar day. What an administrator enters is recorded as source "admin"
by services.calendar_day_create/update, which the admin views call (views.py)."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.workdays.models import CalendarDay


class CalendarDayForm(WagtailAdminModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "note"]
