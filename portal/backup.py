"""Export the whole portal to one file, and load such a file into a fresh database.

The file is gzip-compressed JSON Lines: a first line that describes the export
(its format, the database schema it was taken at and how many rows of each
model it holds), then one row per line in Django's serialization format, so
it streams in both directions without holding the portal in memory. It can
move a portal between SQLite and PostgreSQL, which a database dump cannot.

Content types and permissions are written by natural key, because every
migrate numbers them anew; every other row keeps its id, so the page tree,
revisions, workflow history and case history point at the same rows again.
"""

import datetime
import gzip
import io
import json
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Field, Model
from wagtail.models import Revision, Site

from exceptions.models import Precedent
from policies.models import PolicyPage

FORMAT = "policy-portal-export"
FORMAT_VERSION = 1
# Recreated by every migrate, and referred to by natural key in the file.
RECREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
# Derived from other rows and rebuilt after import, or meaningless on another server.
NOT_EXPORTED = RECREATED_BY_MIGRATE | {
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailcore.referenceindex",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
}

# Called with (rows done, rows in all, label of the model being written or read).
Report = Callable[[int, int, str], None]


class ImportRefused(Exception):
    """The file or the target database is not fit for an import; nothing was changed."""


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds rather than milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class PortalSerializer(jsonl.Serializer):
    """JSON Lines with natural keys only where a fresh database has other ids.

    A page revision also names its page's content type by natural key: Wagtail
    checks that reference when it rebuilds a page from the revision.
    """

    # Django's Python serializer keeps these; django-stubs leaves its private members out.
    _current: dict[str, Any]
    _value_from_field: Callable[[Model, Field], Any]

    def handle_field(self, obj, field):
        super().handle_field(obj, field)
        if isinstance(obj, Revision) and field.name == "content":
            content = self._current["content"]
            if isinstance(content.get("content_type"), int):
                natural_key = ContentType.objects.get_for_id(content["content_type"]).natural_key()
                self._current["content"] = {**content, "content_type": natural_key}

    def handle_fk_field(self, obj, field):
        if field.related_model is ContentType:
            content_type_id = getattr(obj, field.attname)
            self._current[field.name] = (
                ContentType.objects.get_for_id(content_type_id).natural_key()
                if content_type_id is not None
                else None
            )
        elif field.related_model is Permission:
            super().handle_fk_field(obj, field)
        else:
            self._current[field.name] = self._value_from_field(obj, field)


def exported_models() -> list:
    """Every model whose rows make up the portal, in the order the file holds them."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in NOT_EXPORTED
    ]


def applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def export_portal(path: Path, *, report: Report | None = None) -> dict[str, int]:
    """Write every row of the portal to `path`; return the row count per model.

    The rows come from one consistent snapshot of the database, and the file
    only appears under its name once it is complete. It holds password hashes
    and personal data, so only its owner may read it.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with _snapshot():
        models = exported_models()
        counts = {model._meta.label_lower: model._base_manager.count() for model in models}
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "counts": counts,
        }
        total, done = sum(counts.values()), 0
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (
            gzip.GzipFile(fileobj=os.fdopen(descriptor, "wb"), mode="wb") as compressed,
            io.TextIOWrapper(compressed, encoding="utf-8") as stream,
        ):
            stream.write(json.dumps(header) + "\n")
            for model in models:
                label = model._meta.label_lower
                rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
                PortalSerializer().serialize(
                    rows, stream=stream, use_natural_foreign_keys=True, cls=ExactJSONEncoder
                )
                done += counts[label]
                if report:
                    report(done, total, label)
    os.replace(partial, path)
    return counts


def import_portal(path: Path, *, report: Report | None = None) -> dict[str, int]:
    """Load an export into this freshly migrated database; return the row count per model.

    The starter structure every migrate creates (the home page, the roles, the
    approval workflow) is replaced by the file's own. Everything happens in one
    transaction: a file that does not load whole leaves the database as it was.
    Then the search index and Wagtail's reference index are rebuilt from the rows.
    """
    # Content type ids differ between databases; a cache from before would point
    # at rows that are not there.
    ContentType.objects.clear_cache()
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        header = _read_header(stream)
        _refuse_unless_fresh()
        with transaction.atomic():
            _clear_starter_structure()
            try:
                loaded = _load_rows(stream, header["counts"], report)
            except (DeserializationError, DatabaseError, OSError, EOFError) as error:
                raise ImportRefused(f"The file does not load whole: {error}") from error
            promised = {label: count for label, count in header["counts"].items() if count}
            if loaded != promised:
                raise ImportRefused(
                    f"The file does not load whole: it holds {sum(loaded.values())} rows "
                    f"where it promises {sum(promised.values())}."
                )
            _reset_sequences()
            connection.check_constraints()
    Site.clear_site_root_paths_cache()
    # What the cache keeps (fragments and figures, nothing else) was read from other
    # rows; a page of the imported portal must never show it.
    cache.clear()
    call_command("update_index", stdout=io.StringIO())
    call_command("rebuild_references_index", stdout=io.StringIO())
    return loaded


def _read_header(stream) -> dict:
    try:
        header = json.loads(stream.readline())
    except (OSError, EOFError, ValueError) as error:
        raise ImportRefused(f"This is not a portal export: {error}") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ImportRefused("This is not a portal export.")
    if header.get("version") != FORMAT_VERSION:
        raise ImportRefused(f"Export format {header.get('version')} is not {FORMAT_VERSION}.")
    here = set(applied_migrations())
    there = set(header["migrations"])
    if here != there:
        raise ImportRefused(
            "The file was exported at another database schema. Migrations only in the file: "
            f"{sorted(there - here) or 'none'}; only here: {sorted(here - there) or 'none'}. "
            "Import with the portal version that exported it, then upgrade."
        )
    return header


def _refuse_unless_fresh() -> None:
    held = {
        "policies": PolicyPage.objects.count(),
        "cases": Precedent.objects.count(),
        "users": get_user_model().objects.count(),
    }
    if any(held.values()):
        found = ", ".join(f"{name} ({count})" for name, count in held.items() if count)
        raise ImportRefused(
            f"This database already holds {found}. Import only into a freshly migrated one."
        )


def _clear_starter_structure() -> None:
    """Empty every table but the content types and permissions migrate made for this schema."""
    kept = {apps.get_model(label)._meta.db_table for label in RECREATED_BY_MIGRATE}
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True)
        if table not in kept
    ]
    # PostgreSQL will not empty a table with constraint checks still pending on it.
    connection.check_constraints()
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, allow_cascade=False)
    )


def _load_rows(stream, counts: dict[str, int], report: Report | None) -> dict[str, int]:
    total = sum(counts.values())
    loaded: dict[str, int] = {}
    with_references_later = []
    rows = jsonl.Deserializer(stream, handle_forward_references=True)
    for done, row in enumerate(rows, start=1):
        if isinstance(row.object, Revision) and isinstance(row.object.content, dict):
            natural_key = row.object.content.get("content_type")
            if isinstance(natural_key, list):
                row.object.content["content_type"] = ContentType.objects.get_by_natural_key(
                    *natural_key
                ).pk
        row.save()
        if row.deferred_fields:
            with_references_later.append(row)
        label = row.object._meta.label_lower
        loaded[label] = loaded.get(label, 0) + 1
        if report:
            report(done, total, label)
    for row in with_references_later:
        row.save_deferred_fields()
    return loaded


def _reset_sequences() -> None:
    """Number new rows after the imported ones, as loaddata does."""
    statements = connection.ops.sequence_reset_sql(no_style(), exported_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@contextmanager
def _snapshot():
    """A transaction in which every read sees the database as it was at one moment."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
