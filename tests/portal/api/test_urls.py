"""The API's schema and documentation: for signed-in people, within the content policy."""

import jsonschema
import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_the_documentation_page_runs_only_the_portals_own_files(client, staff):
    client.force_login(staff)

    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    html = page.content.decode()
    assert page.status_code == 200
    assert "<style" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert '<script src="/api/docs/?script="></script>' in html
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in page["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["script-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "/api/schema/" in script.content.decode()


def test_a_visitor_is_sent_to_sign_in_for_the_documentation_and_refused_the_schema(client):
    assert client.get("/api/docs/")["Location"] == "/accounts/login/?next=/api/docs/"
    assert client.get("/api/schema/").status_code == 401


def test_the_schema_describes_every_operation_with_its_fields_and_examples(client, staff):
    client.force_login(staff)

    schema = yaml.safe_load(client.get("/api/schema/").content)

    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {op["operationId"] for op in operations} == {
        "listPolicies",
        "getPolicy",
        "getPolicyAsOf",
        "listPolicyVersions",
        "search",
        "listCases",
        "recordCase",
        "listSimilarCases",
        "getCase",
        "decideCase",
        "followUpCase",
        "withdrawCase",
    }
    assert all(op.get("summary") or op.get("description") for op in operations)
    for name, component in schema["components"]["schemas"].items():
        for field, described in component.get("properties", {}).items():
            assert described.get("description") or "$ref" in described or "allOf" in described, (
                f"{name}.{field}"
            )
    writes = [op for op in operations if "requestBody" in op]
    assert all(op["requestBody"]["content"]["application/json"].get("examples") for op in writes)
    assert set(schema["components"]["securitySchemes"]) == {"personalToken", "cookieAuth"}


def test_every_optional_filter_sent_empty_is_documented_and_read_as_not_given(client, staff):
    """A form with "any" chosen sends `?outcome=`: the schema allows it beside each
    parameter's own type, and the API reads it as not given."""
    client.force_login(staff)
    schema = yaml.safe_load(client.get("/api/schema/").content)

    answered = {}
    for path, item in schema["paths"].items():
        for operation in item.values():
            if operation["operationId"] not in ("listPolicies", "listCases", "search"):
                continue
            words = {"q": "refund"} if operation["operationId"] == "search" else {}
            for parameter in operation["parameters"]:
                if parameter["in"] != "query" or parameter.get("required"):
                    continue
                jsonschema.validate("", parameter["schema"])
                name = f"{operation['operationId']}?{parameter['name']}="
                answered[name] = client.get(path, {**words, parameter["name"]: ""}).status_code

    assert "search?recorded_to=" in answered
    assert answered == dict.fromkeys(answered, 200)
