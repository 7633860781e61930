"""Candidate sites: lattice or H3 cell centres inside the city.

Candidates lie inside the city's districts, only inside the areas a planner
drew or uploaded (when given) and never inside the areas the planner
excluded; the models only ever choose among them, so exclusions hold in every
result.
"""

from __future__ import annotations

import geopandas as gpd
import h3
import numpy as np
import pyproj
import shapely
from numpy.typing import NDArray

from geo_app.analysis.crs import WGS84
from geo_app.analysis.grid import Grid
from geo_app.errors import SitingError

__all__ = ["DEFAULT_CANDIDATE_SPACING_M", "candidate_sites", "h3_candidate_sites"]

#: Default distance between neighbouring candidate sites, metres.
DEFAULT_CANDIDATE_SPACING_M = 1000.0


def _inside(
    xy: NDArray[np.float64], areas: gpd.GeoSeries | None, crs: pyproj.CRS
) -> NDArray[np.bool_]:
    """Points inside any of ``areas`` (all true when ``areas`` is None)."""
    if areas is None:
        return np.ones(len(xy), dtype=bool)
    if areas.crs is None:
        raise SitingError(code="siting.areas_no_crs")
    polys = areas.to_crs(crs).to_numpy()
    polys = polys[~shapely.is_empty(polys) & shapely.is_valid(polys)]
    out = np.zeros(len(xy), dtype=bool)
    if not len(polys) or not len(xy):
        return out
    p_idx, _ = shapely.STRtree(polys).query(shapely.points(xy), predicate="intersects")
    out[p_idx] = True
    return out


def candidate_sites(
    grid: Grid,
    *,
    spacing_m: float = DEFAULT_CANDIDATE_SPACING_M,
    include: gpd.GeoSeries | None = None,
    exclude: gpd.GeoSeries | None = None,
) -> tuple[NDArray[np.float64], tuple[str, ...], NDArray[np.int64]]:
    """Centres of a square lattice inside the grid's districts.

    Parameters
    ----------
    grid
        The analysis grid of the city; the lattice shares its origin.
    spacing_m
        Distance between neighbouring candidates, metres.
    include
        Keep only candidates inside these polygons (any CRS).
    exclude
        Drop candidates inside these polygons (any CRS).

    Returns
    -------
    tuple
        Coordinates (metres, grid CRS), ids ``"L{row}_{col}"``, district index.
    """
    if not np.isfinite(spacing_m) or spacing_m <= 0:
        raise SitingError(code="siting.spacing_candidates_invalid", params={"value": spacing_m})
    _, _, maxx, maxy = grid.districts.total_bounds
    nx = int(np.ceil((maxx - grid.x0) / spacing_m))
    ny = int(np.ceil((maxy - grid.y0) / spacing_m))
    if nx * ny > 4_000_000:
        raise SitingError(
            code="siting.too_many_candidates",
            params={"count": nx * ny, "spacing": f"{spacing_m:g}"},
        )
    rows, cols = np.divmod(np.arange(nx * ny, dtype=np.int64), nx)
    xy = np.column_stack((grid.x0 + (cols + 0.5) * spacing_m, grid.y0 + (rows + 0.5) * spacing_m))
    return _filter_sites(
        grid, xy, [f"L{r}_{c}" for r, c in zip(rows, cols, strict=True)], include, exclude
    )


def h3_candidate_sites(
    grid: Grid,
    *,
    resolution: int = 8,
    include: gpd.GeoSeries | None = None,
    exclude: gpd.GeoSeries | None = None,
) -> tuple[NDArray[np.float64], tuple[str, ...], NDArray[np.int64]]:
    """Centres of the H3 cells over the grid's districts.

    Resolution 8 cells are about 0.74 km² (centres ~ 0.9 km apart); the id is
    the H3 index.
    """
    if not 0 <= resolution <= 12:
        raise SitingError(code="siting.h3_resolution", params={"value": resolution})
    outline = shapely.union_all(grid.districts.to_crs(WGS84).geometry.to_numpy())
    cells = sorted(h3.geo_to_cells(outline, resolution))
    if len(cells) > 4_000_000:
        raise SitingError(code="siting.too_many_h3", params={"count": len(cells)})
    latlng = np.array([h3.cell_to_latlng(c) for c in cells], dtype=np.float64).reshape(-1, 2)
    pts = gpd.GeoSeries(shapely.points(latlng[:, 1], latlng[:, 0]), crs=WGS84)
    proj = pts.to_crs(grid.crs.distance).to_numpy()
    xy = np.column_stack((shapely.get_x(proj), shapely.get_y(proj)))
    return _filter_sites(grid, xy, list(cells), include, exclude)


def _filter_sites(
    grid: Grid,
    xy: NDArray[np.float64],
    ids: list[str],
    include: gpd.GeoSeries | None,
    exclude: gpd.GeoSeries | None,
) -> tuple[NDArray[np.float64], tuple[str, ...], NDArray[np.int64]]:
    district = grid.locate_points(xy) if len(xy) else np.empty(0, dtype=np.int64)
    keep = district >= 0
    keep &= _inside(xy, include, grid.crs.distance)
    if exclude is not None:
        keep &= ~_inside(xy, exclude, grid.crs.distance)
    idx = np.flatnonzero(keep)
    return xy[idx], tuple(ids[i] for i in idx), district[idx]
