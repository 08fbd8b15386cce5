"""One search over published policies and precedent cases, with facets and suggestions."""

import datetime
import difflib
import re
from dataclasses import dataclass, field, replace

from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from exceptions.choices import Outcome
from exceptions.models import Precedent
from policies.choices import Tier
from policies.models import PolicyIndexPage, PolicyPage

from .corrections import corrected_query

# How many of each kind are ranked and counted in the facets.
CANDIDATES_PER_KIND = 200
# Cases are ranked among at most this many of the latest that match. A common word
# matches a large share of every case ever recorded: ranking them all would make
# the search slower with each year of history. Filters by date reach older cases.
CASE_WINDOW = 1000
# A policy whose score is at least this share of the best policy's score
# "matches well" and is ranked above the cases.
WELL_MATCHED = 0.5
# What a case hit shows: its excerpt, outcome and standing, and the policy it is under.
CASE_FIELDS_SHOWN = (
    "situation",
    "rationale",
    "decision_rationale",
    "follow_up_notes",
    "outcome",
    "path_tier",
    "standing",
    "recorded_at",
)
# An exact search with fewer results than this "finds little": its misspelt words are
# corrected and the corrected search is shown instead, when it finds more.
FEW_RESULTS = 3
POLICY = "policy"
CASE = "case"


@dataclass
class Hit:
    """One result: a policy or a case, and how well it matches relative to its kind's best."""

    kind: str
    object: object
    relevance: float
    # For a policy: its exception paths of the lowest tier, what staff ask about first.
    first_paths: list = field(default_factory=list)

    @property
    def staff_may_grant(self) -> bool:
        return any(path.authority == Tier.STAFF for path in self.first_paths)


@dataclass
class SearchResults:
    """The ranked hits of one search, and what the facets count among them."""

    hits: list[Hit] = field(default_factory=list)
    count_by_kind: dict[str, int] = field(default_factory=dict)
    count_by_area: list[tuple[PolicyIndexPage, int]] = field(default_factory=list)
    count_by_case_outcome: list[tuple[Outcome, int]] = field(default_factory=list)
    # True when so many cases match that only the latest CASE_WINDOW were ranked.
    latest_cases_only: bool = False


@dataclass
class Answer:
    """What a search shows: the results, and the words they were found for."""

    found: SearchResults
    # The query with its typos corrected, when the results are for those words instead.
    corrected: str | None = None
    # True when no result had every word, and these have any of them.
    any_word: bool = False


def answer_query(*, query: str, exact: bool = False, **filters) -> Answer:
    """Search for `query`, forgiving typos when the exact words find little.

    `exact` asks for the words as typed, even when they find nothing. A search of
    several words that no result has all of falls back to results with any of them.
    """
    found = search_portal(query=query, **filters)
    if not exact and len(found.hits) < FEW_RESULTS:
        corrected = corrected_query(query=query)
        if corrected is not None:
            answer = _every_word_then_any(query=corrected, filters=filters)
            if len(answer.found.hits) > len(found.hits):
                return replace(answer, corrected=corrected)
    if found.hits:
        return Answer(found=found)
    return _every_word_then_any(query=query, filters=filters, every_word=found)


def _every_word_then_any(*, query: str, filters: dict, every_word=None) -> Answer:
    found = every_word if every_word is not None else search_portal(query=query, **filters)
    if found.hits or len(query.split()) < 2:
        return Answer(found=found)
    return Answer(found=search_portal(query=query, any_word=True, **filters), any_word=True)


def search_portal(
    *,
    query: str,
    kind=None,
    area=None,
    outcome=None,
    recorded_from=None,
    recorded_to=None,
    any_word: bool = False,
) -> SearchResults:
    """Rank live policies and cases for `query`; the filters narrow, the facets count.

    Every word must match, unless `any_word` asks for results with any of them.
    """
    words = _search_words(query)
    if not words:
        return SearchResults()
    operator = "or" if any_word else "and"
    cases_only = bool(outcome or recorded_from or recorded_to)
    areas = list(PolicyIndexPage.objects.live().order_by("title").only("pk", "title", "path"))
    policies = []
    if kind in (None, POLICY) and not cases_only:
        policy_queryset = PolicyPage.objects.live()
        if area is not None:
            policy_queryset = policy_queryset.filter(path__startswith=area.path)
        policies = list(
            policy_queryset.search(words, operator=operator).annotate_score("_score")[
                :CANDIDATES_PER_KIND
            ]
        )
        # Each card says what staff may grant: the paths of every hit, in one query.
        prefetch_related_objects(policies, "exception_paths")
    cases = []
    latest_cases_only = False
    if kind in (None, CASE):
        case_queryset = Precedent.objects.not_withdrawn()
        if area is not None:
            case_queryset = case_queryset.filter(
                policy_id__in=PolicyPage.objects.filter(path__startswith=area.path).values("pk")
            )
        if outcome:
            case_queryset = case_queryset.filter(outcome=outcome)
        # The search backend filters on plain fields only, not on recorded_at's date.
        if recorded_from:
            case_queryset = case_queryset.filter(
                recorded_at__gte=_local_moment(recorded_from, datetime.time.min)
            )
        if recorded_to:
            case_queryset = case_queryset.filter(
                recorded_at__lte=_local_moment(recorded_to, datetime.time.max)
            )
        latest = list(
            case_queryset.values_list("id", flat=True)
            .order_by("-id")
            .search(words, operator=operator, order_by_relevance=False)[:CASE_WINDOW]
        )
        latest_cases_only = len(latest) == CASE_WINDOW
        cases = list(
            Precedent.objects.filter(pk__in=latest)
            .select_related("policy")
            .only(*CASE_FIELDS_SHOWN, "policy__title", "policy__path")
            .search(words, operator=operator)
            .annotate_score("_score")[:CANDIDATES_PER_KIND]
        )
    return SearchResults(
        hits=_rank(policies, cases),
        count_by_kind={POLICY: len(policies), CASE: len(cases)},
        count_by_area=_area_counts(areas, policies, cases),
        count_by_case_outcome=[
            (choice, count)
            for choice in Outcome
            if (count := sum(case.outcome == choice for case in cases))
        ],
        latest_cases_only=latest_cases_only,
    )


def _rank(policies, cases) -> list[Hit]:
    """Merge both kinds by relevance relative to each kind's best, well-matched policies first."""
    hits = []
    for kind, results in ((POLICY, policies), (CASE, cases)):
        best = max((result._score or 0 for result in results), default=0) or 1
        for result in results:
            relevance = (result._score or 0) / best
            if kind == POLICY and relevance >= WELL_MATCHED:
                relevance += 1
            first_paths = lowest_tier_paths(result) if kind == POLICY else []
            hits.append(Hit(kind=kind, object=result, relevance=relevance, first_paths=first_paths))
    return sorted(hits, key=lambda hit: -hit.relevance)


def lowest_tier_paths(policy) -> list:
    """The policy's exception paths of the lowest tier it has: staff's own, when it has any."""
    paths = list(policy.exception_paths.all())
    lowest = min((path.authority for path in paths), default=None)
    return [path for path in paths if path.authority == lowest]


def _area_counts(areas, policies, cases):
    def area_of(path):
        return next((area for area in areas if path.startswith(area.path)), None)

    counts: dict[int, int] = {}
    for path in [policy.path for policy in policies] + [case.policy.path for case in cases]:
        found = area_of(path)
        if found is not None:
            counts[found.pk] = counts.get(found.pk, 0) + 1
    return [(area, counts[area.pk]) for area in areas if area.pk in counts]


def suggest_policy_titles(*, query: str, limit: int = 5) -> list[Page]:
    """Live policies whose titles look like the (perhaps misspelt) query, closest first."""
    policies = list(
        Page.objects.live().type(PolicyPage).only("pk", "title", "url_path", "path", "depth")
    )
    by_title = {policy.title.lower(): policy for policy in policies}
    words = {word: policy for policy in policies for word in _words(policy.title)}
    close_titles = difflib.get_close_matches(query.lower(), list(by_title), n=limit, cutoff=0.4)
    suggestions = [by_title[title] for title in close_titles]
    for word in _words(query):
        for close in difflib.get_close_matches(word, list(words), n=2, cutoff=0.75):
            if words[close] not in suggestions:
                suggestions.append(words[close])
    return suggestions[:limit]


def autocomplete_policies(*, prefix: str, limit: int = 8):
    """Live policies whose title has words starting like those of `prefix`."""
    words = _search_words(prefix)
    if not words:
        return PolicyPage.objects.none()
    return PolicyPage.objects.live().autocomplete(words)[:limit]


def _search_words(text: str) -> str:
    """The words of `text`, and nothing the search backend could read as syntax.

    Search matches words anyway; a double quote would end SQLite's FTS5 phrase
    and a NUL byte is refused by PostgreSQL.
    """
    return " ".join(re.findall(r"\w+", text))


def _local_moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _words(text: str) -> list[str]:
    return [word for word in re.findall(r"[a-z]+", text.lower()) if len(word) > 3]


def policies_to_add_phrases_to(*, user):
    """The live policies `user` may edit, by title: where a search's words may be added."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return PolicyPage.objects.live().filter(pk__in=editable.values("pk")).order_by("title")
