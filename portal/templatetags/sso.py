"""What the login pages need to offer signing in through the identity provider."""

from django import template

from portal.sso import provider_name, sso_enabled

register = template.Library()


@register.simple_tag
def single_sign_on_provider() -> str:
    """The provider's name while single sign-on is on, else "" (passwords only)."""
    return provider_name() if sso_enabled() else ""
