"""Policies get "also searched as" phrases, saved in each revision like the rest of the rule.

SQLite adds a column that cannot be null by rebuilding the table, and the rebuild
fails while 0004's triggers on exception paths name the policy table; they are
set aside for the rebuild and put back as they were.
"""

from importlib import import_module

from django.db import migrations, models

firm_rule = import_module("policies.migrations.0004_firm_policies_have_no_exception_paths")


def on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0008_approval_by_someone_else"),
    ]

    operations = [
        migrations.RunPython(on_sqlite(firm_rule.SQLITE_REVERSE), on_sqlite(firm_rule.SQLITE)),
        migrations.AddField(
            model_name="policypage",
            name="also_searched_as",
            field=models.TextField(
                blank=True,
                help_text="Other words people search for this rule by, one phrase per line.",
                verbose_name="also searched as",
            ),
        ),
        migrations.RunPython(on_sqlite(firm_rule.SQLITE), on_sqlite(firm_rule.SQLITE_REVERSE)),
    ]
