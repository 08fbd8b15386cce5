"""Text as a reader sees it, and what changed in it word by word.

The editor re-saves rich text in its own form: block keys on every paragraph,
its own attribute order, whitespace and entities. None of that shows on the
page, so none of it may show as a change. Text is first reduced to what
renders (blocks such as paragraphs and list items, each a run of words, each
word with its bold, italic or link), then two versions are compared word by
word, so a changed word is marked as that word and nothing around it.
"""

import difflib
import re
from dataclasses import dataclass
from itertools import groupby

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Elements that start a block of their own, as the page lays them out.
BLOCK_ELEMENTS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}
# How inline markup reads: what a reader sees a word wrapped in.
MARKS = {"b": "strong", "strong": "strong", "i": "em", "em": "em"}
# Every element a comparison writes.
ELEMENT_NAMES = BLOCK_ELEMENTS | {"ul", "ol", "ins", "del", "span", "strong", "em"}
# A block with less than this share of its words kept, changed in more than so many
# places, was rewritten rather than edited: marking each word would only scatter it.
MOSTLY_KEPT = 0.5
SCATTERED_CHANGES = 2
# A line break inside a block (<br>) is kept as a word of its own.
LINE_BREAK = "\u2028"
TOKEN = re.compile(r"\u2028|\w+|[^\w\s]")


@dataclass(frozen=True)
class Word:
    """A word or a punctuation mark, whether a space comes before it, and its markup."""

    text: str
    spaced: bool
    marks: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item: `kind` names how it is laid out."""

    kind: str
    words: tuple[Word, ...]


def rich_text_blocks(html: str | None) -> tuple[Block, ...]:
    """The blocks a reader sees in rich text (Wagtail's stored HTML), empty ones left out."""
    reader = _BlockReader()
    reader.read(BeautifulSoup(html or "", "html.parser"), kind="p", marks=())
    reader.end_block("p")
    return tuple(reader.blocks)


def plain_text_blocks(text: str | None) -> tuple[Block, ...]:
    """The lines of plain text as the page shows them (line breaks kept, spacing not)."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = (Block("line", tuple(_words([(line, ())]))) for line in lines)
    return tuple(block for block in blocks if block.words)


class _BlockReader:
    """Reads HTML into blocks, keeping each run of text with the markup around it."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.runs: list[tuple[str, tuple]] = []

    def read(self, node, *, kind: str, marks: tuple) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # text, not a comment or a doctype
                    self.runs.append((str(child), marks))
            elif isinstance(child, Tag):
                self._read_element(child, kind=kind, marks=marks)

    def _read_element(self, element: Tag, *, kind: str, marks: tuple) -> None:
        name = element.name.lower()
        if name == "br":
            self.runs.append((LINE_BREAK, ()))
        elif name in BLOCK_ELEMENTS or name in {"ul", "ol"}:
            self.end_block(kind)
            inner = _block_kind(name, parent_kind=kind)
            self.read(element, kind=inner, marks=())
            self.end_block(inner)
        else:
            self.read(element, kind=kind, marks=marks + _marks_of(element, name))

    def end_block(self, kind: str) -> None:
        words = _words(self.runs)
        self.runs = []
        while words and words[-1].text == LINE_BREAK:
            words.pop()
        if words:
            self.blocks.append(Block(kind, tuple(words)))


def _block_kind(name: str, *, parent_kind: str) -> str:
    if name in {"ul", "ol"}:
        return name
    if name == "li":
        return f"li-{parent_kind}" if parent_kind in {"ul", "ol"} else "li-ul"
    return name


def _marks_of(element: Tag, name: str) -> tuple[tuple[str, str], ...]:
    if name in MARKS:
        return ((MARKS[name], ""),)
    if name == "a":
        # A stored link names its target by type and id (a page, a document) or by address.
        href = element.get("href")
        target = (
            href
            if isinstance(href, str) and href
            else f"{element.get('linktype', '')}:{element.get('id', '')}"
        )
        return (("a", target),)
    return ()


def _words(runs: list[tuple[str, tuple]]) -> list[Word]:
    """The words of a block's runs of text: spacing collapsed, each word with its markup."""
    text = "".join(run for run, _marks in runs)
    marks_at = [marks for run, marks in runs for _char in run]
    return [
        Word(
            match.group(),
            spaced=match.start() > 0 and text[match.start() - 1].isspace() and bool(index),
            marks=marks_at[match.start()],
        )
        for index, match in enumerate(TOKEN.finditer(text))
    ]


def diff_blocks(old: tuple[Block, ...], new: tuple[Block, ...]) -> SafeString:
    """HTML of `new` with what changed from `old` marked: <del> removed words, <ins> added ones.

    Blocks are matched first; a block replaced by another is compared word by word.
    """
    rendered = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old_run, new_run = old[old_start:old_end], new[new_start:new_end]
        if operation == "equal":
            rendered += [(block.kind, _plain(block.words)) for block in new_run]
            continue
        paired = min(len(old_run), len(new_run)) if operation == "replace" else 0
        for before, after in zip(old_run[:paired], new_run[:paired], strict=True):
            rendered.append((after.kind, _word_diff(before.words, after.words)))
        rendered += [(block.kind, _marked("del", block.words)) for block in old_run[paired:]]
        rendered += [(block.kind, _marked("ins", block.words)) for block in new_run[paired:]]
    return _layout(rendered)


def blocks_html(blocks: tuple[Block, ...]) -> SafeString:
    """HTML of the blocks as they read, nothing marked."""
    return _layout([(block.kind, _plain(block.words)) for block in blocks])


def _word_diff(old: tuple[Word, ...], new: tuple[Word, ...]) -> SafeString:
    """One block's words, changed ones marked; a block mostly rewritten reads better as
    the old one struck out and the new one added whole."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changes = [opcode for opcode in matcher.get_opcodes() if opcode[0] != "equal"]
    if matcher.ratio() < MOSTLY_KEPT and len(changes) > SCATTERED_CHANGES:
        return format_html("{}{}", _marked("del", old), _marked("ins", new, spaced=False))
    parts = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(_plain(new[new_start:new_end]))
            continue
        if old_start < old_end:
            parts.append(_marked("del", old[old_start:old_end]))
        if new_start < new_end:
            # Right after the words it replaces, the addition needs no space of its own.
            parts.append(
                _marked(
                    "ins", new[new_start:new_end], spaced=None if old_start == old_end else False
                )
            )
    return format_html_join("", "{}", ((part,) for part in parts))


def _marked(tag: str, words: tuple[Word, ...], *, spaced: bool | None = None) -> SafeString:
    """Words in <ins> or <del>, with a label screen readers speak.

    The space before the words stays outside the mark; `spaced` overrides whether
    there is one (None: as the text has it).
    """
    label = _("added") if tag == "ins" else _("removed")
    inner = format_html(
        '<span class="visually-hidden">{}: </span>{}',
        label,
        _plain((Word(words[0].text, False, words[0].marks), *words[1:])),
    )
    space = words[0].spaced if spaced is None else spaced
    return format_html("{}{}", " " * space, _element(tag, inner, "diff"))


def _plain(words: tuple[Word, ...]) -> SafeString:
    """Words as they read, each run of the same markup wrapped in it, spaces outside."""
    parts = []
    for marks, run in groupby(words, key=lambda word: word.marks):
        first, *rest = run
        text = format_html_join(
            "",
            "{}{}",
            (
                ("", mark_safe("<br>"))
                if word.text == LINE_BREAK
                else (" " * word.spaced, word.text)
                for word in (Word(first.text, False, marks), *rest)
            ),
        )
        for name, _target in reversed(marks):
            text = _element("span", text, "diff-link") if name == "a" else _element(name, text)
        parts.append(format_html("{}{}", " " * first.spaced, text))
    return format_html_join("", "{}", ((part,) for part in parts))


def _layout(rendered: list[tuple[str, SafeString]]) -> SafeString:
    """Blocks as paragraphs, headings and lists; consecutive list items in one list,
    lines of plain text one below the other, as the page shows them."""
    html = []
    for kind, run in groupby(rendered, key=lambda item: item[0]):
        contents = [content for _kind, content in run]
        if kind.startswith("li-"):
            items = format_html_join("", "{}", ((_element("li", c),) for c in contents))
            html.append(_element(kind.removeprefix("li-"), items))
        elif kind == "line":
            html.append(format_html_join(mark_safe("<br>"), "{}", ((c,) for c in contents)))
        else:
            html += [_element(kind if kind in BLOCK_ELEMENTS else "p", c) for c in contents]
    return format_html_join("", "{}", ((part,) for part in html))


def _element(tag: str, content, class_name: str = "") -> SafeString:
    """`content` (escaped unless safe) in an element whose name is one of ours."""
    if tag not in ELEMENT_NAMES:
        raise ValueError(f"Not an element of a comparison: {tag}")
    attributes = format_html(' class="{}"', class_name) if class_name else ""
    return format_html("<{0}{1}>{2}</{0}>", mark_safe(tag), attributes, content)  # noqa: S308
