"""The sample Word policies shipped with the demo: made by their script, and imported as
README shows."""

import io

import pytest
from django.core.management import call_command

from policies.choices import Tier
from policies.models import PolicyPage
from portal.devtools.demo.word_samples import SAMPLES_FOLDER, sample_documents, write_word_samples


def test_the_shipped_samples_are_what_their_script_writes(tmp_path):
    written = {path.name: path.read_bytes() for path in write_word_samples(tmp_path)}

    assert written == sample_documents()
    assert written == {name: (SAMPLES_FOLDER / name).read_bytes() for name in written}


@pytest.mark.django_db
def test_importing_the_samples_maps_their_sections_to_the_fields(area, owner):
    call_command(
        "import_policies",
        str(SAMPLES_FOLDER),
        "--area",
        area.slug,
        "--owner",
        "owner",
        stdout=io.StringIO(),
    )

    loyalty = PolicyPage.objects.get(title="Loyalty points adjustments")
    assert loyalty.summary.startswith("Staff change a member's points balance by hand")
    assert "credited wrongly" in loyalty.rule
    assert "<li" in loyalty.rule
    assert "easiest fraud" in loyalty.rationale
    assert "never promise points" in loyalty.how_to_explain
    assert loyalty.scope.splitlines()[0] == "Every loyalty member, online and in our shops."
    assert [
        (path.name, path.authority, path.limit_in_words, path.decision_time_display)
        for path in loyalty.exception_paths.all()
    ] == [
        (
            "Goodwill points",
            Tier.STAFF,
            "up to 500 points · once per member per year",
            "on the spot",
        ),
        ("Expired points restored", Tier.SUPERVISOR, "up to 5,000 points", "within 1 day"),
        ("Points moved between accounts", Tier.LEADERSHIP, "Case by case", "within 3 days"),
    ]
    damage = PolicyPage.objects.get(title="Delivery damage claims")
    assert damage.summary.endswith("and gets a replacement or a refund.")
    assert "Claims after 7 days" in damage.rule
    assert "courier pays us back" in damage.rationale
    assert "keeps delivery free" in damage.how_to_explain
    assert damage.scope.startswith("Parcels delivered by our couriers")
    # Prose paths stay in the rule for the owner to make into paths.
    assert not damage.exception_paths.exists()
    assert "up to 14 days after delivery" in damage.rule
    assert not PolicyPage.objects.live().exists()
