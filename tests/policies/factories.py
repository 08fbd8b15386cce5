import factory
from wagtail.models import Revision

from policies.choices import ChangeKind, Flexibility, Tier
from policies.models import ExceptionPath, PolicyIndexPage, PolicyPage
from policies.services import (
    approve_policy_revision,
    reject_policy_revision,
    submit_policy_revision,
)
from portal import roles
from portal.models import HomePage
from tests.portal.factories import UserFactory


def default_paths() -> list[dict]:
    """The exception paths a factory-made policy has, in their order."""
    return [
        {
            "name": "Late return",
            "authority": Tier.STAFF,
            "limit_amount": 14,
            "limit_unit": "days",
            "conditions": "Asked soon after the window closed.",
            "record": "The delay's reason.",
            "decision_hours": 0,
        },
        {
            "name": "Refund without receipt",
            "authority": Tier.SUPERVISOR,
            "limit_amount": 150,
            "limit_unit": "EUR",
            "conditions": "Purchase found in the account.",
            "record": "How it was verified.",
            "decision_hours": 24,
        },
    ]


class PolicyIndexPageFactory(factory.django.DjangoModelFactory):
    """A published policy area under the portal's home page."""

    class Meta:
        model = PolicyIndexPage

    title = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    intro = "<p>Rules of this area.</p>"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return HomePage.objects.get().add_child(instance=model_class(*args, **kwargs))


class PolicyPageFactory(factory.django.DjangoModelFactory):
    """A policy published through the approval workflow, with one revision and its note.

    `paths` takes a list of dicts of ExceptionPath fields.
    """

    class Meta:
        model = PolicyPage

    area = factory.SubFactory(PolicyIndexPageFactory)
    title = factory.Sequence(lambda n: f"Policy {n}")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    summary = "Unused items can be returned within 30 days."
    rule = "<p>We accept returns of unused items within 30 days.</p>"
    rationale = "<p>Returned stock must still be sellable.</p>"
    how_to_explain = "<p>Explain that the item must be sellable again.</p>"
    scope = "All online orders."
    flexibility = Flexibility.FLEXIBLE
    owner = factory.SubFactory(UserFactory, role=roles.POLICY_OWNERS)
    owning_team = "Customer care"
    live = False
    paths = factory.LazyFunction(default_paths)
    approver = factory.SubFactory(UserFactory, role=roles.LEADERSHIP)

    @classmethod
    def _create(cls, model_class, *args, area, paths, approver, **kwargs):
        policy = model_class(*args, **kwargs)
        policy.exception_paths = [
            ExceptionPath(sort_order=place, **path) for place, path in enumerate(paths)
        ]
        area.add_child(instance=policy)
        policy.full_clean()
        submit_policy_revision(
            policy=policy,
            author=policy.owner,
            summary="First published version.",
            kind=ChangeKind.SUBSTANTIVE,
        )
        approve_policy_revision(policy=policy, approver=approver)
        policy.refresh_from_db()
        return policy


def publish_version(
    policy: PolicyPage,
    *,
    approver,
    summary: str = "A change approved by leadership.",
    kind: ChangeKind = ChangeKind.SUBSTANTIVE,
    paths: list[dict] | None = None,
    driven_by=(),
    **changes,
) -> Revision:
    """Submit `changes` to `policy` as its owner and have `approver` approve them.

    `paths`, when given, replaces the exception paths (a list of ExceptionPath field dicts, in
    their order); a path keeps its identity by name, as in the editor, unless it gives its
    `id`. `driven_by` lists the cases the change cites. Returns the revision that went live.
    """
    policy = changed(policy, paths=paths, **changes)
    submit_policy_revision(
        policy=policy, author=policy.owner, summary=summary, kind=kind, driven_by=driven_by
    )
    return approve_policy_revision(policy=policy, approver=approver)


def submit_version(
    policy: PolicyPage,
    *,
    summary: str = "A change waiting for approval.",
    kind: ChangeKind = ChangeKind.SUBSTANTIVE,
    paths: list[dict] | None = None,
    driven_by=(),
    **changes,
) -> Revision:
    """Submit `changes` to `policy` for approval as its owner, as publish_version does, and
    leave them waiting. Returns the submitted revision."""
    return submit_policy_revision(
        policy=changed(policy, paths=paths, **changes),
        author=policy.owner,
        summary=summary,
        kind=kind,
        driven_by=driven_by,
    )


def changed(policy: PolicyPage, *, paths: list[dict] | None = None, **changes) -> PolicyPage:
    """The policy read afresh with `changes` and `paths` (see publish_version) made, unsaved."""
    policy = PolicyPage.objects.get(pk=policy.pk)
    for field, value in changes.items():
        setattr(policy, field, value)
    if paths is not None:
        kept = {path.name: path.pk for path in policy.exception_paths.all()}
        policy.exception_paths = [
            ExceptionPath(sort_order=place, **{"id": kept.get(path["name"]), **path})
            for place, path in enumerate(paths)
        ]
    policy.full_clean()
    return policy


def send_back(
    policy,
    *,
    reviewer,
    comment: str = "Say which cases drove this.",
    summary: str = "A change sent back for changes.",
    **changes,
) -> PolicyPage:
    """Submit `changes` to `policy` as its owner and have `reviewer` send them back with
    `comment`. Returns the policy as it is now, its change waiting for its owner."""
    policy = changed(policy, **changes)
    submit_policy_revision(
        policy=policy, author=policy.owner, summary=summary, kind=ChangeKind.EDITORIAL
    )
    reject_policy_revision(policy=policy, reviewer=reviewer, comment=comment)
    return PolicyPage.objects.get(pk=policy.pk)
