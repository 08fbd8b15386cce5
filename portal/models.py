from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from policies.models import PolicyIndexPage, PolicyPage

RECENT_CHANGES_SHOWN = 8


class HomePage(Page):
    """The portal's front door: search, the policy areas and the recently changed policies."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["policies.PolicyIndexPage"]
    max_count = 1
    template = "portal/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live_policy_count = (
            PolicyPage.objects.live()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            .order_by()
            .values("depth")
            .annotate(count=Count("pk"))
            .values("count")
        )
        context["areas"] = (
            PolicyIndexPage.objects.child_of(self)
            .live()
            .annotate(policy_count=Subquery(live_policy_count, output_field=IntegerField()))
            .order_by("title")
        )
        context["recent_policies"] = PolicyPage.objects.live().order_by("-last_published_at")[
            :RECENT_CHANGES_SHOWN
        ]
        return context
