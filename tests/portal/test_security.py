"""Response headers: a strict content security policy on the portal, the admin's allowances."""

import pytest

from tests.policies.editor import policy_form_data
from tests.portal.csp import csp_directives

pytestmark = pytest.mark.django_db


def policy_directives(response):
    return csp_directives(response["Content-Security-Policy"])


def test_a_policy_page_runs_only_the_portals_own_scripts(client, staff, policy):
    client.force_login(staff)

    response = client.get(policy.url)

    assert response.status_code == 200
    directives = policy_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_a_policy_page_refuses_framing_sniffing_and_leaking_its_address(client, staff, policy):
    client.force_login(staff)

    response = client.get(policy.url)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_login_page_has_the_strict_policy_too(client):
    directives = policy_directives(client.get("/accounts/login/"))

    assert directives["script-src"] == ["'self'"]


def test_the_admin_editor_may_run_inline_script_elements_but_no_inline_handlers(
    client, owner, policy
):
    client.force_login(owner)

    response = client.get(f"/admin/pages/{policy.pk}/edit/")

    assert response.status_code == 200
    directives = policy_directives(response)
    assert directives["script-src-elem"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src-elem"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]
    assert "script-src-attr" not in directives
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_editors_live_preview_may_be_framed_by_the_admin(client, owner, policy):
    client.force_login(owner)
    preview_url = f"/admin/pages/{policy.pk}/edit/preview/"
    client.post(preview_url, policy_form_data(client, policy, summary="Returns within 45 days."))

    response = client.get(preview_url, {"in_preview_panel": "true"})

    assert "Returns within 45 days." in response.content.decode()
    assert policy_directives(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_admin_fetches_no_avatar_from_outside(client, owner):
    client.force_login(owner)

    response = client.get("/admin/")

    assert "gravatar.com" not in response.content.decode()
