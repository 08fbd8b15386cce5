"""Read a page as its reader does: the words, without the markup around them."""

import re

from bs4 import BeautifulSoup


def words_on(html: str | bytes, selector: str = "main") -> str:
    """The text of the page's `selector` element, its whitespace collapsed as a browser shows it.

    Elements are read apart, so a heading and the paragraph after it do not run
    together; punctuation stays against the word before it.
    """
    element = BeautifulSoup(html, "html.parser").select_one(selector)
    text = " ".join(element.get_text(" ").split()) if element else ""
    return re.sub(r" ([.,;:!?])", r"\1", text)
