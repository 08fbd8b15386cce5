"""Signing in through a real OpenID Connect provider (tests/identity_provider.py), end to end.

The test client plays the browser: the portal sends it to the provider, it signs
a person in at the provider's form, and comes back with the code the portal
exchanges, over HTTP, for tokens it checks.
"""

from urllib.parse import urlsplit

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from portal import roles
from portal.models import BreakGlassAccount, UserProfile
from tests.identity_provider import sign_in, signed_in_user, switch_on
from tests.portal.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_first_sign_in_creates_the_person_with_the_roles_their_groups_give(client, sso):
    sso.put_person("ines", groups=["cs-frontline", "all-staff"])

    answer = sign_in(client, sso, "ines", next_url="/policies/")

    assert answer.status_code == 302
    assert answer["Location"] == "/policies/"
    ines = User.objects.get(email="ines@acme.example")
    assert (ines.username, ines.first_name, ines.last_name) == (
        "ines@acme.example",
        "Ines",
        "Example",
    )
    assert not ines.has_usable_password()
    assert role_names(ines) == {roles.STAFF}
    assert UserProfile.objects.get(user=ines).team == "Returns desk"
    assert signed_in_user(client) == ines


def test_deactivating_an_account_ends_its_sessions_and_its_sign_ins(client, sso):
    sso.put_person("ines", groups=["cs-frontline"])
    sign_in(client, sso, "ines")
    ines = User.objects.get(email="ines@acme.example")

    User.objects.filter(pk=ines.pk).update(is_active=False)

    assert not signed_in_user(client).is_authenticated
    assert sign_in(client, sso, "ines")["Location"] == "/accounts/login/"


def test_each_mapped_group_gives_its_role_and_unmapped_groups_give_none(client, sso):
    sso.put_person("lea", groups=["cs-exec", "cs-policy", "wagtail-admins", "Leadership"])

    sign_in(client, sso, "lea")

    lea = User.objects.get(email="lea@acme.example")
    assert role_names(lea) == {roles.LEADERSHIP, roles.POLICY_OWNERS}
    assert not lea.is_superuser
    assert not lea.is_staff
    home = client.get("/").content.decode()
    assert ">Approvals</a>" in home
    assert ">Insights</a>" in home


def test_a_person_removed_from_a_group_loses_its_role_at_the_next_sign_in(client, sso):
    sso.put_person("tom", groups=["cs-frontline", "cs-leads"], department="Escalations")
    sign_in(client, sso, "tom")
    tom = User.objects.get(email="tom@acme.example")
    assert role_names(tom) == {roles.STAFF, roles.SUPERVISORS}

    sso.put_person("tom", groups=["cs-frontline"], department="Returns desk", given_name="Thomas")
    client.post("/accounts/logout/")
    sign_in(client, sso, "tom")

    tom.refresh_from_db()
    assert role_names(tom) == {roles.STAFF}
    assert tom.first_name == "Thomas"
    assert UserProfile.objects.get(user=tom).team == "Returns desk"
    assert ">Escalations</a>" not in client.get("/").content.decode()


def test_a_role_the_mapping_does_not_govern_is_left_as_an_administrator_gave_it(
    client, sso, settings, monkeypatch
):
    switch_on(settings, monkeypatch, sso, OIDC_ROLE_GROUPS="Staff=cs-frontline")
    existing = UserFactory(username="pat", email="pat@acme.example", role=roles.LEADERSHIP)
    existing.is_superuser = True
    existing.save()
    sso.put_person("pat", groups=["cs-exec"])

    sign_in(client, sso, "pat")

    existing.refresh_from_db()
    assert role_names(existing) == {roles.LEADERSHIP}
    assert existing.is_superuser
    assert User.objects.filter(email__iexact="pat@acme.example").count() == 1


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        # Claims changed after the provider signed them.
        ("signature", "Signature verification failed"),
        # A token the provider signed for another application.
        ("audience", "Audience doesn't match"),
    ],
)
def test_a_token_that_fails_its_checks_signs_nobody_in(client, sso, caplog, mode, reason):
    sso.put_person("mallory", groups=["cs-exec"])
    sso.front.mode = mode

    answer = sign_in(client, sso, "mallory")

    assert f"refused: {reason}" in caplog.text

    assert answer.status_code == 302
    assert answer["Location"] == "/accounts/login/"
    assert not User.objects.filter(email__iexact="mallory@acme.example").exists()
    assert not signed_in_user(client).is_authenticated
    page = client.get("/accounts/login/").content.decode()
    assert "Signing in with Acme did not work." in page


def test_an_expired_token_signs_nobody_in(client, settings, monkeypatch, caplog, providers):
    expiring = providers[1]
    switch_on(settings, monkeypatch, expiring)
    expiring.put_person("late", groups=["cs-frontline"])

    answer = sign_in(client, expiring, "late")

    assert "refused: Signature has expired" in caplog.text
    assert answer["Location"] == "/accounts/login/"
    assert not User.objects.filter(email__iexact="late@acme.example").exists()


def test_a_token_from_another_issuer_signs_nobody_in(client, sso, settings, monkeypatch, caplog):
    switch_on(settings, monkeypatch, sso, OIDC_OP_ISSUER="https://login.elsewhere.example")
    sso.put_person("ines", groups=["cs-frontline"])

    answer = sign_in(client, sso, "ines")

    assert "refused: Invalid issuer" in caplog.text
    assert answer["Location"] == "/accounts/login/"
    assert not signed_in_user(client).is_authenticated


def test_a_provider_that_does_not_answer_fails_the_sign_in_with_a_message(
    client, sso, settings, monkeypatch
):
    sso.put_person("ines", groups=["cs-frontline"])
    switch_on(settings, monkeypatch, sso, OIDC_OP_TOKEN_ENDPOINT="http://127.0.0.1:9/token")

    answer = sign_in(client, sso, "ines")

    assert answer["Location"] == "/accounts/login/"
    assert "did not work" in client.get("/accounts/login/").content.decode()


def test_the_admins_sign_in_goes_through_the_provider_to_the_dashboard(client, sso):
    sso.put_person("olga", groups=["cs-policy"])
    page = client.get("/admin/login/").content.decode()
    assert "Sign in with Acme" in page
    assert "/oidc/authenticate/?next=/admin/" in page

    answer = sign_in(client, sso, "olga", next_url="/admin/")

    assert answer["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_signing_out_ends_the_session_and_goes_on_to_end_the_providers(client, sso):
    sso.put_person("ines", groups=["cs-frontline"])
    sign_in(client, sso, "ines")

    answer = client.post("/accounts/logout/")

    assert answer.status_code == 302
    end_session = urlsplit(answer["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == (
        f"{sso.url}/oauth2/end_session"
    )
    assert "id_token_hint=" in end_session.query
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Flogin%2F" in (
        end_session.query
    )
    assert not signed_in_user(client).is_authenticated
    assert "End session" in requests.get(answer["Location"], timeout=5).text


def test_only_break_glass_accounts_sign_in_with_a_password_and_say_why_others_cannot(client, sso):
    UserFactory(username="sam", role=roles.STAFF)
    keeper = UserFactory(username="keeper", role=roles.LEADERSHIP)
    BreakGlassAccount.objects.create(user=keeper, reason="Service desk safe, envelope 3")

    refused = client.post("/accounts/login/", {"username": "sam", "password": TEST_PASSWORD})
    wrong = client.post("/accounts/login/", {"username": "keeper", "password": "not it"})

    for answer in (refused, wrong):
        assert answer.status_code == 200
        errors = answer.content.decode().split('class="form-errors"')[1].split("</div>")[0]
        assert "Passwords are off: sign in with Acme above." in errors
    assert not signed_in_user(client).is_authenticated
    allowed = client.post("/accounts/login/", {"username": "keeper", "password": TEST_PASSWORD})
    assert allowed["Location"] == "/"
    assert signed_in_user(client) == keeper


def test_a_break_glass_account_is_still_paused_after_wrong_passwords(client, sso, settings):
    keeper = UserFactory(username="keeper")
    BreakGlassAccount.objects.create(user=keeper, reason="Service desk safe")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "keeper", "password": "guess"})

    answer = client.post("/accounts/login/", {"username": "keeper", "password": TEST_PASSWORD})

    assert answer.status_code == 429
    assert "Login paused" in answer.content.decode()


def test_failed_sign_ins_at_the_provider_pause_nobody(client, sso, settings):
    sso.put_person("mallory", groups=["cs-frontline"])
    sso.front.mode = "signature"
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, sso, "mallory")
    sso.front.mode = None

    answer = sign_in(client, sso, "mallory")

    assert answer["Location"] == "/"
    assert not AccessAttempt.objects.exists()


def test_the_admins_password_form_refuses_all_but_break_glass_accounts(client, sso):
    UserFactory(username="olga", role=roles.POLICY_OWNERS)

    answer = client.post("/admin/login/", {"username": "olga", "password": TEST_PASSWORD})

    assert answer.status_code == 200
    assert "Passwords are off: sign in with Acme above." in answer.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_taking_an_account_off_the_break_glass_list_ends_its_sessions(client, sso):
    keeper = UserFactory(username="keeper")
    access = BreakGlassAccount.objects.create(user=keeper, reason="Service desk safe")
    client.post("/accounts/login/", {"username": "keeper", "password": TEST_PASSWORD})
    assert signed_in_user(client) == keeper

    access.delete()

    assert not signed_in_user(client).is_authenticated
