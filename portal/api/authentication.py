"""Personal API tokens, sent as `Authorization: Bearer <token>`."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from . import selectors, services

KEYWORD = "Bearer"


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate a call by one of its person's tokens; the call acts with their role.

    A request without the header is left to the session (the portal's own scripts).
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”, with nothing else.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""
        token = selectors.token_of(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is unknown or was revoked. Make a new one at /account/tokens/.")
            )
        services.note_token_used(token=token)
        return token.user, token

    def authenticate_header(self, request):
        # Asked for the WWW-Authenticate header, which makes a missing login a 401.
        return f'{KEYWORD} realm="api"'
