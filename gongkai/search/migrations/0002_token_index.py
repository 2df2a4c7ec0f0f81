"""The token index beside SearchDocument: FTS5 on SQLite, tsvector rows on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from gongkai.search import store

    statements = store.PG_SCHEMA if schema_editor.connection.vendor == "postgresql" else store.SQLITE_SCHEMA
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    from gongkai.search import store

    statements = store.PG_DROP if schema_editor.connection.vendor == "postgresql" else store.SQLITE_DROP
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
