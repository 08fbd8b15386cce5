"""The database refuses exception paths under a firm policy.

The rule spans two tables, which a CHECK constraint cannot, so triggers hold it.
On PostgreSQL both sides are checked when the transaction commits: Wagtail
publishes a policy by saving the page before its exception paths, so a policy
made firm and stripped of its paths in one publish is only consistent at the end.
SQLite cannot defer a trigger, so there only a path added or moved under a firm
policy is refused; the editor form refuses the other order before any write.
"""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE FUNCTION policies_refuse_paths_under_firm_policy() RETURNS trigger AS $$
    DECLARE
        policy_id integer;
    BEGIN
        IF TG_TABLE_NAME = 'policies_exceptionpath' THEN
            policy_id := NEW.page_id;
        ELSE
            policy_id := NEW.page_ptr_id;
        END IF;
        IF EXISTS (
            SELECT 1 FROM policies_policypage policy
            JOIN policies_exceptionpath path ON path.page_id = policy.page_ptr_id
            WHERE policy.page_ptr_id = policy_id AND policy.flexibility = 'firm'
        ) THEN
            RAISE EXCEPTION 'A firm policy cannot have exception paths'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE CONSTRAINT TRIGGER policies_exceptionpath_not_under_firm_policy
    AFTER INSERT OR UPDATE OF page_id ON policies_exceptionpath
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION policies_refuse_paths_under_firm_policy()
    """,
    """
    CREATE CONSTRAINT TRIGGER policies_firm_policy_has_no_exception_paths
    AFTER INSERT OR UPDATE OF flexibility ON policies_policypage
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION policies_refuse_paths_under_firm_policy()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER policies_firm_policy_has_no_exception_paths ON policies_policypage",
    "DROP TRIGGER policies_exceptionpath_not_under_firm_policy ON policies_exceptionpath",
    "DROP FUNCTION policies_refuse_paths_under_firm_policy()",
]

SQLITE_REFUSAL = """
    BEGIN
        SELECT RAISE(ABORT, 'A firm policy cannot have exception paths')
        WHERE EXISTS (
            SELECT 1 FROM policies_policypage
            WHERE page_ptr_id = NEW.page_id AND flexibility = 'firm'
        );
    END
"""
SQLITE = [
    "CREATE TRIGGER policies_exceptionpath_not_under_firm_policy_insert "
    "BEFORE INSERT ON policies_exceptionpath FOR EACH ROW" + SQLITE_REFUSAL,
    "CREATE TRIGGER policies_exceptionpath_not_under_firm_policy_update "
    "BEFORE UPDATE OF page_id ON policies_exceptionpath FOR EACH ROW" + SQLITE_REFUSAL,
]
SQLITE_REVERSE = [
    "DROP TRIGGER policies_exceptionpath_not_under_firm_policy_insert",
    "DROP TRIGGER policies_exceptionpath_not_under_firm_policy_update",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE),
    "sqlite": (SQLITE, SQLITE_REVERSE),
}


def run(statements_of):
    def run_for_vendor(apps, schema_editor):
        for statement in statements_of(STATEMENTS.get(schema_editor.connection.vendor, ([], []))):
            schema_editor.execute(statement)

    return run_for_vendor


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0003_acknowledgements_and_insights_permission"),
    ]

    operations = [
        migrations.RunPython(
            run(lambda statements: statements[0]), run(lambda statements: statements[1])
        ),
    ]
