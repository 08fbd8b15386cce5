"""Download PDF: any published version as its print of record, made by WeasyPrint."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from policies.choices import ChangeKind
from policies.pdf import PortalStaticFilesOnly, html_to_pdf
from tests.clock import clock_at, local_time
from tests.policies.factories import PolicyPageFactory, default_paths, publish_version
from tests.reading import words_on

pytestmark = pytest.mark.django_db


def pdf_url(policy, number):
    return f"{policy.url}history/{number}/pdf/"


def pdf_text(response) -> str:
    """The words of every page of the PDF, as a reader's PDF viewer shows them."""
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def revised(area, owner, leader):
    """Version 1 live on 10 Jan 2026; version 2 raises the receipt limit on 2 Mar 2026."""
    with clock_at(local_time(2026, 1, 10, 9, 0)):
        policy = PolicyPageFactory(
            area=area, owner=owner, approver=leader, title="Returns within 30 days"
        )
    with clock_at(local_time(2026, 3, 2, 9, 0)):
        late, receipt = default_paths()
        publish_version(
            policy,
            approver=leader,
            kind=ChangeKind.SUBSTANTIVE,
            summary="Receipts up to 200 EUR, returns within 45 days.",
            paths=[late, {**receipt, "limit_amount": 200}],
            rule="<p>We accept returns of unused items within 45 days.</p>",
        )
    return policy


def test_the_current_version_downloads_as_its_print_of_record(client, staff, leader, revised):
    client.force_login(staff)

    response = client.get(pdf_url(revised, 2))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{revised.slug}-version-2.pdf"'
    )
    text = pdf_text(response)
    assert "Returns within 30 days · version 2" in text
    assert "In force since 2 March 2026." in text
    assert f"Approved by {leader.get_full_name()}." in text
    assert f"http://testserver{revised.url}" in text
    assert f"printed on {timezone.localdate():%-d %B %Y}" in text
    for shown in ("The rule", "within 45 days", "Why it exists", "Sanctioned exception paths"):
        assert shown in text
    assert "Up to 200 EUR" in text
    assert "How to explain it to a customer" in text
    assert "All online orders." in text


def test_an_older_version_says_it_is_no_longer_in_force(client, staff, revised):
    client.force_login(staff)

    text = pdf_text(client.get(pdf_url(revised, 1)))

    assert "Returns within 30 days · version 1 · no longer in force" in text
    assert "within 30 days." in text
    assert "within 45 days" not in text
    assert f"http://testserver{revised.url}as-of/2026-01-10/" in text


def test_nothing_to_act_on_is_in_the_pdf(client, staff, revised):
    client.force_login(staff)

    text = pdf_text(client.get(pdf_url(revised, 2)))

    for interactive in (
        "Record a case",
        "Reviewed, still valid",
        "I have read and understood",
        "Download PDF",
        "Cases under this policy",
        "Log out",
        "Search",
    ):
        assert interactive not in text


def test_the_page_history_and_as_of_page_offer_the_pdf_of_what_they_show(client, staff, revised):
    client.force_login(staff)

    page = client.get(revised.url).content.decode()
    history = client.get(f"{revised.url}history/").content.decode()
    as_of = client.get(f"{revised.url}as-of/2026-02-01/").content.decode()

    assert f'<a href="{pdf_url(revised, 2)}">Download PDF of version 2</a>' in page
    assert f'<a href="{pdf_url(revised, 1)}">Download version 1 as PDF</a>' in history
    assert f'<a href="{pdf_url(revised, 1)}">Download PDF of version 1</a>' in as_of


@pytest.mark.parametrize("number", [0, 3, 999999999])
def test_a_version_never_published_has_no_pdf(client, staff, revised, number):
    client.force_login(staff)

    response = client.get(pdf_url(revised, number))

    assert response.status_code == 404
    assert f"has no published version {number}." in words_on(response.content)


def test_making_a_pdf_fetches_nothing_but_the_portals_static_files():
    fetch = PortalStaticFilesOnly()

    assert b"@page" in fetch("http://testserver/static/css/print.css").read()
    for refused in (
        "http://169.254.169.254/latest/meta-data/",
        "http://testserver/admin/",
        "file:///etc/passwd",
        "http://testserver/static/../../etc/passwd",
    ):
        with pytest.raises(ValueError, match="static file"):
            fetch(refused)


def test_an_image_in_the_text_pointing_elsewhere_is_left_out(monkeypatch):
    asked = []
    refuse = PortalStaticFilesOnly.fetch

    def record_and_refuse(fetcher, url, headers=None):
        asked.append(url)
        return refuse(fetcher, url, headers)

    monkeypatch.setattr(PortalStaticFilesOnly, "fetch", record_and_refuse)

    pdf = html_to_pdf(
        '<p>Rule <img src="http://internal.example/secret.png"></p>', base_url="http://testserver/"
    )

    assert pdf.startswith(b"%PDF")
    assert asked == ["http://internal.example/secret.png"]


def test_a_stranger_is_sent_to_log_in_before_any_pdf(client, revised):
    response = client.get(pdf_url(revised, 2))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={pdf_url(revised, 2)}"
