"""The world's other countries, for keeping carriers abroad apart."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from geo_app.extraction._places import foreign_countries

ROOT = Path(__file__).resolve().parents[2]


def test_the_country_names_come_from_their_file_less_chinese_places() -> None:
    names = foreign_countries()
    assert {"越南", "埃塞俄比亚", "柬埔寨", "阿联酋", "斯洛伐克"} <= set(names)
    # China's own regions, a county's name (巴林右旗, 黑山县) and a people (蒙古).
    assert not {"中国", "香港", "台湾", "巴林", "黑山", "蒙古"} & set(names)
    assert list(names) == sorted(names, key=len, reverse=True)


def test_the_country_file_is_rebuilt_from_its_sources(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_countries
    finally:
        sys.path.pop(0)
    try:
        installed = {name: metadata.version(name) for name in build_countries.BUILT_WITH}
    except metadata.PackageNotFoundError:
        pytest.skip("babel or pycountry is not installed; cannot rebuild countries.csv")
    if installed != build_countries.BUILT_WITH:
        pytest.skip(f"countries.csv was built with {build_countries.BUILT_WITH}, not {installed}")
    out = tmp_path / "countries.csv"
    assert build_countries.main(["--out", str(out)]) == 0
    assert out.read_bytes() == build_countries.OUT.read_bytes()
