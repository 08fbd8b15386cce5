"""Cases imported from an exception log kept before the portal: where each came from, the key
that finds it again, whether it predates the policy's first version, and its decider as the
log names them when they have no account (an imported case may have no decider's account).

SQLite rebuilds the table to change a constraint, and the rebuild drops its
triggers: the firm-rule triggers of 0007 are put back afterwards (see 0008).
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations, models

restore_firm_rule_triggers = import_module(
    "exceptions.migrations.0008_granted_amounts_and_questions_to_the_recorder"
).restore_firm_rule_triggers


class Migration(migrations.Migration):

    dependencies = [
        ('exceptions', '0009_recorder_tier'),
        ('policies', '0011_what_the_approver_saw'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_firm_rule_triggers),
        migrations.AlterModelOptions(
            name='precedent',
            options={'ordering': ['-recorded_at', '-pk'], 'permissions': [('decide_precedent', 'Can decide escalated cases'), ('import_precedent', 'Can import an exception log')], 'verbose_name': 'precedent case', 'verbose_name_plural': 'precedent cases'},
        ),
        migrations.RemoveConstraint(
            model_name='precedent',
            name='precedent_decided_has_decider_and_time',
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='decided_by_name',
            field=models.CharField(blank=True, max_length=150, verbose_name='decided by (as the log names them)'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='import_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='imported_from',
            field=models.CharField(blank=True, max_length=255, verbose_name='imported from'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='recorded_before_portal',
            field=models.BooleanField(default=False, verbose_name='recorded before the policy was in the portal'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='decided_by_name',
            field=models.CharField(blank=True, max_length=150, verbose_name='decided by (as the log names them)'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='import_key',
            field=models.CharField(blank=True, editable=False, max_length=120, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='precedent',
            name='imported_from',
            field=models.CharField(blank=True, max_length=255, verbose_name='imported from'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='recorded_before_portal',
            field=models.BooleanField(default=False, verbose_name='recorded before the policy was in the portal'),
        ),
        migrations.AddConstraint(
            model_name='precedent',
            constraint=models.CheckConstraint(condition=models.Q(('outcome', 'escalated'), models.Q(('decided_at__isnull', False), ('decided_by__isnull', False)), models.Q(('decided_at__isnull', False), ('import_key__isnull', False)), _connector='OR'), name='precedent_decided_has_decider_and_time'),
        ),
        migrations.RunPython(restore_firm_rule_triggers, migrations.RunPython.noop),
    ]
