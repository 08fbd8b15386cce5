"""API clients for the tests: one holding a personal token of a given person."""

from rest_framework.test import APIClient

from portal.api.services import make_api_token


def token_client(user, name="tests") -> APIClient:
    _token, secret = make_api_token(user=user, name=name)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def make_secret(user, name="tests") -> str:
    """A new token's secret for `user`."""
    return make_api_token(user=user, name=name)[1]
