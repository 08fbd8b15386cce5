from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .choices import Event
from .models import new_secret


class WebhookEndpointForm(WagtailAdminModelForm):
    """An endpoint as leadership sets it up: where, which events, in which shape.

    The secret is the portal's to make, never typed: it is shown, and replaced on request.
    """

    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The endpoint is sent these, and nothing else."),
    )
    replace_secret = forms.BooleanField(
        label=_("Make a new secret"),
        required=False,
        help_text=_(
            "The old secret stops working when you save: give the new one to the receiver."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # A new endpoint gets its first secret when saved; its panel is then hidden.
            del self.fields["replace_secret"]

    def save(self, commit=True):
        if self.cleaned_data.get("replace_secret"):
            self.instance.secret = new_secret()
        return super().save(commit=commit)
