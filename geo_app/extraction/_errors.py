"""Errors raised while reading a plan document."""

from __future__ import annotations

from geo_app.errors import DataFileError

__all__ = [
    "DocumentEncodingError",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "ScannedDocumentError",
    "UnsupportedDocumentError",
]


class DocumentError(DataFileError):
    """A plan document cannot be read as text."""


class EmptyDocumentError(DocumentError):
    """The document holds no text at all."""


class ScannedDocumentError(DocumentError):
    """The PDF has pages but no text layer (a scan): it needs OCR first."""


class DocumentTooLargeError(DocumentError):
    """The document is larger than the extractor accepts."""


class DocumentEncodingError(DocumentError):
    """A text file is in an encoding that cannot be recognised."""


class UnsupportedDocumentError(DocumentError):
    """The file type is not .txt, .docx or .pdf, or the file is damaged."""
