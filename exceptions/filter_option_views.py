"""The case list's filter fields ask these, as a user types, for the records to pick from."""

from django.http import JsonResponse

from . import filter_options
from .views import view_required


def _options(request, find) -> JsonResponse:
    """`{"results": [{"id": ..., "label": ...}]}`: at most a few records matching `q`."""
    found = find(query=request.GET.get("q", ""))
    return JsonResponse({"results": [{"id": pk, "label": label} for pk, label in found]})


@view_required
def policy_options(request):
    """Published policies whose title holds the typed words, for the policy filter."""
    return _options(request, filter_options.matching_policies)


@view_required
def recorder_options(request):
    """People who record cases and whose name holds the typed words, for the recorder filter."""
    return _options(request, filter_options.matching_recorders)
