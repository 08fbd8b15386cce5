"""Every template that shows words to a reader marks them for translation.

A template's visible words are the letters in its text outside HTML tags,
comments and <script>/<style> elements, and outside {% translate %} and
{% blocktranslate %}. A template with such words must load i18n and mark them;
a template made only of tags and variables (form_errors.html) needs neither.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template.base import Lexer, TokenType
from django.template.loader import render_to_string
from django.test import RequestFactory

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"

# Tags whose text no reader sees as words: already marked, a comment, CSS classes.
SKIPPED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "comment": "endcomment",
    "block body_class": "endblock",
}
NOT_READ_ALOUD = re.compile(
    r"<(script|style)\b.*?</\1>|<!--.*?-->|<[^>]*>|&\w+;|&#x?[0-9a-f]+;",
    re.DOTALL | re.IGNORECASE,
)
# Stands in for a variable or tag, so that the words around it stay apart.
PLACEHOLDER = " "


def template_names() -> list[str]:
    return sorted(
        path.relative_to(TEMPLATES_DIR).as_posix()
        for path in TEMPLATES_DIR.rglob("*")
        if path.is_file()
    )


def source_of(name: str) -> str:
    return (TEMPLATES_DIR / name).read_text(encoding="utf-8")


def loads_i18n(source: str) -> bool:
    """Whether a {% load %} tag of the template names i18n, alone or among others."""
    loads = [
        token.split_contents()
        for token in Lexer(source).tokenize()
        if token.token_type == TokenType.BLOCK and token.contents.startswith("load ")
    ]
    return any("i18n" in libraries for libraries in loads)


def unmarked_words(source: str) -> list[str]:
    """The words a reader would see that no translate tag covers."""
    text = []
    closing_tag = None
    for token in Lexer(source).tokenize():
        if closing_tag:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing_tag:
                closing_tag = None
        elif token.token_type == TokenType.TEXT:
            text.append(token.contents)
        else:
            if token.token_type == TokenType.BLOCK:
                bits = token.contents.split()
                closing_tag = SKIPPED_BLOCKS.get(bits[0]) or SKIPPED_BLOCKS.get(" ".join(bits[:2]))
            text.append(PLACEHOLDER)
    visible = NOT_READ_ALOUD.sub(PLACEHOLDER, "".join(text))
    return re.findall(r"[^\W\d_][\w’'.,:;?!-]*", visible)


def test_the_walk_reaches_pages_partials_and_emails():
    names = template_names()

    assert "base.html" in names
    assert "includes/pagination.html" in names
    assert "exceptions/email/case_decided.txt" in names
    assert "portal/includes/review_panel.html" in names
    assert "portal/email/reviews_due.txt" in names
    assert "search/search.html" in names
    assert "insights/exception_pressure.html" in names


@pytest.mark.parametrize("name", template_names())
def test_a_template_with_words_loads_i18n(name):
    source = source_of(name)

    assert loads_i18n(source) or not unmarked_words(source), name


@pytest.mark.parametrize("name", template_names())
def test_no_visible_word_is_left_unmarked(name):
    assert unmarked_words(source_of(name)) == [], f"{name}: mark these words for translation"


def test_translation_is_on_and_project_templates_have_a_catalogue_place():
    assert settings.USE_I18N
    assert settings.LANGUAGE_CODE == "en-gb"
    assert Path(settings.LOCALE_PATHS[0]) == Path(settings.BASE_DIR) / "locale"


def test_marked_words_render_as_their_english_source():
    page = Paginator(list(range(30)), 10).page(2)

    html = render_to_string(
        "includes/pagination.html", {"page_obj": page}, request=RequestFactory().get("/")
    )

    assert "← Previous" in html
    assert "<span>Page 2 of 3</span>" in html
    assert "Next →" in html
    assert (
        render_to_string(
            "policies/includes/approvers.html",
            {"version": {"published_by": None, "approved_by": [None]}},
        )
        == "Approved by a former user."
    )
