"""The search index and Wagtail's reference index for objects written in bulk.

Bulk inserts send no signals, so neither index hears of the new objects. The
search index gets them a chunk at a time: on PostgreSQL through
PostgresEntryWriter below, elsewhere through the backend's own `add_bulk`
(what `update_index` calls). The reference index ("where is this
used" in the admin) gets the rows Wagtail's extractor finds on each policy; for
cases, which are many and only point at other rows through foreign keys, one
INSERT ... SELECT per foreign key writes the same rows as the extractor would.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresSearchBackend,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

BATCH = 1000


def add_to_search_index(model, pks: list[int], progress) -> None:
    """Index the objects `pks` (sorted) of `model` in every search backend that updates itself."""
    objects = model.get_indexed_objects()
    writers = [
        PostgresEntryWriter(backend) if isinstance(backend, PostgresSearchBackend) else backend
        for backend in get_search_backends(with_auto_update=True)
    ]
    for first in range(0, len(pks), BATCH):
        # A range rather than a list of keys: cheaper to send and to look up, and any
        # other object inside it is only indexed again.
        low, high = pks[first], pks[min(first + BATCH, len(pks)) - 1]
        chunk = list(objects.filter(pk__gte=low, pk__lte=high).order_by("pk"))
        for writer in writers:
            writer.add_bulk(model, chunk)
        progress.advance(len(chunk))
    for writer in writers:
        if isinstance(writer, PostgresEntryWriter):
            writer.finish(model)


class PostgresEntryWriter:
    """Write the PostgreSQL backend's index entries as its `add_items` does, only faster.

    `add_items` builds Django expressions for every object's vectors and
    compiles them one by one, about 6 ms an object: 20 minutes for 200,000
    cases. Objects of one model mostly have the same shape (the same number of
    texts with the same weights per vector), so this compiles each shape once,
    through the backend's own code, and sends each object's texts with it.
    The first compile of a shape checks that the texts land where expected.
    """

    VECTORS = ("title", "autocomplete", "body")

    def __init__(self, backend: PostgresSearchBackend):
        self.backend = backend
        self.shapes: dict[tuple, str] = {}

    def add_bulk(self, model, objects) -> None:
        index = self.backend.get_index_for_model(model)
        connection_ = index.write_connection
        compiler = InsertQuery(IndexEntry).get_compiler(connection=connection_)
        content_type = get_content_type_pk(model)
        rows_by_sql = defaultdict(list)
        for obj in objects:
            indexer = ObjectIndexer(obj, self.backend)
            texts = self._texts(indexer)
            sql, params = [], [content_type, indexer.id]
            for name in self.VECTORS:
                vector_sql, vector_params = self._vector(compiler, indexer, name, texts[name])
                sql.append(vector_sql)
                params += vector_params
            # The plain texts for fuzzy search, as ObjectIndexer.title_text and body_text
            # join them, from the same stripped, non-empty texts.
            params += [" ".join(text for text, _w in texts[name]) for name in ("title", "body")]
            rows_by_sql[tuple(sql)].append(params)
        # One statement per shape, sent for all its rows at once (psycopg pipelines
        # executemany), so the statement is parsed once rather than once per row.
        with connection_.cursor() as cursor:
            for (title, autocomplete, body), rows in rows_by_sql.items():
                cursor.executemany(
                    f"INSERT INTO {IndexEntry._meta.db_table} "  # noqa: S608 - names from _meta
                    "(content_type_id, object_id, title, autocomplete, body, title_norm, "
                    f"title_text, body_text) VALUES (%s, %s, {title}, {autocomplete}, {body}, "
                    "1.0, %s, %s) ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                    "title = EXCLUDED.title, title_norm = 1.0, "
                    "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                    "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                    rows,
                )

    def finish(self, model) -> None:
        """What add_items does after each batch, once at the end: the title norms."""
        self.backend.get_index_for_model(model)._refresh_title_norms()

    @staticmethod
    def _texts(indexer: ObjectIndexer) -> dict[str, list[tuple[str, str]]]:
        """The (text, weight) pairs of each vector, sorted as ObjectIndexer sorts them."""
        texts = {name: [] for name in PostgresEntryWriter.VECTORS}
        for search_field in indexer.search_fields:
            for field, weight, value in indexer.prepare_field(indexer.obj, search_field):
                if isinstance(field, AutocompleteField):
                    texts["autocomplete"].append((value, weight))
                elif isinstance(field, SearchField):
                    texts["title" if field.field_name == "title" else "body"].append(
                        (value, weight)
                    )
        return {
            name: [(text.strip(), weight) for text, weight in pairs if text.strip()]
            for name, pairs in texts.items()
        }

    def _vector(self, compiler, indexer, name, texts) -> tuple[str, list]:
        autocomplete = name == "autocomplete"
        config = indexer.autocomplete_config if autocomplete else indexer.config
        if texts:
            config_params = [config] if config else []
            params = [p for text, weight in texts for p in (*config_params, text, "", weight)]
        else:
            params = ["", ""]
        shape = (name, tuple(weight for _text, weight in texts))
        if shape not in self.shapes:
            expression = indexer.as_vector(texts, for_autocomplete=autocomplete)
            value = compiler.prepare_value(IndexEntry._meta.get_field(name), expression)
            sql, compiled_params = value.as_sql(compiler, compiler.connection)
            if list(compiled_params) != params:
                raise RuntimeError(f"The search backend builds {name} vectors differently now.")
            self.shapes[shape] = sql
        return self.shapes[shape], params


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
