"""Write the planned areas and policies as Wagtail would have after years of approvals.

Areas are few and go through Wagtail's own API. Policies are thousands, each
with several versions, so they are written in bulk, row for row what the
editor and publishing write (see policies.services and
portal.devtools.demo.seed for the slow path this mirrors):

- the page row holds the last version, live, with its live and latest revision;
- each version is a Revision whose content is `serializable_data()` of the
  page as it stood when its owner submitted it; its note, workflow and log
  entries are written by approvals.py;
- exception paths, tags and related policies are the page's inline children.
"""

import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision

from policies.models import (
    ExceptionPath,
    PolicyIndexPage,
    PolicyPage,
    PolicyPageTag,
    RelatedPolicy,
    add_months,
)

from .people import Workforce
from .rulebook import PlannedPolicy
from .text import Writer

BATCH = 1000


def create_areas(*, home: Page, count: int, writer: Writer, leader, published_at):
    """Create and publish the policy areas through Wagtail, dated `published_at`."""
    areas = []
    for number in range(count):
        title, topic = writer.area(number)
        area = home.add_child(
            instance=PolicyIndexPage(
                title=title,
                slug=slugify(title),
                intro=f"<p>{topic}: the rules, why they exist and how far they bend.</p>",
                owner=leader,
                live=False,
            )
        )
        area.save_revision(user=leader, log_action=True).publish(user=leader)
        areas.append(area)
    ids = [area.pk for area in areas]
    Revision.page_revisions.filter(object_id__in=[str(pk) for pk in ids]).update(
        created_at=published_at
    )
    PageLogEntry.objects.filter(page_id__in=ids).update(timestamp=published_at)
    Page.objects.filter(pk__in=ids).update(
        first_published_at=published_at,
        last_published_at=published_at,
        latest_revision_created_at=published_at,
    )
    return list(PolicyIndexPage.objects.filter(pk__in=ids).order_by("path"))


class PolicyWriter:
    """Write planned policies with every version, in bulk. Returns the final pages."""

    def __init__(self, *, plans: list[PlannedPolicy], areas, workforce: Workforce, writer: Writer):
        self.plans = plans
        self.areas = areas
        self.workforce = workforce
        self.rng = writer.rng
        self.policy_type = ContentType.objects.get_for_model(PolicyPage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.pages: list[PolicyPage] = []
        self.path_rows: list[dict[int, ExceptionPath]] = []
        self.tag_rows: list[list[PolicyPageTag]] = []
        self.related_rows: list[list[RelatedPolicy]] = []
        self.revisions: list[list[Revision]] = [[] for _ in plans]

    def owner(self, plan: PlannedPolicy):
        return self.workforce.owners[plan.owner_index]

    def write_pages(self) -> None:
        """Insert the page rows (base and policy tables) and their inline children."""
        numbering: defaultdict[int, int] = defaultdict(int)
        for plan in self.plans:
            area = self.areas[plan.area_index]
            numbering[plan.area_index] += 1
            first, last = plan.versions[0], plan.versions[-1]
            self.pages.append(
                PolicyPage(
                    title=plan.title,
                    draft_title=plan.title,
                    slug=plan.slug,
                    content_type=self.policy_type,
                    path=PolicyPage._get_path(
                        area.path, area.depth + 1, numbering[plan.area_index]
                    ),
                    depth=area.depth + 1,
                    numchild=0,
                    url_path=f"{area.url_path}{plan.slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=first.published_at,
                    last_published_at=last.published_at,
                    latest_revision_created_at=last.submitted_at,
                    owner=self.owner(plan),
                    locale_id=area.locale_id,
                    translation_key=uuid.UUID(int=self.rng.getrandbits(128), version=4),
                    flexibility=plan.flexibility,
                    owning_team=plan.team,
                    next_review_due=add_months(
                        timezone.localdate(plan.review_clock_started),
                        last.fields["review_every_months"],
                    ),
                    **last.fields,
                )
            )
        base_fields = Page._meta.concrete_fields
        bases = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(page, f.attname) for f in base_fields})
                for page in self.pages
            ],
            batch_size=BATCH,
        )
        for page, base in zip(self.pages, bases, strict=True):
            page.pk = page.page_ptr_id = base.pk
        # Django's bulk_create refuses multi-table models, so the policy table's own
        # rows go in through the same insert it uses for one object at a time.
        for start in range(0, len(self.pages), BATCH):
            PolicyPage._base_manager._insert(
                self.pages[start : start + BATCH], fields=PolicyPage._meta.local_concrete_fields
            )
        for index, count in numbering.items():
            Page.objects.filter(pk=self.areas[index].pk).update(numchild=count)
        self._write_children()

    def _write_children(self) -> None:
        paths, tags, related = [], [], []
        tag_ids = dict(Tag.objects.values_list("name", "pk"))
        for plan, page in zip(self.plans, self.pages, strict=True):
            last = plan.versions[-1]
            paths.append(
                {
                    key: ExceptionPath(page_id=page.pk, sort_order=order, **last.paths[key])
                    for order, key in enumerate(plan.path_keys)
                }
            )
            tags.append(
                [PolicyPageTag(content_object_id=page.pk, tag_id=tag_ids[t]) for t in plan.tags]
            )
            related.append(
                [
                    RelatedPolicy(page_id=page.pk, policy_id=self.pages[other].pk, sort_order=order)
                    for order, other in enumerate(plan.related)
                ]
            )
        ExceptionPath.objects.bulk_create(
            [row for rows in paths for row in rows.values()], batch_size=BATCH
        )
        PolicyPageTag.objects.bulk_create([row for rows in tags for row in rows], batch_size=BATCH)
        RelatedPolicy.objects.bulk_create(
            [row for rows in related for row in rows], batch_size=BATCH
        )
        self.path_rows, self.tag_rows, self.related_rows = paths, tags, related

    def write_revisions(self, progress) -> None:
        """Create each policy's revisions oldest first, then point the pages at the last."""
        depth = max(len(plan.versions) for plan in self.plans)
        for number in range(depth):
            batch = [
                (index, plan, page)
                for index, (plan, page) in enumerate(zip(self.plans, self.pages, strict=True))
                if number < len(plan.versions)
            ]
            created = Revision.objects.bulk_create(
                [self._revision(index, plan, page, number) for index, plan, page in batch],
                batch_size=BATCH,
            )
            for (index, _plan, _page), revision in zip(batch, created, strict=True):
                self.revisions[index].append(revision)
            progress.advance(len(created))
        for page, revisions in zip(self.pages, self.revisions, strict=True):
            page.live_revision = page.latest_revision = revisions[-1]
        last_revision = Subquery(
            Revision.page_revisions.filter(object_id=Cast(OuterRef("pk"), CharField()))
            .order_by("-pk")
            .values("pk")[:1]
        )
        Page.objects.filter(pk__in=[page.pk for page in self.pages]).update(
            live_revision=last_revision, latest_revision=last_revision
        )

    def version_page(self, index: int, number: int) -> PolicyPage:
        """The policy in memory as it stood when version `number` was submitted."""
        plan, final = self.plans[index], self.pages[index]
        version = plan.versions[number]
        page = PolicyPage(
            **{f.attname: getattr(final, f.attname) for f in PolicyPage._meta.concrete_fields}
        )
        for name, value in version.fields.items():
            setattr(page, name, value)
        earlier = plan.versions[number - 1] if number else None
        revisions = self.revisions[index]
        page.live = earlier is not None
        page.live_revision = page.latest_revision = revisions[number - 1] if earlier else None
        page.first_published_at = plan.versions[0].published_at if earlier else None
        page.last_published_at = earlier.published_at if earlier else None
        page.latest_revision_created_at = earlier.submitted_at if earlier else None
        page.exception_paths = [
            ExceptionPath(pk=self.path_rows[index][key].pk, sort_order=order, **version.paths[key])
            for order, key in enumerate(sorted(version.paths))
        ]
        page.tagged_items = [
            PolicyPageTag(pk=row.pk, tag_id=row.tag_id) for row in self.tag_rows[index]
        ]
        page.related_policy_links = [
            RelatedPolicy(pk=row.pk, policy_id=row.policy_id, sort_order=row.sort_order)
            for row in self.related_rows[index]
        ]
        page.wagtail_admin_comments = []
        return page

    def _revision(self, index, plan, page, number) -> Revision:
        version = plan.versions[number]
        content = self.version_page(index, number).serializable_data()
        # What the editor had not saved before has no primary key in the revision:
        # everything in the first version, and paths this version added.
        new_paths = {self.path_rows[index][key].pk for key in version.new_path_keys}
        for child in content["exception_paths"]:
            if child["pk"] in new_paths:
                child["pk"] = None
        if number == 0:
            for child in content["tagged_items"] + content["related_policy_links"]:
                child["pk"] = None
        return Revision(
            content_type=self.policy_type,
            base_content_type=self.page_type,
            object_id=str(page.pk),
            created_at=version.submitted_at,
            user=self.owner(plan),
            content=content,
            object_str=plan.title,
        )
