"""Valid rows written in bulk: the cases, one history row each, their tags, their search
entries, and new versions for what pages keep of cases.

Every row was judged in Python by the rulebook's functions before it gets here,
so nothing is left to decide row by row; the database still checks its own
constraints and triggers on every row (a firm version is never granted). Bulk
inserts send no signals, so what the signals would do is done here: the
history rows (simple-history's own bulk writer), the search index (the
backend's `add_bulk`, as `update_index` does) and the cached fragments' versions.
"""

from typing import Protocol

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import get_history_manager_for_model
from taggit.models import Tag
from wagtail.search.backends import get_search_backends

from portal import freshness

from ..models import Precedent, PrecedentTag

BATCH = 1000


class StepProgress(Protocol):
    """How far a step has come: portal.progress.Progress on a terminal, QuietStep elsewhere."""

    def advance(self, count: int = 1) -> None: ...

    def finish(self) -> float: ...


class QuietStep:
    """A step's progress that nobody watches (the admin's upload)."""

    def __init__(self, label: str, total: int):
        self.total = total

    def advance(self, count: int = 1) -> None:
        return None

    def finish(self) -> float:
        return 0.0


def write_cases(
    cases: list[Precedent], *, tags: list[tuple[str, ...]], importer, reason: str, step
) -> None:
    """Insert `cases` (with `tags`, one tuple per case) and each one's history entry, by
    `importer`, saying `reason`; `step(label, total)` reports each step's progress."""
    progress = step(_("Writing cases"), len(cases))
    history = get_history_manager_for_model(Precedent)
    now = timezone.now()
    for first in range(0, len(cases), BATCH):
        batch = cases[first : first + BATCH]
        Precedent.objects.bulk_create(batch)
        history.bulk_history_create(
            batch, default_user=importer, default_change_reason=reason, default_date=now
        )
        _tag(batch, tags[first : first + BATCH])
        progress.advance(len(batch))
    progress.finish()
    progress = step(_("Indexing for search"), len(cases))
    _index(cases, progress)
    progress.finish()
    freshness.bump(freshness.CASES, *{freshness.cases_of_policy(c.policy_id) for c in cases})


def _tag(cases: list[Precedent], tags: list[tuple[str, ...]]) -> None:
    names = {name for names in tags for name in names}
    found = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - set(found)):
        # One at a time: taggit makes each new tag's slug unique as it saves it.
        found[name] = Tag.objects.create(name=name)
    PrecedentTag.objects.bulk_create(
        [
            PrecedentTag(content_object=case, tag=found[name])
            for case, names in zip(cases, tags, strict=True)
            for name in names
        ],
        batch_size=BATCH,
    )


def _index(cases: list[Precedent], progress) -> None:
    """Add the cases to every search backend that keeps itself up to date, so similar cases
    and search find them at once."""
    pks = sorted(case.pk for case in cases)
    objects = Precedent.get_indexed_objects()
    for backend in get_search_backends(with_auto_update=True):
        for first in range(0, len(pks), BATCH):
            chunk = objects.filter(pk__in=pks[first : first + BATCH]).order_by("pk")
            backend.add_bulk(Precedent, list(chunk))
            progress.advance(len(pks[first : first + BATCH]))
