"""The rank key (list order as one integer), and the token index laid out anew: on SQLite the
FTS5 rowid is the rank key and a column holds the filter values; on both databases two runs
are separated by a gap. The index is rewritten from the SearchDocument rows."""

from django.db import migrations, models


def relayout(apps, schema_editor):
    from gongkai.search import indexing, store

    if schema_editor.connection.vendor != "postgresql":
        for sql in store.SQLITE_DROP + store.SQLITE_SCHEMA:
            schema_editor.execute(sql)
    indexing.refresh_token_index(
        apps.get_model("gongkai_search", "SearchDocument"),
        apps.get_model("gongkai_search", "SearchDocumentOrgan"),
    )


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0002_token_index")]
    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="rank_key",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["rank_key"], name="search_rank_key"),
        ),
        migrations.RunPython(relayout, migrations.RunPython.noop),
    ]
