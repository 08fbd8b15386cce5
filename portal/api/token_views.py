"""The page where a person makes and revokes their API tokens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.decorators import allowed_if

from . import selectors, services
from .forms import NewTokenForm
from .permissions import may_hold_api_tokens

tokens_allowed = allowed_if(may_hold_api_tokens)


@tokens_allowed
def api_tokens(request):
    """List the person's tokens and make a new one, whose secret is shown here once."""
    form = NewTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.make_api_token(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as refused:
            form.add_error("name", refused.message_dict["name"])
        else:
            form = NewTokenForm()
    return TemplateResponse(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": selectors.tokens_of(user=request.user),
            "docs_url": reverse("api:docs"),
        },
    )


@require_POST
@tokens_allowed
def revoke_token(request, pk):
    if services.revoke_api_token(user=request.user, token_id=pk):
        messages.success(request, _("The token is revoked: it no longer works."))
    else:
        messages.info(request, _("You have no such token; it may have been revoked already."))
    return redirect("api:tokens")
