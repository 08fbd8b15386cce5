"""The search index and Wagtail's reference index for objects written in bulk.

Bulk inserts send no signals, so neither index hears of the new objects. The
search index gets them a chunk at a time through the backend's own `add_bulk`
(what `update_index` calls), or, for the many cases on PostgreSQL, through
SqlEntries below. The reference index ("where is this used" in the admin) gets
the rows Wagtail's extractor finds on each policy; for cases, which are many
and only point at other rows through foreign keys, one INSERT ... SELECT per
foreign key writes the same rows as the extractor would.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import CharField, Count, ForeignKey, Max, TextField
from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchBackend
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.utils import get_content_type_pk
from taggit.managers import TaggableManager
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

BATCH = 1000
SQL_BATCH = 20000


def add_to_search_index(model, pks: list[int], progress) -> None:
    """Index the objects `pks` (sorted) of `model` in every search backend that updates itself."""
    for backend in get_search_backends(with_auto_update=True):
        sql_entries = SqlEntries.plan(model, backend)
        step = BATCH if sql_entries is None else SQL_BATCH
        for first in range(0, len(pks), step):
            # A key range rather than a list: cheaper to send and to look up, and any
            # other object inside it is only indexed again.
            low, high = pks[first], pks[min(first + step, len(pks)) - 1]
            if sql_entries is None:
                chunk = model.get_indexed_objects().filter(pk__gte=low, pk__lte=high)
                backend.add_bulk(model, list(chunk.order_by("pk")))
            else:
                sql_entries.write(low, high)
            progress.advance(min(step, len(pks) - first))
        if sql_entries is not None:
            backend.get_index_for_model(model)._refresh_title_norms()


class SqlEntries:
    """The PostgreSQL backend's index entries for a model, computed by the database.

    The backend's add_items builds every object's vectors as Django expressions
    in Python, about 6 ms an object: 20 minutes for 200,000 cases. For a model
    whose search fields are plain text columns of its own table, of a row a
    foreign key points at, or its tags, the same entries are one
    INSERT ... SELECT: each text becomes setweight(to_tsvector(text), weight),
    in the order ObjectIndexer takes them, joined with ||. (The backend nests
    the joins in a balanced tree; || shifts the right side's positions by the
    left side's last position, so the nesting does not change the result, and
    an empty text adds nothing, as the backend leaves empty texts out.)
    `plan` returns None for any other model, which then goes through add_bulk.
    """

    def __init__(self, model, backend, texts: dict[str, list[tuple[str, str]]]):
        self.model = model
        self.backend = backend
        self.texts = texts

    @classmethod
    def plan(cls, model, backend) -> "SqlEntries | None":
        if not isinstance(backend, PostgresSearchBackend) or connection.vendor != "postgresql":
            return None
        texts = {"title": [], "autocomplete": [], "body": []}
        for search_field in model.get_search_fields():
            if isinstance(search_field, AutocompleteField):
                return None
            if isinstance(search_field, SearchField):
                column = _text_column(model, search_field.field_name)
                if column is None:
                    return None
                texts[_vector_for(search_field)].append((column, get_weight(search_field.boost)))
            elif isinstance(search_field, RelatedFields):
                related = _related_texts(model, search_field)
                if related is None:
                    return None
                for field, expression in related:
                    texts[_vector_for(field)].append((expression, get_weight(field.boost)))
        return cls(model, backend, texts)

    def write(self, first_pk: int, last_pk: int) -> None:
        config = self.backend.config
        params = [get_content_type_pk(self.model)]
        vectors = []
        for name in ("title", "autocomplete", "body"):
            if not self.texts[name]:
                vectors.append("to_tsvector('')")
                continue
            terms = []
            for expression, weight in self.texts[name]:
                configured = "%s::regconfig, " if config else ""
                terms.append(f"setweight(to_tsvector({configured}COALESCE({expression}, '')), %s)")
                params += [config, weight] if config else [weight]
            vectors.append(" || ".join(terms))
        plain = [
            "concat_ws(' ', "
            + ", ".join(f"NULLIF(btrim({expression}), '')" for expression, _w in self.texts[name])
            + ")"
            if self.texts[name]
            else "''"
            for name in ("title", "body")
        ]
        quote = connection.ops.quote_name
        pk_column = quote(self.model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(IndexEntry._meta.db_table)} "  # noqa: S608 - names from _meta
                "(content_type_id, object_id, title, autocomplete, body, title_norm, title_text, "
                f"body_text) SELECT %s, CAST(t.{pk_column} AS varchar(50)), {vectors[0]}, "
                f"{vectors[1]}, {vectors[2]}, 1.0, {plain[0]}, {plain[1]} "
                f"FROM {quote(self.model._meta.db_table)} t "
                f"WHERE t.{pk_column} BETWEEN %s AND %s "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                [*params, first_pk, last_pk],
            )


def _vector_for(search_field: SearchField) -> str:
    """ObjectIndexer puts fields named "title" in the title vector, the rest in the body."""
    return "title" if search_field.field_name == "title" else "body"


def _text_column(model, name: str, alias: str = "t") -> str | None:
    """`alias.column` of a plain text field of `model`, or None for anything else."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    plain_text = isinstance(field, (CharField, TextField)) and field.concrete
    if not plain_text or hasattr(field, "get_searchable_content") or field.model is not model:
        return None
    return f"{alias}.{connection.ops.quote_name(field.column)}"


def _related_texts(model, related: RelatedFields) -> list[tuple[SearchField, str]] | None:
    """(field, SQL expression) for each text a RelatedFields gives, in ObjectIndexer's order."""
    quote = connection.ops.quote_name
    field = model._meta.get_field(related.field_name)
    if not all(isinstance(sub, SearchField) for sub in related.fields):
        return None
    if isinstance(field, ForeignKey):
        target = field.related_model
        texts = []
        for sub in related.fields:
            owner = target._meta.get_field(sub.field_name).model
            column = _text_column(owner, sub.field_name, alias="r")
            if column is None:
                return None
            texts.append(
                (
                    sub,
                    f"(SELECT {column} FROM {quote(owner._meta.db_table)} r "  # noqa: S608
                    f"WHERE r.{quote(owner._meta.pk.column)} = t.{quote(field.column)})",
                )
            )
        return texts
    if isinstance(field, TaggableManager):
        through = field.through
        tag = through._meta.get_field("tag")
        tag_model = tag.related_model
        object_column = quote(through._meta.get_field("content_object").column)
        most = (
            through.objects.values("content_object")
            .annotate(tags=Count("pk"))
            .aggregate(most=Max("tags"))["most"]
            or 0
        )
        texts = []
        for position in range(most):
            for sub in related.fields:
                column = _text_column(tag_model, sub.field_name, alias="r")
                if column is None:
                    return None
                texts.append(
                    (
                        sub,
                        f"(SELECT {column} FROM {quote(tag_model._meta.db_table)} r "  # noqa: S608
                        f"JOIN {quote(through._meta.db_table)} i "
                        f"ON i.{quote(tag.column)} = r.{quote(tag_model._meta.pk.column)} "
                        f"WHERE i.{object_column} = t.{quote(model._meta.pk.column)} "
                        f"ORDER BY i.{quote(through._meta.pk.column)} OFFSET {position} LIMIT 1)",
                    )
                )
        return texts
    return None


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
