"""Admin views for the working-day calendar: generic Wagtail views whose writes go through
services.py (permission, transaction, audit entry)."""

from __future__ import annotations

from wagtail.admin.views import generic

from gongkai.organisations.admin_views import ScopedDeleteView
from gongkai.workdays import services
from gongkai.workdays.models import CalendarDay, CalendarYear


class CalendarDayCreateView(generic.CreateView):
    def save_instance(self) -> CalendarDay:
        data = self.form.cleaned_data
        return services.calendar_day_create(
            actor=self.request.user, date=data["date"], kind=data["kind"], note=data["note"]
        )


class CalendarDayCopyView(generic.CopyView, CalendarDayCreateView):
    pass


class CalendarDayEditView(generic.EditView):
    def save_instance(self) -> CalendarDay:
        data = self.form.cleaned_data
        return services.calendar_day_update(
            actor=self.request.user,
            day=CalendarDay.objects.get(pk=self.object.pk),
            date=data["date"],
            kind=data["kind"],
            note=data["note"],
        )


class CalendarDayDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.calendar_day_delete(actor=self.request.user, day=self.object)


class CalendarYearCreateView(generic.CreateView):
    def save_instance(self) -> CalendarYear:
        data = self.form.cleaned_data
        return services.calendar_year_create(
            actor=self.request.user, year=data["year"], official=data["official"]
        )


class CalendarYearCopyView(generic.CopyView, CalendarYearCreateView):
    pass


class CalendarYearEditView(generic.EditView):
    def save_instance(self) -> CalendarYear:
        data = self.form.cleaned_data
        return services.calendar_year_update(
            actor=self.request.user,
            entry=CalendarYear.objects.get(pk=self.object.pk),
            year=data["year"],
            official=data["official"],
        )


class CalendarYearDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.calendar_year_delete(actor=self.request.user, entry=self.object)
