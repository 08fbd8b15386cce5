"""The search index and Wagtail's reference index for objects written in bulk.

Bulk inserts send no signals, so neither index hears of the new objects. The
search index gets them a chunk at a time through the backend's own `add_bulk`,
what `update_index` calls, so its entries are the backend's own whatever the
backend; each chunk is read with only the columns its search fields index. The
reference index ("where is this used" in the admin) gets
the rows Wagtail's extractor finds on each policy; for cases, which are many
and only point at other rows through foreign keys, one INSERT ... SELECT per
foreign key writes the same rows as the extractor would.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from modelsearch.index import RelatedFields
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

BATCH = 1000


def add_to_search_index(model, pks: list[int], progress) -> None:
    """Index the objects `pks` (sorted) of `model` in every search backend that updates itself."""
    objects = model.get_indexed_objects()
    columns = indexed_columns(model)
    if columns is not None:
        objects = objects.only(*columns)
    for backend in get_search_backends(with_auto_update=True):
        for first in range(0, len(pks), BATCH):
            # A key range rather than a list: cheaper to send and to look up, and any
            # other object inside it is only indexed again.
            low, high = pks[first], pks[min(first + BATCH, len(pks)) - 1]
            chunk = objects.filter(pk__gte=low, pk__lte=high)
            backend.add_bulk(model, list(chunk.order_by("pk")))
            progress.advance(min(BATCH, len(pks) - first))


def indexed_columns(model) -> list[str] | None:
    """The `only()` names of the columns `model`'s search fields read, or None for all.

    A case's chunk otherwise carries every column of the case and of its policy,
    long texts included, which the backend never reads. Related objects that
    `get_indexed_objects` prefetches come with their own query and are left
    whole. None when a search field is not a column (a method or property may
    read anything): a deferred column read later would cost a query per object.
    """
    columns = []
    try:
        for search_field in model.get_search_fields():
            field = model._meta.get_field(search_field.field_name)
            if not isinstance(search_field, RelatedFields):
                if not field.concrete:
                    return None
                columns.append(field.name)
            elif field.concrete and (field.many_to_one or field.one_to_one):
                # Joined by select_related: only the related columns it reads.
                columns.append(field.name)
                for sub_field in search_field.fields:
                    target = field.related_model._meta.get_field(sub_field.field_name)
                    if isinstance(sub_field, RelatedFields) or not target.concrete:
                        return None
                    columns.append(f"{field.name}__{target.name}")
            elif field.one_to_one:
                return None
    except FieldDoesNotExist:
        return None
    return list(dict.fromkeys(columns))


def add_references(objects) -> int:
    """Reference rows for objects whose relations, children included, are in memory."""
    rows = []
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)
        base_content_type = ReferenceIndex._get_base_content_type(obj)
        for to_type, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(obj)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=str(obj.pk),
                    to_content_type_id=to_type,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return len(rows)


def add_foreign_key_references(model, first_pk: int, last_pk: int) -> int:
    """Reference rows for a model's rows first_pk..last_pk, by SQL, one per foreign key set.

    Which foreign keys Wagtail indexes, and how it names them, comes from its
    extractor run on an unsaved object with every foreign key filled in.
    """
    sample = model(**{f.attname: 1 for f in model._meta.concrete_fields if f.many_to_one})
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ReferenceIndex._get_base_content_type(model)
    hash_field = ReferenceIndex._meta.get_field("content_path_hash")
    quote = connection.ops.quote_name
    inserted = 0
    for to_type, _to_id, model_path, content_path in ReferenceIndex._extract_references_from_object(
        sample
    ):
        column = quote(model._meta.get_field(model_path).column)
        pk_column = quote(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(ReferenceIndex._meta.db_table)} "  # noqa: S608 - names from _meta
                "(content_type_id, base_content_type_id, object_id, to_content_type_id, "
                "to_object_id, model_path, content_path, content_path_hash) "
                f"SELECT %s, %s, CAST({pk_column} AS varchar(255)), %s, "
                f"CAST({column} AS varchar(255)), %s, %s, %s "
                f"FROM {quote(model._meta.db_table)} "
                f"WHERE {column} IS NOT NULL AND {pk_column} BETWEEN %s AND %s",
                [
                    content_type.pk,
                    base_content_type.pk,
                    to_type,
                    model_path,
                    content_path,
                    hash_field.get_db_prep_value(
                        ReferenceIndex._get_content_path_hash(content_path), connection
                    ),
                    first_pk,
                    last_pk,
                ],
            )
            inserted += cursor.rowcount
    return inserted
