from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NoSuchOperation(APIView):
    """Any address under /api/ that names no operation (a negative id, a typo): a 404 in the
    API's error shape, not the portal's HTML page, whoever asks."""

    permission_classes = [AllowAny]
    throttle_classes: list = []

    def refuse(self, request, *args, **kwargs):
        raise exceptions.NotFound(
            _("The API has no such address; its operations are at /api/docs/.")
        )

    get = post = put = patch = delete = head = options = refuse
