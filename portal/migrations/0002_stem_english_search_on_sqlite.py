"""Give the embedded SQLite search index English stemming, as PostgreSQL's has.

Wagtail creates its FTS5 table with the default tokenizer, which does not stem,
so "refunds" would not find "refund". The table is recreated under the same
name (Wagtail's triggers keep feeding it) with the porter tokenizer, and
refilled from the index entries it mirrors. On other databases nothing happens.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"


def use_porter_stemming(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        row = cursor.fetchone()
        if row is None or "porter" in row[0]:
            return
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} "
            "USING fts5(autocomplete, body, title, tokenize='porter unicode61')"
        )
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, autocomplete, body, title) "
            "SELECT id, autocomplete, body, title FROM wagtailsearch_indexentry"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(use_porter_stemming, migrations.RunPython.noop)]
