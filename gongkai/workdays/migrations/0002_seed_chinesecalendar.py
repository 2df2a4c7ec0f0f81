"""Seed the calendar with the official arrangements 2004–2026 shipped with chinesecalendar."""

from django.db import migrations

# The years are frozen here so that a later chinesecalendar release does not change what this
# migration did; ``gongkai calendar seed`` adds newer years.
SEED_YEARS = range(2004, 2027)


def seed(apps, schema_editor):
    from gongkai.workdays.sources import chinesecalendar_exceptions

    CalendarDay = apps.get_model("workdays", "CalendarDay")
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    days = []
    for year in SEED_YEARS:
        for e in chinesecalendar_exceptions(year):
            days.append(
                CalendarDay(date=e.date, kind=e.kind, note=e.note, source="chinesecalendar")
            )
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create([d for d in days if d.date not in existing])
    for year in SEED_YEARS:
        CalendarYear.objects.update_or_create(
            year=year, defaults={"official": True, "source": "chinesecalendar"}
        )


def unseed(apps, schema_editor):
    apps.get_model("workdays", "CalendarDay").objects.filter(source="chinesecalendar").delete()
    apps.get_model("workdays", "CalendarYear").objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
