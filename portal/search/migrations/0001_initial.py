"""UnansweredSearch moves here from the portal app, rows, table and permissions included.

Its table, portal_unansweredsearch, was created by portal's migration 0003 and
stays as it is: this app only takes the model over in Django's migration state
(portal's 0007 lets go of it). The content type is renamed in place, so the
"view" permission the roles hold, and anything else pointing at the content
type, follows the model to its new app.
"""

from django.db import migrations, models

MODEL = "unansweredsearch"


def content_type_moves(*, source, target):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(
            schema_editor.connection.alias
        )
        # A database that already has the target (made by an earlier post-migrate
        # run) keeps it; the old one is then left for remove_stale_contenttypes.
        if content_types.filter(app_label=target, model=MODEL).exists():
            return
        content_types.filter(app_label=source, model=MODEL).update(app_label=target)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0006_index_pages_by_last_publication"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="UnansweredSearch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "query",
                            models.CharField(max_length=255, unique=True, verbose_name="search"),
                        ),
                        (
                            "times_asked",
                            models.PositiveIntegerField(default=1, verbose_name="times asked"),
                        ),
                        ("first_asked", models.DateTimeField(verbose_name="first asked")),
                        ("last_asked", models.DateTimeField(verbose_name="last asked")),
                    ],
                    options={
                        "verbose_name": "unanswered search",
                        "verbose_name_plural": "unanswered searches",
                        "db_table": "portal_unansweredsearch",
                        "ordering": ["-times_asked", "-last_asked"],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            content_type_moves(source="portal", target="search"),
            content_type_moves(source="search", target="portal"),
        ),
    ]
