"""Admin views for the public's error reports: generic Wagtail views whose writes go through
services.py. Reports come from the public form only (services.error_report_submit)."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import PermissionDenied
from wagtail.admin.views import generic

from gongkai.organisations.admin_views import ScopedCopyView, ScopedDeleteView, ScopedEditView
from gongkai.portal import services
from gongkai.portal.models import ErrorReport


class ErrorReportCreateView(generic.CreateView):
    """No admin door for new reports: the permission policy refuses "add" to everyone
    (policies.py), and should a request get this far, nothing is saved."""

    def save_instance(self) -> NoReturn:
        raise PermissionDenied


class ErrorReportCopyView(ScopedCopyView, ErrorReportCreateView):
    pass


class ErrorReportEditView(ScopedEditView):
    def save_instance(self) -> ErrorReport:
        data = self.form.cleaned_data
        return services.error_report_handle(
            actor=self.request.user,
            report=ErrorReport.objects.get(pk=self.object.pk),
            status=data["status"],
            note=data["note"],
        )


class ErrorReportDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.error_report_delete(actor=self.request.user, report=self.object)
