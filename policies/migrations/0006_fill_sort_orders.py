"""Give every exception path and related-policy link the place it is shown in.

Paths written by the demo loader and by hand had no sort order, so their order
was whatever the database returned: after one edit in the editor, which numbers
them as listed, a page could show them in another order than before. Each
page's rows are numbered here in the order the page shows them today.
"""

from itertools import groupby

from django.db import migrations
from django.db.models import F


def number_in_visible_order(apps, schema_editor):
    for model_name in ("ExceptionPath", "RelatedPolicy"):
        model = apps.get_model("policies", model_name)
        pages = model.objects.filter(sort_order__isnull=True).values("page_id")
        rows = model.objects.filter(page_id__in=pages).order_by(
            "page_id", F("sort_order").asc(nulls_last=True), "pk"
        )
        renumbered = []
        for _page_id, on_page in groupby(rows, key=lambda row: row.page_id):
            for place, row in enumerate(on_page):
                row.sort_order = place
                renumbered.append(row)
        model.objects.bulk_update(renumbered, ["sort_order"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0005_signable_version"),
    ]

    operations = [
        migrations.RunPython(number_in_visible_order, migrations.RunPython.noop),
    ]
