"""A decider's smaller grant, and a question to the recorder that stops the clock.

SQLite adds a check constraint by rebuilding the table, and the rebuild drops
the table's triggers: the firm-rule triggers of 0007 are put back afterwards,
and, when this is undone, before 0007 is undone in its turn.
"""

import datetime
from importlib import import_module

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

firm_rules = import_module("exceptions.migrations.0007_firm_rules_are_never_granted")


def restore_firm_rule_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for drop in firm_rules.SQLITE_REVERSE:
        schema_editor.execute(drop.replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS"))
    for create in firm_rules.SQLITE:
        schema_editor.execute(create)


class Migration(migrations.Migration):

    dependencies = [
        ('exceptions', '0007_firm_rules_are_never_granted'),
        ('policies', '0008_approval_by_someone_else'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_firm_rule_triggers),
        migrations.AddField(
            model_name='historicalprecedent',
            name='answer',
            field=models.TextField(blank=True, verbose_name="recorder's answer"),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='answered at'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='clock_paused',
            field=models.DurationField(default=datetime.timedelta(0), verbose_name='time waiting for answers'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='granted_amount',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='amount granted'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='question',
            field=models.TextField(blank=True, verbose_name='question to the recorder'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='question_asked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='question asked at'),
        ),
        migrations.AddField(
            model_name='historicalprecedent',
            name='question_asked_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='question asked by'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='answer',
            field=models.TextField(blank=True, verbose_name="recorder's answer"),
        ),
        migrations.AddField(
            model_name='precedent',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='answered at'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='clock_paused',
            field=models.DurationField(default=datetime.timedelta(0), verbose_name='time waiting for answers'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='granted_amount',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='amount granted'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='question',
            field=models.TextField(blank=True, verbose_name='question to the recorder'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='question_asked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='question asked at'),
        ),
        migrations.AddField(
            model_name='precedent',
            name='question_asked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='question asked by'),
        ),
        migrations.AddConstraint(
            model_name='precedent',
            constraint=models.CheckConstraint(condition=models.Q(('granted_amount__isnull', True), models.Q(('granted_amount__gt', 0), ('granted_amount__lt', models.F('amount'))), _connector='OR'), name='precedent_granted_less_than_asked'),
        ),
        migrations.AddConstraint(
            model_name='precedent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('answered_at__isnull', True), ('question_asked_at__isnull', False), _negated=True), ('outcome', 'escalated'), _connector='OR'), name='precedent_awaiting_answer_is_undecided'),
        ),
        migrations.AddConstraint(
            model_name='precedent',
            constraint=models.CheckConstraint(condition=models.Q(('clock_paused__gte', datetime.timedelta(0))), name='precedent_clock_paused_not_negative'),
        ),
        migrations.RunPython(restore_firm_rule_triggers, migrations.RunPython.noop),
    ]
