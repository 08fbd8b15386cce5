"""Import an exception log: read every row, judge it, and write the valid ones, all or
nothing unless told to skip the invalid rows. A dry run judges and writes nothing."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..choices import Outcome, Standing
from ..models import Precedent
from .catalogue import Catalogue, tier_of
from .columns import find_columns
from .rows import LogRow, RowRefused, read_row
from .rules import judge_row
from .writing import QuietStep, StepProgress, write_cases

# The time of day a case decided on a date the log gives without a time is kept at:
# midday, so the day reads the same in every time zone near the portal's.
MIDDAY = datetime.time(12)


@dataclass(frozen=True)
class RowResult:
    """What became of one row: imported (or would be), imported before, or refused and why."""

    line: int
    policy: str
    day: str
    decision: str
    problem: str = ""
    already_imported: bool = False
    version_note: str = ""


@dataclass
class ImportReport:
    file_name: str
    results: list[RowResult] = field(default_factory=list)
    written: bool = False

    @property
    def problems(self) -> list[RowResult]:
        return [result for result in self.results if result.problem]

    @property
    def importable(self) -> int:
        return sum(1 for r in self.results if not r.problem and not r.already_imported)

    @property
    def already_imported(self) -> int:
        return sum(1 for r in self.results if r.already_imported)

    @property
    def imported(self) -> int:
        """The cases this import wrote: none for a dry run or a refused file."""
        return self.importable if self.written else 0


def import_case_log(
    *,
    rows: Iterable[Sequence],
    file_name: str,
    importer,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    step: Callable[[str, int], StepProgress] | None = None,
) -> ImportReport:
    """Import the log whose header row and rows are `rows`, as `importer`.

    Every row is judged first. With no problem, or with `skip_invalid`, the valid
    rows are written in one transaction; otherwise nothing is. Rows imported before
    (by their external id, or the fingerprint of a row without one) are passed over.
    Raises PermissionDenied for someone who may not import, LogRefused for a
    header row that cannot be read. `step(label, total)` starts the progress of a step
    (see portal.progress), whose rows it then advances.
    """
    step = step or QuietStep
    if not permissions.may_import_cases(importer):
        raise PermissionDenied(_("Only policy owners and leadership import exception logs."))
    rows = list(rows)
    columns = find_columns(list(rows[0]) if rows else [], mapping=mapping)
    catalogue = Catalogue.load()
    report = ImportReport(file_name=file_name)
    cases: list[Precedent] = []
    tags: list[tuple[str, ...]] = []
    lines_of: dict[str, int] = {}
    today = timezone.localdate()
    before_portal = _("recorded before the policy was in the portal")
    progress = step(_("Checking rows"), len(rows) - 1)
    for line, row in enumerate(rows[1:], start=2):
        progress.advance()
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        cells = columns.cells(row)
        try:
            log_row = read_row(cells, line=line)
            case = _case(
                log_row, catalogue=catalogue, importer=importer, today=today, file_name=file_name
            )
        except RowRefused as refused:
            report.results.append(_result(cells, line=line, problem=refused.message))
            continue
        if log_row.key in lines_of:
            report.results.append(
                _result(
                    cells,
                    line=line,
                    problem=_("The same case as line %(line)s.") % {"line": lines_of[log_row.key]},
                )
            )
            continue
        lines_of[log_row.key] = line
        cases.append(case)
        tags.append(log_row.tags)
        report.results.append(
            _result(
                cells,
                line=line,
                version_note=before_portal if case.recorded_before_portal else "",
            )
        )
    progress.finish()
    imported_before = _imported_before(list(lines_of))
    key_of_line = {line: key for key, line in lines_of.items()}
    if imported_before:
        report.results = [
            RowResult(**{**r.__dict__, "already_imported": True})
            if not r.problem and key_of_line.get(r.line) in imported_before
            else r
            for r in report.results
        ]
        kept = [
            (case, case_tags)
            for case, case_tags in zip(cases, tags, strict=True)
            if case.import_key not in imported_before
        ]
        cases, tags = [case for case, _tags in kept], [case_tags for _case, case_tags in kept]
    if dry_run or (report.problems and not skip_invalid):
        return report
    with transaction.atomic():
        write_cases(
            cases,
            tags=tags,
            importer=importer,
            reason=_("Imported from %(file)s") % {"file": file_name},
            step=step,
        )
    report.written = True
    return report


def _case(
    row: LogRow, *, catalogue: Catalogue, importer, today: datetime.date, file_name: str
) -> Precedent:
    """The case a row records, judged by the version in force on its date; RowRefused if not."""
    if row.day > today:
        raise RowRefused(_("The date %(day)s is in the future.") % {"day": row.day.isoformat()})
    policy = catalogue.policy(row.policy)
    pinned = catalogue.pin(policy, day=row.day)
    decider = catalogue.person(row.decided_by)
    ruling = judge_row(row, terms=pinned.terms, decider_tier=row.decider_tier or tier_of(decider))
    decided_at = _aware(row.at or datetime.datetime.combine(row.day, MIDDAY))
    escalated_at = None if row.escalated_at is None else _aware(row.escalated_at)
    if escalated_at is not None and escalated_at > decided_at:
        raise RowRefused(_("The case was escalated after it was decided."))
    path = ruling.path
    return Precedent(
        policy_id=pinned.policy_id,
        policy_revision_id=pinned.revision_id,
        exception_path_id=path.key
        if path is not None and path.key in catalogue.existing_path_ids
        else None,
        path_name=path.name if path else "",
        path_tier=path.tier if path else None,
        path_limit_amount=path.limit if path else None,
        path_limit_unit=path.unit if path else "",
        path_decision_hours=path.decision_hours if path else None,
        situation=row.situation,
        amount=row.amount,
        outcome=Outcome(row.request.value),
        requested_outcome=row.request,
        rationale=row.rationale,
        channel=row.channel,
        recorded_by=importer,
        # Who recorded an escalated case is not in the log: a replay must not guess it.
        recorded_by_tier=None if escalated_at else ruling.decider_tier,
        recorded_at=escalated_at or decided_at,
        escalated_to_tier=ruling.decider_tier if escalated_at else None,
        escalated_at=escalated_at,
        decided_by=decider,
        decided_by_name="" if decider is not None else row.decided_by,
        decided_by_tier=ruling.decider_tier,
        decided_at=decided_at,
        # Its importer has no news to read of a decision taken long before the portal.
        decision_seen_at=decided_at if escalated_at else None,
        follow_up_result=row.follow_up_result,
        standing=Standing.STANDING,
        imported_from=file_name[:255],
        import_key=row.key,
        recorded_before_portal=pinned.before_portal,
    )


def _aware(moment: datetime.datetime) -> datetime.datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _imported_before(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for first in range(0, len(keys), 1000):
        found.update(
            key
            for key in Precedent.objects.filter(
                import_key__in=keys[first : first + 1000]
            ).values_list("import_key", flat=True)
            if key is not None
        )
    return found


def _result(cells: dict, *, line: int, problem: str = "", version_note: str = "") -> RowResult:
    return RowResult(
        line=line,
        policy=str(cells.get("policy") or "")[:120],
        day=str(cells.get("date") or "")[:40],
        decision=str(cells.get("decision") or "")[:60],
        problem=problem,
        version_note=version_note,
    )
