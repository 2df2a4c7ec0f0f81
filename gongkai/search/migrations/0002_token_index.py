"""The token index beside SearchDocument: FTS5 on SQLite, tsvector rows on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from gongkai.search import store

    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            store.create_schema(cursor)
        return
    for sql in store.SQLITE_SCHEMA:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    from gongkai.search import store

    statements = store.PG_DROP if schema_editor.connection.vendor == "postgresql" else store.SQLITE_DROP
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
