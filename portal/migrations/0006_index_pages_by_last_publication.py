"""Let the home page's recent changes read the latest publications from an index.

Wagtail does not index `last_published_at`; the home page's "recently changed"
list sorted every live page to take its first few (5 ms at 2,000 policies).
"""

from django.db import migrations

INDEX = "portal_page_last_published"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_index_search_documents_on_postgresql"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (last_published_at)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
