"""The demo company's precedent cases: a year of rules bent, upheld and escalated.

Each story is one case: the policy, the decision the recorder tried (an
exception path's name, OUTSIDE or UPHELD), the amount, who recorded it and how
many days ago, and what happened next. Stories cluster on the damaged-goods
refund and the late payment fee, so the pressure on those rules shows.
"""

from exceptions.choices import Channel, Decision, FollowUpResult

OUTSIDE = "outside"
UPHELD = "upheld"


def story(
    policy,
    decision,
    situation,
    rationale,
    *,
    days_ago,
    recorder="sam",
    amount=None,
    channel=Channel.PHONE,
    tags=(),
    escalation=None,
    follow_up=None,
):
    """`escalation` is (decider, Decision, rationale, days later) or "waiting"."""
    return {
        "policy": policy,
        "decision": decision,
        "situation": situation,
        "rationale": rationale,
        "days_ago": days_ago,
        "recorder": recorder,
        "amount": amount,
        "channel": channel,
        "tags": list(tags),
        "escalation": escalation,
        "follow_up": follow_up,
    }


RESOLVED = (FollowUpResult.RESOLVED, "Customer confirmed all is well.")
CAME_BACK = (FollowUpResult.CAME_BACK, "Customer came back with the same request a month later.")
COMPLAINT = (FollowUpResult.COMPLAINT, "Customer complained about how long it took.")
CHURNED = (FollowUpResult.CHURNED, "Customer closed the account.")

DAMAGED = "damaged-goods-refund"
LATE_FEE = "late-payment-fee"
RETURNS = "returns-within-30-days"

DAMAGED_SITUATIONS = [
    ("Vase arrived shattered; customer had already thrown the box away.", 35),
    ("Lamp shade dented in transit; customer's phone camera is broken.", 45),
    ("Elderly customer without a smartphone; kettle arrived with a cracked lid.", 28),
    ("Dinner set: two plates broken, customer cleared the packaging before calling.", 64),
    ("Mirror cracked on arrival; customer cannot send photos from a shared PC.", 72),
    ("Coffee machine with a crushed corner; courier took the box back.", 140),
    ("Bike helmet scratched; customer is abroad and has no photo of the parcel.", 55),
    ("Garden chair leg bent; customer is blind and cannot take a photo.", 60),
    ("Television screen cracked; packaging collected by the council.", 420),
    ("Glass shelf in pieces; customer sent a photo of the shelf only, not the parcel.", 38),
]
LATE_FEE_SITUATIONS = [
    "First late payment in four years; customer was in hospital.",
    "Bank's direct debit failed because of a bank outage.",
    "Customer lost their job and paid three weeks late.",
    "Invoice went to an old email address after a move.",
    "Second late fee this year; customer is caring for a sick parent.",
    "Customer paid on time to the wrong reference number.",
    "Payment page showed an error on the due date.",
    "Student customer paid late after the loan instalment was delayed.",
]


def _damaged_stories():
    stories = []
    for index, (situation, amount) in enumerate(DAMAGED_SITUATIONS):
        days_ago = 340 - index * 31
        if amount <= 50 or (days_ago < 120 and amount <= 80):
            escalation = None
        elif amount > 300 or index % 3 == 0:
            escalation = ("lena", Decision.GRANT, "Claim history is clean; goodwill is cheaper.", 2)
        else:
            escalation = ("priya", Decision.GRANT, "No earlier claims; amount is reasonable.", 1)
        stories.append(
            story(
                DAMAGED,
                "Refund without a photo",
                situation,
                "No photo was possible; the customer's account shows no earlier claims.",
                days_ago=days_ago,
                amount=amount,
                recorder=["sam", "noah", "ava"][index % 3],
                channel=[Channel.PHONE, Channel.CHAT, Channel.EMAIL][index % 3],
                tags=["damaged", "no-photo"],
                escalation=escalation,
                follow_up=[RESOLVED, RESOLVED, CAME_BACK, RESOLVED][index % 4],
            )
        )
    return stories


def _recent_damaged_stories():
    """Since the limit went up to 80 EUR, dearer items keep going to supervisors, late."""
    return [
        story(
            DAMAGED,
            "Larger refund without a photo",
            "Standing lamp arrived bent; customer recycled the box the same evening.",
            "The box was gone before the damage was noticed; no earlier claims.",
            days_ago=52,
            amount=95,
            recorder="ava",
            channel=Channel.CHAT,
            tags=["damaged", "no-photo"],
            escalation=("priya", Decision.GRANT, "No earlier claims; the lamp is clearly bent.", 2),
            follow_up=RESOLVED,
        ),
        story(
            DAMAGED,
            "Larger refund without a photo",
            "Set of pans dented; the customer's only phone was stolen last week.",
            "No way to take a photo; the dents were described in detail.",
            days_ago=34,
            amount=120,
            tags=["damaged", "no-photo"],
            escalation=("priya", Decision.GRANT, "Consistent description; low claim risk.", 1),
            follow_up=CAME_BACK,
        ),
        story(
            DAMAGED,
            OUTSIDE,
            "Third damaged delivery this year for the same customer; rug arrived torn, no photo.",
            "The path needs no earlier claims this year; this customer has two, both genuine.",
            days_ago=23,
            amount=60,
            recorder="noah",
            tags=["damaged", "no-photo", "repeat"],
            escalation=("lena", Decision.GRANT, "Both earlier claims were courier damage.", 1),
            follow_up=RESOLVED,
        ),
        story(
            DAMAGED,
            "Larger refund without a photo",
            "Office chair with a snapped armrest; the customer is housebound and has no camera.",
            "Clear description; housebound customer.",
            days_ago=9,
            amount=150,
            tags=["damaged", "no-photo"],
            escalation=("priya", Decision.GRANT, "Housebound customer; clear description.", 0),
        ),
    ]


def _late_fee_stories():
    stories = []
    for index, situation in enumerate(LATE_FEE_SITUATIONS):
        days_ago = 330 - index * 38
        repeated = "Second" in situation or "lost their job" in situation
        decision = "Waive repeated late fees" if repeated else "Waive a first late fee"
        stories.append(
            story(
                LATE_FEE,
                decision,
                situation,
                "The reason was outside the customer's control.",
                days_ago=days_ago,
                amount=15 if not repeated else 30,
                recorder=["sam", "noah"][index % 2],
                tags=["late-fee", "hardship"] if repeated else ["late-fee"],
                escalation=("priya", Decision.GRANT, "Hardship confirmed.", 1)
                if repeated
                else None,
                follow_up=[RESOLVED, COMPLAINT, RESOLVED][index % 3],
            )
        )
    stories.append(
        story(
            LATE_FEE,
            OUTSIDE,
            "Small business customer asks to waive six months of late fees (90 EUR) after a flood.",
            "Flood damage confirmed by photos; the business is otherwise a good payer.",
            days_ago=75,
            amount=90,
            tags=["late-fee", "hardship", "disaster"],
            escalation=("lena", Decision.GRANT, "Natural disaster: we stand by our customers.", 3),
            follow_up=RESOLVED,
        )
    )
    stories.append(
        story(
            LATE_FEE,
            OUTSIDE,
            "Customer wants all late fees of the past two years refunded (120 EUR).",
            "Customer says the fees are unfair; no hardship given.",
            days_ago=40,
            amount=120,
            tags=["late-fee"],
            escalation=("lena", Decision.UPHOLD, "Fees were charged correctly and disclosed.", 2),
            follow_up=CHURNED,
        )
    )
    return stories


LATE_RETURNS = [
    ("Trousers", 3),
    ("Board game, still sealed", 6),
    ("Desk lamp", 2),
    ("Running shoes, unworn", 9),
    ("Curtains, still packed", 4),
    ("Toaster, box unopened", 11),
    ("Rain jacket with tags", 13),
    ("Cushion covers", 1),
    ("Bath towels, unused", 5),
    ("Phone case", 8),
    ("Picture frame", 3),
]
REDELIVERIES = [
    "Driver could not find the entrance to the new flats.",
    "Time slot message arrived after the driver had already come.",
    "Driver rang the wrong doorbell in a shared house.",
    "Parcel taken back although a neighbour offered to take it.",
    "Van broke down before the second attempt.",
]


# Returned a little past the 14 days staff may accept: each went to leadership, who
# granted it days later, so the path's limit reads lower than its deciders hold it.
RETURNS_PAST_THE_LIMIT = [
    ("Winter boots, unworn", 15, "Customer was snowed in at a mountain cabin."),
    ("Bread maker, box sealed", 16, "Customer was in hospital for a week."),
    ("Desk chair, still wrapped", 17, "Return label arrived at an old address."),
    ("Wool coat with tags", 15, "Customer was travelling for a funeral."),
    ("Hair dryer, unopened", 18, "Courier missed two collection slots."),
    ("Duvet, still packed", 16, "Customer's child was born early."),
    ("Headphones, sealed", 17, "Store was closed for a refit that week."),
    ("Yoga mat, unused", 15, "Customer moved house across the country."),
    ("Blender, box unopened", 18, "Customer had a broken wrist and could not carry it."),
    ("Table lamp, wrapped", 16, "Parcel shop lost the first return."),
    ("Suitcase, unused", 17, "Customer's trip was cancelled late."),
    ("Rain boots, tags on", 15, "Customer was abroad caring for a parent."),
]
# Customers with earlier damage claims this year fall outside the no-photo path, which
# asks for none; leadership keeps granting them anyway.
REPEAT_DAMAGE_CLAIMS = [
    ("Repeat damage claim: salad bowl arrived cracked, box already recycled.", 42),
    ("Repeat damage claim: picture frame glass shattered, customer has no camera.", 35),
    ("Repeat damage claim: toaster dented, the parcel went out with the rubbish.", 55),
    ("Repeat damage claim: bookcase panel split, delivery team took the packaging.", 110),
    ("Repeat damage claim: set of glasses broken, customer's phone is in repair.", 48),
]


def _past_the_limit_stories():
    return [
        story(
            RETURNS,
            "Late return, a few days over",
            f"{item} returned {days_late} days after the window closed. {reason}",
            "Unused and in its packaging; a few days past what staff may accept.",
            days_ago=200 - index * 15,
            amount=days_late,
            recorder=["sam", "noah", "ava"][index % 3],
            channel=Channel.STORE,
            tags=["returns"],
            escalation=("lena", Decision.GRANT, "Clear reason and the item is unused.", 2),
            follow_up=[RESOLVED, RESOLVED, RESOLVED, CAME_BACK][index % 4],
        )
        for index, (item, days_late, reason) in enumerate(RETURNS_PAST_THE_LIMIT)
    ]


def _repeat_damage_stories():
    return [
        story(
            DAMAGED,
            OUTSIDE,
            situation,
            "The no-photo path asks for no earlier claims; the earlier ones were courier damage.",
            days_ago=170 - index * 30,
            amount=amount,
            recorder=["ava", "sam", "noah"][index % 3],
            channel=Channel.CHAT,
            tags=["damaged", "repeat"],
            escalation=("lena", Decision.GRANT, "Earlier claims were genuine courier damage.", 1),
            follow_up=RESOLVED,
        )
        for index, (situation, amount) in enumerate(REPEAT_DAMAGE_CLAIMS)
    ]


def _everyday_stories():
    """The quiet bulk of the record: small exceptions granted within staff authority."""
    stories = []
    for index, (item, days_late) in enumerate(LATE_RETURNS):
        stories.append(
            story(
                RETURNS,
                "Late return, a few days over",
                f"{item} returned {days_late} days after the window closed.",
                "Unused, in its packaging, and within what staff may accept.",
                days_ago=190 - index * 17,
                amount=days_late,
                recorder=["sam", "noah", "ava"][index % 3],
                channel=Channel.STORE,
                tags=["returns"],
                follow_up=RESOLVED if index % 4 else None,
            )
        )
    for index, situation in enumerate(REDELIVERIES):
        stories.append(
            story(
                "free-redelivery",
                "Second free redelivery",
                situation,
                "The miss was on our side.",
                days_ago=280 - index * 50,
                amount=1,
                recorder=["ava", "sam"][index % 2],
                tags=["redelivery"],
                follow_up=RESOLVED,
            )
        )
    return stories


STORIES = [
    *_damaged_stories(),
    *_recent_damaged_stories(),
    *_late_fee_stories(),
    *_everyday_stories(),
    *_past_the_limit_stories(),
    *_repeat_damage_stories(),
    story(
        RETURNS,
        "Late return, a few days over",
        "Jacket returned 5 days late; customer was travelling for work.",
        "Unused, tags on, a few days over.",
        days_ago=300,
        amount=5,
        channel=Channel.STORE,
        tags=["returns"],
        follow_up=RESOLVED,
    ),
    story(
        RETURNS,
        "Late return, a few days over",
        "Shoes returned 12 days late after a hospital stay.",
        "Unused; the customer could not come in earlier.",
        days_ago=260,
        amount=12,
        recorder="noah",
        channel=Channel.STORE,
        tags=["returns", "hardship"],
        escalation=("lena", Decision.GRANT, "Clear reason; item unused.", 1),
        follow_up=RESOLVED,
    ),
    story(
        RETURNS,
        "Late return, a few days over",
        "Blender returned 10 days late; box unopened.",
        "Within the 14 extra days staff may now give.",
        days_ago=150,
        amount=10,
        recorder="ava",
        channel=Channel.STORE,
        tags=["returns"],
        follow_up=RESOLVED,
    ),
    story(
        RETURNS,
        "Late return, a few days over",
        "Winter coat returned 25 days late, unworn, customer moved house.",
        "Too far over the window for staff.",
        days_ago=95,
        amount=25,
        channel=Channel.STORE,
        tags=["returns"],
        escalation=("lena", Decision.UPHOLD, "Seasonal item, far outside the window.", 1),
        follow_up=COMPLAINT,
    ),
    story(
        RETURNS,
        "Refund without a receipt",
        "Gift returned without receipt; purchase found on the giver's card statement.",
        "Purchase verified from the statement.",
        days_ago=60,
        amount=80,
        recorder="noah",
        channel=Channel.STORE,
        tags=["returns", "receipt"],
        escalation=("priya", Decision.GRANT, "Purchase verified.", 0),
        follow_up=RESOLVED,
    ),
    story(
        RETURNS,
        "Return of a used item",
        "Hiking boots used twice; sole came loose, product page said 'waterproof, rugged'.",
        "Failure the product page did not warn about.",
        days_ago=4,
        tags=["returns", "used"],
        escalation="waiting",
    ),
    story(
        "hygiene-items",
        UPHELD,
        "Customer wanted to return opened earrings that did not match an outfit.",
        "Hygiene rule; explained why and offered a gift card for a future purchase instead.",
        days_ago=210,
        channel=Channel.STORE,
        tags=["hygiene"],
        follow_up=RESOLVED,
    ),
    story(
        "hygiene-items",
        UPHELD,
        "Opened lipstick returned because the colour looked different online.",
        "Hygiene rule; pointed to the colour guide for next time.",
        days_ago=80,
        recorder="ava",
        channel=Channel.CHAT,
        tags=["hygiene"],
        follow_up=RESOLVED,
    ),
    story(
        "identity-check-payment-details",
        UPHELD,
        "Caller asked to change the bank account but could not answer the security questions.",
        "Firm rule; asked the customer to call back with the phone on file.",
        days_ago=120,
        tags=["fraud", "identity"],
        follow_up=RESOLVED,
    ),
    story(
        "refund-to-original-payment-method",
        "Refund to another card in the customer's name",
        "Original card expired; customer asked for the refund on the new card.",
        "Same name on both cards; last digits recorded.",
        days_ago=170,
        amount=120,
        recorder="priya",
        tags=["refund", "card"],
        follow_up=RESOLVED,
    ),
    story(
        "refund-to-original-payment-method",
        "Refund as store credit",
        "Customer preferred store credit to wait for the card refund.",
        "Customer's own request.",
        days_ago=30,
        amount=60,
        recorder="noah",
        tags=["refund", "store-credit"],
    ),
    story(
        "free-redelivery",
        "Second free redelivery",
        "Driver arrived outside the booked slot twice.",
        "Our fault both times.",
        days_ago=200,
        amount=1,
        tags=["redelivery"],
        follow_up=RESOLVED,
    ),
    story(
        "free-redelivery",
        "Express redelivery at our cost",
        "Wedding dress missed twice; the wedding is on Saturday.",
        "We caused the miss and the date is fixed.",
        days_ago=0,
        amount=25,
        tags=["redelivery", "urgent"],
        escalation="waiting",
    ),
    story(
        "missing-parcel-claims",
        "Replace before the investigation ends",
        "Birthday present marked delivered but not received; birthday is tomorrow.",
        "Customer has had no missing parcels before.",
        days_ago=0,
        amount=90,
        recorder="ava",
        tags=["missing", "urgent"],
        escalation="waiting",
    ),
    story(
        "missing-parcel-claims",
        "Replace before the investigation ends",
        "Laptop charger marked delivered; customer needs it for exams this week.",
        "First missing parcel for this customer.",
        days_ago=140,
        amount=45,
        recorder="noah",
        tags=["missing"],
        escalation=("priya", Decision.GRANT, "Exam week; low value.", 0),
        follow_up=RESOLVED,
    ),
    story(
        "missing-parcel-claims",
        "Replace a high-value parcel early",
        "Camera worth 650 EUR marked delivered; customer flies abroad in two days.",
        "High value; customer's history is clean.",
        days_ago=50,
        amount=650,
        tags=["missing", "high-value"],
        escalation=("lena", Decision.UPHOLD, "Wait for the carrier: high value, 48h is short.", 1),
        follow_up=COMPLAINT,
    ),
    story(
        "two-year-warranty",
        "Repair just outside warranty",
        "Washing machine pump failed 12 days after the warranty ended.",
        "Within 30 days of the warranty's end.",
        days_ago=180,
        amount=12,
        tags=["warranty"],
        follow_up=RESOLVED,
    ),
    story(
        "two-year-warranty",
        "Goodwill repair further outside warranty",
        "Dishwasher door hinge (known weakness) broke 70 days after warranty.",
        "Known weakness of the model.",
        days_ago=90,
        amount=70,
        recorder="noah",
        tags=["warranty", "known-fault"],
        escalation=("priya", Decision.GRANT, "Known weakness: repair at our cost.", 2),
        follow_up=RESOLVED,
    ),
    story(
        "two-year-warranty",
        OUTSIDE,
        "Fridge compressor failed 8 months after warranty; customer is a long-standing client.",
        "Far outside any path; customer asks for goodwill.",
        days_ago=20,
        amount=240,
        tags=["warranty"],
        escalation=("lena", Decision.UPHOLD, "Offered a discounted repair instead.", 2),
    ),
    story(
        "loan-device-during-repair",
        "Loan device for a shorter repair",
        "Nurse's phone in repair for 6 days; needs it for shift rotas.",
        "Depends on the device for work.",
        days_ago=110,
        amount=6,
        recorder="ava",
        tags=["loan", "work"],
        escalation=("priya", Decision.GRANT, "Care work depends on it.", 0),
        follow_up=RESOLVED,
    ),
    story(
        "subscription-notice-period",
        "End the subscription at once",
        "Customer moved to Canada last week.",
        "Moving abroad is a listed reason.",
        days_ago=230,
        amount=30,
        tags=["cancellation", "moving"],
        follow_up=RESOLVED,
    ),
    story(
        "subscription-notice-period",
        "End the subscription at once",
        "Customer undergoing chemotherapy asked to stop the subscription now.",
        "Serious illness, added to the paths in the latest version.",
        days_ago=100,
        amount=30,
        recorder="noah",
        tags=["cancellation", "illness"],
        follow_up=RESOLVED,
    ),
    story(
        "subscription-notice-period",
        "Refund the last month",
        "Streaming box faulty for three weeks; customer cancels and wants the last month back.",
        "Fault on our side confirmed by the engineer's report.",
        days_ago=12,
        amount=40,
        tags=["cancellation", "fault"],
        escalation=("priya", Decision.GRANT, "Our fault, confirmed.", 1),
    ),
    story(
        DAMAGED,
        "Larger refund without a photo",
        "Sofa delivered with a torn cover; delivery team removed the packaging.",
        "Our own team removed the packaging, so no photo of the parcel exists.",
        days_ago=0,
        amount=280,
        recorder="noah",
        tags=["damaged", "no-photo", "furniture"],
        escalation="waiting",
    ),
]
