import requests
from django.core.management.base import BaseCommand, CommandError

from portal.settings.sso import variables_from_discovery


class Command(BaseCommand):
    help = (
        "Read an OpenID Connect provider's discovery document "
        "(<issuer>/.well-known/openid-configuration) and print the OIDC_OP_* variables "
        "that single sign-on needs, to add to the portal's environment."
    )

    def add_arguments(self, parser):
        parser.add_argument("issuer", help="the provider's issuer, e.g. https://login.acme.example")

    def handle(self, *args, issuer, **options):
        url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
        try:
            answer = requests.get(url, timeout=10)
            answer.raise_for_status()
            document = answer.json()
            if not isinstance(document, dict):
                raise ValueError("it is not a JSON object")
            variables = variables_from_discovery(document)
        except (requests.RequestException, ValueError) as error:
            raise CommandError(f"Could not read {url}: {error}") from error
        for name, value in variables.items():
            self.stdout.write(f"{name}={value}")
