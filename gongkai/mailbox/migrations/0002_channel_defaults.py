"""The three channels with their default response periods (DOMAIN.md §9)."""

from django.db import migrations

DEFAULTS = {"leader": 15, "consult": 5, "complaint": 15}


def create(apps, schema_editor):
    ChannelSetting = apps.get_model("mailbox", "ChannelSetting")
    for channel, days in DEFAULTS.items():
        ChannelSetting.objects.get_or_create(channel=channel, defaults={"response_workdays": days})


class Migration(migrations.Migration):
    dependencies = [("mailbox", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
