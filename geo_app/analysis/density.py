"""Where carriers are dense and where they are sparse.

Three views, all vectorised: carriers per km² and per 100,000 residents for
each district (classified with mapclassify for a choropleth), counts per H3
hexagon, and a Gaussian kernel density surface on the analysis grid with its
bandwidth in kilometres (carriers per km², integrating to the number of
carriers) — a measured surface, unlike a screen-space heat map.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from scipy.ndimage import gaussian_filter, map_coordinates

from geo_app.analysis.coverage import CarrierSelection, carrier_xy
from geo_app.analysis.crs import WGS84
from geo_app.analysis.grid import Grid
from geo_app.analysis.population import PopulationSurface
from geo_app.errors import AnalysisError

__all__ = [
    "CLASSIFICATION_SCHEMES",
    "KdeSurface",
    "density_by_district",
    "h3_counts",
    "kde_surface",
    "kde_table",
]

#: mapclassify schemes offered for the choropleth.
CLASSIFICATION_SCHEMES: tuple[str, ...] = (
    "FisherJenks",
    "Quantiles",
    "EqualInterval",
    "NaturalBreaks",
)

Measure = Literal["per_100k", "per_km2"]


def density_by_district(
    grid: Grid,
    selection: CarrierSelection,
    population: PopulationSurface,
    *,
    measure: Measure = "per_100k",
    scheme: str = "FisherJenks",
    k: int = 5,
    xy: NDArray[np.float64] | None = None,
    located: NDArray[np.int64] | None = None,
) -> gpd.GeoDataFrame:
    """Carriers per km² and per 100,000 residents for each district.

    Parameters
    ----------
    grid
        The analysis grid (its districts and their equal-area areas).
    selection
        Carriers from :func:`~geo_app.analysis.coverage.select_carriers`.
    population
        Population surface; its district totals are the denominators.
    measure
        Which rate the classes are computed on.
    scheme
        A mapclassify scheme from :data:`CLASSIFICATION_SCHEMES`.
    k
        Number of classes (fewer when there are fewer distinct values).
    xy
        The carriers already projected to the grid's CRS (skips reprojecting).
    located
        The district of each carrier if already known (e.g.
        ``CoverageResult.located``); skips locating them again.

    Returns
    -------
    geopandas.GeoDataFrame
        ``city``, ``adcode``, ``name``, ``n_carriers``, ``area_km2``,
        ``population``, ``per_km2``, ``per_100k``, ``class`` (0-based) and
        ``class_label``, geometry in EPSG:4326. ``n_carriers`` sums to the
        number of selected carriers inside the districts.
    """
    if scheme not in CLASSIFICATION_SCHEMES:
        raise AnalysisError(code="analysis.scheme_unknown", params={"scheme": repr(scheme)})
    n_d = len(grid.districts)
    if located is None:
        if xy is None:
            has = len(selection.carriers) > 0
            xy = carrier_xy(selection.carriers, grid) if has else np.empty((0, 2))
        located = grid.locate_points(xy)
    where = np.asarray(located, dtype=np.int64)
    counts = np.bincount(where[where >= 0], minlength=n_d).astype(np.int64)
    area = grid.districts["area_km2"].to_numpy(dtype=np.float64)
    pop = population.district_totals(grid)
    per_km2 = counts / area
    per_100k = np.divide(counts * 1e5, pop, out=np.full(n_d, np.nan), where=pop > 0)
    values = per_100k if measure == "per_100k" else per_km2
    classes, labels = _classify(np.nan_to_num(values), scheme, k)
    return gpd.GeoDataFrame(
        {
            "city": grid.districts["city"].to_numpy(),
            "adcode": grid.districts["adcode"].astype(str).to_numpy(),
            "name": grid.districts["name"].to_numpy(),
            "n_carriers": counts,
            "area_km2": area,
            "population": pop,
            "per_km2": per_km2,
            "per_100k": per_100k,
            "class": classes,
            "class_label": labels,
        },
        geometry=grid.districts_wgs84.to_numpy(),
        crs=WGS84,
    )


def _classify(
    values: NDArray[np.float64], scheme: str, k: int
) -> tuple[NDArray[np.int64], NDArray[np.str_]]:
    distinct = np.unique(values)
    k = max(1, min(int(k), len(distinct)))
    if k == 1:
        label = f"{distinct.min():.3g}–{distinct.max():.3g}" if len(distinct) else ""
        return np.zeros(len(values), dtype=np.int64), np.full(len(values), label)
    with warnings.catch_warnings():
        # FisherJenks notes that numba would speed it up; 20 values need no speed-up.
        warnings.simplefilter("ignore", UserWarning)
        # Imported here: mapclassify pulls in scikit-learn and takes seconds to load.
        import mapclassify

        classifier = getattr(mapclassify, scheme)(values, k=k)
    yb = np.asarray(classifier.yb, dtype=np.int64)
    bins = np.asarray(classifier.bins, dtype=np.float64)
    lows = np.concatenate(([values.min()], bins[:-1]))
    text = np.array([f"{lo:.3g}–{hi:.3g}" for lo, hi in zip(lows, bins, strict=True)])
    return yb, text[yb]


def h3_counts(selection: CarrierSelection, *, resolution: int = 7) -> gpd.GeoDataFrame:
    """Count carriers per H3 hexagon.

    Parameters
    ----------
    selection
        Carriers from :func:`~geo_app.analysis.coverage.select_carriers`.
    resolution
        H3 resolution 0–15 (7 ≈ 5 km² hexagons, 8 ≈ 0.7 km²).

    Returns
    -------
    geopandas.GeoDataFrame
        ``h3`` (cell id), ``n_carriers`` and the hexagon (EPSG:4326); the
        counts sum to the number of selected carriers.
    """
    if not 0 <= int(resolution) <= 15:
        raise AnalysisError(code="analysis.h3_resolution", params={"value": resolution})
    geoms = selection.carriers.geometry.to_crs(WGS84).to_numpy()
    lon, lat = shapely.get_x(geoms), shapely.get_y(geoms)
    # h3 indexes one coordinate pair per call; this maps floats, not geometries.
    cells = np.array(
        [h3.latlng_to_cell(a, o, int(resolution)) for a, o in zip(lat, lon, strict=True)],
        dtype=str,
    )
    uniq, counts = np.unique(cells, return_counts=True)
    ids = [str(c) for c in uniq]
    rings = [[(x, y) for y, x in h3.cell_to_boundary(c)] for c in ids]
    return gpd.GeoDataFrame(
        {"h3": ids, "n_carriers": np.asarray(counts, dtype=np.int64)},
        geometry=shapely.polygons(rings) if rings else [],
        crs=WGS84,
    )


@dataclass(frozen=True, slots=True)
class KdeSurface:
    """A kernel density surface on the full rectangular grid.

    Parameters
    ----------
    values
        Carriers per km², shape ``(grid.ny, grid.nx)`` (row 0 = south);
        ``nan`` outside the districts.
    grid
        The grid the surface lies on.
    bandwidth_km
        Standard deviation of the Gaussian kernel, km.
    n_carriers
        Carriers that went into the surface.
    """

    values: NDArray[np.float64]
    grid: Grid
    bandwidth_km: float
    n_carriers: int

    def per_piece(self) -> NDArray[np.float64]:
        """Return the density at each grid piece."""
        return self.values.ravel()[self.grid.piece_flat_index()]


def kde_surface(
    grid: Grid,
    selection: CarrierSelection,
    *,
    bandwidth_km: float = 2.0,
    xy: NDArray[np.float64] | None = None,
) -> KdeSurface:
    """Gaussian kernel density of carriers, in carriers per km².

    Carriers are binned onto a grid of at most a quarter of the bandwidth
    (the analysis grid, or a coarser multiple of it for wide bandwidths), the
    bins are convolved with a Gaussian of standard deviation ``bandwidth_km``,
    and the result is interpolated back onto the analysis grid. Binning moves
    a carrier by at most an eighth of the bandwidth, far inside the kernel.
    The surface integrates to the number of carriers, less what spills beyond
    the grid's edge.

    Parameters
    ----------
    grid
        The analysis grid.
    selection
        Carriers from :func:`~geo_app.analysis.coverage.select_carriers`.
    bandwidth_km
        Kernel bandwidth in kilometres (> 0).
    xy
        The carriers already projected to the grid's CRS (skips reprojecting).

    Returns
    -------
    KdeSurface
    """
    if not np.isfinite(bandwidth_km) or bandwidth_km <= 0:
        raise AnalysisError(code="analysis.bandwidth_invalid", params={"value": bandwidth_km})
    if xy is None:
        xy = carrier_xy(selection.carriers, grid) if len(selection.carriers) else np.empty((0, 2))
    factor = max(1, int(bandwidth_km * 1000.0 / (4.0 * grid.cell_size)))
    step = grid.cell_size * factor
    cnx, cny = -(-grid.nx // factor), -(-grid.ny // factor)
    col = np.floor((xy[:, 0] - grid.x0) / step).astype(np.int64)
    row = np.floor((xy[:, 1] - grid.y0) / step).astype(np.int64)
    inside = (col >= 0) & (col < cnx) & (row >= 0) & (row < cny)
    counts = np.bincount(row[inside] * cnx + col[inside], minlength=cnx * cny).astype(np.float64)
    smoothed = gaussian_filter(
        counts.reshape(cny, cnx), sigma=bandwidth_km * 1000.0 / step, mode="constant", truncate=4.0
    ) / (step * step / 1e6)
    if factor > 1:
        # Fine cell centres in coarse-cell-centre units, then bilinear interpolation.
        fr = (np.arange(grid.ny) + 0.5) / factor - 0.5
        fc = (np.arange(grid.nx) + 0.5) / factor - 0.5
        rr, cc = np.meshgrid(fr, fc, indexing="ij")
        values = map_coordinates(smoothed, [rr.ravel(), cc.ravel()], order=1, mode="nearest")
        values = values.reshape(grid.ny, grid.nx)
    else:
        values = smoothed
    mask = np.zeros(grid.nx * grid.ny, dtype=bool)
    mask[grid.piece_flat_index()] = True
    values = np.where(mask.reshape(grid.ny, grid.nx), values, np.nan)
    return KdeSurface(
        values=values,
        grid=grid,
        bandwidth_km=float(bandwidth_km),
        n_carriers=int(inside.sum()),
    )


def kde_table(surface: KdeSurface) -> pd.DataFrame:
    """Peak and mean KDE density per district (carriers per km²)."""
    grid = surface.grid
    d = grid.pieces["district"].to_numpy()
    v = np.nan_to_num(surface.per_piece())
    area = grid.pieces["area_m2"].to_numpy()
    n_d = len(grid.districts)
    peak = np.full(n_d, 0.0)
    np.maximum.at(peak, d, v)
    mean = np.bincount(d, weights=v * area, minlength=n_d) / np.bincount(
        d, weights=area, minlength=n_d
    )
    return pd.DataFrame(
        {
            "city": grid.districts["city"].to_numpy(),
            "adcode": grid.districts["adcode"].astype(str).to_numpy(),
            "name": grid.districts["name"].to_numpy(),
            "kde_peak_per_km2": peak,
            "kde_mean_per_km2": mean,
        }
    )
