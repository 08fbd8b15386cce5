"""Who in the demo company sits in which team, what they have signed, and one review.

Sam signed every policy as it stood two hundred days ago, so the rules changed
substantively since (damaged goods, late fees, missing parcels, notice periods)
ask him again; the editorial rewording of the returns rule does not. Noah signed
the refund and billing rules recently, Priya everything, Ava nothing yet.
"""

from wagtail.models import PageLogEntry

from policies.models import PolicyAcknowledgement, PolicyPage
from policies.selectors import substantive_publications
from policies.services import REVIEWED_ACTION, record_review
from portal.models import UserProfile

TEAMS = {"sam": "Customer care", "priya": "Customer care", "noah": "Billing", "ava": "Delivery"}

EVERY_POLICY = None
ACKNOWLEDGEMENTS = [
    # (reader, policy slugs or EVERY_POLICY, signed how many days ago)
    ("sam", EVERY_POLICY, 200),
    (
        "noah",
        [
            "returns-within-30-days",
            "damaged-goods-refund",
            "hygiene-items",
            "late-payment-fee",
            "identity-check-payment-details",
            "refund-to-original-payment-method",
        ],
        20,
    ),
    ("priya", EVERY_POLICY, 5),
]

# The owner who has already confirmed one rule of theirs this cycle.
REVIEWED = [("omar", "identity-check-payment-details", "Checked against the new fraud guidance.")]


def seed_reading(users, days_ago) -> int:
    """Give the demo readers their teams, signatures and review; return signatures created.

    `days_ago` turns a number of days into the demo's moment of that day.
    """
    for username, team in TEAMS.items():
        UserProfile.objects.update_or_create(user=users[username], defaults={"team": team})
    created = 0
    for username, slugs, days in ACKNOWLEDGEMENTS:
        moment = days_ago(days)
        policies = PolicyPage.objects.live()
        if slugs is not EVERY_POLICY:
            policies = policies.filter(slug__in=slugs)
        for policy in policies:
            publication = (
                substantive_publications().filter(page_id=policy.pk, timestamp__lte=moment).first()
            )
            if publication is None:
                continue
            _signature, was_created = PolicyAcknowledgement.objects.get_or_create(
                revision_id=publication.revision_id,
                user=users[username],
                defaults={"policy": policy, "acknowledged_at": moment},
            )
            created += was_created
    for username, slug, note in REVIEWED:
        policy = PolicyPage.objects.live().get(slug=slug)
        if not PageLogEntry.objects.filter(page_id=policy.pk, action=REVIEWED_ACTION).exists():
            record_review(policy=policy, user=users[username], note=note)
    return created
