"""Read a plan document and extract its carriers and planned counts for review.

Examples
--------
>>> from geo_app.extraction import extract_text
>>> e = extract_text("支持东城、淞江产业集聚区建设省级高新区。", city="漯河")
>>> [(c.name, c.city) for c in e.carriers]
[('东城产业集聚区', '漯河市'), ('淞江产业集聚区', '漯河市')]
"""

from __future__ import annotations

from geo_app.extraction._errors import (
    DocumentEncodingError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    ScannedDocumentError,
    UnsupportedDocumentError,
)
from geo_app.extraction._model import (
    CARRIER_COLUMNS,
    TARGET_COLUMNS,
    ExtractedCarrier,
    ExtractedTarget,
    Extraction,
)
from geo_app.extraction._pipeline import (
    extract_document,
    extract_document_bytes,
    extract_text,
    plan_target_year,
)
from geo_app.extraction._readers import read_document, read_document_bytes

__all__ = [
    "CARRIER_COLUMNS",
    "TARGET_COLUMNS",
    "DocumentEncodingError",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "ExtractedCarrier",
    "ExtractedTarget",
    "Extraction",
    "ScannedDocumentError",
    "UnsupportedDocumentError",
    "extract_document",
    "extract_document_bytes",
    "extract_text",
    "plan_target_year",
    "read_document",
    "read_document_bytes",
]
