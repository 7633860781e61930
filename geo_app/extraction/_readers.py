"""Read plan documents (.txt in UTF-8/GBK/…, .docx, text PDFs) into text.

Every failure a planner can cause (empty file, scanned PDF, huge file,
unknown encoding, wrong type) raises a :class:`DocumentError` subclass whose
message says what to do.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Final

from geo_app.archives import check_zip, one_line
from geo_app.errors import DataFileError
from geo_app.extraction._errors import (
    DocumentEncodingError,
    DocumentTooLargeError,
    EmptyDocumentError,
    ScannedDocumentError,
    UnsupportedDocumentError,
)

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "SUPPORTED_SUFFIXES",
    "decode_text",
    "read_document",
    "read_document_bytes",
]

#: Largest file accepted (bytes).  Municipal plans are well below this.
MAX_BYTES: Final[int] = 30 * 1024 * 1024
#: Largest text accepted after reading (characters).
MAX_CHARS: Final[int] = 2_000_000
#: File types the extractor reads.
SUPPORTED_SUFFIXES: Final[tuple[str, ...]] = (".txt", ".docx", ".pdf")

_TEXT_ENCODINGS: Final[tuple[str, ...]] = ("utf-8-sig", "utf-16", "gb18030", "big5")
# Share of CJK characters a decoding must reach to be trusted.
_MIN_CJK_SHARE: Final[float] = 0.05


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return cjk / len(text)


def _plausible(text: str) -> bool:
    if "\ufffd" in text:
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    return controls <= len(text) // 100


def decode_text(data: bytes, name: str = "<upload>") -> str:
    """Decode a plain-text plan written in UTF-8, GBK/GB18030, UTF-16 or Big5.

    Parameters
    ----------
    data
        The file's bytes.
    name
        File name, for messages.

    Returns
    -------
    str

    Raises
    ------
    DocumentEncodingError
        If no encoding gives readable text.

    Examples
    --------
    >>> decode_text("漯河市产业园".encode("gbk"))
    '漯河市产业园'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    for encoding in _TEXT_ENCODINGS[2:]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            candidates.append(text)
    best = max(candidates, key=_cjk_share, default=None)
    if best is None or (_cjk_share(best) < _MIN_CJK_SHARE and not best.isascii()):
        guess = _charset_guess(data)
        if guess is not None:
            return guess
        raise DocumentEncodingError(name, code="document.encoding")
    return best


def _charset_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    return text if _plausible(text) and _cjk_share(text) >= _MIN_CJK_SHARE else None


def _read_docx(data: bytes, name: str) -> str:
    from docx import Document
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError  # type: ignore[import-untyped,unused-ignore]

    try:
        check_zip(data, name, kind="Word (.docx)")
    except DataFileError as err:
        raise UnsupportedDocumentError(name, code=err.code, params=err.params) from err
    try:
        document = Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
    except LxmlError as err:
        # libxml2 refuses a text node over 10 MB ("Text node too long"): say so plainly.
        huge = "text node too long" in str(err).lower()
        code = "document.docx_text_node" if huge else "document.docx_unreadable"
        raise UnsupportedDocumentError(name, code=code, params={"detail": one_line(err)}) from err
    # A damaged part fails while it is inflated (zlib, EOF) or interpreted (KeyError …).
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        OpcError,
        KeyError,
        ValueError,
        AttributeError,
        TypeError,
        IndexError,
    ) as err:
        raise UnsupportedDocumentError(
            name, code="document.docx_unreadable", params={"detail": one_line(err)}
        ) from err
    return "\n".join(parts)


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    # A damaged PDF makes pypdf fail in many ways besides PdfReadError.
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        AttributeError,
        IndexError,
        AssertionError,
        ZeroDivisionError,
        RecursionError,
    ) as err:
        raise UnsupportedDocumentError(
            name, code="document.pdf_unreadable", params={"detail": one_line(err)}
        ) from err
    text = "\n".join(pages)
    if pages and not text.strip():
        raise ScannedDocumentError(name, code="document.scanned", params={"pages": len(pages)})
    return text


def read_document_bytes(data: bytes, name: str) -> str:
    """Read an uploaded document's bytes into text.

    Parameters
    ----------
    data
        File content.
    name
        File name; its suffix (.txt, .docx, .pdf) selects the reader.

    Returns
    -------
    str
        The document's text (not yet normalised).

    Raises
    ------
    DocumentError
        Empty, scanned, too large, unknown encoding or unsupported type.

    Examples
    --------
    >>> read_document_bytes("建设产业园".encode(), "plan.txt")
    '建设产业园'
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocumentError(
            name, code="document.unsupported_type", params={"suffix": suffix or "(none)"}
        )
    if len(data) > MAX_BYTES:
        raise DocumentTooLargeError(name, code="file.too_large", params=_sizes(len(data)))
    if not data.strip():
        raise EmptyDocumentError(name, code="file.empty")
    if suffix == ".docx":
        text = _read_docx(data, name)
    elif suffix == ".pdf":
        text = _read_pdf(data, name)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise EmptyDocumentError(name, code="document.no_text")
    if len(text) > MAX_CHARS:
        raise DocumentTooLargeError(
            name, code="document.too_many_chars", params={"count": len(text), "limit": MAX_CHARS}
        )
    return text


def read_document(path: str | Path) -> str:
    """Read a plan document from disk (see :func:`read_document_bytes`).

    Raises
    ------
    DocumentError
        If the file is missing, empty, scanned, too large or unreadable.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentTooLargeError(path, code="file.too_large", params=_sizes(size))
        data = path.read_bytes()
    except OSError as err:
        raise UnsupportedDocumentError(
            path, code="file.unreadable", params={"detail": err.strerror}
        ) from err
    return read_document_bytes(data, str(path))


def _sizes(size: int) -> dict[str, object]:
    return {"size": f"{size / 2**20:.1f}", "limit": MAX_BYTES // 2**20}
