"""Keep the tier each case's recorder acted at, and fill it in for the cases already kept.

A case decided on the spot was decided by its recorder, at the tier written on it.
For an escalated one the recorder's tier was not written down: their role today is
the best account left of it, and roles rarely change. History rows get the same
value as their case, so no case's history shows the field appear as a change.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# The roles' tiers as exceptions.permissions.ROLE_TIERS gives them when this was written.
ROLE_TIERS = {"Staff": 1, "Policy owners": 1, "Supervisors": 2, "Leadership": 3}
TIER_CHOICES = [(1, "Staff"), (2, "Supervisor"), (3, "Leadership")]


def fill_in_recorder_tiers(apps, schema_editor):
    precedents = apps.get_model("exceptions", "Precedent").objects
    history = apps.get_model("exceptions", "HistoricalPrecedent").objects
    user_model = apps.get_model("auth", "User")
    precedents.filter(escalated_at__isnull=True, decided_by_tier__isnull=False).update(
        recorded_by_tier=models.F("decided_by_tier")
    )
    # Lowest tier first, so a person with two roles ends at the higher one.
    for role, tier in sorted(ROLE_TIERS.items(), key=lambda item: item[1]):
        precedents.filter(
            recorded_by_tier__isnull=True, recorded_by__groups__name=role
        ).update(recorded_by_tier=tier)
        precedents.filter(
            escalated_at__isnull=False, recorded_by__groups__name=role, recorded_by_tier__lt=tier
        ).update(recorded_by_tier=tier)
    superusers = user_model.objects.filter(is_superuser=True).values("pk")
    precedents.filter(escalated_at__isnull=False, recorded_by__in=superusers).update(
        recorded_by_tier=3
    )
    history.update(
        recorded_by_tier=Subquery(
            precedents.filter(pk=OuterRef("id")).values("recorded_by_tier")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exceptions", "0008_granted_amounts_and_questions_to_the_recorder"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprecedent",
            name="recorded_by_tier",
            field=models.PositiveSmallIntegerField(
                blank=True, choices=TIER_CHOICES, null=True, verbose_name="recorder's tier"
            ),
        ),
        migrations.AddField(
            model_name="precedent",
            name="recorded_by_tier",
            field=models.PositiveSmallIntegerField(
                blank=True, choices=TIER_CHOICES, null=True, verbose_name="recorder's tier"
            ),
        ),
        migrations.RunPython(fill_in_recorder_tiers, migrations.RunPython.noop),
    ]
