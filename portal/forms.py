"""The portal's login form."""

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AuthenticationForm):
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
