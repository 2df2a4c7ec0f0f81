"""Admin screens for the working-day calendar (工作日历), for superusers and overseers only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.core.wagtail_labels import YesNoColumn
from gongkai.workdays import views
from gongkai.workdays.forms import CalendarDayForm
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.policies import CalendarPermissionPolicy
from gongkai.workdays.services import IMPORT_ACTION, SEED_ACTION

register_permission_policy(CalendarDay, CalendarPermissionPolicy(CalendarDay))
register_permission_policy(CalendarYear, CalendarPermissionPolicy(CalendarYear))


class CalendarDayViewSet(ModelViewSet):
    def get_form_class(self, for_update: bool = False) -> type[CalendarDayForm]:
        return CalendarDayForm

    model = CalendarDay
    form_class = CalendarDayForm
    add_view_class = views.CalendarDayCreateView
    edit_view_class = views.CalendarDayEditView
    copy_view_class = views.CalendarDayCopyView
    delete_view_class = views.CalendarDayDeleteView
    icon = "date"
    menu_label = _("例外日期")
    list_display = ["date", "kind", "note", "source"]
    list_filter = {"date": ["year"], "kind": ["exact"], "source": ["exact"]}
    search_fields = ["note"]
    ordering = ["-date"]
    list_per_page = 100


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    add_view_class = views.CalendarYearCreateView
    edit_view_class = views.CalendarYearEditView
    copy_view_class = views.CalendarYearCopyView
    delete_view_class = views.CalendarYearDeleteView
    icon = "calendar"
    menu_label = _("年度数据")
    form_fields = ["year", "official"]
    list_display = [
        "year",
        YesNoColumn("official", label=_("已载入官方安排")),
        "source",
        "updated_at",
    ]
    list_filter = ["official"]
    ordering = ["-year"]


class WorkCalendarGroup(ViewSetGroup):
    menu_label = _("工作日历")
    menu_icon = "date"
    menu_order = 270
    items = (CalendarDayViewSet("workdays"), CalendarYearViewSet("workdays_years"))


@hooks.register("register_admin_viewset")
def register_work_calendar() -> ViewSetGroup:
    return WorkCalendarGroup()


@hooks.register("register_log_actions")
def register_calendar_log_actions(actions: Any) -> None:
    actions.register_action(IMPORT_ACTION, _("导入工作日历"), _("导入了工作日历"))
    actions.register_action(SEED_ACTION, _("载入官方安排"), _("从 chinesecalendar 载入了官方安排"))
