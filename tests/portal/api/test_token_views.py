"""The page of one's API tokens: made and named, shown once, kept as a hash, revoked."""

import hashlib

import pytest
from django.utils import timezone

from portal.api.models import ApiToken
from portal.api.services import make_api_token
from tests.portal.api.clients import token_client

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client, staff):
    client.force_login(staff)

    made = client.post("/account/tokens/", {"name": "helpdesk sidebar"})
    shown_again = client.get("/account/tokens/")

    secret = made.context["secret"]
    token = ApiToken.objects.get(user=staff)
    assert secret.startswith("pp_")
    assert len(secret) > 40
    assert secret in made.content.decode()
    assert token.name == "helpdesk sidebar"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in shown_again.content.decode()
    assert "helpdesk sidebar" in shown_again.content.decode()
    assert "Never" in shown_again.content.decode()


def test_a_token_calls_as_its_person_and_says_when_it_was_last_used(client, staff):
    api = token_client(staff, name="crm")

    response = api.get("/api/v1/cases/")

    assert response.status_code == 200
    used = ApiToken.objects.get(user=staff).last_used_at
    assert used is not None
    assert timezone.now() - used < timezone.timedelta(seconds=60)
    client.force_login(staff)
    assert "Never" not in client.get("/account/tokens/").content.decode()


def test_a_revoked_token_stops_working_at_once(client, staff):
    api = token_client(staff, name="crm")
    client.force_login(staff)
    token = ApiToken.objects.get(user=staff)

    client.post(f"/account/tokens/{token.pk}/revoke/")

    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api.get("/api/v1/policies/").status_code == 401


def test_nobody_revokes_another_persons_token(client, staff, supervisor):
    make_api_token(user=staff, name="crm")
    client.force_login(supervisor)

    response = client.post(f"/account/tokens/{ApiToken.objects.get().pk}/revoke/", follow=True)

    assert ApiToken.objects.filter(user=staff).exists()
    assert "You have no such token" in response.content.decode()


def test_a_second_token_of_the_same_name_is_refused_next_to_the_field(client, staff):
    make_api_token(user=staff, name="crm")
    client.force_login(staff)

    response = client.post("/account/tokens/", {"name": "crm"})

    html = response.content.decode()
    assert 'id="id_name_error"' in html
    assert "You already have a token by this name." in html
    assert 'value="crm"' in html
    assert ApiToken.objects.count() == 1


def test_people_without_a_role_make_no_tokens(client, outsider):
    client.force_login(outsider)

    assert client.get("/account/tokens/").status_code == 403
    assert client.post("/account/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_a_deactivated_persons_tokens_stop_working(staff):
    api = token_client(staff)
    staff.is_active = False
    staff.save()

    assert api.get("/api/v1/policies/").status_code == 401
