"""A minimal Word document writer: just enough of the .docx format for sample policies.

A .docx file is a zip of XML parts. This writes the parts Word and mammoth need
for a title, headings, paragraphs, bullet lists and tables, with the document's
title in its properties. Every entry carries the same fixed date, so the same
blocks always give the same file.
"""

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PART_TYPES = {
    "/word/document.xml": f"{WORD_TYPE}.document.main+xml",
    "/word/styles.xml": f"{WORD_TYPE}.styles+xml",
    "/word/numbering.xml": f"{WORD_TYPE}.numbering+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
}
# Each relationship's id, type and target, of the package and of the document.
PACKAGE_LINKS = [
    ("rId1", f"{OFFICE}/officeDocument", "word/document.xml"),
    ("rId2", f"{PACKAGE}/relationships/metadata/core-properties", "docProps/core.xml"),
]
DOCUMENT_LINKS = [
    ("rId1", f"{OFFICE}/styles", "styles.xml"),
    ("rId2", f"{OFFICE}/numbering", "numbering.xml"),
]
# Each paragraph style's id and the name mammoth matches; one table style.
STYLES = [
    ("Title", "Title"),
    ("Heading1", "heading 1"),
    ("Heading2", "heading 2"),
    ("Heading3", "heading 3"),
    ("ListParagraph", "List Paragraph"),
]


def content_types() -> str:
    overrides = "".join(
        f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in PART_TYPES.items()
    )
    return (
        f'{XML_DECLARATION}<Types xmlns="{PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


def relationships(links: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="{key}" Type="{kind}" Target="{target}"/>' for key, kind, target in links
    )
    return (
        f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE}/relationships">{items}</Relationships>'
    )


def styles() -> str:
    paragraphs = "".join(
        f'<w:style w:type="paragraph" w:styleId="{key}"><w:name w:val="{name}"/></w:style>'
        for key, name in STYLES
    )
    table = '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
    return f'{XML_DECLARATION}<w:styles xmlns:w="{NAMESPACE}">{paragraphs}{table}</w:styles>'


def numbering() -> str:
    """One bullet list definition, which every bulleted paragraph uses."""
    level = '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    return (
        f'{XML_DECLARATION}<w:numbering xmlns:w="{NAMESPACE}">'
        f'<w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def core_properties(title: str) -> str:
    return (
        f'{XML_DECLARATION}<cp:coreProperties xmlns:cp="{PACKAGE}/metadata/core-properties" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title>'
        "</cp:coreProperties>"
    )


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = str | Heading | Title | Bullets | Table


def paragraph_xml(text: str, style: str = "", numbered: bool = False) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if numbered:
        properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    runs = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"


def cell_xml(text: str) -> str:
    return f"<w:tc>{paragraph_xml(text)}</w:tc>"


def table_xml(table: Table) -> str:
    header = "".join(cell_xml(text) for text in table.header)
    rows = "".join(f"<w:tr>{''.join(cell_xml(text) for text in row)}</w:tr>" for row in table.rows)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
        f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>{rows}</w:tbl>"
    )


def block_xml(block: Block) -> str:
    if isinstance(block, Title):
        return paragraph_xml(block.text, style="Title")
    if isinstance(block, Heading):
        return paragraph_xml(block.text, style=f"Heading{block.level}")
    if isinstance(block, Bullets):
        return "".join(
            paragraph_xml(item, style="ListParagraph", numbered=True) for item in block.items
        )
    if isinstance(block, Table):
        return table_xml(block)
    return paragraph_xml(block)


def word_document(blocks: list[Block], *, title: str = "") -> bytes:
    """The .docx file holding `blocks` in order, with `title` in its properties."""
    body = "".join(block_xml(block) for block in blocks)
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": relationships(PACKAGE_LINKS),
        "docProps/core.xml": core_properties(title),
        "word/_rels/document.xml.rels": relationships(DOCUMENT_LINKS),
        "word/styles.xml": styles(),
        "word/numbering.xml": numbering(),
        "word/document.xml": (
            f'{XML_DECLARATION}<w:document xmlns:w="{NAMESPACE}"><w:body>{body}</w:body>'
            "</w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), text.encode())
    return buffer.getvalue()
