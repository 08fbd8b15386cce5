"""Export the whole portal and import it into a fresh database: nothing that matters changes."""

import gzip
import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page

from exceptions.models import Precedent
from policies.models import PolicyPage
from portal.devtools.demo.users import DEMO_PASSWORD, DEMO_USERS
from portal.models import HomePage
from portal.search.selectors import search_portal
from portal.structure import ensure_portal_structure
from tests.exceptions.factories import record_case

# What a restored portal must give back row for row.
COMPARED_MODELS = [
    "wagtailcore.page",
    "portal.homepage",
    "policies.policyindexpage",
    "policies.policypage",
    "policies.exceptionpath",
    "policies.relatedpolicy",
    "policies.policypagetag",
    "taggit.tag",
    "wagtailcore.revision",
    "policies.revisionnote",
    "policies.signableversion",
    "wagtailcore.workflow",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagelogentry",
    "exceptions.precedent",
    "exceptions.historicalprecedent",
    "exceptions.precedenttag",
    "auth.user",
    "auth.group",
    "wagtailcore.grouppagepermission",
    "wagtailcore.site",
]


def portal_rows() -> dict[str, list[dict]]:
    """Every row of the compared models, with content types and permissions by name.

    Those two get new ids in a fresh database (a page revision names its content
    type too); every other reference must keep its id.
    """
    rows = {}
    for label in COMPARED_MODELS:
        model = apps.get_model(label)
        by_name = {
            field.name: field.related_model
            for field in model._meta.get_fields()
            if field.related_model in (ContentType, Permission)
        }
        rows[label] = serializers.serialize("python", model._base_manager.order_by("pk"))
        for row in rows[label]:
            for name, related_model in by_name.items():
                value = row["fields"].get(name)
                if isinstance(value, list):
                    row["fields"][name] = sorted(
                        related_model.objects.get(pk=pk).natural_key() for pk in value
                    )
                elif value is not None:
                    row["fields"][name] = related_model.objects.get(pk=value).natural_key()
            content = row["fields"].get("content")
            if label == "wagtailcore.revision" and "content_type" in content:
                content_type = ContentType.objects.get(pk=content["content_type"])
                row["fields"]["content"] = {**content, "content_type": content_type.natural_key()}
    return rows


def export(path):
    call_command("export_portal", str(path), stdout=io.StringIO())


def import_(path, **options):
    output = io.StringIO()
    call_command("import_portal", str(path), stdout=output, **options)
    return output.getvalue()


# The flush and the import happen inside the test's transaction, which is rolled
# back afterwards: the next test finds the database as it was.
@pytest.mark.django_db
def test_demo_portal_survives_export_and_import_into_a_fresh_database(tmp_path, capsys):
    call_command("seed_demo", stdout=io.StringIO())
    before = portal_rows()
    export(tmp_path / "portal.jsonl.gz")
    exported_policy_type = ContentType.objects.get_for_model(PolicyPage).pk
    empty_the_database()
    # A fresh database numbers its content types its own way.
    ContentType.objects.filter(app_label="policies").delete()
    ensure_portal_structure()
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(PolicyPage).pk != exported_policy_type
    assert HomePage.objects.count() == 1
    assert not PolicyPage.objects.exists()

    output = import_(tmp_path / "portal.jsonl.gz", verbosity=2)

    after = portal_rows()
    for label in COMPARED_MODELS:
        assert after[label] == before[label], label
    compared = sum(len(rows) for rows in before.values())
    with capsys.disabled():
        # The run's output says how much the round trip compared.
        print(f"\nround trip: {compared} rows of {len(COMPARED_MODELS)} models compared")  # noqa: T201
    assert compared > 500
    assert "Importing exceptions.historicalprecedent" in output


# The flush and the import happen inside the test's transaction, which is rolled
# back afterwards: the next test finds the database as it was.
@pytest.mark.django_db
def test_an_imported_portal_works(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    export(tmp_path / "portal.jsonl.gz")
    newest_case = Precedent.objects.latest("pk").pk
    empty_the_database()

    import_(tmp_path / "portal.jsonl.gz")

    for user in DEMO_USERS:
        signed_in = Client().post(
            "/accounts/login/", {"username": user["username"], "password": DEMO_PASSWORD}
        )
        assert signed_in.status_code == 302, user
    staff = Client()
    staff.post("/accounts/login/", {"username": "sam", "password": DEMO_PASSWORD})
    for policy in PolicyPage.objects.live():
        assert staff.get(policy.url).status_code == 200, policy.url
        assert policy.live_revision.as_object().rule == policy.rule
        assert policy.live_revision.policy_note.summary
    assert search_portal(query="vase").count_by_kind["case"] >= 1
    policy = PolicyPage.objects.live().get(slug="returns-within-30-days")
    sam = Precedent.objects.filter(recorded_by__username="sam").first().recorded_by
    assert record_case(policy, sam, granted=False).pk > newest_case
    assert Page.objects.get(depth=1).get_descendant_count() == Page.objects.count() - 1


def empty_the_database():
    """Flush inside the test's transaction, as a fresh database would be after migrate."""
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to truncate tables with checks still pending in this
        # transaction; running them now lets the flush go ahead.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def forget_content_type_ids():
    """These tests flush and reload the database, so cached content type ids go stale."""
    yield
    ContentType.objects.clear_cache()


@pytest.mark.django_db
def test_import_refuses_a_database_that_holds_content(tmp_path, policy):
    export(tmp_path / "portal.jsonl.gz")
    pages = Page.objects.count()

    with pytest.raises(CommandError, match=r"already holds policies \(1\), users \(2\)"):
        import_(tmp_path / "portal.jsonl.gz")

    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_import_refuses_what_is_not_an_export_of_this_schema(tmp_path):
    not_gzip = tmp_path / "notes.txt"
    not_gzip.write_text("hello")
    not_an_export = tmp_path / "other.jsonl.gz"
    with gzip.open(not_an_export, "wt") as stream:
        stream.write('{"model": "auth.user"}\n')
    other_schema = tmp_path / "old.jsonl.gz"
    export(other_schema)
    with gzip.open(other_schema, "rt") as stream:
        header, *rows = stream.read().splitlines()
    header = {**json.loads(header), "migrations": ["policies.0001_initial"]}
    with gzip.open(other_schema, "wt") as stream:
        stream.write("\n".join([json.dumps(header), *rows]) + "\n")

    for path, reason in [
        (tmp_path / "missing.jsonl.gz", "No such file"),
        (not_gzip, "not a portal export"),
        (not_an_export, "not a portal export"),
        (other_schema, "exported at another database schema"),
    ]:
        with pytest.raises(CommandError, match=reason):
            import_(path)


@pytest.mark.django_db
def test_a_file_that_does_not_load_whole_changes_nothing(tmp_path):
    complete = tmp_path / "portal.jsonl.gz"
    export(complete)
    with gzip.open(complete, "rt") as stream:
        lines = stream.read().splitlines()
    cut = tmp_path / "cut.jsonl.gz"
    with gzip.open(cut, "wt") as stream:
        stream.write("\n".join(lines[:-3]) + "\n")
    home = HomePage.objects.get()

    with pytest.raises(CommandError, match="The file does not load whole"):
        import_(cut)

    assert HomePage.objects.get() == home
    assert Page.objects.get(depth=1).get_children().get().specific == home


@pytest.mark.django_db
def test_the_export_is_readable_by_its_owner_only_and_never_left_half_written(tmp_path):
    export(tmp_path / "portal.jsonl.gz")

    assert (tmp_path / "portal.jsonl.gz").stat().st_mode & 0o777 == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["portal.jsonl.gz"]
