"""The two sample policies in Word documents that ship with the demo content.

The files in samples/ are what `write_word_samples` makes; run
`python -m portal.devtools.demo.word_samples` to make them again after changing
a policy below (a test checks they match). One lists its exception paths in a
table, which the import reads as paths; the other in prose, which it keeps as
text in the rule.
"""

from pathlib import Path

from .word_documents import Block, Bullets, Heading, Table, Title, word_document

SAMPLES_FOLDER = Path(__file__).resolve().parent / "samples"

LOYALTY_POINTS: list[Block] = [
    Title("Loyalty points adjustments"),
    "Staff change a member's points balance by hand only to match what the points rules "
    "say they earned.",
    "Points are added or removed by hand when an order, a return or a promotion was "
    "credited wrongly. Every adjustment names the order it corrects and shows in the "
    "member's account history.",
    Bullets(
        (
            "Missing points for a paid order: add them once the order is delivered.",
            "Points kept after a refund: remove them, even if the balance goes below zero.",
            "A promotion's bonus not credited: add it when the order met the promotion's terms.",
        )
    ),
    Heading("Why"),
    "Points are money to the member and a debt in our accounts. Every point added by hand "
    "is a cost the finance team explains to the auditors, so an adjustment must point at "
    "the order it corrects. Points added without a reason are the easiest fraud to commit "
    "from a customer service desk.",
    Heading("Exceptions"),
    Table(
        (
            "Path",
            "Who may grant",
            "Limit",
            "When it applies",
            "What to record",
            "Decision time",
        ),
        (
            (
                "Goodwill points",
                "Staff",
                "500 points · once per member per year",
                "A delivery or service failure the member is not to blame for, with no "
                "refund or voucher given for it.",
                "The order number and what went wrong.",
                "On the spot",
            ),
            (
                "Expired points restored",
                "Supervisor",
                "5000 points",
                "Points expired in the 30 days before the member asked, and the expiry "
                "reminder email bounced.",
                "The bounce record and the expiry date.",
                "Within 1 day",
            ),
            (
                "Points moved between accounts",
                "Leadership",
                "Case by case",
                "Two accounts of the same person are merged, or a family asks after a bereavement.",
                "Proof both accounts are the same person's, or the family's request.",
                "Within 3 days",
            ),
        ),
    ),
    Heading("How to explain"),
    "Say that points follow what was bought and returned, so the balance stays fair for "
    "every member. If you may add goodwill points, say how many and that they show "
    "within the hour. If you may not, say who decides and by when; never promise points "
    "you cannot grant.",
    Heading("Scope"),
    "Every loyalty member, online and in our shops.",
    "Points earned with the partner credit card follow the card's own terms.",
]

DELIVERY_DAMAGE: list[Block] = [
    Title("Delivery damage claims"),
    "A customer who receives a damaged item reports it within 7 days of delivery, with a "
    "photo, and gets a replacement or a refund.",
    "Ask for a photo of the item and of the box it came in. When both show the damage, "
    "offer a replacement; if the item is out of stock, refund it in full, delivery included.",
    "The customer keeps or recycles the damaged item; we never ask for it back.",
    Heading("Claims after 7 days", level=2),
    "A claim reported later is a warranty question: send it to the returns team.",
    Heading("Rationale"),
    "The courier pays us back only for damage reported to them within 10 days, and only "
    "with photos. Seven days leaves us time to claim; the photos are the courier's proof.",
    Heading("Exception paths"),
    Bullets(
        (
            "Staff may accept a claim without photos when the courier's own scan records "
            "the damage.",
            "A supervisor may accept a claim up to 14 days after delivery, when the customer "
            "was away.",
        )
    ),
    Heading("What to tell the customer"),
    "Say that the photos let us claim from the courier, which keeps delivery free for "
    "everyone. Never say the courier is to blame before the claim is settled.",
    Heading("Who it applies to"),
    "Parcels delivered by our couriers to customers' homes and pick-up points.",
]

SAMPLES = {
    "loyalty-points-adjustments.docx": (LOYALTY_POINTS, "Loyalty points adjustments"),
    "delivery-damage-claims.docx": (DELIVERY_DAMAGE, "Delivery damage claims"),
}


def sample_documents() -> dict[str, bytes]:
    """Each sample file's name and content."""
    return {name: word_document(blocks, title=title) for name, (blocks, title) in SAMPLES.items()}


def write_word_samples(folder: Path = SAMPLES_FOLDER) -> list[Path]:
    """Write the sample documents into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in sample_documents().items():
        (folder / name).write_bytes(content)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_word_samples():
        print(path)  # noqa: T201
