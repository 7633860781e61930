"""Read plan documents (.txt in UTF-8/GBK/…, .docx, text PDFs) into text.

Every failure a planner can cause (empty file, scanned PDF, huge file,
unknown encoding, wrong type) raises a :class:`DocumentError` subclass whose
message says what to do.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Final

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
        raise DocumentEncodingError(
            name,
            "the text encoding could not be recognised; save the file as UTF-8 or GBK",
        )
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

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UnsupportedDocumentError(name, f"not a readable Word (.docx) file: {err}") from err
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise UnsupportedDocumentError(name, f"not a readable PDF file: {err}") from err
    text = "\n".join(pages)
    if pages and not text.strip():
        raise ScannedDocumentError(
            name,
            f"the PDF has {len(pages)} page(s) but no text layer (a scan); "
            "run OCR on it or upload the text version",
        )
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
            name, f"unsupported file type {suffix or '(none)'}; use .txt, .docx or .pdf"
        )
    if len(data) > MAX_BYTES:
        raise DocumentTooLargeError(
            name, f"the file is {len(data) / 2**20:.1f} MiB; the limit is {MAX_BYTES // 2**20} MiB"
        )
    if not data.strip():
        raise EmptyDocumentError(name, "the file is empty")
    if suffix == ".docx":
        text = _read_docx(data, name)
    elif suffix == ".pdf":
        text = _read_pdf(data, name)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise EmptyDocumentError(name, "the document contains no text")
    if len(text) > MAX_CHARS:
        raise DocumentTooLargeError(
            name, f"the document has {len(text):,} characters; the limit is {MAX_CHARS:,}"
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
    except OSError as err:
        raise UnsupportedDocumentError(path, f"cannot open the file: {err.strerror}") from err
    if size > MAX_BYTES:
        raise DocumentTooLargeError(
            path, f"the file is {size / 2**20:.1f} MiB; the limit is {MAX_BYTES // 2**20} MiB"
        )
    return read_document_bytes(path.read_bytes(), str(path))
