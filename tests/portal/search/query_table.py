"""What staff and customers type, and the demo policy each search should find.

Typos, plurals, other words for the same thing and whole customer sentences,
each with the title of the policy it is about. The score of the last run is
kept here for the closing line of the test run.
"""

from dataclasses import asdict, dataclass

RETURNS = "Returns within 30 days"
DAMAGED = "Refunds for goods damaged on arrival"
HYGIENE = "Opened hygiene items cannot be returned"
LATE_FEE = "Late payment fee"
IDENTITY = "Identity check before changing payment details"
ORIGINAL_METHOD = "Refunds go to the original payment method"
REDELIVERY = "One free redelivery"
MISSING_PARCEL = "Missing parcel claims"
AGE_CHECK = "ID check at the door for age-restricted items"
WARRANTY = "Two-year warranty"
LOAN_DEVICE = "Loan device during a repair"
SUBSCRIPTION = "Subscription notice period"

QUERIES = [
    ("late retrun", RETURNS),
    ("refnud", RETURNS),
    ("reimbursement", RETURNS),
    ("exchange", RETURNS),
    ("send back", RETURNS),
    ("can I send it back", RETURNS),
    ("returns", RETURNS),
    ("return after 30 days", RETURNS),
    ("customer changed their mind", RETURNS),
    ("money back", RETURNS),
    ("lost parcel", MISSING_PARCEL),
    ("parcel never arrived", MISSING_PARCEL),
    ("my parcel never came", MISSING_PARCEL),
    ("missing parcels", MISSING_PARCEL),
    ("lost pacel", MISSING_PARCEL),
    ("package not delivered", MISSING_PARCEL),
    ("stolen parcel", MISSING_PARCEL),
    ("loan phone", LOAN_DEVICE),
    ("courtesy phone", LOAN_DEVICE),
    ("phone while it is repaired", LOAN_DEVICE),
    ("loan devise", LOAN_DEVICE),
    ("damaged on arrival", DAMAGED),
    ("arrived broken", DAMAGED),
    ("damagd goods", DAMAGED),
    ("late payment", LATE_FEE),
    ("late fee", LATE_FEE),
    ("waive the fee", LATE_FEE),
    ("overdue invoice", LATE_FEE),
    ("paymnet fee", LATE_FEE),
    ("change bank details", IDENTITY),
    ("customer wants to update iban", IDENTITY),
    ("refund to another card", ORIGINAL_METHOD),
    ("store credit", ORIGINAL_METHOD),
    ("refund in cash", ORIGINAL_METHOD),
    ("missed delivery", REDELIVERY),
    ("redelivery", REDELIVERY),
    ("not at home", REDELIVERY),
    ("redelivry", REDELIVERY),
    ("warranty", WARRANTY),
    ("guarantee", WARRANTY),
    ("stopped working", WARRANTY),
    ("waranty repair", WARRANTY),
    ("cancel subscription", SUBSCRIPTION),
    ("subscribtion cancel", SUBSCRIPTION),
    ("notice period", SUBSCRIPTION),
    ("alcohol delivery", AGE_CHECK),
    ("proof of age", AGE_CHECK),
    ("opened cosmetics", HYGIENE),
    ("earrings returned", HYGIENE),
    ("hygiene items", HYGIENE),
]


@dataclass
class Score:
    """How many searches of the table found their policy among the first three."""

    found: int = 0
    asked: int = 0
    database: str = ""

    def as_data(self) -> dict:
        """What a worker of a parallel run hands to the one that prints the summary."""
        return asdict(self)

    def add(self, data: dict) -> None:
        self.found += data["found"]
        self.asked += data["asked"]
        self.database = self.database or data["database"]

    def counted(self) -> bool:
        return bool(self.asked)

    def summary(self) -> str:
        return f"search table ({self.database}): {self.found}/{self.asked} in top 3"


SCORE = Score()
