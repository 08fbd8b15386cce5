"""The database refuses a granted case under a firm version of its policy.

A case is judged by the version it was recorded under, which it points at
(policy_revision): when that version is firm, the case can only be upheld,
whatever writes it. Triggers hold the rule, since it spans the case and the
revision's stored content; they fire when a case is inserted and when its
outcome or version changes, so a case that is withdrawn or followed up is
never refused for what it already was.

Cases already granted under a firm version are reported, not changed: which of
them to withdraw is a person's decision, and the history keeps what happened.
"""

import sys

from django.db import migrations

GRANTED = ("granted", "granted_outside")
MESSAGE = "A case under a firm version of its policy cannot be granted"

POSTGRESQL = [
    f"""
    CREATE FUNCTION exceptions_refuse_granting_a_firm_rule() RETURNS trigger AS $$
    BEGIN
        IF NEW.outcome IN {GRANTED!r} AND EXISTS (
            SELECT 1 FROM wagtailcore_revision
            WHERE id = NEW.policy_revision_id AND content->>'flexibility' = 'firm'
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER exceptions_precedent_firm_rule_never_granted_insert
    BEFORE INSERT ON exceptions_precedent
    FOR EACH ROW EXECUTE FUNCTION exceptions_refuse_granting_a_firm_rule()
    """,
    """
    CREATE TRIGGER exceptions_precedent_firm_rule_never_granted_update
    BEFORE UPDATE OF outcome, policy_revision_id ON exceptions_precedent
    FOR EACH ROW WHEN (
        NEW.outcome IS DISTINCT FROM OLD.outcome
        OR NEW.policy_revision_id IS DISTINCT FROM OLD.policy_revision_id
    )
    EXECUTE FUNCTION exceptions_refuse_granting_a_firm_rule()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER exceptions_precedent_firm_rule_never_granted_update ON exceptions_precedent",
    "DROP TRIGGER exceptions_precedent_firm_rule_never_granted_insert ON exceptions_precedent",
    "DROP FUNCTION exceptions_refuse_granting_a_firm_rule()",
]

SQLITE_REFUSAL = f"""
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}')
        WHERE EXISTS (
            SELECT 1 FROM wagtailcore_revision
            WHERE id = NEW.policy_revision_id
            AND json_extract(content, '$.flexibility') = 'firm'
        );
    END
"""
SQLITE = [
    "CREATE TRIGGER exceptions_precedent_firm_rule_never_granted_insert "
    "BEFORE INSERT ON exceptions_precedent FOR EACH ROW "
    f"WHEN NEW.outcome IN {GRANTED!r}" + SQLITE_REFUSAL,
    "CREATE TRIGGER exceptions_precedent_firm_rule_never_granted_update "
    "BEFORE UPDATE OF outcome, policy_revision_id ON exceptions_precedent FOR EACH ROW "
    f"WHEN NEW.outcome IN {GRANTED!r} AND (NEW.outcome IS NOT OLD.outcome "
    "OR NEW.policy_revision_id IS NOT OLD.policy_revision_id)" + SQLITE_REFUSAL,
]
SQLITE_REVERSE = [
    "DROP TRIGGER exceptions_precedent_firm_rule_never_granted_insert",
    "DROP TRIGGER exceptions_precedent_firm_rule_never_granted_update",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE),
    "sqlite": (SQLITE, SQLITE_REVERSE),
}


def report_firm_rule_violations(apps, schema_editor, out=None):
    """Name every case already granted under a firm version, and leave it as it is."""
    Precedent = apps.get_model("exceptions", "Precedent")
    granted_under_firm = list(
        Precedent.objects.filter(
            outcome__in=GRANTED, policy_revision__content__flexibility="firm"
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if granted_under_firm:
        (out or sys.stderr).write(
            f"\n  {len(granted_under_firm)} case(s) were granted under a firm version of "
            "their policy: "
            + ", ".join(f"#{pk}" for pk in granted_under_firm)
            + ". They are left as they are; review them, and withdraw those that "
            "should not count.\n"
        )


def run(statements_of):
    def run_for_vendor(apps, schema_editor):
        for statement in statements_of(STATEMENTS.get(schema_editor.connection.vendor, ([], []))):
            schema_editor.execute(statement)

    return run_for_vendor


class Migration(migrations.Migration):
    dependencies = [
        ("exceptions", "0006_case_rulebook_fields"),
    ]

    operations = [
        migrations.RunPython(report_firm_rule_violations, migrations.RunPython.noop),
        migrations.RunPython(
            run(lambda statements: statements[0]), run(lambda statements: statements[1])
        ),
    ]
