"""Placing the registry: every drawn carrier lies in its district; errors are not drawn."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo_app.pipeline import CarrierLayers, place_carriers
from geocoding.base import Location, Precision
from geocoding.check import AreaIndex


def test_every_mapped_carrier_lies_in_its_district(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    placed = carrier_layers.placed
    assert len(placed) > 0
    assert placed.crs.to_epsg() == 4326
    for _, row in placed.iterrows():
        if row["admin_district"]:
            poly = boundaries[
                (boundaries["name"] == row["admin_district"]) & (boundaries["city"] == row["city"])
            ].geometry.iloc[0]
        else:
            poly = shapely.union_all(boundaries[boundaries["city"] == row["city"]].geometry)
        assert poly.contains(row.geometry), row["id"]


def test_precision_is_honest(carrier_layers: CarrierLayers) -> None:
    placed = carrier_layers.placed
    assert set(placed["precision"]) <= {p.value for p in Precision}
    with_district = placed[placed["admin_district"] != ""]
    assert (with_district["precision"].isin(["point", "area", "district"])).all()
    approximate = placed["precision"].isin(["district", "city"])
    assert (placed["approximate"] == approximate).all()
    assert placed["coord_source"].str.len().gt(0).all()


def test_out_of_area_carriers_are_listed_not_drawn(
    carrier_layers: CarrierLayers, registry: pd.DataFrame
) -> None:
    out_ids = set(registry.loc[registry["out_of_area"], "id"])
    assert out_ids <= set(carrier_layers.unplaced["id"])
    assert not out_ids & set(carrier_layers.placed["id"])
    assert len(carrier_layers.placed) + len(carrier_layers.unplaced) == len(registry)


class _NaiveGeocoder:
    """Returns 舟山 (Zhejiang) for anything: the trap a naive geocoder falls into."""

    name = "naive"

    def geocode(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> Location | None:
        return Location(query, 29.985, 122.207, {"precision": "point", "source": "test"})


def test_a_point_outside_its_city_is_rejected_with_the_reason(
    registry: pd.DataFrame, boundaries: gpd.GeoDataFrame
) -> None:
    layers = place_carriers(
        registry[registry["id"] == "LY-ISL-01"],
        _NaiveGeocoder(),
        AreaIndex.from_boundaries(boundaries),
    )
    assert layers.placed.empty
    reason = layers.unplaced["reason"].iloc[0]
    assert reason.startswith("rejected:") and "洛阳市" in reason
