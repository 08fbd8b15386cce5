"""Keep each policy's version to sign, filled here from the audit log for what exists."""

import django.db.models.deletion
from django.db import migrations, models


PUBLISH_ACTIONS = ["wagtail.publish", "wagtail.publish.scheduled"]


def fill_from_the_audit_log(apps, schema_editor):
    """Each policy's latest publication of a substantive revision, read oldest first."""
    log = apps.get_model("wagtailcore", "PageLogEntry")
    signable_version = apps.get_model("policies", "SignableVersion")
    policy_ids = set(apps.get_model("policies", "PolicyPage").objects.values_list("pk", flat=True))
    latest = {}
    for page_id, revision_id in (
        log.objects.filter(
            action__in=PUBLISH_ACTIONS,
            page_id__in=policy_ids,
            revision__policy_note__kind="substantive",
        )
        .order_by("timestamp", "pk")
        .values_list("page_id", "revision_id")
    ):
        latest[page_id] = revision_id
    signable_version.objects.bulk_create(
        signable_version(policy_id=page_id, revision_id=revision_id)
        for page_id, revision_id in latest.items()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('policies', '0004_firm_policies_have_no_exception_paths'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='SignableVersion',
            fields=[
                ('policy', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='signable_version', serialize=False, to='policies.policypage')),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.revision')),
            ],
            options={
                'verbose_name': 'version to sign',
                'verbose_name_plural': 'versions to sign',
            },
        ),
        migrations.RunPython(fill_from_the_audit_log, migrations.RunPython.noop),
    ]
