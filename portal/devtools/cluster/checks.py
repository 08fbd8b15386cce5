"""What must hold when several app servers share one database and one cache.

Each check acts through one server (`write`) and reads through another (`read`):
server a and server b directly, or the load balancer twice, whose next request
goes to the other server (the checks make sure it did). Each returns what it
saw, or raises CheckFailed saying what was wrong.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

from .client import LOGIN_PATH, Answer, Browser, Server, hidden_inputs
from .scenario import Draft, Person, Policy

CASE_URL = re.compile(r"^/cases/(\d+)/$")
CASES_ON_POLICY = re.compile(r"All (\d+) cases? under this policy")


class CheckFailed(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass(frozen=True)
class Check:
    title: str
    run: Callable[[], str]


def read_elsewhere(browser: Browser, read: Server, path: str, *, written_by: str) -> Answer:
    """GET `path` from a server other than the one that answered the write.

    Through the balancer, a request that came back to the writing server is sent
    again: round robin hands the next one to the other server.
    """
    answer = browser.get(read, path)
    if answer.served_by == written_by and not read.direct:
        answer = browser.get(read, path)
    expect(
        answer.served_by != written_by,
        f"{path} was answered by server {answer.served_by}, which made the change.",
    )
    expect(answer.status == HTTPStatus.OK, f"{path} answered {answer.status} on {read.name}.")
    return answer


def signed_in(browser: Browser, server: Server, person: Person) -> Answer:
    answer = browser.sign_in(server, person.username, person.password)
    expect(
        answer.status == HTTPStatus.FOUND and answer.location != LOGIN_PATH,
        f"Signing in as {person.username} through {server.name} answered {answer.status}.",
    )
    return answer


def session_is_shared(*, write: Server, read: Server, person: Person) -> str:
    """Signed in through one server, the person is signed in on the other."""
    anonymous = Browser().get(read, "/")
    expect(
        anonymous.status == HTTPStatus.FOUND and anonymous.location.startswith(LOGIN_PATH),
        f"The home page answered {anonymous.status} to nobody signed in.",
    )
    browser = Browser()
    login = signed_in(browser, write, person)
    home = read_elsewhere(browser, read, "/", written_by=login.served_by)
    expect(person.name in home.body, f"Server {home.served_by} does not greet {person.name}.")
    return (
        f"{person.username} signed in on server {login.served_by}; "
        f"server {home.served_by} greets {person.name}"
    )


def cases_on_policy(answer: Answer) -> int:
    """The number of cases the policy page says the policy has (0 when it says none)."""
    counted = CASES_ON_POLICY.search(answer.body)
    return int(counted[1]) if counted else 0


def cases_in_insights(answer: Answer, policy: Policy) -> int | None:
    """The number of cases the insights table gives the policy, kept in the shared cache
    until any case changes (exceptions.selectors.kept_until_cases_change)."""
    row = re.search(
        rf'href="{re.escape(policy.url)}">.*?<td class="num">(\d+)</td>', answer.body, re.DOTALL
    )
    return int(row[1]) if row else None


def case_is_shared(
    *, write: Server, read: Server, person: Person, leader: Person, policy: Policy
) -> str:
    """A case recorded through one server is in the other's case list, and counts at once
    on its policy page and in its insights."""
    browser, watcher = Browser(), Browser()
    signed_in(browser, write, person)
    signed_in(watcher, write, leader)
    # Read first, so that what the reading side keeps from it would go stale.
    before = browser.get(read, policy.url)
    expect(before.status == HTTPStatus.OK, f"The policy page answered {before.status}.")
    insights_before = cases_in_insights(watcher.get(read, "/insights/"), policy)
    expect(insights_before is not None, "The insights page does not list the policy.")
    situation = f"Customer {secrets.token_hex(4)} asked the cluster check for an exception."
    recorded = browser.fill_in(
        write,
        f"/cases/new/?policy={policy.pk}",
        {
            "policy": str(policy.pk),
            "situation": situation,
            "decision": "upheld",
            "rationale": "The rule applies as written.",
            "channel": "phone",
        },
    )
    case = CASE_URL.match(recorded.location)
    expect(
        recorded.status == HTTPStatus.FOUND and case is not None,
        f"Recording the case answered {recorded.status} (to {recorded.location or 'nowhere'}).",
    )
    listed = read_elsewhere(browser, read, "/cases/", written_by=recorded.served_by)
    expect(situation in listed.body, f"Server {listed.served_by}'s case list lacks the new case.")
    page = read_elsewhere(browser, read, policy.url, written_by=recorded.served_by)
    counts = (cases_on_policy(before), cases_on_policy(page))
    expect(
        counts[1] == counts[0] + 1,
        f"Server {page.served_by}'s policy page counts {counts[1]} cases, before {counts[0]}.",
    )
    expect(situation in page.body, f"Server {page.served_by}'s policy page lacks the new case.")
    insights = read_elsewhere(watcher, read, "/insights/", written_by=recorded.served_by)
    counted = (insights_before, cases_in_insights(insights, policy))
    expect(
        counted[0] is not None and counted[1] == counted[0] + 1,
        f"Server {insights.served_by}'s insights count {counted[1]} cases, before {counted[0]}.",
    )
    return (
        f"case {case[1] if case else '?'} recorded on server {recorded.served_by}; "
        f"server {listed.served_by} lists it, server {page.served_by}'s policy page counts "
        f"{counts[1]} cases (was {counts[0]}), server {insights.served_by}'s insights "
        f"{counted[1]} (was {counted[0]})"
    )


def version_is_shared(*, write: Server, read: Server, leader: Person, draft: Draft) -> str:
    """A change approved through one server is the version the other shows next."""
    browser = Browser()
    signed_in(browser, write, leader)
    before = browser.get(read, draft.policy.url)
    expect(before.status == HTTPStatus.OK, f"The policy page answered {before.status}.")
    expect(draft.marker not in before.body, "The policy page showed the change before approval.")
    review = browser.get(write, f"/approvals/{draft.policy.pk}/")
    revision = hidden_inputs(review.body).get("revision")
    expect(
        review.status == HTTPStatus.OK and revision is not None,
        f"The change's review page answered {review.status} without a change to approve.",
    )
    approved = browser.post(
        write,
        f"/approvals/{draft.policy.pk}/approve/",
        {**hidden_inputs(review.body), "comment": "Approved by the cluster check."},
    )
    expect(
        approved.status == HTTPStatus.FOUND and approved.location == "/approvals/",
        f"Approving answered {approved.status} (to {approved.location or 'nowhere'}).",
    )
    page = read_elsewhere(browser, read, draft.policy.url, written_by=approved.served_by)
    expect(draft.marker in page.body, f"Server {page.served_by} shows the version before it.")
    return (
        f"revision {revision} approved on server {approved.served_by}; "
        f"server {page.served_by} shows it"
    )


def pause_is_shared(
    *, write: Server, reads: list[Server], person: Person, failure_limit: int
) -> str:
    """Wrong passwords through one server pause the login on every other."""
    failed_on = []
    # One login form, sent again with each wrong password: each try is one request,
    # so through the balancer they alternate between the servers.
    browser = Browser()
    form = hidden_inputs(browser.get(write, LOGIN_PATH).body)
    for attempt in range(1, failure_limit + 1):
        failed = browser.post(
            write, LOGIN_PATH, {**form, "username": person.username, "password": f"no-{attempt}"}
        )
        if attempt < failure_limit:
            expect(
                failed.status == HTTPStatus.OK,
                f"Wrong password {attempt} of {failure_limit} answered {failed.status}.",
            )
        failed_on.append(failed.served_by)
    expect(
        write.direct or len(set(failed_on)) > 1,
        "The balancer sent every wrong password to the same server.",
    )
    refused = []
    for read in reads:
        answer = Browser().sign_in(read, person.username, person.password)
        expect(
            answer.status == HTTPStatus.TOO_MANY_REQUESTS,
            f"After {failure_limit} wrong passwords, the right one answered {answer.status} "
            f"on server {answer.served_by}.",
        )
        refused.append(answer.served_by)
    return (
        f"{failure_limit} wrong passwords for {person.username} on servers "
        f"{', '.join(failed_on)}; the right one paused on {', '.join(refused)}"
    )
