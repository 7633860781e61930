"""Check that a geocoded point lies where it is expected.

A point outside its expected city or district is a geocoding error (the
classic trap: 周山 in Luoyang geocoded to 舟山 in Zhejiang), raised as
:class:`~geo_app.errors.OutOfAreaError`, never drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo_app.boundaries import read_boundaries
from geo_app.config import Settings
from geo_app.errors import OutOfAreaError
from geo_app.messages import Term
from geocoding.base import Location

if TYPE_CHECKING:  # the City records are read when an index is built for cities
    from collections.abc import Sequence

    from geo_app.cities import City

__all__ = ["AreaIndex"]

#: Points this close to a border (in degrees, ~10 m) still count as inside;
#: district-level coordinates are representative points, well inside anyway.
_EDGE_TOLERANCE_DEG = 1e-4


@dataclass(frozen=True)
class AreaIndex:
    """District and city polygons indexed for point checks.

    Build it with :meth:`from_boundaries` or :meth:`default`.
    """

    names: tuple[str, ...]
    cities: tuple[str, ...]
    geometries: tuple[BaseGeometry, ...]
    city_geometries: dict[str, BaseGeometry]

    @classmethod
    def from_boundaries(cls, boundaries: gpd.GeoDataFrame) -> AreaIndex:
        """Index a boundaries GeoDataFrame (columns ``name``, ``city``)."""
        gdf = boundaries.to_crs(4326)
        geoms = tuple(gdf.geometry)
        for g in geoms:
            shapely.prepare(g)
        city_geoms: dict[str, BaseGeometry] = {}
        for city, part in gdf.groupby("city"):
            union = shapely.union_all(np.asarray(part.geometry))
            shapely.prepare(union)
            city_geoms[str(city)] = union
        return cls(
            names=tuple(str(n) for n in gdf["name"]),
            cities=tuple(str(c) for c in gdf["city"]),
            geometries=geoms,
            city_geometries=city_geoms,
        )

    @classmethod
    def default(cls, settings: Settings | None = None) -> AreaIndex:
        """Index the shipped ``data/boundaries.geojson``."""
        settings = settings or Settings()
        return cls.from_boundaries(read_boundaries(Path(settings.boundaries_file)))

    @classmethod
    def for_cities(cls, cities: Sequence[City], *, data_dir: Path | None = None) -> AreaIndex:
        """Index the county-level units of ``cities`` (a workspace's covered cities).

        A workspace stores these same boundaries; pass
        ``AreaIndex.from_boundaries(workspace.boundaries())`` where one is open.

        Examples
        --------
        >>> from geo_app.cities import city_record
        >>> index = AreaIndex.for_cities([city_record("许昌市")])
        >>> index.locate(113.804003, 34.041454)
        ('许昌市', '魏都区')
        """
        from geo_app.cities import read_cities_boundaries

        base = data_dir if data_dir is not None and (Path(data_dir) / "cities").is_dir() else None
        return cls.from_boundaries(read_cities_boundaries(cities, data_dir=base))

    def area(self, *, city: str | None = None, district: str | None = None) -> BaseGeometry | None:
        """The polygon of ``district`` (within ``city`` if given) or of ``city``."""
        if district:
            for name, c, geom in zip(self.names, self.cities, self.geometries, strict=True):
                if name == district and (not city or c == city):
                    return geom
            return None
        if city:
            return self.city_geometries.get(city)
        return None

    def locate(self, lon: float, lat: float) -> tuple[str, str] | None:
        """``(city, district)`` containing the point, or ``None`` if in no indexed city."""
        point = shapely.Point(lon, lat)
        for name, city, geom in zip(self.names, self.cities, self.geometries, strict=True):
            if geom.covers(point):
                return (city, name)
        return None

    def check(
        self,
        location: Location,
        *,
        city: str | None = None,
        district: str | None = None,
        query: str = "",
    ) -> None:
        """Raise :class:`OutOfAreaError` unless ``location`` lies in the expected area.

        Parameters
        ----------
        location
            A WGS-84 result.
        city, district
            The expected area. With neither, the point must lie in one of
            the indexed cities.
        query
            The text that was geocoded, for the message.
        """
        point = shapely.Point(location.longitude, location.latitude)
        if not city and not district:
            if self.locate(location.longitude, location.latitude) is None:
                cities = list(self.city_geometries)
                raise OutOfAreaError(
                    query or location.address,
                    Term(" or ".join(cities), {"zh": "、".join(cities)}),
                    location.longitude,
                    location.latitude,
                )
            return
        geom = self.area(city=city, district=district)
        expected = " ".join(x for x in (city, district) if x)
        if geom is None:
            unknown = Term(f"{expected} (unknown area)", {"zh": f"{expected}(未知区域)"})
            raise OutOfAreaError(query or location.address, unknown, *location.lonlat)
        if not geom.covers(point) and geom.distance(point) > _EDGE_TOLERANCE_DEG:
            raise OutOfAreaError(query or location.address, expected, *location.lonlat)
