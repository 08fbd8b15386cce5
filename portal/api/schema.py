"""What drf-spectacular adds to the OpenAPI schema beyond the views: the token scheme,
and the links between operations that a client (and Schemathesis) follows, so the
life of a case reads record → decide → follow up."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .authentication import KEYWORD

API_PREFIX = "/api/v1/"
CASE_ID = "$response.body#/id"
SEEN = {"change_count": "$response.body#/change_count"}
# From the answer of each operation on a case, the operations that may follow.
NEXT_STEPS = {
    ("recordCase", "201"): ["getCase", "decideCase", "followUpCase", "withdrawCase"],
    ("recordCase", "200"): ["getCase", "decideCase", "followUpCase", "withdrawCase"],
    ("getCase", "200"): ["decideCase", "followUpCase", "withdrawCase"],
    ("decideCase", "200"): ["followUpCase", "withdrawCase"],
    ("followUpCase", "200"): ["withdrawCase"],
}
CHANGES = {"decideCase", "followUpCase", "withdrawCase"}
QUERY_FORMS = ("listPolicies", "listCases", "search")
EMPTY = {"type": "string", "maxLength": 0}


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": KEYWORD.lower(),
            "description": str(_("A personal API token, made at /account/tokens/.")),
        }


def only_the_portal_api(endpoints):
    """drf-spectacular pre-processing hook: the portal's API, without Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


def _operations(result) -> dict[str, dict]:
    return {
        operation["operationId"]: operation
        for path in result.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def empty_filters_mean_any(result, generator, request, public):
    """drf-spectacular post-processing hook: an optional query parameter sent empty
    (`?outcome=`, as a form with "Any outcome" chosen sends it) is not given, as on the
    pages' filters (django-filter and DRF both read it so); the schema says so, beside
    each parameter's own type."""
    for operation_id in QUERY_FORMS:
        for parameter in _operations(result).get(operation_id, {}).get("parameters", []):
            if parameter.get("in") != "query" or parameter.get("required"):
                continue
            schema = parameter["schema"]
            # A plain string admits "" of itself; a number, a choice or a day does not.
            if schema.get("type") != "string" or {"enum", "minLength", "format"} & set(schema):
                parameter["schema"] = {"anyOf": [schema, EMPTY]}
    return result


def add_links(result, generator, request, public):
    """drf-spectacular post-processing hook: the OpenAPI links of NEXT_STEPS."""
    operations = _operations(result)
    for (source, status), targets in NEXT_STEPS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        response["links"] = {
            target: {
                "operationId": target,
                "parameters": {"path.id": CASE_ID},
                **({"requestBody": SEEN} if target in CHANGES else {}),
            }
            for target in targets
            if target in operations
        }
    return result
