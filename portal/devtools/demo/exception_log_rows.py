"""The rows of the demo's sample exception log: what kinds of case each demo policy saw,
who decided them, and the rows broken on purpose with what the import says of each.
See exception_log.py, which draws the log from these tables."""

from policies.choices import Tier

WITHIN, OUTSIDE, UPHELD = "Granted within a path", "Granted outside any path", "Upheld"

# Who decided, as the log wrote them: demo logins by username, full name or email, and
# people who left before the portal, kept by name with the tier the log gives them.
DECIDERS = {
    Tier.STAFF: ["sam", "Noah Berg", "ava@example.com", "Tom Reyes"],
    Tier.SUPERVISOR: ["priya", "Priya Shah", "Marta Kowalski"],
    Tier.LEADERSHIP: ["lena", "Lena Okafor"],
}
FORMER_STAFF = {"Tom Reyes": "staff", "Marta Kowalski": "supervisor"}

# Per policy: (decision, path, lowest and highest amount, situations, rationale, tags).
KINDS: dict[str, list[tuple]] = {
    "returns-within-30-days": [
        (
            WITHIN,
            "Late return, a few days over",
            (1, 7),
            [
                "Boots returned {n} days late; customer was abroad for a funeral.",
                "Jacket returned {n} days late after a house move.",
                "Unopened blender returned {n} days late; parcel shop was closed for renovation.",
            ],
            "Unused, in its packaging, and only a few days over.",
            "returns, late",
        ),
        (
            WITHIN,
            "Refund without a receipt",
            (20, 150),
            [
                "No receipt for a {n} EUR coat; purchase found on the customer's card statement.",
                "Gift returned without a receipt; order found in the giver's account ({n} EUR).",
            ],
            "Purchase verified in the account history.",
            "returns, receipt",
        ),
        (
            UPHELD,
            "",
            None,
            [
                "Sofa cushion returned after 10 weeks of use.",
                "Customer wanted to return a worn dress after a wedding.",
            ],
            "Well outside the window and clearly used.",
            "returns",
        ),
    ],
    "damaged-goods-refund": [
        (
            WITHIN,
            "Refund without a photo",
            (10, 50),
            [
                "Teapot arrived chipped; customer has no camera ({n} EUR).",
                "Picture frame glass cracked; box already recycled ({n} EUR).",
                "Set of glasses, one broken; customer is visually impaired ({n} EUR).",
            ],
            "No photo possible; no earlier claims on the account.",
            "damaged, no-photo",
        ),
        (
            WITHIN,
            "Larger refund without a photo",
            (90, 300),
            [
                "Desk arrived with a split top; courier took the packaging ({n} EUR).",
                "Microwave door cracked; customer's phone is broken ({n} EUR).",
            ],
            "Consistent description and a clean claim history.",
            "damaged, no-photo",
        ),
        (
            OUTSIDE,
            "",
            (60, 250),
            [
                "Third damaged parcel this year; rug torn, no photo ({n} EUR).",
            ],
            "Genuine claims each time; keeping the customer matters more.",
            "damaged",
        ),
    ],
    "hygiene-items": [
        (
            UPHELD,
            "",
            None,
            [
                "Customer wanted to return an opened electric toothbrush head.",
                "Opened earphones returned because of the colour.",
                "Unsealed lipstick returned as unwanted.",
            ],
            "Opened hygiene items cannot be resold; offered the warranty route instead.",
            "hygiene",
        ),
    ],
    "late-payment-fee": [
        (
            WITHIN,
            "Waive a first late fee",
            (5, 15),
            [
                "First late payment in years; customer was in hospital ({n} EUR fee).",
                "Direct debit failed during a bank outage ({n} EUR fee).",
                "Invoice went to an old address after a move ({n} EUR fee).",
            ],
            "First late payment; explained and paid at once.",
            "late-fee",
        ),
        (
            WITHIN,
            "Waive repeated late fees",
            (16, 60),
            [
                "Second late fee this year; customer caring for a parent ({n} EUR).",
                "Customer lost their job and paid three weeks late ({n} EUR).",
            ],
            "Documented hardship; a payment date that suits them was agreed.",
            "late-fee, hardship",
        ),
        (
            WITHIN,
            "Payment plan longer than 6 months",
            None,
            [
                "Customer with a 900 EUR debt after an illness asked for a 12-month plan.",
            ],
            "Documented hardship; the plan keeps the customer paying.",
            "payment-plan",
        ),
        (
            UPHELD,
            "",
            None,
            [
                "Customer asked to waive a fourth late fee in a year without a reason.",
            ],
            "No hardship given; the fee stands.",
            "late-fee",
        ),
    ],
    "identity-check-payment-details": [
        (
            UPHELD,
            "",
            None,
            [
                "Caller asked to change the bank account but failed the security questions.",
                "Relative asked to update the card of an account holder abroad.",
            ],
            "The identity check is never skipped; explained how to pass it.",
            "identity",
        ),
    ],
    "refund-to-original-payment-method": [
        (
            WITHIN,
            "Refund as store credit",
            (10, 200),
            [
                "Customer asked for store credit instead of a card refund ({n} EUR).",
            ],
            "The customer's own request, recorded in their words.",
            "refund, store-credit",
        ),
        (
            WITHIN,
            "Refund to another card in the customer's name",
            (20, 500),
            [
                "Original card expired; refund to the customer's new card ({n} EUR).",
            ],
            "Both cards in the customer's name, last digits checked.",
            "refund",
        ),
    ],
    "free-redelivery": [
        (
            WITHIN,
            "Second free redelivery",
            (1, 1),
            [
                "Courier left a card without ringing; second redelivery free.",
                "Wrong floor on the label printed by us; second redelivery free.",
            ],
            "The failure was on our side.",
            "delivery",
        ),
        (
            WITHIN,
            "Express redelivery at our cost",
            (8, 25),
            [
                "Wedding outfit needed by Saturday; express redelivery ({n} EUR).",
            ],
            "A firm date the customer told us about in advance.",
            "delivery, express",
        ),
    ],
    "missing-parcel-claims": [
        (
            WITHIN,
            "Replace a high-value parcel early",
            (210, 900),
            [
                "Laptop parcel missing for 5 days; customer starts a course Monday ({n} EUR).",
            ],
            "Deadline documented; no earlier claims.",
            "missing-parcel",
        ),
        (
            UPHELD,
            "",
            None,
            [
                "Customer wanted a replacement on day one of the courier's investigation.",
            ],
            "Nothing urgent; the investigation usually ends within 5 days.",
            "missing-parcel",
        ),
    ],
    "age-restricted-delivery": [
        (
            UPHELD,
            "",
            None,
            [
                "Neighbour offered to sign for a wine delivery.",
                "Customer asked the courier to leave spirits at the door.",
            ],
            "Age-restricted items are handed over only after an ID check.",
            "age-check",
        ),
    ],
    "two-year-warranty": [
        (
            WITHIN,
            "Repair just outside warranty",
            (1, 30),
            [
                "Washing machine pump failed {n} days after the warranty ended.",
            ],
            "Fault appeared soon after the warranty; repair is cheaper than a complaint.",
            "warranty",
        ),
        (
            WITHIN,
            "Goodwill repair further outside warranty",
            (31, 90),
            [
                "Known hinge weakness on the model; {n} days past warranty.",
            ],
            "Known weakness of the model.",
            "warranty, goodwill",
        ),
    ],
    "loan-device-during-repair": [
        (
            WITHIN,
            "Loan device for a shorter repair",
            (3, 10),
            [
                "Nurse on call needs a phone during a {n}-day repair.",
                "Student needs a laptop for exams during a {n}-day repair.",
            ],
            "The customer depends on the device for work or study.",
            "loan",
        ),
    ],
    "subscription-notice-period": [
        (
            WITHIN,
            "End the subscription at once",
            (1, 30),
            [
                "Customer moved abroad; ended the subscription {n} days early.",
                "Account holder died; family asked to end it at once.",
            ],
            "Document seen and noted.",
            "subscription",
        ),
        (
            WITHIN,
            "Refund the last month",
            (10, 40),
            [
                "Service outage for most of the month; last month refunded ({n} EUR).",
            ],
            "The outage is on record.",
            "subscription, outage",
        ),
    ],
}
FOLLOW_UPS = ["Resolved", "Resolved", "Resolved", "Customer came back", "Complaint", ""]
CHANNELS = ["Phone", "Email", "Chat", "In store"]

# Rows broken on purpose, each with what the import says about it.
BROKEN = [
    (
        [
            "2026-03-02",
            "Opened hygiene items cannot be returned",
            "Customer wanted to return an opened shaver head; refunded anyway.",
            WITHIN,
            "Goodwill refund",
            "",
            "priya",
            "",
            "Customer was upset.",
        ],
        "firm",
    ),
    (
        [
            "2026-04-14",
            "Gift wrapping",
            "Customer wanted free gift wrapping.",
            UPHELD,
            "",
            "",
            "sam",
            "",
            "Not offered.",
        ],
        "No published policy",
    ),
    (
        [
            "2026-05-20",
            "Returns within 30 days",
            "Customer returned a bike after 40 days.",
            WITHIN,
            "Late return, weeks over",
            "10",
            "sam",
            "",
            "Asked nicely.",
        ],
        "no path",
    ),
    (
        [
            "2026-06-03",
            "Late payment fee",
            "Customer asked to waive 80 EUR of fees.",
            WITHIN,
            "Waive repeated late fees",
            "80",
            "",
            "",
            "Hardship.",
        ],
        "over every limit",
    ),
    (
        [
            "2026-02-30",
            "Late payment fee",
            "Fee waived after a bank error.",
            WITHIN,
            "Waive a first late fee",
            "10",
            "sam",
            "",
            "Bank error.",
        ],
        "not a date",
    ),
    (
        [
            "31/07/2026",
            "One free redelivery",
            "Courier lost the card.",
            WITHIN,
            "Second free redelivery",
            "1",
            "noah",
            "",
            "Our fault.",
        ],
        "not a date",
    ),
    (
        [
            "2026-07-09",
            "Refunds for goods damaged on arrival",
            "Sofa ripped; no photo.",
            WITHIN,
            "Larger refund without a photo",
            "250",
            "sam",
            "",
            "Looked genuine.",
        ],
        "supervisor",
    ),
    (
        [
            "2026-08-11",
            "Returns within 30 days",
            "",
            UPHELD,
            "",
            "",
            "ava",
            "",
            "No situation written.",
        ],
        "situation is empty",
    ),
    (
        [
            "2026-08-19",
            "Two-year warranty",
            "Kettle stopped after 25 months.",
            "Maybe",
            "",
            "",
            "priya",
            "",
            "Unclear.",
        ],
        "not a decision",
    ),
    (
        [
            "2026-09-01",
            "Subscription notice period",
            "Customer moved abroad.",
            WITHIN,
            "End the subscription at once",
            "",
            "sam",
            "",
            "Document seen.",
        ],
        "Enter the amount",
    ),
    (
        [
            "2026-09-15",
            "Identity check before changing payment details",
            "Caller without ID asked to change the account.",
            OUTSIDE,
            "",
            "",
            "Lena Okafor",
            "",
            "Trusted the caller.",
        ],
        "firm",
    ),
]
