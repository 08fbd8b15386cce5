"""UnansweredSearch now belongs to the search app (see search's migration 0001).

Only Django's migration state lets go of the model: its table and rows stay.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_index_pages_by_last_publication"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="UnansweredSearch")],
        ),
    ]
