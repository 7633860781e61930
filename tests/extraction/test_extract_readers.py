"""Readers: .txt in several encodings, generated .docx and PDFs, clear errors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from geo_app.errors import DataFileError, GeoAppError
from geo_app.extraction import (
    DocumentEncodingError,
    DocumentTooLargeError,
    EmptyDocumentError,
    ScannedDocumentError,
    UnsupportedDocumentError,
    _readers,
    extract_document,
    extract_document_bytes,
    read_document,
    read_document_bytes,
)

PLAN = "到2025年,建设科技产业社区不少于20家,加快卓阳科技产业社区建设。"

# A minimal PDF writer, so the tests need no binary fixture files.
_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def _pdf(objects: list[bytes]) -> bytes:
    """Assemble numbered PDF objects into a file with a valid xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (CJK via Identity-H).

    Glyph ids equal Unicode code points and a ToUnicode CMap maps them back,
    so text extraction works without embedding a font.
    """
    ops = [b"BT /F1 12 Tf 14 TL 40 800 Td"]
    for line in lines:
        ops.append(b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor 8 0 R /DW 1000 >>",
            _stream(_TO_UNICODE),
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 "
            b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            b"/CapHeight 880 /StemV 80 >>",
        ]
    )


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages only draw a rectangle: no text layer, like a scan."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    for i in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(_stream(b"0 0 0 rg 50 50 200 300 re f"))
    return _pdf(objects)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_in_common_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    assert read_document(path).strip() == PLAN


def test_big5_traditional_text_is_read_and_simplified() -> None:
    data = "加快卓陽科技產業社區建設。".encode("big5")
    extraction = extract_document_bytes(data, "plan.txt", city="洛阳")
    assert [c.name for c in extraction.carriers] == ["卓阳科技产业社区"]


def test_generated_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("洛阳市“十四五”科技创新规划")
    document.add_paragraph(PLAN)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "加快临港产业园改造升级。"
    table.rows[0].cells[1].text = "备注"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    extraction = extract_document(path)
    assert extraction.city == "洛阳市"
    assert {c.name for c in extraction.carriers} == {"卓阳科技产业社区", "临港产业园"}
    assert [(t.bound, t.min, t.year) for t in extraction.targets] == [("at_least", 20, 2025)]
    assert extraction.source_file == "plan.docx"


def test_generated_text_pdf() -> None:
    data = text_pdf(["洛阳市科技创新规划", PLAN])
    extraction = extract_document_bytes(data, "plan.pdf")
    assert [c.name for c in extraction.carriers] == ["卓阳科技产业社区"]
    assert [(t.category, t.min) for t in extraction.targets] == [("community", 20)]


def test_scanned_pdf_gets_a_clear_message() -> None:
    with pytest.raises(ScannedDocumentError, match=r"scan\.pdf.*no text layer.*OCR"):
        read_document_bytes(scanned_pdf(2), "scan.pdf")


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", "\u3000\n".encode()])
def test_empty_documents(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError, match=r"empty|no text"):
        read_document_bytes(data, "empty.txt")


def test_unknown_encoding() -> None:
    data = bytes(range(0x80, 0x100)) * 20
    with pytest.raises(DocumentEncodingError, match="encoding"):
        read_document_bytes(data, "odd.txt")


def test_too_large(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(_readers, "MAX_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_bytes(PLAN.encode() * 10)
    with pytest.raises(DocumentTooLargeError, match="limit"):
        read_document(path)
    with pytest.raises(DocumentTooLargeError):
        read_document_bytes(PLAN.encode() * 10, "huge.txt")


def test_too_many_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_readers, "MAX_CHARS", 10)
    with pytest.raises(DocumentTooLargeError, match="characters"):
        read_document_bytes(PLAN.encode(), "long.txt")


@pytest.mark.parametrize(
    ("name", "data"),
    [("plan.xlsx", b"PK\x03\x04"), ("plan.docx", b"not a zip"), ("plan.pdf", b"%PDF-1.4 broken")],
)
def test_unsupported_or_damaged(name: str, data: bytes) -> None:
    with pytest.raises(UnsupportedDocumentError) as info:
        read_document_bytes(data, name)
    assert name in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedDocumentError, match="cannot open"):
        read_document(tmp_path / "nope.txt")


def test_errors_belong_to_the_product_hierarchy() -> None:
    for cls in (
        DocumentEncodingError,
        DocumentTooLargeError,
        EmptyDocumentError,
        ScannedDocumentError,
        UnsupportedDocumentError,
    ):
        assert issubclass(cls, DataFileError)
        assert issubclass(cls, GeoAppError)
