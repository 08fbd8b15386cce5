"""Schemathesis, a client the portal did not write, calls every operation of the API on a
live server, with a token per role, and checks each answer against the OpenAPI schema.

For every operation it sends data the schema allows and data it forbids, as each role in
turn: no answer may be a server error, each must have a documented status and match its
documented shape, and forbidden data must be refused. Then it lives cases through the
schema's links (record → decide → follow up → withdraw), each step's id and change count
taken from the last answer, the recorder recording and following up, a supervisor
deciding. The run ends with a summary line (conftest.tallies).
"""

import pytest
import requests
import schemathesis
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from exceptions.choices import Request
from policies.choices import Flexibility
from tests.exceptions.factories import decide, record_case
from tests.policies.factories import PolicyPageFactory
from tests.portal.api.clients import make_secret
from tests.portal.api.schemathesis_tally import TALLY

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["staff", "supervisor", "owner", "leader", "outsider"]
# Examples per operation and mode, and lives of a case: enough to reach every status of
# every operation, within a minute per database on the 2-core machine.
EXAMPLES = 12
LIVES = 10
# The schema says which requests are well formed, not every rule of the portal: a
# well-formed case over its path's limit, or an id of a policy that is not live, is
# answered 400 in the one error shape (whose shape is checked like any other answer).
CONFIG = {
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
        }
    }
}
SUPERVISOR_PATH = "Refund without receipt"


@pytest.fixture
def world(live_server, area, policy, staff, supervisor, owner, leader, outsider, settings):
    """A live flexible policy and a firm one, cases waiting and decided, a token per role."""
    settings.PORTAL_API_RATE = "100000/minute"
    PolicyPageFactory(area=area, flexibility=Flexibility.FIRM, paths=[], title="No alcohol")
    waiting = record_case(policy, staff, path_name=SUPERVISOR_PATH, amount=80, escalate=True)
    decided = decide(
        record_case(policy, staff, path_name=SUPERVISOR_PATH, amount=60, escalate=True),
        supervisor,
    )
    people = {
        "staff": staff,
        "supervisor": supervisor,
        "owner": owner,
        "leader": leader,
        "outsider": outsider,
    }
    headers = {
        role: {"Authorization": f"Bearer {make_secret(person)}"}
        for role, person in people.items()
        if role != "outsider"
    }
    # Someone without a role makes no token: they call with their session, as the
    # portal's own scripts do.
    browser = Client()
    browser.force_login(outsider)
    headers["outsider"] = {"Cookie": f"sessionid={browser.cookies['sessionid'].value}"}
    raw = requests.get(
        f"{live_server.url}/api/schema/",
        headers={**headers["staff"], "Accept": "application/vnd.oai.openapi+json"},
        timeout=30,
    )
    raw.raise_for_status()
    schema = schemathesis.openapi.from_dict(raw.json(), config=SchemathesisConfig.from_dict(CONFIG))
    return {
        "url": live_server.url,
        "schema": schema,
        "headers": headers,
        "policy": policy,
        "path": policy.exception_paths.get(name=SUPERVISOR_PATH),
        "case_ids": [waiting.pk, decided.pk],
    }


def call_and_count(case, *, world, role):
    TALLY.calls += 1
    TALLY.operations.add(case.operation.label)
    without_made_up_credentials(case)
    try:
        return case.call_and_validate(base_url=world["url"], headers=world["headers"][role])
    except BaseException:
        TALLY.failures += 1
        raise


def without_made_up_credentials(case):
    """The case without credentials Schemathesis made up: each role sends its own."""
    case.headers = {
        name: value
        for name, value in (case.headers or {}).items()
        if name.lower() not in ("authorization", "cookie")
    }
    case.cookies = {}


def strategies_of(operation, world, mode):
    """The operation's own cases, and the same with the ids of records that exist, which
    random numbers would seldom name."""
    cases = [operation.as_strategy(generation_mode=mode)]
    names = {parameter.name for parameter in operation.iter_parameters()}
    if "id" in names and "/cases/" in operation.path:
        cases += [
            operation.as_strategy(generation_mode=mode, path_parameters={"id": pk})
            for pk in world["case_ids"]
        ]
    elif "id" in names:
        cases.append(
            operation.as_strategy(generation_mode=mode, path_parameters={"id": world["policy"].pk})
        )
    return st.one_of(cases)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_every_role_as_its_schema_says(world, mode):
    TALLY.databases.add(connection.vendor)
    operations = [result.ok() for result in world["schema"].get_all_operations()]
    assert len(operations) >= 12, "Every operation of the API is in its schema."

    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategies_of(operation, world, mode), role=st.sampled_from(ROLES))
        def calls(case, role):
            call_and_count(case, world=world, role=role)

        calls()


def follow_link(response, link) -> dict:
    """What a link of the schema takes from `response`: `{"id": ..., "body": {...}}`.
    Its expressions are `$response.body#/<field>`, the only kind the schema uses."""

    def value(expression):
        return response.json()[expression.removeprefix("$response.body#/")]

    return {
        "id": value(link["parameters"]["path.id"]),
        "body": {
            name: value(expression) for name, expression in link.get("requestBody", {}).items()
        },
    }


STEPS = [
    # (operation, the role that takes it, the status it answers, the link to the next step)
    ("recordCase", "staff", 201, "decideCase"),
    ("decideCase", "supervisor", 200, "followUpCase"),
    ("followUpCase", "staff", 200, "withdrawCase"),
    ("withdrawCase", "staff", 200, None),
]


def test_the_life_of_a_case_follows_the_schemas_links(world):
    """record (by staff, within the supervisor's path, escalated) → decide (a supervisor) →
    follow up (the recorder) → withdraw: each step's case id and change count taken from
    the last one's answer by the schema's own links, its other fields generated."""
    TALLY.databases.add(connection.vendor)
    schema = world["schema"]
    operations = {
        result.ok().definition.raw["operationId"]: result.ok()
        for result in schema.get_all_operations()
    }
    fixed = {
        "recordCase": {
            "policy": world["policy"].pk,
            "path": world["path"].pk,
            "requested": Request.GRANT_WITHIN_PATH.value,
            "amount": 80,
            "escalate": True,
            "situation": "Lost the receipt; the purchase is in the account.",
            "rationale": "Verified in the account.",
            "tags": [],
            # Each life a case of its own (the documented example's token would make
            # every life after the first land on the first case, as a retry does).
            "submission_token": None,
        },
        # Each life takes its steps with words that are kept (only choices such as the
        # channel and the follow-up's result are generated): every field is fuzzed above.
        "decideCase": {"decision": "grant", "granted_amount": None, "rationale": "Checked."},
        "followUpCase": {"notes": "The customer was satisfied."},
        "withdrawCase": {"reason": "Recorded under the wrong policy."},
    }

    @settings(
        max_examples=LIVES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.data())
    def lives(data):
        linked = {}
        for operation_id, role, status, next_link in STEPS:
            operation = operations[operation_id]
            path = {"id": linked["id"]} if linked else None
            case = data.draw(operation.as_strategy(path_parameters=path))
            case.body = {**case.body, **fixed[operation_id], **linked.get("body", {})}
            response = call_and_count(case, world=world, role=role)
            assert response.status_code == status, response.text
            if next_link is not None:
                link = operation.definition.raw["responses"][str(status)]["links"][next_link]
                assert link["operationId"] == next_link
                linked = follow_link(response, link)

    lives()
