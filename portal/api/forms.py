from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What will use it, e.g. “helpdesk sidebar”, so you know which to revoke."),
    )
