"""Words for the large company: area and policy titles, rule texts, case stories.

Plain sentences assembled from small lists, varied enough that search has
common words ("refund" appears in about a third of everything) and one rare
word (RARE_TERM) that only a single policy and a few cases use.
"""

import random

RARE_TERM = "sextant"

AREAS = [
    ("Refunds and returns", "Refunds"),
    ("Billing and payments", "Payments"),
    ("Delivery", "Deliveries"),
    ("Warranty and repairs", "Repairs"),
    ("Subscriptions", "Subscriptions"),
    ("Accounts and identity", "Account changes"),
    ("Privacy and data", "Data requests"),
    ("Loyalty programme", "Loyalty points"),
    ("Gift cards", "Gift cards"),
    ("Pricing and promotions", "Price matches"),
    ("Store operations", "Store services"),
    ("Health and safety", "Safety checks"),
    ("Complaints", "Complaints"),
    ("Accessibility", "Accessible service"),
    ("Business customers", "Business orders"),
    ("Installations", "Installations"),
    ("Rentals", "Rentals"),
    ("Trade-ins", "Trade-ins"),
    ("Insurance add-ons", "Insurance claims"),
    ("Click and collect", "Collections"),
    ("Marketplace sellers", "Seller disputes"),
    ("Credit and financing", "Instalment plans"),
    ("Customer contact", "Callbacks"),
    ("Social media", "Public replies"),
    ("Product recalls", "Recalls"),
    ("Pre-orders", "Pre-orders"),
    ("Personalised products", "Personalised items"),
    ("Large appliances", "Appliance deliveries"),
    ("Furniture", "Furniture orders"),
    ("Electronics", "Device swaps"),
    ("Groceries", "Grocery substitutions"),
    ("Pharmacy counter", "Pharmacy requests"),
    ("Travel bookings", "Booking changes"),
    ("Events and tickets", "Ticket changes"),
    ("Staff discounts", "Staff discounts"),
    ("Fraud prevention", "Fraud holds"),
    ("Debt collection", "Payment plans"),
    ("Vouchers and credit", "Store credit"),
    ("International orders", "Customs charges"),
    ("Sustainability", "Recycling pick-ups"),
]

ASPECTS = [
    "within the standard window",
    "after the deadline",
    "without a receipt",
    "for damaged goods",
    "for business customers",
    "for loyalty members",
    "for gifts",
    "abroad",
    "in store",
    "by phone",
    "by chat",
    "for vulnerable customers",
    "for repeat requests",
    "during sales",
    "for bundled items",
    "for opened packaging",
    "for high-value orders",
    "for marketplace items",
    "for orders paid by instalments",
    "for orders split over several parcels",
    "for first-time customers",
    "for minors' accounts",
    "after a price change",
    "after a failed delivery",
    "after an outage",
    "for partial orders",
    "for refurbished items",
    "for clearance items",
    "for corporate gifts",
    "on public holidays",
    "for named accounts",
    "for joint accounts",
    "for customers who moved house",
    "for customers in hospital",
    "for bereaved families",
    "for seasonal items",
    "for made-to-measure items",
    "for digital products",
    "for wrong items sent",
    "for missing parts",
    "with a courier error",
    "with a payment error",
    "with a duplicate charge",
    "with an expired card",
    "with a disputed signature",
    "for charity orders",
    "for schools",
    "for care homes",
    "for trade accounts",
    "for staff purchases",
    "for press enquiries",
    "for large households",
    "in remote areas",
    "on islands",
    "for weekend orders",
    "for night deliveries",
    "for pre-launch items",
    "for sample products",
    "for display models",
    "for end-of-line stock",
]

TEAMS = [
    "Customer care",
    "Finance operations",
    "Logistics",
    "After-sales service",
    "Membership",
    "Legal and compliance",
    "Store network",
    "Trust and safety",
    "Partnerships",
    "Digital channels",
]

POLICY_TAGS = [
    "refund",
    "returns",
    "receipt",
    "fees",
    "delivery",
    "warranty",
    "identity",
    "fraud",
    "hardship",
    "goodwill",
    "legal",
    "safety",
    "privacy",
    "loyalty",
    "business",
    "accessibility",
    "deadline",
    "damaged",
    "vouchers",
    "subscription",
]

CASE_TAGS = [
    *POLICY_TAGS,
    "repeat",
    "urgent",
    "elderly",
    "no-photo",
    "late",
    "courier",
    "moving",
    "illness",
    "complaint",
    "high-value",
]

RULE_OPENINGS = [
    "We {verb} {topic_lower} {aspect} only when the order can be traced to the customer.",
    "{topic} {aspect} follow the standard terms: the customer asks, we check, we confirm.",
    "Staff handle {topic_lower} {aspect} the same way for every customer, in every channel.",
    "{topic} {aspect} are accepted when the request reaches us within the published time.",
]
RULE_DETAILS = [
    "A refund goes back to the original payment method within five working days.",
    "The customer gets a written confirmation with the reference number.",
    "The request is recorded on the customer's account before anything is promised.",
    "Fees already charged stay charged unless an exception path applies.",
    "Items must come back complete, with their accessories and manuals.",
    "Proof of purchase is the order number, a receipt or a card statement.",
    "The courier's scan is the record of when a parcel arrived.",
    "Prices and terms are those shown on the day of the order.",
]
RATIONALES = [
    "It keeps the decision the same for every customer, so nobody gets more for asking louder.",
    "Returned stock must still be sellable; after the window most of its value is gone.",
    "Our card processor and the law require us to refund to the original payment method.",
    "Fraud teams saw this route abused; a traceable order protects honest customers.",
    "The cost of exceptions lands in prices for everyone, so they need a clear reason.",
    "Suppliers only credit us within their own deadlines, which this rule mirrors.",
    "Customers told us they value a quick, predictable answer over a negotiation.",
    "A refund without a check invites mistakes that take weeks to unwind.",
]
EXPLANATIONS = [
    "Say what the rule protects before saying no, and check the exception paths first.",
    "Explain the reason calmly; offer what is in your hands and say who decides the rest.",
    "Never promise an outcome that needs a supervisor; say when they will answer instead.",
    "Use the customer's own words when you record the case, so the next person understands.",
]
SCOPES = [
    "All customers, online and in store.",
    "Orders placed online or by phone.",
    "Every store and the contact centre.",
    "Consumer accounts; business accounts have their own terms.",
]

PATH_NAMES = [
    "Goodwill exception",
    "A few days over the deadline",
    "Waive the fee once",
    "Free replacement",
    "Partial credit",
    "Refund without proof",
    "Priority handling",
    "Hardship exception",
    "Second attempt at our cost",
    "Extend the deadline",
]
PATH_CONDITIONS = [
    "The customer asks soon after the limit and has no earlier exception on record.",
    "The cause was on our side or outside the customer's control.",
    "The customer's account is in good standing and the order can be traced.",
    "A supervisor has checked the order history for earlier claims.",
]
PATH_RECORDS = [
    "Order number, the reason given and what was checked.",
    "The evidence seen and who confirmed it.",
    "Why this customer, and what was offered instead first.",
]

CUSTOMERS = [
    "Long-standing customer",
    "First-time customer",
    "Elderly customer",
    "Business customer",
    "Student",
    "Customer abroad",
    "Customer with a visual impairment",
    "Loyalty member",
    "Customer who had just moved house",
    "Customer recovering from surgery",
]
NEEDS = [
    "asked for a refund",
    "asked to waive the fee",
    "wanted a replacement",
    "asked for more time",
    "wanted the charge reversed",
    "asked for store credit instead",
    "asked us to collect the item",
    "wanted compensation",
]
ITEMS = [
    "a cracked kettle",
    "a late parcel",
    "a duplicate charge",
    "a missing part",
    "a sofa with a torn cover",
    "a broken phone screen",
    "an unused jacket",
    "a faulty washing machine",
    "a cancelled subscription",
    "a wrong size",
    "a gift without receipt",
    "a parcel marked delivered",
]
CIRCUMSTANCES = [
    "a few days after the deadline",
    "without the original packaging",
    "after a courier error",
    "with only a card statement as proof",
    "for the second time this year",
    "after a hospital stay",
    "while travelling",
    "after our website showed an error",
]
CASE_RATIONALES = [
    "The cause was outside the customer's control and the account has no earlier claims.",
    "Within the path's limit; the order history confirms the purchase.",
    "The rule's reason applies here: the item cannot be resold.",
    "Goodwill is cheaper than the complaint; the customer is a regular.",
    "Explained the reason; the customer accepted store credit instead of a refund.",
    "Evidence checked with the courier's scan record.",
]
DECISION_RATIONALES = [
    "Confirmed with the order history: granted.",
    "Amount is reasonable and the cause was ours.",
    "Upheld: the rule's reason applies and no path covers it.",
    "Granted once; noted on the account.",
]
FOLLOW_UP_NOTES = [
    "Customer confirmed all is well.",
    "Customer came back with the same request a month later.",
    "Customer complained about how long it took.",
    "Customer closed the account.",
]
CHANGE_SUMMARIES = {
    "limit": "Staff may now grant up to {new} {unit} on “{path}”, up from {old}: "
    "most escalations above the old limit were approved.",
    "path": "New exception path “{path}”: cases granted outside any path kept asking for it.",
    "hours": "“{path}” now promises an answer within {hours} hours.",
    "wording": "Plainer wording of how to explain the rule to customers.",
    "rule": "The rule now says how the customer proves the purchase.",
}


class Writer:
    """Deterministic text for one seeding run: the same seed gives the same company."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, words):
        return self.rng.choice(words)

    def area(self, number: int) -> tuple[str, str]:
        """Title and topic of the `number`-th area (0-based); a second round gets a suffix."""
        title, topic = AREAS[number % len(AREAS)]
        rounds = number // len(AREAS)
        return (f"{title} {rounds + 1}" if rounds else title), topic

    def policy_title(self, topic: str, number: int) -> str:
        aspect = ASPECTS[number % len(ASPECTS)]
        rounds = number // len(ASPECTS)
        return f"{topic} {aspect}" + (f" ({rounds + 1})" if rounds else "")

    def rule(self, topic: str, aspect: str) -> str:
        opening = self.pick(RULE_OPENINGS).format(
            verb=self.pick(["accept", "handle", "process"]),
            topic=topic,
            topic_lower=topic.lower(),
            aspect=aspect,
        )
        details = " ".join(self.rng.sample(RULE_DETAILS, 2))
        return f"<p>{opening} {details}</p>"

    def rationale(self) -> str:
        return f"<p>{' '.join(self.rng.sample(RATIONALES, 2))}</p>"

    def explanation(self) -> str:
        return f"<p>{self.pick(EXPLANATIONS)}</p>"

    def situation(self, topic: str) -> str:
        return (
            f"{self.pick(CUSTOMERS)} {self.pick(NEEDS)} for {self.pick(ITEMS)} "
            f"{self.pick(CIRCUMSTANCES)} ({topic.lower()})."
        )
