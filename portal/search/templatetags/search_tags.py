import html
import re

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

EXCERPT_RADIUS = 90
# Compare words by their first letters, a rough stem: "refunds" marks "refund".
STEM_LENGTH = 5


def _terms(query: str) -> list[str]:
    return [word[:STEM_LENGTH] for word in re.findall(r"\w+", query.lower()) if len(word) > 2]


@register.simple_tag
def search_excerpt(query, *texts, rich_text=True):
    """Return an escaped excerpt of the first text that mentions the query, matches marked.

    Rich text is read without its markup; plain text (`rich_text=False`, such as a
    case's situation) is read exactly as typed, brackets included. Every piece of
    user text is escaped before <mark> is added, so nothing a user typed is ever
    rendered as markup.
    """
    terms = _terms(query)
    if rich_text:
        texts = tuple(html.unescape(strip_tags(text or "")) for text in texts)
    plain_texts = [" ".join((text or "").split()) for text in texts]
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.I)
    for text in plain_texts:
        match = pattern.search(text) if terms else None
        if match:
            start = max(match.start() - EXCERPT_RADIUS, 0)
            end = min(match.end() + EXCERPT_RADIUS, len(text))
            snippet = text[start:end]
            marked: list[str] = []
            position = 0
            for found in pattern.finditer(snippet):
                marked.append(escape(snippet[position : found.start()]))
                marked.append(f"<mark>{escape(found.group(0))}</mark>")
                position = found.end()
            marked.append(escape(snippet[position:]))
            prefix = "…" if start else ""
            suffix = "…" if end < len(text) else ""
            return mark_safe(prefix + "".join(marked) + suffix)  # noqa: S308 - escaped above
    first = next((text for text in plain_texts if text), "")
    suffix = "…" if len(first) > 2 * EXCERPT_RADIUS else ""
    return escape(first[: 2 * EXCERPT_RADIUS] + suffix)
