"""Reading a policy out of a Word document: titles, sections, summary, cleaning, refusals."""

import io
import zipfile

import mammoth
import pytest

from policies.word_import.reading import (
    MAX_DOCUMENT_BYTES,
    UnreadableDocument,
    clean_rich_text,
    read_policy_document,
)
from portal.devtools.demo.word_documents import Bullets, Heading, Title, word_document
from tests.policies.word_import.documents import WHY, policy_document, with_part


def read(content: bytes, name: str = "returns.docx"):
    return read_policy_document(name=name, content=content)


# Each heading as documents write it, and the field its section fills.
HEADINGS = [
    ("Why", "rationale"),
    ("WHY", "rationale"),
    ("Why?", "rationale"),
    ("2. Why:", "rationale"),
    ("Rationale", "rationale"),
    ("Why this rule exists", "rationale"),
    ("How to explain", "how_to_explain"),
    ("How to explain it to a customer", "how_to_explain"),
    ("What to tell the customer", "how_to_explain"),
    ("Scope", "scope"),
    ("Who it applies to", "scope"),
    ("Summary", "summary"),
    ("Background", "rule"),
    ("Returns by post", "rule"),
]


@pytest.mark.parametrize(("heading", "field"), HEADINGS)
def test_each_heading_fills_its_field(heading, field):
    document = read(policy_document(Heading(heading), "Text under the heading."))

    shown = {
        "rationale": document.rationale,
        "how_to_explain": document.how_to_explain,
        "scope": document.scope,
        "summary": document.summary,
        "rule": document.rule,
    }
    assert "Text under the heading." in shown[field]
    assert [name for name, text in shown.items() if "Text under the heading." in text] == [field]


def test_a_named_heading_is_not_kept_but_another_heading_stays_in_the_rule():
    document = read(policy_document(Heading("Returns by post"), "Use the prepaid label."))

    assert ">Returns by post</h3>" in document.rule
    assert "Why" not in document.rationale


def test_a_section_runs_to_the_next_heading_of_its_level_with_its_subheadings():
    document = read(
        word_document(
            [
                Title("Returns"),
                "Items come back within 30 days.",
                "Keep the receipt.",
                Heading("Why"),
                "Stock must be sellable.",
                Heading("Hygiene", level=2),
                "Worn earrings cannot be sold again.",
                Heading("Returns by post"),
                "Use the prepaid label.",
            ]
        )
    )

    assert "Worn earrings" in document.rationale
    assert ">Hygiene</h3>" in document.rationale
    assert "prepaid label" in document.rule
    assert "prepaid label" not in document.rationale


def test_the_headings_are_read_from_the_setting(settings):
    settings.PORTAL_DOCX_HEADINGS = {**settings.PORTAL_DOCX_HEADINGS, "scope": ["Coverage"]}

    document = read(policy_document(Heading("Coverage"), "Online orders only."))

    assert document.scope == "Online orders only."


def test_the_title_is_the_opening_heading_and_the_first_paragraph_the_summary():
    document = read(policy_document(), name="ignored-name.docx")

    assert document.title == "Returns within 30 days"
    assert document.summary == "Unused items come back within 30 days."
    assert "Unused items" not in document.rule
    assert "Keep the receipt." in document.rule
    assert document.rationale.endswith(">Returned stock must still be sellable.</p>")


def test_without_an_opening_heading_the_title_comes_from_the_properties_then_the_file_name():
    blocks = ["Items come back within 30 days.", "Keep the receipt.", *WHY]

    assert read(word_document(blocks, title="Returns policy")).title == "Returns policy"
    assert read(word_document(blocks), name="late_returns-2024.docx").title == "late returns 2024"


def test_a_document_with_no_title_anywhere_is_refused():
    blocks = ["Items come back within 30 days.", *WHY]

    with pytest.raises(UnreadableDocument, match="no title"):
        read(word_document(blocks), name="2024-01.docx")


def test_a_long_first_paragraph_gives_its_first_sentence_as_summary_and_stays_in_the_rule():
    long_paragraph = "Items come back within 30 days. " + "Then more detail follows. " * 20

    document = read(word_document([Title("Returns"), long_paragraph, *WHY]))

    assert document.summary == "Items come back within 30 days."
    assert "Then more detail follows." in document.rule


def test_a_summary_too_long_for_its_field_is_shortened_with_a_note():
    document = read(word_document([Title("Returns"), "word " * 80, "More rule.", *WHY]))

    assert len(document.summary) <= 255
    assert document.summary.endswith("…")
    assert "The summary was too long and was shortened: check it." in document.notes


def test_the_scope_is_plain_text_one_line_per_item():
    document = read(policy_document(Heading("Scope"), Bullets(("Online orders", "Shops"))))

    assert document.scope == "Online orders\nShops"


CLEANED_AWAY = [
    ("<p>Rule<script>alert(1)</script></p>", "alert"),
    ("<p>Rule</p><style>p { color: red }</style>", "color:"),
    ('<p style="color: red" class="x" onclick="steal()">Rule</p>', "style="),
    ('<p>Rule <a href="javascript:alert(1)">link</a></p>', "javascript"),
    ('<p>Rule <a href="#_Toc1">link</a></p>', "_Toc1"),
    ('<p>Rule</p><iframe src="https://example.com"></iframe>', "<iframe"),
    ('<p>Rule <img src="data:image/png;base64,AAAA" onerror="x()"></p>', "<img"),
    ("<table><tr><td><p>Rule</p></td></tr></table>", "<td"),
    ("<h1>Rule</h1><h6>Small</h6>", "<h1"),
    ("<p>Rule</p><p> </p>", "<p> </p>"),
]


# Each `gone` is written so it cannot match the random block keys Wagtail adds.
@pytest.mark.parametrize(("html", "gone"), CLEANED_AWAY)
def test_rich_text_keeps_only_what_the_editor_allows(html, gone):
    from bs4 import BeautifulSoup

    cleaned = clean_rich_text(list(BeautifulSoup(html, "html.parser").contents))

    assert gone not in cleaned
    assert "Rule" in cleaned


def test_web_links_bold_and_lists_are_kept():
    html = '<p><strong>Rule</strong> <a href="https://intranet.example/returns">form</a></p>'
    from bs4 import BeautifulSoup

    cleaned = clean_rich_text([*BeautifulSoup(html + "<ul><li>one</li></ul>", "html.parser")])

    assert "<b>Rule</b>" in cleaned
    assert '<a href="https://intranet.example/returns">form</a>' in cleaned
    assert "<li" in cleaned


def test_text_that_looks_like_markup_stays_text():
    document = read(policy_document(Heading("Scope"), "<script>alert(1)</script>"))

    assert document.scope == "<script>alert(1)</script>"
    document = read(word_document([Title("Rules"), "<b>x</b> <script>y</script>", "Next.", *WHY]))
    assert "<script>" not in document.rule


def test_a_style_map_embedded_in_the_document_is_ignored():
    buffer = io.BytesIO(policy_document())
    mammoth.embed_style_map(buffer, "p => script:fresh")

    document = read(buffer.getvalue())

    assert "<script" not in document.rule
    assert "Keep the receipt." in document.rule


def empty_document():
    return word_document([])


def zip_without_the_body():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


BAD_FILES = {
    "not a zip": (b"%PDF-1.7 not a Word document", "not a Word document"),
    "nothing at all": (b"", "not a Word document"),
    "a zip without a document": (zip_without_the_body(), "not a Word document"),
    "an empty document": (empty_document(), "The document is empty."),
    "damaged XML": (
        with_part(policy_document(), "word/document.xml", b"<w:document><w:body>"),
        "damaged",
    ),
    "damaged properties": (
        with_part(policy_document(), "docProps/core.xml", b"<cp:coreProperties"),
        "damaged",
    ),
    "too large": (b"PK" + b"0" * MAX_DOCUMENT_BYTES, "larger than 10 MB"),
    "no why": (word_document([Title("Returns"), "Items come back."]), "why the rule exists"),
    "only sections": (word_document([Title("Returns"), *WHY]), "states no rule"),
    "a title past 255 characters": (
        word_document([Title("T" * 300), "Rule.", *WHY]),
        "longer than 255 characters",
    ),
}


@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_reason(bad):
    content, reason = BAD_FILES[bad]

    with pytest.raises(UnreadableDocument) as refusal:
        read(content)

    assert reason in refusal.value.reason


def test_a_zip_that_unpacks_past_the_limit_is_refused_unread():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" * (60 * 1024 * 1024))

    with pytest.raises(UnreadableDocument, match="unpacks to more"):
        read(buffer.getvalue())
