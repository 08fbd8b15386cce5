"""The demo company's customer-service rulebook: areas, policies and their versions.

Each policy lists its versions oldest first. A version holds the fields that
differ from the one before it, its change note and how many days ago it went
live; a negative number is a version approved today that goes live that many
days from now (a scheduled go-live). `paths` always lists the version's complete
set of exception paths, in their order.
A version may list in `cites` the beginnings of the situations of the demo cases
that drove it (see cases.py); they are recorded before the version goes live.
A policy may also list `rejected_submissions`: changes submitted for approval
that leadership sent back, written like versions plus the reviewer's comment.
"""

from typing import Any, TypedDict

from policies.choices import ChangeKind, Flexibility, Tier

SUBSTANTIVE = ChangeKind.SUBSTANTIVE
EDITORIAL = ChangeKind.EDITORIAL


def path(name, authority, conditions, record, decision_hours, amount=None, unit="", text=""):
    return {
        "name": name,
        "authority": authority,
        "limit_amount": amount,
        "limit_unit": unit,
        "limit_text": text,
        "conditions": conditions,
        "record": record,
        "decision_hours": decision_hours,
    }


class DemoArea(TypedDict):
    """A policy area of the demo: its index page's fields and the policies under it."""

    slug: str
    title: str
    intro: str
    # Each policy as the module docstring describes it.
    policies: list[dict[str, Any]]


AREAS: list[DemoArea] = [
    {
        "slug": "refunds-and-returns",
        "title": "Refunds and returns",
        "intro": "<p>When customers may send things back, and how we give their money back.</p>",
        "policies": [
            {
                "slug": "returns-within-30-days",
                "title": "Returns within 30 days",
                "owner": "olivia",
                "team": "Customer care",
                "tags": ["returns", "refund", "receipt"],
                "versions": [
                    {
                        "days_ago": 420,
                        "summary": "First published version of the returns rule.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "send back\nexchange\nreturn an item\n"
                            "reimbursement\nmoney back\nchanged my mind",
                            "summary": "Unused items can be returned for a full refund within "
                            "30 days of delivery.",
                            "rule": "<p>We accept returns of unused items in their original "
                            "packaging within 30 days of delivery. The refund goes back to the "
                            "original payment method within 5 working days of the item reaching "
                            "our warehouse.</p>",
                            "rationale": "<p>Thirty days gives customers time to try things at "
                            "home while keeping returned stock sellable. After a month, seasonal "
                            "items lose most of their value and many can no longer be resold as "
                            "new.</p>",
                            "how_to_explain": "<p>Tell the customer the window exists so returned "
                            "items can still be sold to someone else, which keeps prices down for "
                            "everyone. Check the exception paths before saying no.</p>",
                            "scope": "All items bought online or in our stores, except those "
                            "covered by the hygiene rule.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Late return, a few days over",
                                Tier.STAFF,
                                "The customer asks within 7 days after the window closed and "
                                "the item is unused.",
                                "Order number, delivery date and the reason for the delay.",
                                0,
                                7,
                                "days",
                            ),
                            path(
                                "Refund without a receipt",
                                Tier.SUPERVISOR,
                                "The purchase can be found in the customer's account or card "
                                "statement.",
                                "How the purchase was verified.",
                                24,
                                150,
                                "EUR",
                            ),
                        ],
                    },
                    {
                        "days_ago": 210,
                        "cites": [
                            "Shoes returned 12 days late after a hospital stay.",
                            "Jacket returned 5 days late; customer was travelling for work.",
                        ],
                        "summary": "Staff may now accept late returns up to 14 days over the "
                        "window, up from 7: most late returns were a week or two over and all "
                        "were approved on escalation.",
                        "kind": SUBSTANTIVE,
                        "fields": {},
                        "paths": [
                            path(
                                "Late return, a few days over",
                                Tier.STAFF,
                                "The customer asks within 14 days after the window closed and "
                                "the item is unused.",
                                "Order number, delivery date and the reason for the delay.",
                                0,
                                14,
                                "days",
                            ),
                            path(
                                "Refund without a receipt",
                                Tier.SUPERVISOR,
                                "The purchase can be found in the customer's account or card "
                                "statement.",
                                "How the purchase was verified.",
                                24,
                                150,
                                "EUR",
                            ),
                            path(
                                "Return of a used item",
                                Tier.LEADERSHIP,
                                "The item was used but failed in a way our product page did not "
                                "warn about.",
                                "What failed, photos, and the product page wording.",
                                72,
                                text="Case by case",
                            ),
                        ],
                    },
                    {
                        "days_ago": 45,
                        "summary": "Plainer wording of how to explain the window to customers.",
                        "kind": EDITORIAL,
                        "fields": {
                            "how_to_explain": "<p>Say that the 30 days let them try things at "
                            "home, and that returned items must still be sellable to someone "
                            "else. Then look at the exception paths together: many late returns "
                            "can be accepted on the spot.</p>",
                        },
                    },
                ],
            },
            {
                "slug": "damaged-goods-refund",
                "title": "Refunds for goods damaged on arrival",
                "owner": "olivia",
                "team": "Customer care",
                "tags": ["refund", "damaged", "delivery"],
                "versions": [
                    {
                        "days_ago": 380,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "broken on arrival\narrived broken\n"
                            "faulty delivery\ndamaged item\ncracked",
                            "summary": "Items that arrive damaged are refunded or replaced once "
                            "the customer sends a photo of the damage.",
                            "rule": "<p>When an item arrives damaged, ask for a photo of the "
                            "damage and of the parcel. With the photo, offer a replacement or a "
                            "full refund, including delivery costs. The customer does not need "
                            "to send the item back unless we ask.</p>",
                            "rationale": "<p>The photo lets us claim the cost from the carrier "
                            "and spot packaging that fails again and again. Without it we pay "
                            "twice: once to the customer and once in lost claims.</p>",
                            "how_to_explain": "<p>Explain that the photo lets us make the "
                            "carrier pay and fix our packaging, not that we doubt them.</p>",
                            "scope": "Online orders delivered by any of our carriers.",
                            "review_every_months": 6,
                        },
                        "paths": [
                            path(
                                "Refund without a photo",
                                Tier.STAFF,
                                "The customer cannot take a photo (no phone, item already "
                                "thrown away) and has no earlier damage claims this year.",
                                "Why no photo was possible.",
                                0,
                                50,
                                "EUR",
                            ),
                            path(
                                "Larger refund without a photo",
                                Tier.SUPERVISOR,
                                "As above, for items worth more than 50 EUR.",
                                "Why no photo was possible and the customer's claim history.",
                                8,
                                300,
                                "EUR",
                            ),
                        ],
                    },
                    {
                        "days_ago": 120,
                        "cites": [
                            "Dinner set: two plates broken",
                            "Mirror cracked on arrival",
                            "Coffee machine with a crushed corner",
                            "Bike helmet scratched",
                        ],
                        "summary": "Staff may refund up to 80 EUR without a photo, up from 50: "
                        "escalations between 50 and 80 EUR were always granted.",
                        "kind": SUBSTANTIVE,
                        "fields": {},
                        "paths": [
                            path(
                                "Refund without a photo",
                                Tier.STAFF,
                                "The customer cannot take a photo (no phone, item already "
                                "thrown away) and has no earlier damage claims this year.",
                                "Why no photo was possible.",
                                0,
                                80,
                                "EUR",
                            ),
                            path(
                                "Larger refund without a photo",
                                Tier.SUPERVISOR,
                                "As above, for items worth more than 80 EUR.",
                                "Why no photo was possible and the customer's claim history.",
                                8,
                                300,
                                "EUR",
                            ),
                        ],
                    },
                    {
                        "days_ago": 30,
                        "summary": "Supervisors may refund up to 400 EUR without a photo, up "
                        "from 300, and answer within 4 hours instead of 8: customers with "
                        "expensive items waited most of a working day.",
                        "kind": SUBSTANTIVE,
                        "fields": {},
                        "paths": [
                            path(
                                "Refund without a photo",
                                Tier.STAFF,
                                "The customer cannot take a photo (no phone, item already "
                                "thrown away) and has no earlier damage claims this year.",
                                "Why no photo was possible.",
                                0,
                                80,
                                "EUR",
                            ),
                            path(
                                "Larger refund without a photo",
                                Tier.SUPERVISOR,
                                "As above, for items worth more than 80 EUR.",
                                "Why no photo was possible and the customer's claim history.",
                                4,
                                400,
                                "EUR",
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "hygiene-items",
                "title": "Opened hygiene items cannot be returned",
                "owner": "olivia",
                "team": "Customer care",
                "flexibility": Flexibility.FIRM,
                "tags": ["returns", "hygiene", "safety"],
                "versions": [
                    {
                        "days_ago": 500,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "opened cosmetics\nused earphones\n"
                            "underwear return\nopened toothbrush\nswimwear",
                            "summary": "Earrings, cosmetics and other hygiene items cannot be "
                            "returned once their seal is broken.",
                            "rule": "<p>We do not accept returns of hygiene items (earrings, "
                            "cosmetics, toothbrushes, swimwear without its liner) once the seal "
                            "or hygiene liner is broken. Faulty items are handled under the "
                            "warranty rules instead.</p>",
                            "rationale": "<p>Health and safety law forbids reselling these "
                            "items once opened, and customers trust that what they buy from us "
                            "has never been used by anyone else.</p>",
                            "how_to_explain": "<p>Explain that the next customer must be able to "
                            "trust the item is new, and that the law protects them the same way. "
                            "If the item is faulty, offer the warranty route.</p>",
                            "scope": "Items marked as hygiene items on the product page.",
                            "review_every_months": 24,
                        },
                    },
                ],
            },
        ],
    },
    {
        "slug": "billing-and-late-fees",
        "title": "Billing and late fees",
        "intro": "<p>Invoices, payment plans, late fees and changes to payment details.</p>",
        "policies": [
            {
                "slug": "late-payment-fee",
                "title": "Late payment fee",
                "owner": "omar",
                "team": "Billing",
                "tags": ["billing", "fees", "payment"],
                "versions": [
                    {
                        "days_ago": 400,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "overdue invoice\npaid late\nlate charge\n"
                            "waive fee\npenalty",
                            "summary": "A 15 EUR fee is added when an invoice is paid more than "
                            "14 days late.",
                            "rule": "<p>Invoices paid more than 14 days after their due date get "
                            "a one-off late fee of 15 EUR on the next invoice.</p>",
                            "rationale": "<p>Late payments cost us in reminders and in cash we "
                            "must borrow. The fee covers that cost and nudges payment; it is not "
                            "meant to punish customers who hit a bad month.</p>",
                            "how_to_explain": "<p>Say what the fee covers, and ask whether "
                            "something got in the way: a first slip is often waived.</p>",
                            "scope": "Customers on monthly invoices.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Waive a first late fee",
                                Tier.STAFF,
                                "No late fee waived for this customer in the last 12 months.",
                                "Reason the payment was late.",
                                0,
                                15,
                                "EUR",
                                "once per customer per 12 months",
                            ),
                            path(
                                "Waive repeated late fees",
                                Tier.SUPERVISOR,
                                "The customer explains a hardship (illness, job loss, bank error).",
                                "The hardship and what was agreed for future payments.",
                                24,
                                60,
                                "EUR",
                            ),
                            path(
                                "Payment plan longer than 6 months",
                                Tier.LEADERSHIP,
                                "Debt over 500 EUR and a documented hardship.",
                                "The plan, the hardship and who approved it.",
                                72,
                                text="Case by case",
                            ),
                        ],
                    },
                    {
                        "days_ago": 90,
                        "cites": [
                            "Payment page showed an error on the due date.",
                        ],
                        "summary": "Fee no longer charged when our own payment page was down "
                        "on the due date.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "rule": "<p>Invoices paid more than 14 days after their due date get "
                            "a one-off late fee of 15 EUR on the next invoice. No fee is charged "
                            "when our payment page was unavailable on the due date.</p>",
                        },
                    },
                    {
                        "days_ago": 20,
                        "summary": "Plainer words for explaining the fee, and a reminder to "
                        "check for a payment page outage first.",
                        "kind": EDITORIAL,
                        "fields": {
                            "how_to_explain": "<p>Say what the fee pays for: the reminders and "
                            "the money we borrow while an invoice is open. Check first whether our "
                            "payment page was down on the due date, then ask whether something "
                            "got in the way: a first slip is often waived.</p>",
                        },
                    },
                ],
                # Submitted after the last version and sent back by leadership: it stays a
                # draft, so the workflow waits for changes and no later version can follow.
                "rejected_submissions": [
                    {
                        "days_ago": 8,
                        "summary": "Raise the late fee to 25 EUR to cover the higher cost of "
                        "reminders.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "summary": "A 25 EUR fee is added when an invoice is paid more than "
                            "14 days late.",
                            "rule": "<p>Invoices paid more than 14 days after their due date get "
                            "a one-off late fee of 25 EUR on the next invoice. No fee is charged "
                            "when our payment page was unavailable on the due date.</p>",
                        },
                        "comment": "The fee is meant to cover our cost, not to punish a bad "
                        "month. Bring the reminder costs and the effect on complaints, then "
                        "submit again.",
                    },
                ],
            },
            {
                "slug": "identity-check-payment-details",
                "title": "Identity check before changing payment details",
                "owner": "omar",
                "team": "Billing",
                "flexibility": Flexibility.FIRM,
                "tags": ["billing", "fraud", "identity"],
                "versions": [
                    {
                        "days_ago": 600,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "change bank details\nnew card\nupdate IBAN\n"
                            "verify identity\nsecurity check",
                            "summary": "Payment details are only changed after the customer "
                            "passes the full identity check.",
                            "rule": "<p>Before changing a bank account, card or billing "
                            "address, the customer must pass the full identity check: two "
                            "security questions and a code sent to the phone number on file.</p>",
                            "rationale": "<p>Changing payment details is the first step of most "
                            "account takeovers. Payment regulations require strong customer "
                            "authentication, and we are liable for payments diverted through a "
                            "skipped check.</p>",
                            "how_to_explain": "<p>Say that the check protects their money from "
                            "someone pretending to be them, and that we cannot skip it for "
                            "anyone, including ourselves.</p>",
                            "scope": "Every channel: phone, chat, email and stores.",
                            "review_every_months": 24,
                        },
                    },
                ],
            },
            {
                "slug": "refund-to-original-payment-method",
                "title": "Refunds go to the original payment method",
                "owner": "omar",
                "team": "Billing",
                "tags": ["refund", "billing", "payment"],
                "versions": [
                    {
                        "days_ago": 300,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "refund to another card\nrefund in cash\n"
                            "store credit\nexpired card\ngift card",
                            "summary": "Money is refunded to the card or account the customer "
                            "paid with.",
                            "rule": "<p>Refunds go back to the card or bank account used for the "
                            "purchase.</p>",
                            "rationale": "<p>Refunding elsewhere is a common way to launder "
                            "stolen card payments; the original method proves the money goes "
                            "back to whoever paid.</p>",
                            "how_to_explain": "<p>Explain that this protects them if their card "
                            "was ever misused, because the money can only return to it.</p>",
                            "scope": "All refunds.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Refund as store credit",
                                Tier.STAFF,
                                "The customer asks for store credit instead.",
                                "The customer's request, in their words.",
                                0,
                                200,
                                "EUR",
                            ),
                            path(
                                "Refund to another card in the customer's name",
                                Tier.SUPERVISOR,
                                "The original card has expired or was cancelled, and the new "
                                "card is in the same name.",
                                "Last four digits of both cards.",
                                24,
                                500,
                                "EUR",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "delivery",
        "title": "Delivery",
        "intro": "<p>Redeliveries, missing parcels and what the driver must check at the door.</p>",
        "policies": [
            {
                "slug": "free-redelivery",
                "title": "One free redelivery",
                "owner": "omar",
                "team": "Logistics",
                "tags": ["delivery", "redelivery"],
                "versions": [
                    {
                        "days_ago": 350,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "missed delivery\nnot at home\n"
                            "courier came when out\ndeliver again\nsecond delivery",
                            "summary": "A missed delivery is redelivered once for free; later "
                            "attempts cost 6 EUR.",
                            "rule": "<p>When nobody is home, we redeliver once at no cost. "
                            "Further attempts cost 6 EUR each, or the customer collects the "
                            "parcel from the depot.</p>",
                            "rationale": "<p>Each attempt costs us about 6 EUR. One free retry "
                            "covers ordinary bad luck; charging after that keeps repeated misses "
                            "from being paid by all customers.</p>",
                            "how_to_explain": "<p>Offer the depot pickup first, then explain the "
                            "cost of another trip.</p>",
                            "scope": "Home deliveries by our own drivers.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Second free redelivery",
                                Tier.STAFF,
                                "The first redelivery was missed for a reason outside the "
                                "customer's control (driver late, wrong time slot).",
                                "What went wrong on our side.",
                                0,
                                1,
                                "redeliveries",
                            ),
                            path(
                                "Express redelivery at our cost",
                                Tier.SUPERVISOR,
                                "We caused the miss and the customer needs the item urgently "
                                "(medical, event the same week).",
                                "The urgency and the courier booked.",
                                4,
                                25,
                                "EUR",
                            ),
                        ],
                    },
                    {
                        # Approved already, it goes live with the new carrier contract.
                        "days_ago": -14,
                        "summary": "Further redeliveries cost 5 EUR, down from 6: the new "
                        "carrier contract makes each trip cheaper.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "summary": "A missed delivery is redelivered once for free; later "
                            "attempts cost 5 EUR.",
                            "rule": "<p>When nobody is home, we redeliver once at no cost. "
                            "Further attempts cost 5 EUR each, or the customer collects the "
                            "parcel from the depot.</p>",
                            "rationale": "<p>Each attempt costs us about 5 EUR. One free retry "
                            "covers ordinary bad luck; charging after that keeps repeated misses "
                            "from being paid by all customers.</p>",
                        },
                    },
                ],
            },
            {
                "slug": "missing-parcel-claims",
                "title": "Missing parcel claims",
                "owner": "omar",
                "team": "Logistics",
                "tags": ["delivery", "missing", "claims"],
                "versions": [
                    {
                        "days_ago": 330,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "lost parcel\nparcel never arrived\n"
                            "package not delivered\nnever came\nstolen parcel\nmarked delivered",
                            "summary": "A parcel marked delivered but not received is replaced "
                            "after the carrier's 48-hour investigation.",
                            "rule": "<p>When a parcel shows as delivered but the customer has "
                            "not received it, open a carrier investigation. If the carrier cannot "
                            "find it within 48 hours, replace or refund the order.</p>",
                            "rationale": "<p>Most missing parcels turn up with a neighbour within "
                            "a day or two. Waiting for the investigation avoids sending two "
                            "items, and the carrier only pays claims it has investigated.</p>",
                            "how_to_explain": "<p>Say that most parcels turn up within two days, "
                            "and give the date by which they will have a replacement or refund "
                            "either way.</p>",
                            "scope": "Parcels tracked as delivered.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Replace before the investigation ends",
                                Tier.SUPERVISOR,
                                "The customer needs the item before the investigation ends "
                                "and has had no missing parcel in the last 12 months.",
                                "The customer's deadline and their claim history.",
                                8,
                                200,
                                "EUR",
                            ),
                            path(
                                "Replace a high-value parcel early",
                                Tier.LEADERSHIP,
                                "As above, for orders worth more than 200 EUR.",
                                "The order value, the deadline and the claim history.",
                                24,
                                text="Case by case",
                            ),
                        ],
                    },
                    {
                        "days_ago": 150,
                        "summary": "Clarified that the 48 hours count from when the "
                        "investigation is opened.",
                        "kind": EDITORIAL,
                        "fields": {
                            "rule": "<p>When a parcel shows as delivered but the customer has "
                            "not received it, open a carrier investigation. If the carrier cannot "
                            "find it within 48 hours of opening the investigation, replace or "
                            "refund the order.</p>",
                        },
                    },
                    {
                        "days_ago": 40,
                        "summary": "Staff may now replace parcels worth up to 100 EUR before "
                        "the investigation ends, on the spot: supervisors granted almost every "
                        "such request. Supervisors keep orders worth 100 to 200 EUR.",
                        "kind": SUBSTANTIVE,
                        "fields": {},
                        "paths": [
                            path(
                                "Replace before the investigation ends",
                                Tier.STAFF,
                                "The customer needs the item before the investigation ends "
                                "and has had no missing parcel in the last 12 months.",
                                "The customer's deadline and their claim history.",
                                0,
                                100,
                                "EUR",
                            ),
                            path(
                                "Replace a mid-value parcel early",
                                Tier.SUPERVISOR,
                                "As above, for orders worth 100 to 200 EUR.",
                                "The order value, the deadline and the claim history.",
                                8,
                                200,
                                "EUR",
                            ),
                            path(
                                "Replace a high-value parcel early",
                                Tier.LEADERSHIP,
                                "As above, for orders worth more than 200 EUR.",
                                "The order value, the deadline and the claim history.",
                                24,
                                text="Case by case",
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "age-restricted-delivery",
                "title": "ID check at the door for age-restricted items",
                "owner": "omar",
                "team": "Logistics",
                "flexibility": Flexibility.FIRM,
                "tags": ["delivery", "legal", "identity"],
                "versions": [
                    {
                        "days_ago": 700,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "alcohol delivery\nproof of age\nunder 18\nwine\n"
                            "leave with neighbour",
                            "summary": "Age-restricted items are only handed over after the "
                            "driver checks photo ID showing the recipient is 18 or older.",
                            "rule": "<p>Parcels with alcohol, knives or other age-restricted "
                            "items are only handed to a recipient who shows photo ID proving "
                            "they are 18 or older. Without ID, the parcel returns to the "
                            "depot.</p>",
                            "rationale": "<p>Selling these items to minors is a criminal offence "
                            "for the company and the driver. The law makes no exception for "
                            "convenience.</p>",
                            "how_to_explain": "<p>Say that the law requires the check for every "
                            "customer, and offer a new delivery slot or depot pickup with ID.</p>",
                            "scope": "All parcels flagged as age-restricted.",
                            "review_every_months": 24,
                        },
                    },
                ],
            },
        ],
    },
    {
        "slug": "warranty-and-repairs",
        "title": "Warranty and repairs",
        "intro": "<p>What the warranty covers, and how we help while something is being "
        "repaired.</p>",
        "policies": [
            {
                "slug": "two-year-warranty",
                "title": "Two-year warranty",
                "owner": "olivia",
                "team": "After-sales",
                "tags": ["warranty", "repair"],
                "versions": [
                    {
                        "days_ago": 450,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "guarantee\nbroke after months\nstopped working\n"
                            "faulty product\nrepair under warranty",
                            "summary": "Faults that appear within two years of delivery are "
                            "repaired, replaced or refunded free of charge.",
                            "rule": "<p>We repair, replace or refund any item that develops a "
                            "fault within two years of delivery, unless the fault comes from "
                            "misuse or an accident.</p>",
                            "rationale": "<p>Two years is what the law requires and what our "
                            "suppliers cover. Beyond it, the cost falls on us alone.</p>",
                            "how_to_explain": "<p>Explain what the warranty covers, and that "
                            "just outside it we may still help.</p>",
                            "scope": "All electrical and mechanical items.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Repair just outside warranty",
                                Tier.STAFF,
                                "The fault appeared within 30 days after the warranty ended.",
                                "The date the fault appeared and the item's age.",
                                0,
                                30,
                                "days",
                            ),
                            path(
                                "Goodwill repair further outside warranty",
                                Tier.SUPERVISOR,
                                "The fault appeared within 90 days after the warranty ended "
                                "and is a known weakness of the model.",
                                "The model and the known weakness.",
                                48,
                                90,
                                "days",
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "loan-device-during-repair",
                "title": "Loan device during a repair",
                "owner": "olivia",
                "team": "After-sales",
                "tags": ["warranty", "repair", "loan"],
                "versions": [
                    {
                        "days_ago": 260,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "loan phone\ncourtesy phone\n"
                            "replacement phone while repaired\nspare device\nborrow a laptop",
                            "summary": "Customers get a loan device when a warranty repair takes "
                            "longer than 10 working days.",
                            "rule": "<p>When a warranty repair will take longer than 10 working "
                            "days, offer a loan device of the same kind while stock lasts.</p>",
                            "rationale": "<p>Long repairs leave customers without something "
                            "they depend on. Loan stock is limited, so it goes to the longest "
                            "waits first.</p>",
                            "how_to_explain": "<p>Explain when loans are available and check the "
                            "exception paths if the customer depends on the device.</p>",
                            "scope": "Warranty repairs of phones, laptops and tablets.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "Loan device for a shorter repair",
                                Tier.SUPERVISOR,
                                "The customer depends on the device for work, care or study.",
                                "Why the customer depends on it.",
                                24,
                                10,
                                "working days",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "cancellations",
        "title": "Cancellations",
        "intro": "<p>Ending subscriptions and contracts fairly.</p>",
        "policies": [
            {
                "slug": "subscription-notice-period",
                "title": "Subscription notice period",
                "owner": "olivia",
                "team": "Customer care",
                "tags": ["cancellation", "subscription"],
                "versions": [
                    {
                        "days_ago": 365,
                        "summary": "First published version.",
                        "kind": SUBSTANTIVE,
                        "fields": {
                            "also_searched_as": "cancel subscription\nend contract\n"
                            "stop membership\nnotice period\nterminate",
                            "summary": "Subscriptions end at the close of the month after the "
                            "customer gives notice.",
                            "rule": "<p>A subscription ends at the end of the calendar month "
                            "following the month in which the customer cancels.</p>",
                            "rationale": "<p>Our suppliers bill us a month ahead; the notice "
                            "period lets us cancel their side without paying for what nobody "
                            "uses.</p>",
                            "how_to_explain": "<p>Give the exact end date and the last amount "
                            "they will pay.</p>",
                            "scope": "Monthly subscriptions.",
                            "review_every_months": 12,
                        },
                        "paths": [
                            path(
                                "End the subscription at once",
                                Tier.STAFF,
                                "The customer has moved abroad, or the account holder has died.",
                                "The reason, and the document seen.",
                                0,
                                30,
                                "days",
                            ),
                            path(
                                "Refund the last month",
                                Tier.SUPERVISOR,
                                "The service was not used in the last month because of a fault "
                                "on our side.",
                                "The fault and its dates.",
                                24,
                                40,
                                "EUR",
                            ),
                        ],
                    },
                    {
                        "days_ago": 160,
                        "summary": "Serious illness added to the reasons for ending a "
                        "subscription at once.",
                        "kind": SUBSTANTIVE,
                        "fields": {},
                        "paths": [
                            path(
                                "End the subscription at once",
                                Tier.STAFF,
                                "The customer has moved abroad or is seriously ill, or the "
                                "account holder has died.",
                                "The reason, and the document seen.",
                                0,
                                30,
                                "days",
                            ),
                            path(
                                "Refund the last month",
                                Tier.SUPERVISOR,
                                "The service was not used in the last month because of a fault "
                                "on our side.",
                                "The fault and its dates.",
                                24,
                                40,
                                "EUR",
                            ),
                        ],
                    },
                    {
                        "days_ago": 60,
                        "summary": "Supervisors may refund up to 60 EUR for the last month, up "
                        "from 40, now that monthly prices are higher; and staff may pause a "
                        "subscription for up to 3 months for customers who would otherwise "
                        "cancel.",
                        "kind": SUBSTANTIVE,
                        "fields": {},
                        "paths": [
                            path(
                                "End the subscription at once",
                                Tier.STAFF,
                                "The customer has moved abroad or is seriously ill, or the "
                                "account holder has died.",
                                "The reason, and the document seen.",
                                0,
                                30,
                                "days",
                            ),
                            path(
                                "Refund the last month",
                                Tier.SUPERVISOR,
                                "The service was not used in the last month because of a fault "
                                "on our side.",
                                "The fault and its dates.",
                                24,
                                60,
                                "EUR",
                            ),
                            path(
                                "Pause instead of ending",
                                Tier.STAFF,
                                "The customer wants to stop for a while (travel, illness) and "
                                "would otherwise cancel.",
                                "The first and last month of the pause.",
                                0,
                                3,
                                "months",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
]

# Pairs of policies that point at each other from their first version on.
RELATED = [
    ("returns-within-30-days", "hygiene-items"),
    ("returns-within-30-days", "refund-to-original-payment-method"),
    ("damaged-goods-refund", "missing-parcel-claims"),
    ("two-year-warranty", "loan-device-during-repair"),
    ("late-payment-fee", "identity-check-payment-details"),
]
