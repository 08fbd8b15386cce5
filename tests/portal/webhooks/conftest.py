import pytest

from portal.webhooks.choices import Event, Preset
from portal.webhooks.models import WebhookEndpoint

from .receiver import Receiver


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def make_endpoint(receiver):
    """An endpoint at the receiver, whose secret the receiver checks deliveries with."""

    def make(name="all", *, events=tuple(Event.values), preset=Preset.GENERIC, active=True):
        endpoint = WebhookEndpoint.objects.create(
            name=name, url=receiver.url(name), events=list(events), preset=preset, active=active
        )
        receiver.listen_for(endpoint)
        return endpoint

    return make
