"""The policy tree's pages: areas and the policies in them."""

import calendar
import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.listing import page_of
from portal.routing import ChecksKeptViewRestrictions, HasTrail, RoutesToItsChildType

from ..choices import Flexibility
from ..forms import PolicyPageForm
from ..panels import EvidenceLinkPanel, ReplayLinkPanel
from ..revision_content import ReferencesCheckedInBulk
from .records import RevisionNote

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]
POLICIES_PER_AREA_PAGE = 25
# A panel's permission is asked through user.has_perm, which grants an active
# superuser every name and nobody else this one, which no role holds.
ADMINISTRATORS_ONLY = "superuser"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return `day` moved `months` ahead, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class PolicyIndexPage(HasTrail, ChecksKeptViewRestrictions, RoutesToItsChildType, Page):
    """A policy area, such as "Refunds and returns": a short intro and its policies."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["policies.PolicyPage"]
    template = "policies/policy_index_page.html"

    class Meta:
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        policies = (
            PolicyPage.objects.child_of(self).live().select_related("owner").order_by("title")
        )
        # Read only when the page's cached list of policies has to be built anew.
        context["policies"] = SimpleLazyObject(
            lambda: page_of(request, policies, per_page=POLICIES_PER_AREA_PAGE)
        )
        return context


class PolicyPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "policies.PolicyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PolicyPage(
    HasTrail, ChecksKeptViewRestrictions, RoutablePageMixin, ReferencesCheckedInBulk, Page
):
    """One rule: what it says, why it exists, and the sanctioned ways to bend it.

    Its exception paths and related policies are inline children, so each saved
    revision holds the whole policy as it stood, and comparisons show them too.
    Its published versions are read under its own URL: history/, history/<a>...<b>/
    and as-of/<yyyy-mm-dd>/.
    """

    summary = models.CharField(
        _("summary"),
        max_length=255,
        help_text=_("The rule in one plain sentence, shown in lists and search results."),
    )
    also_searched_as = models.TextField(
        _("also searched as"),
        blank=True,
        help_text=_("Other words people search for this rule by, one phrase per line."),
    )
    rule = RichTextField(_("rule"), features=RICH_TEXT_FEATURES)
    rationale = RichTextField(
        _("why this rule exists"),
        features=RICH_TEXT_FEATURES,
        help_text=_("The reason behind the rule: what it protects, and for whom."),
    )
    flexibility = models.CharField(
        _("flexibility"),
        max_length=10,
        choices=Flexibility.choices,
        default=Flexibility.FLEXIBLE,
        help_text=_(
            "Firm rules (legal, safety, regulatory) are never bent and have no exception paths."
        ),
    )
    how_to_explain = RichTextField(
        _("how to explain it to a customer"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Calm, honest words; never promise what is not in the reader's hands."),
    )
    scope = models.TextField(
        _("scope"), blank=True, help_text=_("Who and what this rule applies to.")
    )
    owning_team = models.CharField(_("owning team"), max_length=120, blank=True)
    review_every_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12, validators=[MinValueValidator(1)]
    )
    # Kept per policy, outside its revisions, as Wagtail keeps the page's owner:
    # a review changes no word of the rule, so it must not rewrite a version.
    # Set when a substantive version goes live and by each recorded review.
    next_review_due = models.DateField(_("next review due"), blank=True, null=True, editable=False)
    tags = ClusterTaggableManager(through=PolicyPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("also_searched_as"),
        FieldPanel("rule"),
        FieldPanel("rationale"),
        FieldPanel("flexibility"),
        FieldPanel("how_to_explain"),
        FieldPanel("scope"),
    ]
    exception_panels = [
        InlinePanel(
            "exception_paths",
            heading=_("Sanctioned exception paths"),
            label=_("Exception path"),
            help_text=_("Who may bend this rule, how far, when, and how fast they answer."),
        )
    ]
    # The note comes after the edits it describes; a plain draft may leave it for later.
    change_note_panels = [
        MultiFieldPanel(
            [
                FieldPanel("change_summary"),
                FieldPanel("change_kind"),
                FieldPanel("driven_by"),
                FieldPanel("no_case_drove_it"),
            ],
            heading=_("About this change"),
            help_text=_(
                "Needed when you submit for approval: what changed, and why. "
                "A draft may be saved without it."
            ),
        ),
        ReplayLinkPanel(heading=_("What it would have done")),
        EvidenceLinkPanel(heading=_("What saying no costs")),
    ]
    ownership_panels = [
        FieldPanel("owner"),
        FieldPanel("owning_team"),
        FieldPanel("review_every_months"),
        FieldPanel("tags"),
        InlinePanel("related_policy_links", heading=_("Related policies"), label=_("Policy")),
        # Wagtail's own schedule: an approved version with a future go-live date
        # waits for it, and publish_scheduled (run daily) makes it live.
        PublishingPanel(),
    ]
    # Slug, title tag and menus concern the site, not the rule: administrators only.
    # A field its panel withholds is left out of the form itself, so an owner's save
    # neither sends it nor blanks it, and a new policy takes its slug from its title.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(name, permission=ADMINISTRATORS_ONLY)
                for name in ("slug", "seo_title", "search_description")
            ],
            heading=_("For search engines"),
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus", permission=ADMINISTRATORS_ONLY)],
            heading=_("For site menus"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Rule")),
            ObjectList(exception_panels, heading=_("Exception paths")),
            ObjectList(change_note_panels, heading=_("Change note")),
            ObjectList(ownership_panels, heading=_("Ownership and review")),
            ObjectList(promote_panels, heading=_("Promote")),
        ]
    )
    base_form_class = PolicyPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        # Boosted as Page boosts the title: a policy's other names rank like its name.
        index.SearchField("also_searched_as", boost=2),
        index.SearchField("rule"),
        index.SearchField("rationale"),
        index.SearchField("how_to_explain"),
        index.RelatedFields(
            "exception_paths", [index.SearchField("name"), index.SearchField("conditions")]
        ),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("flexibility"),
    ]

    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types: list[str] = []
    template = "policies/policy_page.html"

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        permissions = [
            ("view_insights", _("Can see exception pressure and reviews across policies")),
            ("approve_changes", _("Can approve policy changes")),
        ]

    @property
    def is_firm(self) -> bool:
        return self.flexibility == Flexibility.FIRM

    def serializable_data(self):
        """The revision's content: everything but the review schedule, which is no version's."""
        data = super().serializable_data()
        data.pop("next_review_due", None)
        return data

    def with_content_json(self, content):
        """The policy as a revision stored it, with the review schedule it has today.

        Revisions saved before the schedule moved out of them still hold a date;
        like the owner, it is taken from the page instead.
        """
        page = super().with_content_json(content)
        page.next_review_due = self.next_review_due
        return page

    def save_revision(self, *args, **kwargs):
        """Save a revision and attach the change note the editor form gave it.

        Attaching here, not in a view hook, means the note exists before any
        publish that follows in the same request, whichever button was used. A
        draft saved without a note (no summary) gets none.
        """
        revision = super().save_revision(*args, **kwargs)
        note = getattr(self, "pending_revision_note", None)
        self.pending_revision_note = None
        if note and note.get("summary"):
            cited = note.get("driven_by", [])
            fields = {name: value for name, value in note.items() if name != "driven_by"}
            saved_note, _created = RevisionNote.objects.update_or_create(
                revision=revision, defaults=fields
            )
            saved_note.driven_by.set(cited)
        return revision

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self._version_facts(request))
        context.update(self.body_parts(self))
        return context

    @staticmethod
    def body_parts(policy) -> dict:
        """The parts of `policy` its body lists, each read only when the page's cached body
        has to be built anew (see portal.freshness). `policy` may itself be lazy."""
        return {
            "exception_paths": SimpleLazyObject(lambda: list(policy.exception_paths.all())),
            "related_policies": SimpleLazyObject(lambda: policy._live_related_policies()),
            "policy_tags": SimpleLazyObject(lambda: list(policy.tags.all())),
        }

    def _live_related_policies(self) -> list:
        """The related policies that are live. A policy rebuilt from an old revision already
        holds its linked policies (see revision_content), so select_related only costs the
        live page a join."""
        return [
            link.policy
            for link in self.related_policy_links.select_related("policy")
            if link.policy.live
        ]

    def _version_facts(self, request) -> dict:
        """Which version the page shows, for its header and its print of record.

        A policy rebuilt from a revision (as_published) carries its version; the
        live page asks which version is in force; a draft preview has none.
        """
        policy_address = request.build_absolute_uri(self.get_url(request))
        facts = {"policy_address": policy_address, "record_address": policy_address}
        shown_version = getattr(self, "shown_version", None)
        if shown_version is not None:
            facts["version"] = shown_version
        elif not getattr(request, "is_preview", False):
            # The selectors and views read this model, so they are imported once it exists.
            from ..selectors import kept_versions

            # Read once: the version in force is among them, and so are those to sign.
            facts["versions"], facts["version"] = kept_versions(policy=self)
            facts["is_current"] = True
            # A scheduled version is saved and approved but not live: the page has
            # unpublished changes, so most pages need not look for one.
            if self.has_unpublished_changes:
                facts["scheduled_revision"] = self.scheduled_revision
        return facts

    # The views read this model, so each route imports them once the model exists.
    @path("history/", name="history")
    def history(self, request):
        from ..views import history

        return history(request, policy=self)

    # Nine digits are more versions than a policy will ever have, and keep a
    # hostile number of any length away from int().
    @re_path(r"^history/(?P<older>\d{1,9})\.\.\.(?P<newer>\d{1,9})/$", name="comparison")
    def comparison(self, request, older, newer):
        from ..views import comparison

        return comparison(request, policy=self, older=int(older), newer=int(newer))

    @re_path(r"^history/(?P<number>\d{1,9})/pdf/$", name="version_pdf")
    def version_pdf(self, request, number):
        from ..views import version_pdf

        return version_pdf(request, policy=self, number=int(number))

    @path("as-of/<str:day>/", name="as_of")
    def as_of(self, request, day):
        from ..views import as_of

        return as_of(request, policy=self, day=day)
