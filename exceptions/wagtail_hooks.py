import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path, reverse
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from portal.people import display_name

from . import permissions, selectors
from .admin_forms import StandingForm
from .filters import PrecedentFilter, live_policy_choices, recorder_choices
from .import_views import import_cases
from .models import Precedent
from .services import CaseActionRefused, EditConflict, change_standing
from .widgets import LongSelect


class CasePermissionPolicy(ModelPermissionPolicy):
    """Cases are recorded in the portal, never created or deleted in the admin.

    Changing a case (its standing) is for the owner of its policy and for leadership,
    once it is decided (exceptions.permissions.standing_refusal).
    """

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change":
            return self.user_has_permission(user, "change") and permissions.may_change_standing(
                user, instance
            )
        return self.user_has_permission(user, action)


class CaseAdminFilterSet(PrecedentFilter, WagtailFilterSet):
    """The portal's own case filters, in the admin's filter panel.

    All but the text filter: its `q` is the admin's own search box, which looks
    for the words in the same fields (CaseViewSet.search_fields).
    """

    q = None
    # The admin loads no script of the portal's, so its panel keeps plain selects.
    policy = django_filters.ChoiceFilter(
        label=_("Policy"),
        choices=live_policy_choices,
        empty_label=_("Any policy"),
        widget=LongSelect,
    )
    recorded_by = django_filters.ChoiceFilter(
        label=_("Recorded by"),
        choices=recorder_choices,
        empty_label=_("Anyone"),
        widget=LongSelect,
    )

    class Meta(PrecedentFilter.Meta):
        pass


class StandingEditView(EditView):
    def get_object(self, queryset=None):
        case = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", case
        ):
            raise PermissionDenied
        return case

    def save_instance(self):
        return change_standing(
            precedent=self.object,
            user=self.request.user,
            standing=self.form.cleaned_data["standing"],
            reason=self.form.cleaned_data["change_reason"],
            expected_change_count=self.form.cleaned_data["seen_change_count"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EditConflict as changed:
            since = selectors.changes_since(
                precedent=changed.current, change_count=changed.since_change
            )
            form.add_error(
                None,
                _("This case changed while you looked at it (%(what)s). Reload it, then try again.")
                % {"what": "; ".join(_change_line(entry["record"]) for entry in since)},
            )
        except CaseActionRefused as refused:
            form.add_error(None, refused.message)
        except ValidationError as invalid:
            form.add_error(None, invalid)
        # form_invalid shows this message above the form, as after failed validation.
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


def _change_line(record) -> str:
    name = display_name(record.history_user) or _("the portal")
    when = date_format(localtime(record.history_date), "j M Y, H:i")
    return f"{record.history_change_reason}: {name}, {when}"


class CaseViewSet(ModelViewSet):
    model = Precedent
    icon = "folder-open-inverse"
    menu_label = _("Cases")
    add_to_admin_menu = True
    menu_order = 300
    inspect_view_enabled = True
    list_display = ["__str__", "outcome", "standing", "recorded_at"]
    # The search box matches words in the database, not through the search index:
    # index searches refuse to combine with filters on fields they do not index,
    # such as the area or the exception path.
    search_fields = ["situation", "rationale", "decision_rationale"]
    search_backend_name = None
    filterset_class = CaseAdminFilterSet
    edit_view_class = StandingEditView
    edit_handler = ObjectList(
        # The form's hidden change count needs no panel: Wagtail renders every field
        # the panels leave out as a hidden input.
        [FieldPanel("standing"), FieldPanel("change_reason")],
        base_form_class=StandingForm,
    )

    @cached_property
    def permission_policy(self):
        return CasePermissionPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return CaseViewSet("cases")


class ImportCasesMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_import_cases(request.user)


@hooks.register("register_admin_urls")
def register_import_cases_url():
    return [path("cases/import/", import_cases, name="import_cases")]


@hooks.register("register_admin_menu_item")
def register_import_cases_menu_item():
    return ImportCasesMenuItem(
        _("Import cases"),
        reverse("import_cases"),
        name="import_cases",
        icon_name="upload",
        order=301,
    )
