"""The buttons that draft a change from the evidence: each carries what the page showed."""

from django import forms


class DraftLimitForm(forms.Form):
    """The path and the limit the page suggested, so a suggestion changed meanwhile is refused."""

    path = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    limit = forms.DecimalField(
        widget=forms.HiddenInput, min_value=0, max_digits=12, decimal_places=2
    )


class DraftPathForm(forms.Form):
    """The tag of the recurring grants the page proposed a path from."""

    tag = forms.CharField(widget=forms.HiddenInput, max_length=100)
