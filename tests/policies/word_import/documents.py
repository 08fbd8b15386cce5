"""Word documents for the import's tests, written by the demo's own minimal writer."""

import io
import zipfile

from portal.devtools.demo.word_documents import Block, Heading, Title, word_document

WHY = [Heading("Why"), "Returned stock must still be sellable."]


def policy_document(*blocks: Block, title: str = "Returns within 30 days", **kwargs) -> bytes:
    """A document with `title` as its first heading, a rule, its why, and `blocks` after."""
    return word_document(
        [
            Title(title),
            "Unused items come back within 30 days.",
            "Keep the receipt.",
            *WHY,
            *blocks,
        ],
        **kwargs,
    )


def with_part(document: bytes, name: str, content: bytes) -> bytes:
    """`document` with the zip entry `name` replaced by (or added as) `content`."""
    source = zipfile.ZipFile(io.BytesIO(document))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for entry in source.namelist():
            if entry != name:
                target.writestr(entry, source.read(entry))
        target.writestr(name, content)
    return buffer.getvalue()
