"""The admin page where owners and leadership upload Word documents as draft policies."""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from portal.decorators import allowed_if

from ..permissions import may_import_policies
from ..selectors import areas_to_import_into
from ..services import import_policy_drafts
from .forms import PolicyImportForm


@allowed_if(may_import_policies)
def import_policies(request):
    """Read the uploaded documents and save each as a draft in the chosen area, all or none;
    the page then lists the drafts, each linked to its editor to be checked and submitted."""
    sent = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = PolicyImportForm(*sent, areas=areas_to_import_into(user=request.user))
    imported = []
    if form.is_valid():
        documents = form.cleaned_data["documents"]
        try:
            drafts = import_policy_drafts(
                area=form.cleaned_data["area"], documents=documents, author=request.user
            )
        except ValidationError as refusal:
            form.add_error("documents", refusal)
        else:
            imported = list(zip(documents, drafts, strict=True))
            form = PolicyImportForm(
                initial={"area": form.cleaned_data["area"]},
                areas=areas_to_import_into(user=request.user),
            )
    return TemplateResponse(
        request, "policies/import_policies.html", {"form": form, "imported": imported}
    )
