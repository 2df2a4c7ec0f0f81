"""PostgreSQL: the token index laid out anew, one row per document — two-, three- and
four-character grams, the four-character ones at their offsets, the title's grams marked, under
a ``rum`` index where the extension is available; the words under GIN; the filter values, the
rank key and the kind in the row (store.create_schema). Rewritten from the SearchDocument rows,
indexes built after; SQLite is unchanged."""

from django.db import migrations


def relayout(apps, schema_editor):
    from gongkai.search import indexing, store

    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in store.PG_DROP + store.PG_TABLE:
            cursor.execute(sql)
    indexing.refresh_token_index(
        apps.get_model("gongkai_search", "SearchDocument"),
        apps.get_model("gongkai_search", "SearchDocumentOrgan"),
    )
    with schema_editor.connection.cursor() as cursor:
        store.create_indexes(cursor)
        cursor.execute("ANALYZE search_tsv")  # the planner's view of the new lexemes


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0003_rank_key")]
    operations = [migrations.RunPython(relayout, migrations.RunPython.noop)]
