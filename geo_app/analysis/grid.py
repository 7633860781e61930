"""Regular analysis grid over a city's districts, built without Python loops.

The grid is square in the Gauss-Krüger CRS chosen by
:func:`geo_app.analysis.crs.analysis_crs` (250 m cells by default). A cell that
straddles a district border is split into one piece per district, so that
every piece belongs to exactly one district and the pieces of a district add
up to its area. Coverage, population and density all work on these pieces.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from numpy.typing import NDArray

from geo_app.analysis.crs import AnalysisCRS, analysis_crs
from geo_app.errors import AnalysisError

__all__ = [
    "DEFAULT_CELL_SIZE_M",
    "DISTRICT_COLUMNS",
    "Grid",
    "build_grid",
]

#: Default edge of a grid cell, metres.
DEFAULT_CELL_SIZE_M = 250.0

#: Columns a district boundary layer must carry.
DISTRICT_COLUMNS: tuple[str, ...] = ("adcode", "name", "city")

_MAX_CELLS = 6_000_000
_SLIVER_M2 = 1e-6


@dataclass(frozen=True, slots=True)
class Grid:
    """A square grid clipped to districts.

    Parameters
    ----------
    crs
        The distance and area CRSs the grid was built in.
    x0, y0
        Lower-left corner of the grid (metres, ``crs.distance``).
    cell_size
        Edge of a cell, metres.
    nx, ny
        Number of columns and rows of the full rectangular grid.
    districts
        The districts in ``crs.distance`` with ``adcode``, ``name``, ``city``
        and ``area_km2`` (equal-area), in the order pieces refer to.
    districts_wgs84
        The same district polygons in EPSG:4326 (for layers, no reprojection).
    pieces
        One row per (cell, district) piece: ``row``, ``col``, ``district``
        (position in ``districts``), ``area_m2`` and the clipped polygon,
        sorted by district.
    flat
        ``row * nx + col`` of every piece.
    district_starts
        Position of the first piece of each district in ``pieces`` (for
        :func:`numpy.add.reduceat`).
    cell_lookup
        For every cell of the full grid: the district holding it whole, -2 if
        it is split between districts, -1 if outside all of them.
    tree
        Spatial index of the (prepared) district polygons.
    from_wgs84
        Transformer from EPSG:4326 (lon/lat order) to ``crs.distance``,
        built once because building one costs more than using it.
    """

    crs: AnalysisCRS
    x0: float
    y0: float
    cell_size: float
    nx: int
    ny: int
    districts: gpd.GeoDataFrame
    districts_wgs84: gpd.GeoSeries
    pieces: gpd.GeoDataFrame
    flat: NDArray[np.int64]
    district_starts: NDArray[np.int64]
    cell_lookup: NDArray[np.int64]
    tree: shapely.STRtree
    from_wgs84: pyproj.Transformer

    def private_copy(self) -> Grid:
        """The same grid with frames of its own, for one user of a shared grid.

        A grid kept for every session (the app's cache) is never handed out
        itself: each user gets copies of the three frames (cheap: the
        shapely geometries are immutable and shared), while the arrays,
        which :func:`build_grid` makes read-only, the spatial index and the
        transformer are shared as they are.
        """
        return replace(
            self,
            districts=self.districts.copy(),
            districts_wgs84=self.districts_wgs84.copy(),
            pieces=self.pieces.copy(),
        )

    @property
    def cell_area_m2(self) -> float:
        """Area of a full cell, m²."""
        return self.cell_size * self.cell_size

    def piece_centres(self) -> NDArray[np.float64]:
        """Return the centres of the cells the pieces belong to, shape (n, 2)."""
        rows = self.pieces["row"].to_numpy()
        cols = self.pieces["col"].to_numpy()
        return np.column_stack(
            (
                self.x0 + (cols + 0.5) * self.cell_size,
                self.y0 + (rows + 0.5) * self.cell_size,
            )
        )

    def cell_centres(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Return the x and y centres of the full grid as 1-D arrays."""
        xs = self.x0 + (np.arange(self.nx, dtype=np.float64) + 0.5) * self.cell_size
        ys = self.y0 + (np.arange(self.ny, dtype=np.float64) + 0.5) * self.cell_size
        return xs.astype(np.float64), ys.astype(np.float64)

    def locate_points(self, xy: NDArray[np.float64]) -> NDArray[np.int64]:
        """Return the district (position in ``districts``) of projected points.

        Points in a cell lying wholly inside one district are placed by
        arithmetic; only points in border cells get an exact point-in-polygon
        test. Points outside every district get -1.

        Parameters
        ----------
        xy
            Coordinates in the grid's distance CRS, shape (n, 2).
        """
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        out = np.full(len(xy), -1, dtype=np.int64)
        if not len(xy):
            return out
        row, col = self.cell_index(xy[:, 0], xy[:, 1])
        inside = row >= 0
        out[inside] = self.cell_lookup[row[inside] * self.nx + col[inside]]
        border = np.flatnonzero(out == -2)
        out[border] = -1
        if len(border):
            bx, by = xy[border, 0], xy[border, 1]
            # Bounding boxes from the tree, then the exact test against the
            # prepared district polygons (much faster than letting the tree
            # test each point against an unprepared polygon).
            p_idx, d_idx = self.tree.query(shapely.points(bx, by))
            polys = self.districts.geometry.to_numpy()
            shapely.prepare(polys)  # no-op unless a copy lost the preparation
            hit = shapely.intersects_xy(polys[d_idx], bx[p_idx], by[p_idx])
            p_idx, d_idx = p_idx[hit], d_idx[hit]
            # A point on a shared border goes to the first district holding it.
            order = np.lexsort((d_idx, p_idx))
            p_idx, d_idx = p_idx[order], d_idx[order]
            p_idx, first = np.unique(p_idx, return_index=True)
            out[border[p_idx]] = d_idx[first]
        return out

    def sum_by_district(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        """Sum a per-piece array over each district."""
        out = np.add.reduceat(np.asarray(values, dtype=np.float64), self.district_starts)
        # reduceat returns the element itself for empty groups; districts here are never empty.
        return np.asarray(out, dtype=np.float64)

    def piece_flat_index(self) -> NDArray[np.int64]:
        """Return ``row * nx + col`` for every piece."""
        return self.flat

    def cell_index(
        self, x: NDArray[np.float64], y: NDArray[np.float64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Return (row, col) of the cells holding projected points.

        Points outside the grid get -1 in both arrays.
        """
        col = np.floor((np.asarray(x) - self.x0) / self.cell_size).astype(np.int64)
        row = np.floor((np.asarray(y) - self.y0) / self.cell_size).astype(np.int64)
        outside = (col < 0) | (col >= self.nx) | (row < 0) | (row >= self.ny)
        col[outside] = -1
        row[outside] = -1
        return row, col


def _check_boundaries(boundaries: gpd.GeoDataFrame) -> None:
    if boundaries.crs is None:
        raise AnalysisError(code="analysis.boundaries_no_crs")
    missing = [c for c in DISTRICT_COLUMNS if c not in boundaries.columns]
    if missing:
        raise AnalysisError(
            code="analysis.boundaries_columns", params={"columns": ", ".join(missing)}
        )
    if boundaries.empty:
        raise AnalysisError(code="analysis.boundaries_empty")


def _border_pairs(
    lines: NDArray[np.object_], x0: float, y0: float, s: float, nx: int, ny: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(district, cell) pairs whose cell meets the district's outline.

    The outlines are densified to vertices at most ``s`` apart, so a cell a
    segment crosses is a neighbour of a cell holding one of its vertices;
    only those candidates are tested exactly.
    """
    dense = shapely.segmentize(lines, s / 2.0)
    xy, owner = shapely.get_coordinates(dense, return_index=True)
    col = np.floor((xy[:, 0] - x0) / s).astype(np.int64)
    row = np.floor((xy[:, 1] - y0) / s).astype(np.int64)
    step = np.array([-1, 0, 1], dtype=np.int64)
    dr, dc = (a.ravel() for a in np.meshgrid(step, step))
    rows = (row[:, None] + dr[None, :]).ravel()
    cols = (col[:, None] + dc[None, :]).ravel()
    owners = np.repeat(owner.astype(np.int64), len(dr))
    ok = (rows >= 0) & (rows < ny) & (cols >= 0) & (cols < nx)
    key = np.unique(owners[ok] * (nx * ny) + rows[ok] * nx + cols[ok])
    d_idx, flat = np.divmod(key, nx * ny)
    r, c = np.divmod(flat, nx)
    boxes = shapely.box(x0 + c * s, y0 + r * s, x0 + (c + 1) * s, y0 + (r + 1) * s)
    shapely.prepare(lines)
    hit = shapely.intersects(lines[d_idx], boxes)
    return d_idx[hit], flat[hit]


def _interior_cells(
    poly: object, border: NDArray[np.int64], x0: float, y0: float, s: float, nx: int, ny: int
) -> NDArray[np.int64]:
    """Cells of the grid lying wholly inside ``poly``: centre inside, outline not crossing."""
    minx, miny, maxx, maxy = shapely.bounds(poly)
    c0, c1 = max(int((minx - x0) // s), 0), min(int((maxx - x0) // s) + 1, nx)
    r0, r1 = max(int((miny - y0) // s), 0), min(int((maxy - y0) // s) + 1, ny)
    grid_c, grid_r = np.meshgrid(
        np.arange(c0, c1, dtype=np.int64), np.arange(r0, r1, dtype=np.int64)
    )
    cols, rows = grid_c.ravel(), grid_r.ravel()
    shapely.prepare(poly)
    inside = np.asarray(shapely.contains_xy(poly, x0 + (cols + 0.5) * s, y0 + (rows + 0.5) * s))
    flat = rows[inside] * nx + cols[inside]
    out: NDArray[np.int64] = flat[~np.isin(flat, border)]
    return out


def _grid_pieces(
    polys: NDArray[np.object_], x0: float, y0: float, s: float, nx: int, ny: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.object_]]:
    """District, cell and polygon of every piece: whole cells inside, clipped on outlines.

    Only cells near a district (its bounding box) and its outline are
    touched, never the whole rectangle of the grid.
    """
    b_d, b_flat = _border_pairs(shapely.boundary(polys), x0, y0, s, nx, ny)
    parts_d, parts_flat = [b_d], [b_flat]
    for d, poly in enumerate(polys):
        inner = _interior_cells(poly, b_flat[b_d == d], x0, y0, s, nx, ny)
        parts_d.append(np.full(len(inner), d, dtype=np.int64))
        parts_flat.append(inner)
    d_idx = np.concatenate(parts_d)
    flat = np.concatenate(parts_flat)
    r, c = np.divmod(flat, nx)
    geoms = shapely.box(x0 + c * s, y0 + r * s, x0 + (c + 1) * s, y0 + (r + 1) * s)
    n_border = len(b_d)
    geoms[:n_border] = shapely.intersection(geoms[:n_border], polys[b_d])
    return d_idx, flat, geoms


def build_grid(
    boundaries: gpd.GeoDataFrame,
    *,
    cell_size_m: float = DEFAULT_CELL_SIZE_M,
    crs: AnalysisCRS | None = None,
) -> Grid:
    """Build a square grid over districts and split border cells between them.

    Parameters
    ----------
    boundaries
        District polygons with ``adcode``, ``name`` and ``city`` and a CRS.
    cell_size_m
        Edge of a cell in metres (250 by default).
    crs
        CRSs to build in; chosen for the extent of ``boundaries`` if omitted.

    Returns
    -------
    Grid
        The grid and its pieces. Interior cells are kept whole; only cells
        crossing a district border are intersected with it.

    Examples
    --------
    >>> from shapely import box
    >>> d = gpd.GeoDataFrame(
    ...     {"adcode": ["1"], "name": ["a"], "city": ["c"]},
    ...     geometry=[box(112.0, 34.0, 112.05, 34.05)], crs=4326)
    >>> g = build_grid(d, cell_size_m=500)
    >>> round(float(g.pieces["area_m2"].sum() / 1e6 / g.districts["area_km2"].iloc[0]), 3)
    1.0
    """
    _check_boundaries(boundaries)
    if not np.isfinite(cell_size_m) or cell_size_m <= 0:
        raise AnalysisError(code="analysis.cell_size_invalid", params={"value": cell_size_m})
    crs = crs or analysis_crs(boundaries)
    districts = boundaries[list(DISTRICT_COLUMNS)].copy()
    districts["area_km2"] = boundaries.geometry.to_crs(crs.area).area.to_numpy() / 1e6
    districts = gpd.GeoDataFrame(
        districts, geometry=boundaries.geometry.to_crs(crs.distance).to_numpy(), crs=crs.distance
    ).reset_index(drop=True)

    s = float(cell_size_m)
    minx, miny, maxx, maxy = districts.total_bounds
    x0, y0 = np.floor(minx / s) * s, np.floor(miny / s) * s
    nx, ny = int(np.ceil((maxx - x0) / s)), int(np.ceil((maxy - y0) / s))
    if nx * ny > _MAX_CELLS:
        raise AnalysisError(
            code="analysis.grid_too_fine", params={"cell": f"{s:g}", "cells": nx * ny}
        )

    polys = districts.geometry.to_numpy()
    d_idx, flat, geoms = _grid_pieces(polys, x0, y0, s, nx, ny)
    areas = shapely.area(geoms)
    keep = np.flatnonzero(areas > _SLIVER_M2)
    keep = keep[np.lexsort((flat[keep], d_idx[keep]))]
    rows, cols = np.divmod(flat, nx)
    pieces = gpd.GeoDataFrame(
        {
            "row": rows[keep],
            "col": cols[keep],
            "district": d_idx[keep],
            "area_m2": areas[keep],
        },
        geometry=geoms[keep],
        crs=crs.distance,
    )
    empty = sorted(set(range(len(districts))) - set(np.unique(d_idx[keep]).tolist()))
    if empty:
        names = ", ".join(str(districts["name"].iloc[i]) for i in empty)
        raise AnalysisError(code="analysis.districts_too_small", params={"names": names})
    flat = flat[keep].astype(np.int64)
    whole = areas[keep] >= s * s * (1 - 1e-9)
    lookup = np.full(nx * ny, -1, dtype=np.int64)
    lookup[flat[~whole]] = -2
    lookup[flat[whole]] = d_idx[keep][whole]
    starts = np.searchsorted(d_idx[keep], np.arange(len(districts))).astype(np.int64)
    for frozen in (flat, starts, lookup):
        # The grid is shared between runs (and app sessions): nobody may write into it.
        frozen.setflags(write=False)
    shapely.prepare(polys)
    return Grid(
        crs=crs,
        x0=float(x0),
        y0=float(y0),
        cell_size=s,
        nx=nx,
        ny=ny,
        districts=districts,
        districts_wgs84=gpd.GeoSeries(boundaries.geometry.to_crs(4326).to_numpy(), crs=4326),
        pieces=pieces,
        flat=flat,
        district_starts=starts,
        cell_lookup=lookup,
        tree=shapely.STRtree(polys),
        from_wgs84=pyproj.Transformer.from_crs(4326, crs.distance, always_xy=True),
    )
