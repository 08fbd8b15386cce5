from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import UnansweredSearch
from .views import add_to_policy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records the portal keeps by itself: people may read them, never edit them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


def add_link(search: UnansweredSearch):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("search_add_to_policy", args=[search.pk]),
        _("Add to a policy"),
    )


class UnansweredSearchViewSet(ModelViewSet):
    """What staff searched for and did not find, most asked first: gaps in the rulebook."""

    model = UnansweredSearch
    icon = "search"
    menu_label = _("Unanswered searches")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "query",
        "times_asked",
        "first_asked",
        "last_asked",
        Column("add_to_policy", label=_("Answer it"), accessor=add_link),
    ]
    form_fields = ["query"]
    search_fields = ["query"]
    search_backend_name = None
    ordering = ["-times_asked", "-last_asked"]

    @cached_property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


@hooks.register("register_admin_urls")
def register_add_to_policy():
    return [
        path(
            "unanswered-searches/<int:pk>/add-to-policy/",
            add_to_policy,
            name="search_add_to_policy",
        )
    ]


@hooks.register("register_admin_viewset")
def register_unanswered_searches():
    return UnansweredSearchViewSet("unanswered_searches")
