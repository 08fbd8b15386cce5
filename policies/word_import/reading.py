"""A policy read out of a Word document: its title, and its sections mapped to the fields.

Reading writes nothing. It gives an ImportedPolicy, or raises UnreadableDocument
saying in plain words why the document cannot become a policy; the services
save what was read as a draft. Sections start at headings named in the
PORTAL_DOCX_HEADINGS setting ("Why", "Exceptions", "How to explain", ...) and
run to the next heading of the same or a higher level; everything else is the
rule. The HTML mammoth makes is cleaned down to what the policy's rich text
fields allow, as their editor would save it.
"""

import io
import re
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.parsers.expat import ExpatError

import mammoth  # type: ignore[import-untyped]
from bs4 import BeautifulSoup, Tag
from defusedxml import ElementTree
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from ..models import PolicyPage
from .paths import NotAPathTable, exception_paths_from, normalised, plain

MEGABYTE = 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * MEGABYTE
# A zip may unpack to far more than it weighs; a policy's text never needs this much.
MAX_UNPACKED_BYTES = 50 * MEGABYTE
# Word's Title style is the document's title; mammoth's own map leaves it a paragraph.
STYLE_MAP = "p[style-name='Title'] => h1.title:fresh"
HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
# Elements dropped with everything in them: none is text a reader should see.
DROPPED = ["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "img"]
LINK_SCHEMES = ("http://", "https://", "mailto:")
SUMMARY_LENGTH = PolicyPage._meta.get_field("summary").max_length or 255
TITLE_LENGTH = PolicyPage._meta.get_field("title").max_length or 255
FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s|$)")
CORE_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# What a damaged archive or part raises as it is read: an encrypted entry raises
# RuntimeError, an unknown zip version NotImplementedError, broken XML ExpatError.
DAMAGED = (
    ExpatError,
    ElementTree.ParseError,
    ValueError,
    LookupError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
)
NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*|[a-z])[.)]?\s+")


class UnreadableDocument(Exception):
    """The document cannot become a policy; `reason` says why, in words for its author."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class ImportedPolicy:
    """A policy's fields as read from one document, and what reading it decided."""

    file_name: str
    title: str
    summary: str
    rule: str
    rationale: str
    how_to_explain: str = ""
    scope: str = ""
    exception_paths: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def heading_fields() -> dict[str, str]:
    """Each heading the settings name, as compared, to the field its section fills."""
    return {
        heading_key(name): field_name
        for field_name, names in settings.PORTAL_DOCX_HEADINGS.items()
        for name in names
    }


def heading_key(text: str) -> str:
    """A heading as compared: "2. Why?" and "why" are the same heading."""
    return NUMBERING.sub("", normalised(text))


def read_policy_document(*, name: str, content: bytes) -> ImportedPolicy:
    """The policy in the .docx file `name` holding `content`."""
    html, core_title = converted(content)
    blocks = [
        block for block in BeautifulSoup(html, "html.parser").contents if isinstance(block, Tag)
    ]
    if not any(block.get_text(strip=True) for block in blocks):
        raise UnreadableDocument(_("The document is empty."))
    fields = heading_fields()
    title, blocks = title_of(blocks, core_title=core_title, file_name=name, fields=fields)
    sections, headings = split_sections(blocks, fields)
    notes: list[str] = []
    paths = paths_of(sections, headings, notes)
    summary = summary_of(sections, notes)
    imported = ImportedPolicy(
        file_name=name,
        title=title,
        summary=summary,
        rule=clean_rich_text(sections["rule"]),
        rationale=clean_rich_text(sections["rationale"]),
        how_to_explain=clean_rich_text(sections["how_to_explain"]),
        scope="\n".join(text_lines(sections["scope"])),
        exception_paths=paths,
        notes=notes,
    )
    if not imported.rule:
        raise UnreadableDocument(_("The document states no rule: it has only its other sections."))
    if not imported.rationale:
        raise UnreadableDocument(
            _("The document does not say why the rule exists: add a section headed “Why”.")
        )
    return imported


def converted(content: bytes) -> tuple[str, str]:
    """The document's body as HTML and the title kept in its properties ("" if none)."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(
            _("The document is larger than %(size)d MB.") % {"size": MAX_DOCUMENT_BYTES // MEGABYTE}
        )
    not_word = UnreadableDocument(_("This is not a Word document (.docx)."))
    damaged = UnreadableDocument(_("The document is damaged and cannot be read."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise not_word from None
    except DAMAGED:
        raise damaged from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise not_word
        if sum(entry.file_size for entry in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise UnreadableDocument(_("The document unpacks to more than a policy could hold."))
        try:
            # Documents may carry a style map of their own; only the portal's is used, so
            # no document decides which HTML elements it becomes.
            result = mammoth.convert_to_html(
                io.BytesIO(content),
                style_map=STYLE_MAP,
                include_embedded_style_map=False,
                external_file_access=False,
                convert_image=lambda image: [],
            )
            core_title = properties_title(archive) if "docProps/core.xml" in names else ""
        except DAMAGED:
            raise damaged from None
    return result.value, core_title


def properties_title(archive: zipfile.ZipFile) -> str:
    found = ElementTree.fromstring(archive.read("docProps/core.xml")).find(CORE_TITLE)
    return plain(found.text or "") if found is not None else ""


def title_of(
    blocks: list[Tag], *, core_title: str, file_name: str, fields: dict[str, str]
) -> tuple[str, list[Tag]]:
    """The policy's title and the blocks after it: the heading the document opens with,
    else the title in its properties, else the file's name."""
    first = blocks[0]
    if first.name in HEADING_LEVELS and heading_key(first.get_text()) not in fields:
        title, blocks = plain(first.get_text()), blocks[1:]
    else:
        stem = PurePath(file_name).stem.replace("_", " ").replace("-", " ")
        title = next((text for text in (core_title, plain(stem)) if has_letters(text)), "")
    if not has_letters(title):
        raise UnreadableDocument(
            _("The document has no title: start it with a heading that names the policy.")
        )
    if len(title) > TITLE_LENGTH:
        raise UnreadableDocument(
            _("The title is longer than %(length)d characters: “%(start)s…”")
            % {"length": TITLE_LENGTH, "start": title[:60]}
        )
    return title, blocks


def has_letters(text: str) -> bool:
    return any(character.isalpha() for character in text)


def split_sections(
    blocks: list[Tag], fields: dict[str, str]
) -> tuple[defaultdict[str, list[Tag]], dict[str, Tag]]:
    """The blocks of each field's sections, and each section's own heading.

    A named heading starts its field's section, which runs until a heading of
    the same or a higher level; what lies outside every section is the rule.
    """
    sections: defaultdict[str, list[Tag]] = defaultdict(list)
    headings: dict[str, Tag] = {}
    current, level = "rule", 0
    for block in blocks:
        block_level = HEADING_LEVELS.get(block.name or "")
        if block_level is not None:
            field_name = fields.get(heading_key(block.get_text()))
            if field_name is not None:
                current, level = field_name, block_level
                headings.setdefault(field_name, block)
                continue
            if level and block_level <= level:
                current, level = "rule", 0
        sections[current].append(block)
    return sections, headings


def paths_of(sections, headings, notes: list[str]) -> list[dict]:
    """The exception paths in the Exceptions section's table; when it has none that reads
    without doubt, the section goes to the end of the rule under its own heading."""
    blocks = sections.pop("exception_paths", [])
    if not blocks:
        return []
    try:
        paths, rest = exception_paths_from(blocks)
    except NotAPathTable as refusal:
        sections["rule"] += [headings["exception_paths"], *blocks]
        notes.append(
            _(
                "The exceptions are kept as text in the rule, as %(reason)s: make them exception "
                "paths in the editor."
            )
            % {"reason": refusal.reason}
        )
        return []
    sections["rule"] += [headings["exception_paths"], *rest] if rest else []
    notes.append(_("%(count)d exception paths were read from the table.") % {"count": len(paths)})
    return paths


def summary_of(sections, notes: list[str]) -> str:
    """The rule in one sentence: the Summary section, else the rule's first paragraph if it
    is short enough (it then leaves the rule), else that paragraph's first sentence."""
    lines = text_lines(sections.pop("summary", []))
    if lines:
        return shortened(" ".join(lines), notes)
    rule = sections["rule"]
    first = next(
        (block for block in rule if block.name == "p" and block.get_text(strip=True)), None
    )
    if first is None:
        return shortened(" ".join(text_lines(rule)), notes)
    text = plain(first.get_text())
    others = [block for block in rule if block is not first and block.get_text(strip=True)]
    if len(text) <= SUMMARY_LENGTH and others:
        rule.remove(first)
        return text
    sentence = FIRST_SENTENCE.match(text)
    return shortened(sentence[0] if sentence else text, notes)


def shortened(text: str, notes: list[str]) -> str:
    if len(text) <= SUMMARY_LENGTH:
        return text
    notes.append(_("The summary was too long and was shortened: check it."))
    return text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def text_lines(blocks: list[Tag]) -> list[str]:
    """The blocks as lines of plain text: each paragraph, heading and list item a line."""
    lines = []
    for block in blocks:
        parts = block.find_all(["p", "li"]) if block.name in ("ul", "ol", "table") else [block]
        lines += [plain(part.get_text()) for part in parts]
    return [line for line in lines if line]


def clean_rich_text(blocks: list[Tag]) -> str:
    """The blocks as the rich text fields store them: only the features they allow.

    Dangerous or invisible elements go with their content; links other than web
    and mail links lose their link; headings become the two levels the editor
    offers. Wagtail's own converter then keeps exactly what the editor would.
    """
    soup = BeautifulSoup("".join(str(block) for block in blocks), "html.parser")
    for element in soup.find_all(DROPPED):
        element.decompose()
    for link in soup.find_all("a"):
        if not str(link.get("href", "")).lower().startswith(LINK_SCHEMES):
            link.unwrap()
    levels = sorted({HEADING_LEVELS[heading.name] for heading in soup.find_all(HEADING_LEVELS)})
    for heading in soup.find_all(HEADING_LEVELS):
        heading.name = "h3" if HEADING_LEVELS[heading.name] == levels[0] else "h4"
        heading.attrs = {}
    features = PolicyPage._meta.get_field("rule").features
    converter = ContentstateConverter(features=features)
    stored = BeautifulSoup(
        converter.to_database_format(converter.from_database_format(str(soup))), "html.parser"
    )
    for element in stored.find_all(["p", "h3", "h4", "li", "ul", "ol"]):
        if not element.get_text(strip=True):
            element.decompose()
    return str(stored).strip()
