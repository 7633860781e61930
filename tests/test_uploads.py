"""Uploads: stored whole under their content hash, sizes checked before parsing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from geo_app import storage
from geo_app.errors import DataFileError
from geo_app.storage import UPLOAD_LIMITS, store_upload

REPO = Path(__file__).resolve().parents[1]
UI_FILES = [REPO / "streamlit_app.py", *sorted((REPO / "geo_app" / "ui").glob("*.py"))]


def test_an_upload_is_stored_under_its_content_hash(tmp_path: Path) -> None:
    data = "名称,地址\n卓阳科技产业社区,涧西区\n".encode("gbk")
    stored = store_upload(data, "我的名单.CSV", kind="table", root=tmp_path)
    digest = hashlib.sha256(data).hexdigest()
    assert stored.digest == digest
    assert stored.path == tmp_path / digest / "我的名单.csv"
    assert stored.path.read_bytes() == data and stored.name == "我的名单.CSV"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["我的名单.csv"]


def test_a_half_written_upload_is_rewritten(tmp_path: Path) -> None:
    data = b"lon,lat,weight\n" + b"112.4,34.6,10\n" * 1000
    first = store_upload(data, "grid.csv", kind="population_grid", root=tmp_path)
    first.path.write_bytes(data[:100])  # what a write cut short used to leave for ever
    again = store_upload(data, "grid.csv", kind="population_grid", root=tmp_path)
    assert again.path == first.path and again.path.read_bytes() == data


def test_an_uploaded_name_cannot_leave_the_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    for name in ("../../escape.csv", "/etc/passwd", "..\\..\\win.csv", "..", "\x00.csv"):
        stored = store_upload(b"a\n", name, kind="table", root=root)
        assert stored.path.resolve().is_relative_to(root.resolve())
        assert stored.path.parent.name == stored.digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_too_large_is_refused_before_anything_is_read_or_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "UPLOAD_LIMITS", {**UPLOAD_LIMITS, "document": 512 * 1024})
    with pytest.raises(DataFileError) as caught:
        store_upload(b"x" * 2 * 1024 * 1024, "plan.docx", kind="document", root=tmp_path)
    err = caught.value
    assert err.code == "upload.too_large" and err.path == Path("plan.docx")
    assert "2.0 MB" in str(err) and "at most 0.5 MB" in str(err)
    assert "文件大小为 2.0 MB" in err.text("zh")
    assert list(tmp_path.iterdir()) == []


def test_every_kind_has_a_documented_limit() -> None:
    assert set(UPLOAD_LIMITS) == {
        "table",
        "document",
        "population_grid",
        "areas",
        "session",
        "layer",
    }
    assert all(0 < limit <= 200 * 1024 * 1024 for limit in UPLOAD_LIMITS.values())


def test_every_upload_in_the_app_goes_through_store_upload() -> None:
    """Each place that takes an uploaded file's bytes hands them to ``store_upload``."""
    taken = 0
    for path in UI_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if re.search(r"\b\w*upload\w*\.(getvalue|getbuffer|read)\(\)", line):
                taken += 1
                assert "store_upload(" in line, f"{path.name}:{number}: {line.strip()}"
            assert ".write_bytes(upload" not in line, f"{path.name}:{number}"
    assert taken >= 6  # session, areas, two population grids, the list, the plan, files


class _Upload:
    name = "bomb.docx"

    def getvalue(self) -> bytes:
        return b"PK\x03\x04" + b"\x00" * 100


def test_the_plan_upload_is_size_checked_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    from geo_app.ui import extract_panel

    parsed: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(storage, "UPLOAD_LIMITS", {**UPLOAD_LIMITS, "document": 10})
    monkeypatch.setattr(extract_panel, "_extract", lambda *a, **k: parsed.append("parsed"))
    st = extract_panel.st
    monkeypatch.setattr(st, "subheader", lambda *a, **k: None)
    monkeypatch.setattr(st, "file_uploader", lambda *a, **k: _Upload())
    monkeypatch.setattr(st, "text_input", lambda *a, **k: "")
    monkeypatch.setattr(st, "error", lambda text, **k: shown.append(str(text)))
    extract_panel.render_extract_panel("zh")
    assert parsed == []
    assert len(shown) == 1 and "此类文件最大" in shown[0] and "bomb" in shown[0]
