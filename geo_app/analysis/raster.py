"""Surfaces on the analysis grid, resampled for drawing on a lon/lat map.

The analysis grid is square in a Gauss-Krüger CRS, whose rows are not parallel
to lines of latitude (they turn by up to a degree at the zone's edge). A web
map overlays images in lon/lat, so a surface is resampled onto a regular
lon/lat raster by transforming that raster's cell centres into the grid's CRS
(one vectorised pyproj call) and reading the nearest grid cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from geo_app.analysis.grid import Grid

__all__ = ["LonLatImage", "piece_raster", "to_lonlat_image"]


@dataclass(frozen=True, slots=True)
class LonLatImage:
    """A surface on a lon/lat raster, ready for a web map's image overlay.

    Parameters
    ----------
    values
        Shape (height, width); row 0 is the northern edge; columns evenly
        spaced in longitude, rows evenly spaced in Web Mercator y (so the
        overlay is drawn without reprojection); ``nan`` where there is no data
        (outside the districts).
    south, west, north, east
        Outer edges of the raster in degrees (WGS-84).
    """

    values: NDArray[np.float64]
    south: float
    west: float
    north: float
    east: float

    @property
    def bounds(self) -> list[list[float]]:
        """``[[south, west], [north, east]]`` as folium expects."""
        return [[self.south, self.west], [self.north, self.east]]


def piece_raster(grid: Grid, values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Put per-piece values on the full grid, shape ``(ny, nx)``, ``nan`` elsewhere.

    Where a cell is split between districts the last piece's value wins (the
    values compared here are per cell, so the pieces of a cell agree).
    """
    out = np.full(grid.nx * grid.ny, np.nan)
    out[grid.flat] = values
    return out.reshape(grid.ny, grid.nx)


def _mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, on the unit sphere."""
    return float(np.log(np.tan(np.pi / 4.0 + np.radians(lat) / 2.0)))


def to_lonlat_image(grid: Grid, raster: NDArray[np.float64], *, width: int = 800) -> LonLatImage:
    """Resample a ``(ny, nx)`` grid surface onto a lon/lat raster for an image overlay.

    Parameters
    ----------
    grid
        The grid ``raster`` lies on (row 0 = south).
    raster
        Values per cell, ``nan`` for no data.
    width
        Width of the output in pixels; the height keeps the ground aspect.

    Returns
    -------
    LonLatImage
    """
    west, south, east, north = grid.districts_wgs84.total_bounds
    mid = np.radians((south + north) / 2.0)
    height = max(2, round(float(width * (north - south) / ((east - west) * np.cos(mid)))))
    lon = west + (np.arange(width) + 0.5) * (east - west) / width
    # Rows evenly spaced in Web Mercator y, as a web map stretches an image
    # overlay between its bounds: the image needs no second resampling.
    y_north, y_south = _mercator_y(north), _mercator_y(south)
    y = y_north - (np.arange(height) + 0.5) * (y_north - y_south) / height
    lat = np.degrees(2.0 * np.arctan(np.exp(y)) - np.pi / 2.0)
    lon_m, lat_m = np.meshgrid(lon, lat)
    x, y = grid.from_wgs84.transform(lon_m.ravel(), lat_m.ravel())
    col = np.floor((np.asarray(x) - grid.x0) / grid.cell_size).astype(np.int64)
    row = np.floor((np.asarray(y) - grid.y0) / grid.cell_size).astype(np.int64)
    ok = (col >= 0) & (col < grid.nx) & (row >= 0) & (row < grid.ny)
    values = np.full(lon_m.size, np.nan)
    values[ok] = raster[row[ok], col[ok]]
    return LonLatImage(
        values=values.reshape(height, width),
        south=float(south),
        west=float(west),
        north=float(north),
        east=float(east),
    )
