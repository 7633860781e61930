"""Every analysis result as files: GeoJSON layers, CSV tables, GeoPackage layers.

GeoJSON follows RFC 7946 (WGS-84, lon/lat) and CSV is UTF-8 with a BOM, both
written atomically through :mod:`layers.files`. The full analysis grid (a
quarter of a million cells for Luoyang at 250 m) is written only on request,
by :func:`export_grid`, as GeoParquet: a GeoJSON of it would be over 100 MB.
:func:`add_to_geopackage` adds the analysis layers and tables to an existing GeoPackage (such as the one
``carrier-map export`` writes) without touching its other layers.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_app.analysis.coverage import coverage_polygons, distance_grid
from geo_app.analysis.run import AnalysisResult
from geo_app.storage import atomic_path
from layers.files import write_csv, write_geojson

__all__ = [
    "add_to_geopackage",
    "export_analysis",
    "export_grid",
    "result_layers",
    "result_tables",
]


def _slug(city: str) -> str:
    """The city's file-name slug, from its City record (an unknown city is an error)."""
    from geo_app.cities import city_record

    return city_record(city).slug


def _grid_layer(result: AnalysisResult) -> gpd.GeoDataFrame:
    """Grid pieces with ``distance_m``, ``covered``, ``population`` and ``kde_per_km2``."""
    grid = distance_grid(result.coverage)
    grid["kde_per_km2"] = result.kde.per_piece()
    return grid.to_crs(4326)


def result_layers(
    result: AnalysisResult, *, with_grid: bool = True, polygons: gpd.GeoDataFrame | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """The map layers of an analysis, named for files and GeoPackage layers.

    Parameters
    ----------
    result
        The analysis.
    with_grid
        Include the grid layer (one feature per grid piece: large).
    polygons
        :func:`~geo_app.analysis.coverage.coverage_polygons` if already computed.

    Returns
    -------
    dict
        ``coverage_areas`` (covered / uncovered polygons per district),
        ``analysis_grid`` (grid pieces with ``distance_m``, ``covered``,
        ``population`` and ``kde_per_km2``), ``density_districts`` and
        ``h3_counts``, all in EPSG:4326.
    """
    slug = _slug(result.city)
    out = {
        f"{slug}_coverage_areas": coverage_polygons(result.coverage)
        if polygons is None
        else polygons,
        f"{slug}_density_districts": result.density,
        f"{slug}_h3_counts": result.hexes,
    }
    if with_grid:
        out[f"{slug}_analysis_grid"] = _grid_layer(result)
    return out


def result_tables(result: AnalysisResult) -> dict[str, pd.DataFrame]:
    """The tables of an analysis: coverage, density, city gaps, district allocation."""
    slug = _slug(result.city)
    cov = result.coverage.table.copy()
    cov.insert(0, "radii_m", "; ".join(f"{k}={v:g}" for k, v in result.coverage.radii_m.items()))
    cov["population_assumption"] = result.coverage.population.assumption
    density = pd.DataFrame(result.density.drop(columns=result.density.geometry.name))
    return {
        f"{slug}_coverage_by_district": cov,
        f"{slug}_density_by_district": density,
        f"{slug}_target_gaps": result.gaps,
        f"{slug}_district_allocation": result.allocation,
    }


def export_analysis(result: AnalysisResult, out_dir: str | Path) -> list[Path]:
    """Write every table as CSV and the district layers as GeoJSON into ``out_dir``.

    The layers are the covered / uncovered areas, the density per district
    and the H3 counts; the full grid is left to :func:`export_grid`.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out = Path(out_dir)
    layers = result_layers(result, with_grid=False)
    written = [write_geojson(g, out / f"{n}.geojson") for n, g in layers.items()]
    written += [write_csv(t, out / f"{n}.csv") for n, t in result_tables(result).items()]
    return written


def export_grid(result: AnalysisResult, out_dir: str | Path) -> Path:
    """Write the full analysis grid as GeoParquet (EPSG:4326) into ``out_dir``, atomically.

    One row per grid piece, with ``distance_m`` to the nearest carrier,
    ``covered``, ``population``, ``area_m2`` and ``kde_per_km2``; GIS tools
    (QGIS, GDAL, GeoPandas) read it directly.

    Returns
    -------
    pathlib.Path
        The file written, ``{city}_analysis_grid.parquet``.
    """
    path = Path(out_dir) / f"{_slug(result.city)}_analysis_grid.parquet"
    with atomic_path(path, suffix=".parquet") as tmp:
        _grid_layer(result).to_parquet(tmp, index=False)
    return path


def _gpkg_frame(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    out = frame.copy()
    for col in out.columns:
        if col == getattr(out, "_geometry_column_name", None):
            continue
        if str(out[col].dtype) in ("Int64", "Float64", "boolean"):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
        elif out[col].dtype == object:
            out[col] = out[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
        elif out[col].dtype.kind == "f":
            out[col] = out[col].where(np.isfinite(out[col]), None)
    if isinstance(frame, gpd.GeoDataFrame):
        return gpd.GeoDataFrame(out, geometry=frame.geometry.name, crs=frame.crs).to_crs(4326)
    return gpd.GeoDataFrame(out)


def add_to_geopackage(layers: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Add layers and tables to a GeoPackage atomically.

    An existing file is copied, the layers are written into the copy
    (replacing layers of the same name) and the copy replaces the file, so a
    failure leaves the original untouched. A missing file is created.

    Parameters
    ----------
    layers
        Layer name -> GeoDataFrame (spatial layer, stored in EPSG:4326) or
        DataFrame (attribute table).
    path
        The ``.gpkg`` file.

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    with atomic_path(path, suffix=".gpkg") as tmp:
        if path.exists():
            shutil.copyfile(path, tmp)
        for name, frame in layers.items():
            _gpkg_frame(frame).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
    return path
