"""The portal's and the admin's login forms."""

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .sso import provider_name, sso_enabled


class PasswordsOffUnlessBreakGlass(AuthenticationForm):
    """A refused password says, while single sign-on is on, that passwords are off.

    The same words answer a wrong password, an unknown username and the right
    password of an account that is not break-glass: the form tells nobody which
    accounts keep a password.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if sso_enabled():
            # The way in is the provider's button above the form, which is for a few:
            # the cursor and a screen reader start at the top of the page instead.
            self.fields["username"].widget.attrs.pop("autofocus", None)

    def get_invalid_login_error(self):
        if not sso_enabled():
            return super().get_invalid_login_error()
        return forms.ValidationError(
            _(
                "Passwords are off: sign in with %(provider)s above. Only break-glass "
                "accounts, kept for when %(provider)s is down, sign in with a password, "
                "and this username and password are not those of one."
            ),
            code="passwords_off",
            params={"provider": provider_name()},
        )


class LoginForm(PasswordsOffUnlessBreakGlass):
    """Django's login form, with the username's length checked before anyone looks it up.

    Django sets the username field's max_length after the field is built, so it
    never validates it; a longer name would reach the login-pause records, whose
    column PostgreSQL refuses to overflow.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Form.fields holds Field; AuthenticationForm declares the username a CharField.
        username = cast(forms.CharField, self.fields["username"])
        username.validators.append(MaxLengthValidator(username.max_length))


class AdminLoginForm(LoginForm, WagtailLoginForm):
    """Wagtail's sign-in form, checking the username's length and saying the same as the
    portal's when passwords are off."""
