"""Seed 主题分类 from data/topics.json (the State Council taxonomy). Editable afterwards."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "topics.json"


def load_topics(apps, schema_editor):
    Topic = apps.get_model("library", "Topic")
    if Topic.objects.exists():
        return
    for i, group in enumerate(json.loads(DATA.read_text(encoding="utf-8"))["topics"]):
        parent = Topic.objects.create(name=group["name"], sort_order=i)
        for j, child in enumerate(group["children"]):
            Topic.objects.create(name=child, parent=parent, sort_order=j)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(load_topics, migrations.RunPython.noop)]
