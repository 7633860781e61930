"""Keys of analysis results: the same inputs give the same key, any change another."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import pytest
import shapely

from geo_app.analysis.coverage import DEFAULT_RADII_M
from geo_app.analysis.fingerprint import analysis_key, carriers_fingerprint, frame_fingerprint
from geo_app.analysis.run import AnalysisOptions


def _carriers() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": ["a", "b"],
            "name_zh": ["甲", "乙"],
            "category": ["park", "community"],
            "precision": ["point", "district"],
            "city": ["洛阳市", "洛阳市"],
            "out_of_area": [False, False],
        },
        geometry=shapely.points([[112.4, 34.6], [112.5, 34.7]]),
        crs=4326,
    )


def _key(options: AnalysisOptions | None = None, **parts: Any) -> str:
    city = parts.pop("city", "洛阳市")
    given = {
        "carriers": carriers_fingerprint(_carriers()),
        "boundaries": "b1",
        "population": "census",
        "plans": "p1",
    }
    given.update(parts)
    return analysis_key(city, options or AnalysisOptions(), **given)


def test_the_same_inputs_give_the_same_key() -> None:
    same = AnalysisOptions(radii_m=MappingProxyType(dict(reversed(DEFAULT_RADII_M.items()))))
    assert _key() == _key(same)
    assert carriers_fingerprint(_carriers()) == carriers_fingerprint(_carriers().copy())
    # A column an analysis does not read does not change the carriers' key.
    renamed = _carriers().assign(name_zh=["丙", "丁"])
    assert carriers_fingerprint(renamed) == carriers_fingerprint(_carriers())


CHANGES = {
    "categories": AnalysisOptions(categories=("park",)),
    "radius": AnalysisOptions(radii_m=MappingProxyType({**DEFAULT_RADII_M, "park": 4000.0})),
    "approximate": AnalysisOptions(include_approximate=True),
    "cell": AnalysisOptions(cell_size_m=500.0),
    "h3": AnalysisOptions(h3_resolution=8),
    "bandwidth": AnalysisOptions(bandwidth_km=3.0),
    "basis": AnalysisOptions(basis="area"),
}


@pytest.mark.parametrize("options", CHANGES.values(), ids=CHANGES.keys())
def test_any_option_change_gives_another_key(options: AnalysisOptions) -> None:
    assert _key(options) != _key()


@pytest.mark.parametrize(
    "part", ["city", "boundaries", "population", "plans"], ids=lambda p: f"{p}-changed"
)
def test_any_other_input_change_gives_another_key(part: str) -> None:
    value = "漯河市" if part == "city" else "other"
    assert _key(**{part: value}) != _key()


def test_any_carrier_change_gives_another_key() -> None:
    base = carriers_fingerprint(_carriers())
    moved = _carriers().set_geometry(shapely.points([[112.4, 34.6], [112.5, 34.8]]), crs=4326)
    changes = [
        moved,
        _carriers().assign(category=["park", "park"]),
        _carriers().assign(precision=["point", "point"]),
        _carriers().assign(id=["a", "c"]),
        _carriers().iloc[:1],
    ]
    assert all(carriers_fingerprint(c) != base for c in changes)
    assert frame_fingerprint(_carriers()) != frame_fingerprint(_carriers().assign(name_zh="x"))


def test_options_are_immutable_so_a_key_stays_valid() -> None:
    options = AnalysisOptions()
    with pytest.raises(AttributeError):
        options.cell_size_m = 100.0  # type: ignore[misc]
    assert _key(replace(options, cell_size_m=250.0)) == _key()
