import pytest

from tests.identity_provider import provider_pair, switch_on


@pytest.fixture(scope="session")
def providers():
    with provider_pair() as pair:
        yield pair


@pytest.fixture
def provider(providers):
    providers[0].front.mode = None
    return providers[0]


@pytest.fixture
def sso(settings, monkeypatch, provider):
    """Single sign-on switched on, through the provider, as its OIDC_* variables make it."""
    switch_on(settings, monkeypatch, provider)
    return provider
