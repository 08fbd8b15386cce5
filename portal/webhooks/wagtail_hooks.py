"""The webhooks in the admin, for leadership: endpoints to set up, and the delivery log."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import quote
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from .choices import DeliveryStatus
from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint
from .permissions import may_manage_webhooks

NOTHING = "—"


def local_time(moment) -> str:
    """A stored moment as the portal's clock showed it, written as the admin's lists write it."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def next_attempt_display(delivery: WebhookDelivery) -> str:
    if delivery.next_attempt_at:
        return local_time(delivery.next_attempt_at)
    if delivery.status == DeliveryStatus.PENDING:
        return gettext("Waiting for the background worker, which sends it.")
    return gettext("No further try.")


def active_display(endpoint: WebhookEndpoint) -> str:
    return pgettext("endpoint", "Active") if endpoint.active else gettext("Inactive")


class LeadershipPermissionPolicy(ModelPermissionPolicy):
    """Leadership may take `actions` on the model; nobody else anything."""

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and may_manage_webhooks(user)


class SavedEndpointFieldPanel(FieldPanel):
    """A field of an endpoint that exists only once the endpoint is saved, such as its secret."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return not self.instance._state.adding and super().is_shown()


class EndpointCreateView(CreateView):
    def get_success_url(self):
        # On to the endpoint itself, where the secret just made is shown.
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Endpoints")
    add_view_class = EndpointCreateView
    list_display = [
        "name",
        "url",
        Column("events", accessor="get_events_display"),
        "preset",
        Column("active", label=_("Active"), accessor=active_display, sort_key="active"),
    ]
    list_filter = ["preset", "active"]
    search_fields = ["name", "url"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("preset"),
            FieldPanel("active"),
            SavedEndpointFieldPanel("secret", read_only=True),
            FieldPanel("replace_secret"),
        ],
        base_form_class=WebhookEndpointForm,
    )

    @cached_property
    def permission_policy(self):
        return LeadershipPermissionPolicy(self.model, actions=["add", "change", "delete", "view"])


class DeliveryInspectView(InspectView):
    def get_created_at_display_value(self):
        return local_time(self.object.created_at)

    def get_last_attempt_at_display_value(self):
        if self.object.last_attempt_at is None:
            return gettext("Not tried yet.")
        return local_time(self.object.last_attempt_at)

    def get_next_attempt_at_display_value(self):
        return next_attempt_display(self.object)

    def get_response_code_display_value(self):
        return self.object.response_code or NOTHING

    def get_error_display_value(self):
        return self.object.error or NOTHING

    def get_attempt_log_display_value(self):
        """Every try, oldest first: when, the answer or the error, and how long it took."""
        attempts = self.object.attempt_log.all()
        if not attempts:
            return _("Not tried yet.")
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{}: {} ({} ms)</li>",
                (
                    (
                        local_time(attempt.attempted_at),
                        attempt.error or f"HTTP {attempt.response_code}",
                        attempt.duration_ms,
                    )
                    for attempt in attempts
                ),
            ),
        )


class WebhookDeliveryViewSet(ModelViewSet):
    """What was sent where and how it went. Written by the portal only: read, never edited."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Delivery log")
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspectView
    inspect_view_fields = [
        "endpoint",
        "event",
        "event_id",
        "status",
        "attempts",
        "response_code",
        "error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "attempt_log",
        "body",
    ]
    list_display = [
        "created_at",
        "endpoint",
        "event",
        "status",
        "attempts",
        "response_code",
        "error",
        Column(
            "next_attempt_at",
            label=_("Next attempt"),
            accessor=next_attempt_display,
            sort_key="next_attempt_at",
        ),
    ]
    list_filter = ["status", "event", "endpoint"]
    # The viewset's edit views need a form to exist; the permission policy lets nobody open them.
    form_fields = ["status"]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint")

    @cached_property
    def permission_policy(self):
        return LeadershipPermissionPolicy(self.model, actions=["view"])


class WebhookViewSetGroup(ModelViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 320
    items = (
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookViewSetGroup()
