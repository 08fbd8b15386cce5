"""Every route of the portal, walked from the URLconf, answers each role as it should.

Anonymous visitors are sent to the login page from everywhere except the login
pages. A route the walk finds without sample arguments or an expected answer
fails the test, so a new route cannot arrive unguarded.
"""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.models import Document

from policies.services import make_change_feed_link
from portal import roles
from portal.api.services import make_api_token
from tests.exceptions.factories import record_case
from tests.hostile import send
from tests.portal.admin_pages import admin_urls
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["staff", "supervisor", "owner", "leader", "outsider"]
NO_SUCH_ID = 987654

# Pages anyone may open: the login pages, and the icons and words the admin's one loads.
PUBLIC_PAGES = {
    "login",
    "wagtailadmin_login",
    "wagtailcore_login",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    # A feed reader's private link: its secret stands in for a session.
    "policies:private_changes_feed",
}
# Signing in through the identity provider: open to anyone while single sign-on is
# on, not found while it is off, as in this test (tests/portal/sso/ tests it on).
SINGLE_SIGN_ON_PAGES = {"oidc_authentication_init", "oidc_authentication_callback"}

# Arguments for every route that takes some, as a list of samples; each sample
# is a tuple (positional) or a dict (keyword) for reverse(). `found` holds the
# objects a real visitor would ask for.
SAMPLE_ARGUMENTS = {
    "wagtail_serve": lambda found: [
        ("",),
        (found.area.url.lstrip("/"),),
        (found.policy.url.lstrip("/"),),
    ],
    "wagtaildocs_serve": lambda found: [(found.document.pk, found.document.filename)],
    "policies:private_changes_feed": lambda found: [
        {"secret": make_change_feed_link(user=UserFactory(role=roles.LEADERSHIP))}
    ],
    # The portal uses no privacy passwords; Wagtail's forms for them answer 404.
    "wagtaildocs_authenticate_with_password": lambda found: [{"restriction_id": NO_SUCH_ID}],
    "wagtailcore_authenticate_with_password": lambda found: [
        {"page_view_restriction_id": NO_SUCH_ID, "page_id": found.policy.pk}
    ],
    # The first version compared with itself, then a version that does not exist.
    "policy_comparison": lambda found: [
        (f"{found.policy.url.strip('/')}/history/1...1/",),
        (f"{found.policy.url.strip('/')}/history/1...9/",),
    ],
    **{
        f"exceptions:{name}": lambda found: [(found.case.pk,), (NO_SUCH_ID,)]
        for name in (
            "detail",
            "edit",
            "decide",
            "ask",
            "answer",
            "follow_up",
            "withdraw",
            "history",
        )
    },
    **{
        f"api:{name}": lambda found: [(found.case.pk,), (NO_SUCH_ID,)]
        for name in ("case", "decide", "follow_up", "withdraw")
    },
    "api:policy_as_of": lambda found: [
        {"pk": found.policy.pk, "day": timezone.localdate().isoformat()},
        {"pk": NO_SUCH_ID, "day": "2025-01-31"},
    ],
    "api:revoke_token": lambda found: [(found.token.pk,), (NO_SUCH_ID,)],
    **{
        name: lambda found: [(found.policy.pk,), (NO_SUCH_ID,)]
        for name in (
            "api:policy",
            "api:policy_versions",
            "policy_reviewed",
            "policy_acknowledge",
            "approvals:review",
            "approvals:approve",
            "approvals:request_changes",
            "policy_evidence",
            "draft_limit",
            "draft_path",
        )
    },
}


def same_for_every_role(status):
    return dict.fromkeys(ROLES, status)


CASE_READERS = {**same_for_every_role(200), "outsider": 403}
CASE_READERS_OR_NOT_FOUND = {**same_for_every_role((200, 404)), "outsider": 403}

# What a GET answers each signed-in role, route by route; a pair gives the
# answers to the route's two samples in turn.
EXPECTED_STATUS = {
    "login": same_for_every_role(200),
    "wagtailcore_login": same_for_every_role(200),
    # Owners and leadership are already signed in to the admin: on to its dashboard.
    "wagtailadmin_login": {**same_for_every_role(200), "owner": 302, "leader": 302},
    # The admin sign-in page's icons and translated words, public as the page is.
    "wagtailadmin_sprite": same_for_every_role(200),
    "wagtailadmin_javascript_catalog": same_for_every_role(200),
    # Logging out takes a POST (the button in the header); a GET asks to confirm.
    "logout": same_for_every_role(200),
    "wagtailadmin_logout": same_for_every_role(200),
    "search": same_for_every_role(200),
    "wagtail_serve": same_for_every_role(200),
    "wagtaildocs_serve": same_for_every_role(200),
    "wagtaildocs_authenticate_with_password": same_for_every_role(404),
    "wagtailcore_authenticate_with_password": same_for_every_role(404),
    "search_suggest": same_for_every_role(200),
    "healthz": same_for_every_role(200),
    **{name: same_for_every_role(404) for name in SINGLE_SIGN_ON_PAGES},
    "policy_comparison": same_for_every_role((200, 404)),
    "policy_a_to_z": same_for_every_role(200),
    "policies:changes": {**same_for_every_role(403), "owner": 200, "leader": 200},
    "policies:changes_feed": {**same_for_every_role(403), "owner": 200, "leader": 200},
    # The feed at a private link shows what the link's owner reads, whoever asks.
    "policies:private_changes_feed": same_for_every_role(200),
    "policies:feed_link": {**same_for_every_role(403), "owner": 200, "leader": 200},
    "exceptions:list": CASE_READERS,
    "exceptions:export": CASE_READERS,
    "exceptions:record": CASE_READERS,
    "exceptions:similar": CASE_READERS,
    "exceptions:policy_options": CASE_READERS,
    "exceptions:recorder_options": CASE_READERS,
    "exceptions:escalations": {**same_for_every_role(403), "supervisor": 200, "leader": 200},
    # The sample case exists for the first URL; the second asks for one that does not.
    "exceptions:detail": CASE_READERS_OR_NOT_FOUND,
    "exceptions:history": CASE_READERS_OR_NOT_FOUND,
    # Only the recorder (staff, in the sample) corrects a case waiting for a decision.
    "exceptions:edit": {
        **same_for_every_role((403, 404)),
        "staff": (200, 404),
        "outsider": 403,
    },
    # Deciding, asking, answering, following up and withdrawing take a POST from the case page.
    "exceptions:decide": same_for_every_role(405),
    "exceptions:follow_up": same_for_every_role(405),
    "exceptions:withdraw": same_for_every_role(405),
    "exceptions:ask": same_for_every_role(405),
    "exceptions:answer": same_for_every_role(405),
    "insights": {**same_for_every_role(403), "owner": 200, "leader": 200},
    "evidence": {**same_for_every_role(403), "owner": 200, "leader": 200},
    # The second sample asks for a policy that does not exist.
    "policy_evidence": {
        **same_for_every_role((403, 403)),
        "owner": (200, 404),
        "leader": (200, 404),
    },
    # Drafting a change from the evidence takes a POST from the policy's evidence page.
    "draft_limit": same_for_every_role(405),
    "draft_path": same_for_every_role(405),
    "acknowledgement_coverage": {**same_for_every_role(403), "leader": 200},
    "acknowledgement_coverage_csv": {**same_for_every_role(403), "leader": 200},
    "approvals:inbox": {**same_for_every_role(403), "leader": 200},
    # A policy's change is read by those who approve changes and by its owner; the
    # second sample asks for a policy that does not exist.
    "approvals:review": {
        **same_for_every_role((403, 404)),
        "owner": (200, 404),
        "leader": (200, 404),
    },
    # Approving and requesting changes take a POST from the review page.
    "approvals:approve": same_for_every_role(405),
    "approvals:request_changes": same_for_every_role(405),
    # Recording a review and signing a policy take a POST from the policy page.
    "policy_reviewed": same_for_every_role(405),
    "policy_acknowledge": same_for_every_role(405),
    # The API: policies for everyone signed in, cases for those who read cases.
    "api:schema": same_for_every_role(200),
    "api:docs": same_for_every_role(200),
    "api:policies": same_for_every_role(200),
    "api:policy": same_for_every_role((200, 404)),
    "api:policy_as_of": same_for_every_role((200, 404)),
    "api:policy_versions": same_for_every_role((200, 404)),
    # Searching and finding similar cases need their words: without them, 400.
    "api:search": same_for_every_role(400),
    "api:similar_cases": {**same_for_every_role(400), "outsider": 403},
    "api:cases": CASE_READERS,
    "api:case": CASE_READERS_OR_NOT_FOUND,
    # Changes to a case take a POST; deciding is for supervisors and leadership only.
    "api:decide": {**same_for_every_role(403), "supervisor": 405, "leader": 405},
    "api:follow_up": {**same_for_every_role(405), "outsider": 403},
    "api:withdraw": {**same_for_every_role(405), "outsider": 403},
    "api:no_such_operation": same_for_every_role(404),
    # Tokens are for people with a role; revoking one takes a POST from the page.
    "api:tokens": {**same_for_every_role(200), "outsider": 403},
    "api:revoke_token": same_for_every_role(405),
}


def portal_routes(patterns=None, namespace=""):
    """Yield (name, takes_arguments) for every route outside the Wagtail admin.

    The admin is left out: it guards itself, and test_the_admin_* below check that.
    """
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.urlconf_name is wagtailadmin_urls:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from portal_routes(entry.url_patterns, inner)
        else:
            yield (
                f"{namespace}{entry.name}" if entry.name else None,
                bool(entry.pattern.regex.groups),
            )


ROUTES = dict(portal_routes())

# The API answers a visitor with neither a session nor a token 401, in its error shape,
# instead of sending them to the login page; an address under /api/ that names no
# operation is not found, whoever asks. Its schema and documentation take a login too.
API_ROUTES = {name for name in ROUTES if str(name).startswith("api:")} - {
    "api:docs",
    "api:tokens",
    "api:revoke_token",
}
ANONYMOUS_STATUS = {**dict.fromkeys(API_ROUTES, 401), "api:no_such_operation": 404}


@pytest.fixture
def found(area, policy, staff, settings, tmp_path):
    """The objects behind the sample URLs: an area, a policy, a document, a waiting case."""
    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(
        title="Returns form", file=ContentFile(b"Order number:\n", name="returns-form.txt")
    )
    case = record_case(policy, staff, granted=True, escalate=True)
    token, _secret = make_api_token(user=staff, name="helpdesk")
    return SimpleNamespace(area=area, policy=policy, document=document, case=case, token=token)


def sample_urls(name, found):
    if not ROUTES[name]:
        return [reverse(name)]
    assert name in SAMPLE_ARGUMENTS, f"Route {name!r} takes arguments: add samples above."
    return [
        reverse(name, kwargs=sample) if isinstance(sample, dict) else reverse(name, args=sample)
        for sample in SAMPLE_ARGUMENTS[name](found)
    ]


def test_the_walk_finds_the_portals_routes():
    assert None not in ROUTES, "Every route needs a name, to be listed in this test."
    assert {"login", "logout", "search", "wagtail_serve", "wagtaildocs_serve"} <= set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES, key=str))
def test_every_route_answers_each_role_as_expected(name, found, request):
    assert name in EXPECTED_STATUS, f"Route {name!r} is new: say what each role gets."
    mismatches = []
    urls = sample_urls(name, found)
    for url in urls:
        anonymous = Client().get(url)
        if name in ANONYMOUS_STATUS:
            if anonymous.status_code != ANONYMOUS_STATUS[name]:
                mismatches.append(f"anonymous got {anonymous.status_code} from {url}")
        elif name in PUBLIC_PAGES:
            if anonymous.status_code != 200:
                mismatches.append(f"anonymous got {anonymous.status_code} from {url}")
        elif name in SINGLE_SIGN_ON_PAGES:
            if anonymous.status_code != 404:
                mismatches.append(f"anonymous got {anonymous.status_code} from {url}")
        elif anonymous.get("Location") != f"/accounts/login/?next={url}":
            mismatches.append(f"anonymous got {anonymous.status_code} from {url}, not the login")
        for role in ROLES:
            browser = Client()
            browser.force_login(request.getfixturevalue(role))
            status = browser.get(url).status_code
            expected = EXPECTED_STATUS[name][role]
            if isinstance(expected, tuple):
                expected = expected[urls.index(url)]
            if status != expected:
                mismatches.append(f"{role} got {status} from {url}")
    assert not mismatches


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_no_shared_cache_may_keep_a_signed_in_page(client, found, request, role):
    client.force_login(request.getfixturevalue(role))
    urls = [url for name in ROUTES for url in sample_urls(name, found)]

    for url in [*urls, *admin_urls(found.policy)]:
        response = client.get(url)

        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, url
        assert "public" not in cache_control, url


def test_static_files_may_be_cached_for_everyone(staff, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    browser = Client()
    browser.force_login(staff)

    response = browser.get("/static/css/portal.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


PAST_ANY_ID = [2**63, 2**64, 10**30]
PLACEHOLDER_ID = 31415926


def with_placeholder_ids(sample):
    """The sample with every id in it replaced by PLACEHOLDER_ID, or None if it has none."""
    if isinstance(sample, dict):
        replaced = {
            key: PLACEHOLDER_ID if isinstance(value, int) else value
            for key, value in sample.items()
        }
    else:
        replaced = tuple(PLACEHOLDER_ID if isinstance(value, int) else value for value in sample)
    return None if replaced == sample else replaced


ROUTES_WITH_IDS = sorted(
    name
    for name in SAMPLE_ARGUMENTS
    if ROUTES.get(name) and name not in {"wagtail_serve", "policies:private_changes_feed"}
)


@pytest.mark.parametrize("name", ROUTES_WITH_IDS)
def test_every_route_finds_nothing_at_ids_past_64_bits(client, leader, found, name):
    client.force_login(leader)
    urls = []
    for sample in SAMPLE_ARGUMENTS[name](found):
        placeholder = with_placeholder_ids(sample)
        if placeholder is None:
            continue
        url = (
            reverse(name, kwargs=placeholder)
            if isinstance(placeholder, dict)
            else reverse(name, args=placeholder)
        )
        urls += [url.replace(str(PLACEHOLDER_ID), str(number)) for number in PAST_ANY_ID]
    if name == "policy_comparison":
        history = f"{found.policy.url}history/"
        urls += [f"{history}1...{number}/" for number in PAST_ANY_ID]
        urls += [f"{history}{number}...1/" for number in PAST_ANY_ID]
    assert urls, f"Route {name!r} has no sample with an id."

    for url in urls:
        for method in ("get", "post"):
            assert send(client, method, url).status_code == 404, f"{method} {url}"
