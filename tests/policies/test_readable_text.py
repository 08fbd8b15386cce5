"""Text as a reader sees it: what counts as a change, and how a change is marked."""

import pytest

from policies.readable_text import (
    blocks_html,
    diff_blocks,
    plain_text_blocks,
    rich_text_blocks,
)

ADDED = '<ins class="diff"><span class="visually-hidden">added: </span>'
REMOVED = '<del class="diff"><span class="visually-hidden">removed: </span>'


@pytest.mark.parametrize(
    ("stored", "as_the_editor_saves_it"),
    [
        ("<p>Returns within 30 days.</p>", '<p data-block-key="f2n5n">Returns within 30 days.</p>'),
        (
            '<p>See <a href="https://example.com/a" title="Rules">the rules</a>.</p>',
            '<p>See <a title="Rules" href="https://example.com/a">the rules</a>.</p>',
        ),
        ("<p>One.</p>\n\n<p>Two   words.</p>", "<p>One.</p><p>Two words.</p>"),
        ("<p>Fish &amp; chips, 5&nbsp;EUR.</p>", "<p>Fish & chips, 5\u00a0EUR.</p>"),
        ("<p>It&#x27;s ours.</p>", "<p>It's ours.</p>"),
        ("<p>Ends here.<br/></p>", "<p>Ends here.</p>"),
        (
            "<ul><li>First</li><li>Second</li></ul>",
            '<ul><li data-block-key="a">First</li>\n<li>Second</li></ul>',
        ),
        ("", "<p></p>"),
    ],
)
def test_what_the_editor_changes_without_a_reader_seeing_it_is_no_change(
    stored, as_the_editor_saves_it
):
    assert rich_text_blocks(stored) == rich_text_blocks(as_the_editor_saves_it)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<p>Returns within 30 days.</p>", "<p>Returns within 45 days.</p>"),
        ("<p>Returns within 30 days.</p>", "<p>Returns within <b>30</b> days.</p>"),
        ("<p>See <a href='/a'>the rules</a>.</p>", "<p>See <a href='/b'>the rules</a>.</p>"),
        ("<p>One.</p><p>Two.</p>", "<p>One. Two.</p>"),
        ("<ul><li>One</li></ul>", "<ol><li>One</li></ol>"),
        ("<p>Line one<br>line two</p>", "<p>Line one line two</p>"),
    ],
)
def test_what_a_reader_sees_change_is_a_change(old, new):
    assert rich_text_blocks(old) != rich_text_blocks(new)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "<p>Returns within 30 days.</p>",
            "<p>Returns within 45 days.</p>",
            f"<p>Returns within {REMOVED}30</del>{ADDED}45</ins> days.</p>",
        ),
        (
            "<p>Returns within 30 days.</p>",
            "<p>Returns of unused items within 30 days.</p>",
            f"<p>Returns {ADDED}of unused items</ins> within 30 days.</p>",
        ),
        (
            "<p>Returns within 30 days, no questions asked.</p>",
            "<p>Returns within 30 days.</p>",
            f"<p>Returns within 30 days{REMOVED}, no questions asked</del>.</p>",
        ),
        (
            "<p>Kept.</p>",
            "<p>Kept.</p><p>A new paragraph.</p>",
            f"<p>Kept.</p><p>{ADDED}A new paragraph.</ins></p>",
        ),
        (
            "<p>Say no politely.</p>",
            "<p>Say <b>no</b> politely.</p>",
            f"<p>Say {REMOVED}no</del>{ADDED}<strong>no</strong></ins> politely.</p>",
        ),
        (
            "<p>Tell the customer the window exists so items can be sold again.</p>",
            "<p>Say that thirty days let them try things at home first, calmly.</p>",
            f"<p>{REMOVED}Tell the customer the window exists so items can be sold again</del>"
            f"{ADDED}Say that thirty days let them try things at home first, calmly</ins>.</p>",
        ),
        (
            "<p>Tell the customer the window exists so items can be sold again. Check paths.</p>",
            "<p>Say that the days let them try things at home. Then check paths together.</p>",
            f"<p>{REMOVED}Tell the customer the window exists so items can be sold again. "
            f"Check paths.</del>{ADDED}Say that the days let them try things at home. Then "
            f"check paths together.</ins></p>",
        ),
    ],
)
def test_a_changed_word_is_marked_as_that_word(old, new, expected):
    assert diff_blocks(rich_text_blocks(old), rich_text_blocks(new)) == expected


def test_plain_text_compares_line_by_line_whatever_the_line_breaks():
    typed = plain_text_blocks("All online orders.\nGift cards too.")
    sent_by_a_browser = plain_text_blocks("All online orders.\r\nGift cards  too. ")

    assert typed == sent_by_a_browser
    assert blocks_html(typed) == "All online orders.<br>Gift cards too."
    assert diff_blocks(typed, plain_text_blocks("All online orders.\nGift vouchers too.")) == (
        f"All online orders.<br>Gift {REMOVED}cards</del>{ADDED}vouchers</ins> too."
    )


def test_text_is_escaped_and_lists_stay_lists():
    html = blocks_html(
        rich_text_blocks("<ul><li>Fish &amp; <i>chips</i></li><li>&lt;b&gt;</li></ul>")
    )

    assert html == "<ul><li>Fish &amp; <em>chips</em></li><li>&lt;b&gt;</li></ul>"
