"""From the registry to map-ready GeoDataFrames.

Each carrier is geocoded (offline gazetteer by default), the result is
checked against its expected city and district, and the carrier lands in
one of two tables: placed (a point with its precision and source) or
unplaced (out of area, or no trustworthy point, with the reason).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo_app.boundaries import read_boundaries
from geo_app.config import Settings
from geo_app.errors import GeocodingError, OutOfAreaError
from geo_app.registry import read_registry
from geocoding.base import Geocoder
from geocoding.check import AreaIndex
from geocoding.gazetteer import Gazetteer

__all__ = ["CarrierLayers", "load_carriers", "place_carriers", "place_registry_frame"]


@dataclass(frozen=True)
class CarrierLayers:
    """The registry split into what can be drawn and what cannot.

    Attributes
    ----------
    placed
        EPSG:4326 points; every registry column plus ``precision``,
        ``coord_source``, ``provider`` and ``approximate`` (True for district
        or city precision).
    unplaced
        Registry rows without a point, with a ``reason`` column.
    """

    placed: gpd.GeoDataFrame
    unplaced: pd.DataFrame

    def by_category(self) -> dict[str, gpd.GeoDataFrame]:
        """Placed carriers split into one GeoDataFrame per category."""
        return {
            str(cat): gpd.GeoDataFrame(part, geometry="geometry", crs=self.placed.crs)
            for cat, part in self.placed.groupby("category", sort=True)
        }


def place_carriers(registry: pd.DataFrame, geocoder: Geocoder, areas: AreaIndex) -> CarrierLayers:
    """Geocode and check every registry row.

    Parameters
    ----------
    registry
        As returned by :func:`geo_app.registry.read_registry`.
    geocoder
        Any provider following :class:`geocoding.base.Geocoder`.
    areas
        The polygons each result is checked against.

    Returns
    -------
    CarrierLayers
    """
    placed: list[dict[str, object]] = []
    unplaced: list[dict[str, object]] = []
    for _, row in registry.iterrows():
        record = row.to_dict()
        if row["out_of_area"]:
            unplaced.append({**record, "reason": "out of area: outside both cities"})
            continue
        city, district = row["city"], row["admin_district"] or None
        try:
            loc = geocoder.geocode(row["name_zh"], city=city, district=district)
            if loc is None:
                unplaced.append({**record, "reason": f"{geocoder.name}: no result"})
                continue
            areas.check(loc, city=city, district=district, query=row["name_zh"])
        except OutOfAreaError as err:
            unplaced.append({**record, "reason": f"rejected: {err}"})
            continue
        except GeocodingError as err:
            unplaced.append({**record, "reason": f"{geocoder.name}: {err}"})
            continue
        precision = str(loc.raw["precision"])
        placed.append(
            {
                **record,
                "precision": precision,
                "approximate": precision in ("district", "city"),
                "coord_source": str(loc.raw.get("source", "")),
                "provider": str(loc.raw.get("provider", geocoder.name)),
                "geometry": shapely.Point(loc.longitude, loc.latitude),
            }
        )
    columns = [*registry.columns, "precision", "approximate", "coord_source", "provider"]
    placed_gdf = gpd.GeoDataFrame(
        pd.DataFrame(placed, columns=[*columns, "geometry"]), geometry="geometry", crs=4326
    )
    unplaced_df = pd.DataFrame(unplaced, columns=[*registry.columns, "reason"])
    return CarrierLayers(placed=placed_gdf, unplaced=unplaced_df)


def load_carriers(settings: Settings | None = None) -> CarrierLayers:
    """Read the registry and place it with the offline gazetteer.

    Examples
    --------
    >>> layers = load_carriers()
    >>> bool(layers.placed.crs.equals("EPSG:4326"))
    True
    """
    settings = settings or Settings()
    registry = read_registry(settings.registry_file)
    areas = AreaIndex.from_boundaries(read_boundaries(settings.boundaries_file))
    return place_carriers(registry, Gazetteer.from_data_dir(settings.data_dir), areas)


def place_registry_frame(frame: pd.DataFrame, settings: Settings | None = None) -> CarrierLayers:
    """Validate a registry held in memory (e.g. a planner's reviewed import) and place it.

    The frame goes through exactly the checks of :func:`read_registry`
    (columns, categories, statuses, cities), so an edited table gets the same
    clear errors as a file.
    """
    settings = settings or Settings()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "imported_registry.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        registry = read_registry(path)
    areas = AreaIndex.from_boundaries(read_boundaries(settings.boundaries_file))
    return place_carriers(registry, Gazetteer.from_data_dir(settings.data_dir), areas)
