"""The working-day calendar (工作日历): the days that break the Monday–Friday rule, and which years
have the State Council's official arrangement loaded.

Only exceptions are stored: a weekday that is a day off (法定节假日、调休休息) is a ``holiday``; a
Saturday or Sunday that is a working day (调休上班) is a ``workday``. Every other day follows the
weekday rule. A year without an official arrangement falls back to Monday–Friday, and deadlines that
touch it are provisional (docs/deadlines.md).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("休息日（工作日放假）")
    WORKDAY = "workday", _("工作日（周末调休上班）")


class CalendarSource(models.TextChoices):
    CHINESECALENDAR = "chinesecalendar", _("chinesecalendar 软件包")
    IMPORT = "import", _("CSV 导入")
    ADMIN = "admin", _("管理员录入")


class CalendarDay(models.Model):
    """One exception to the Monday–Friday rule (节假日或调休上班日)."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    note = models.CharField(_("说明"), max_length=100, blank=True)
    source = models.CharField(
        _("来源"), max_length=16, choices=CalendarSource.choices, default=CalendarSource.ADMIN
    )

    # The year the row had when loaded, so an edit that moves a day to another year reports both.
    _loaded_year: int | None = None

    class Meta:
        ordering = ["date"]
        verbose_name = _("工作日历例外日期")
        verbose_name_plural = _("工作日历例外日期")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> CalendarDay:
        instance = super().from_db(db, field_names, values, **kwargs)
        loaded = instance.__dict__.get("date")
        instance._loaded_year = loaded.year if loaded else None
        return instance

    def clean(self) -> None:
        # Only exceptions are stored; a row that repeats the weekday rule would be harmless but
        # misleading, so it is refused.
        if self.date is None:
            return
        weekend = self.date.weekday() >= 5
        if self.kind == DayKind.HOLIDAY and weekend:
            raise ValidationError({"kind": _("周六、周日本来就是休息日，无需登记为休息日。")})
        if self.kind == DayKind.WORKDAY and not weekend:
            raise ValidationError(
                {"kind": _("周一至周五本来就是工作日，只有周末调休上班才登记为工作日。")}
            )


class CalendarYear(models.Model):
    """Whether a year's official holiday arrangement (国务院办公厅节假日安排通知) is loaded."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    official = models.BooleanField(
        _("已载入官方安排"),
        default=False,
        help_text=_("未载入官方安排的年度按周一至周五计算，涉及该年度的期限均为暂定。"),
    )
    source = models.CharField(
        _("来源"), max_length=16, choices=CalendarSource.choices, default=CalendarSource.ADMIN
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    _loaded_year: int | None = None

    class Meta:
        ordering = ["year"]
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")

    def __str__(self) -> str:
        return f"{self.year}"

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> CalendarYear:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_year = instance.__dict__.get("year")
        return instance
