"""The vocabulary a misspelt search word is corrected to, and each database's trigram search.

PostgreSQL gets the pg_trgm extension, whose similarity() finds close words.
SQLite gets an FTS5 table with the trigram tokenizer over the same words,
reading them from search_policyterm (external content); triggers keep it in
step with every insert and delete, as Wagtail's own triggers keep its index.
The words of the policies already live are filled in.
"""

from importlib import import_module

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from portal.search.terms import policy_texts, terms_of

# Statements run on SQLite only, as the policies' migration before this one runs them.
on_sqlite = import_module("policies.migrations.0009_policy_also_searched_as").on_sqlite

TRIGRAM_TABLE = "search_policyterm_trigrams"
SQLITE = [
    f"CREATE VIRTUAL TABLE {TRIGRAM_TABLE} USING fts5("
    "word, content='search_policyterm', content_rowid='id', tokenize='trigram')",
    f"""CREATE TRIGGER search_policyterm_trigrams_insert AFTER INSERT ON search_policyterm
    BEGIN
        INSERT INTO {TRIGRAM_TABLE}(rowid, word) VALUES (new.id, new.word);
    END""",
    f"""CREATE TRIGGER search_policyterm_trigrams_delete AFTER DELETE ON search_policyterm
    BEGIN
        INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}, rowid, word)
        VALUES ('delete', old.id, old.word);
    END""",
    f"""CREATE TRIGGER search_policyterm_trigrams_update AFTER UPDATE ON search_policyterm
    BEGIN
        INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}, rowid, word)
        VALUES ('delete', old.id, old.word);
        INSERT INTO {TRIGRAM_TABLE}(rowid, word) VALUES (new.id, new.word);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_policyterm_trigrams_insert",
    "DROP TRIGGER search_policyterm_trigrams_delete",
    "DROP TRIGGER search_policyterm_trigrams_update",
    f"DROP TABLE {TRIGRAM_TABLE}",
]


def fill_terms(apps, schema_editor):
    policies = apps.get_model("policies", "PolicyPage")
    terms = apps.get_model("search", "PolicyTerm")
    database = schema_editor.connection.alias
    for policy in policies.objects.using(database).filter(live=True):
        terms.objects.using(database).bulk_create(
            terms(policy=policy, word=word) for word in sorted(terms_of(policy_texts(policy)))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0009_policy_also_searched_as"),
        ("search", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="PolicyTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60, verbose_name="word")),
                (
                    "policy",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="policies.policypage",
                        verbose_name="policy",
                    ),
                ),
            ],
            options={
                "verbose_name": "policy term",
                "verbose_name_plural": "policy terms",
                "indexes": [models.Index(fields=["word"], name="search_policyterm_word")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("policy", "word"), name="search_policyterm_once"
                    )
                ],
            },
        ),
        migrations.RunPython(on_sqlite(SQLITE), on_sqlite(SQLITE_REVERSE)),
        migrations.RunPython(fill_terms, migrations.RunPython.noop),
    ]
