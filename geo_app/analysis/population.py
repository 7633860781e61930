"""Where people live: census district totals, or a planner's population grid.

By default each district's 2020 census population (``data/population.csv``,
sources in ``data/README.population.md``) is spread evenly over the district's
area. A planner can supply a finer surface instead — a CSV of weighted points
(``lon,lat,weight``, WGS-84) or a GeoTIFF of people per pixel (needs the
optional ``rasterio`` package) — which then replaces the even spread.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray

from geo_app.analysis.crs import WGS84
from geo_app.analysis.grid import Grid
from geo_app.archives import one_line, read_csv_text, read_utf8_text
from geo_app.errors import DataFileError, GeoAppError

__all__ = [
    "POPULATION_COLUMNS",
    "POPULATION_KINDS",
    "PopulationSurface",
    "census_assumption",
    "district_populations",
    "even_population",
    "population_from_points",
    "read_district_population",
    "read_population_points",
    "read_population_raster",
]

#: Columns of ``data/population.csv``. ``adcodes`` lists the districts a
#: figure covers ("|"-separated): one code for a district's own census figure,
#: several for a published total of a group of districts (a whole city).
POPULATION_COLUMNS: tuple[str, ...] = ("adcodes", "name", "city", "population", "year", "source")

#: Optional column ``kind``: ``census`` (the default when the column or the
#: cell is empty) for a census figure, ``estimate`` for a pre-census
#: statistical estimate of one district, used only as a *weight* to split a
#: census remainder between districts that lack their own census figure.
POPULATION_KINDS: tuple[str, ...] = ("census", "estimate")

_POINT_WEIGHT_COLUMNS: tuple[str, ...] = ("weight", "population")
#: Largest census figure accepted; Chongqing, the most populous city, has 32 million.
MAX_DISTRICT_POPULATION = 50_000_000
#: Largest weight of one population point: more people than any city holds is a typo.
MAX_POINT_WEIGHT = 1e8
_MAX_SUBDIVISION = 8


@dataclass(frozen=True, slots=True)
class PopulationSurface:
    """Population assigned to the pieces of a :class:`~geo_app.analysis.grid.Grid`.

    Parameters
    ----------
    per_piece
        People in each grid piece, aligned with ``grid.pieces``.
    kind
        ``"even"`` (census totals spread evenly), ``"points"``, ``"raster"``,
        or ``"area"`` (no census figure: each km² weighs one).
    assumption
        One sentence a planner can read on screen.
    dropped_weight
        Population of supplied points that fell outside every district.
    assumption_zh
        The same sentence in Chinese (empty when not given).
    """

    per_piece: NDArray[np.float64]
    kind: Literal["even", "points", "raster", "area"]
    assumption: str
    dropped_weight: float = 0.0
    assumption_zh: str = ""

    def assumption_in(self, lang: str) -> str:
        """The assumption in ``"zh"`` or ``"en"`` (English when no Chinese text)."""
        return self.assumption_zh if lang == "zh" and self.assumption_zh else self.assumption

    def district_totals(self, grid: Grid) -> NDArray[np.float64]:
        """Return the population of each district of ``grid``."""
        return grid.sum_by_district(self.per_piece)


def read_district_population(path: str | Path) -> pd.DataFrame:
    """Read census populations of districts and of groups of districts.

    Parameters
    ----------
    path
        CSV with the columns of :data:`POPULATION_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        One row per figure; ``adcodes`` as a tuple of 6-digit codes,
        ``population`` as int, ``kind`` ``census`` or ``estimate``. The census
        groups are nested or disjoint; an estimate covers one district, at
        most once.

    Raises
    ------
    DataFileError
        If the file is missing, a column is absent, a row is invalid, or two
        figures overlap without one containing the other (the error names the
        file, the row and the column).
    """
    path = Path(path)
    records: list[dict[str, object]] = []
    reader = csv.DictReader(io.StringIO(read_utf8_text(path), newline=""))
    try:
        header = reader.fieldnames or []
        missing = [c for c in POPULATION_COLUMNS if c not in header]
        if missing:
            raise DataFileError(path, code="population.missing_column", row=1, column=missing[0])
        for line, raw in enumerate(reader, start=2):
            records.append(_population_record(path, line, raw))
    except csv.Error as err:
        raise DataFileError(
            path,
            code="population.csv_unreadable",
            params={"detail": one_line(err)},
            row=reader.line_num,
        ) from err
    sets = [frozenset(cast(tuple[str, ...], r["adcodes"])) for r in records]
    kinds = [r["kind"] for r in records]
    for i, a in enumerate(sets):
        for j in range(i):
            b = sets[j]
            if kinds[i] != kinds[j]:
                continue  # an estimate only weighs; it may sit inside a census group
            if a == b or (a & b and not (a <= b or b <= a)):
                raise DataFileError(
                    path,
                    code="population.overlap",
                    params={"other": str(j + 2)},
                    row=i + 2,
                    column="adcodes",
                )
    return pd.DataFrame.from_records(records, columns=[*POPULATION_COLUMNS, "kind"])


def _population_record(path: Path, line: int, raw: dict[str, str | None]) -> dict[str, object]:
    codes = tuple(c.strip() for c in (raw.get("adcodes") or "").split("|") if c.strip())
    bad = [c for c in codes if not (c.isdigit() and len(c) == 6)]
    if not codes or bad:
        raise DataFileError(
            path,
            code="population.bad_adcode",
            params={"value": (bad or [""])[0]},
            row=line,
            column="adcodes",
        )
    if len(set(codes)) != len(codes):
        raise DataFileError(path, code="population.adcode_twice", row=line, column="adcodes")
    text = (raw.get("population") or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) <= 0:
        raise DataFileError(
            path,
            code="population.bad_population",
            params={"value": text},
            row=line,
            column="population",
            value=text,
        )
    if int(text) > MAX_DISTRICT_POPULATION:
        raise DataFileError(
            path,
            code="population.too_large",
            params={"value": text, "limit": MAX_DISTRICT_POPULATION},
            row=line,
            column="population",
            value=text,
        )
    year = (raw.get("year") or "").strip()
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        raise DataFileError(
            path, code="population.bad_year", params={"value": year}, row=line, column="year"
        )
    source = (raw.get("source") or "").strip()
    if not source:
        raise DataFileError(path, code="population.no_source", row=line, column="source")
    kind = (raw.get("kind") or "").strip() or "census"
    if kind not in POPULATION_KINDS:
        raise DataFileError(
            path,
            code="population.bad_kind",
            params={"value": kind, "kinds": ", ".join(POPULATION_KINDS)},
            row=line,
            column="kind",
        )
    if kind == "estimate" and len(codes) != 1:
        raise DataFileError(path, code="population.estimate_one", row=line, column="adcodes")
    return {
        "adcodes": codes,
        "name": (raw.get("name") or "").strip(),
        "city": (raw.get("city") or "").strip(),
        "population": int(text),
        "year": int(year),
        "source": source,
        "kind": kind,
    }


def district_populations(
    table: pd.DataFrame,
    adcodes: NDArray[np.str_],
    areas: NDArray[np.float64],
    *,
    lang: str = "en",
) -> tuple[NDArray[np.float64], list[str]]:
    """Resolve census figures to one population per district.

    A district with its own figure gets it. Districts without one share the
    remainder of the smallest published group total that contains them
    (the group's figure less its districts that have their own): in
    proportion to their pre-census estimates when every one of them has an
    ``estimate`` row, otherwise in proportion to their area.

    Parameters
    ----------
    table
        From :func:`read_district_population`.
    adcodes, areas
        The districts to resolve and their areas (any unit).
    lang
        Language of the basis labels, ``"en"`` or ``"zh"``.

    Returns
    -------
    tuple
        Populations, and for each district the basis in words.

    Raises
    ------
    GeoAppError
        A district covered by no figure, or a group whose own figure is
        smaller than its parts.

    Examples
    --------
    >>> t = pd.DataFrame({"adcodes": [("1",), ("1", "2", "3")], "name": ["a", "abc"],
    ...     "population": [100, 400], "year": [2020, 2020]})
    >>> pops, basis = district_populations(t, np.array(["1", "2", "3"]), np.array([1.0, 1.0, 3.0]))
    >>> pops.tolist()
    [100.0, 75.0, 225.0]

    With pre-census estimates for both districts without a figure, the
    remainder is split by them instead of by area:

    >>> e = pd.DataFrame({"adcodes": [("2",), ("3",)], "name": ["b", "c"],
    ...     "population": [90, 10], "year": [2018, 2018], "kind": ["estimate"] * 2})
    >>> pops, basis = district_populations(pd.concat([t.assign(kind="census"), e]),
    ...     np.array(["1", "2", "3"]), np.array([1.0, 1.0, 3.0]))
    >>> pops.tolist()
    [100.0, 270.0, 30.0]
    """
    codes = [str(c) for c in adcodes]
    pos = {c: i for i, c in enumerate(codes)}
    pops = np.full(len(codes), np.nan)
    basis = [""] * len(codes)
    kind = table["kind"] if "kind" in table.columns else pd.Series("census", index=table.index)
    estimates = table[kind.to_numpy() == "estimate"]
    weight = {
        str(r["adcodes"][0]): (float(r["population"]), int(r["year"]))
        for _, r in estimates.iterrows()
    }
    table = table[kind.to_numpy() != "estimate"]
    order = sorted(range(len(table)), key=lambda i: len(table["adcodes"].iloc[i]))
    for i in order:  # a handful of published figures, smallest first
        row = table.iloc[i]
        members = [pos[c] for c in row["adcodes"] if c in pos]
        if not members:
            continue
        if len(members) != len(row["adcodes"]):
            raise GeoAppError(code="population.census_outside", params={"name": row["name"]})
        idx = np.asarray(members)
        free = idx[np.isnan(pops[idx])]
        left = float(row["population"]) - float(np.nansum(pops[idx]))
        if left < 0:
            raise GeoAppError(code="population.census_smaller", params={"name": row["name"]})
        if len(free):
            est = [weight.get(codes[f]) for f in free]
            year, name = row["year"], row["name"]
            if len(idx) > 1 and all(e is not None for e in est):
                w = np.array([e[0] for e in est if e is not None])
                years = "/".join(map(str, sorted({e[1] for e in est if e is not None})))
                by, by_zh = f"{years} estimates", f"{years}年末估计数"
            else:
                w = np.asarray(areas, dtype=np.float64)[free]
                by, by_zh = "area", "面积"
            pops[free] = left * w / w.sum()
            if len(idx) == 1:
                label = f"census {year}" if lang != "zh" else f"{year}年普查数"
            elif len(free) == 1:
                label = (
                    f"the {year} census total of {name} less its other districts"
                    if lang != "zh"
                    else f"{name}{year}年普查总数减去其余区县"
                )
            else:
                label = (
                    f"share by {by} of the {year} census remainder of {name}"
                    if lang != "zh"
                    else f"按{by_zh}分摊{name}{year}年普查余数"
                )
            for f in free:
                basis[int(f)] = label
    if np.isnan(pops).any():
        missing = [codes[i] for i in np.flatnonzero(np.isnan(pops))]
        raise GeoAppError(code="population.no_census", params={"codes": ", ".join(missing)})
    return pops, basis


def census_assumption(
    table: pd.DataFrame,
    adcodes: NDArray[np.str_],
    names: Iterable[str],
    areas: NDArray[np.float64],
    *,
    lang: str = "en",
) -> str:
    """The even-spread assumption in words, naming each district's basis.

    >>> t = pd.DataFrame({"adcodes": [("1",), ("1", "2")], "name": ["a", "ab"],
    ...     "population": [100, 400], "year": [2020, 2020]})
    >>> census_assumption(t, np.array(["1", "2"]), ["甲", "乙"], np.ones(2), lang="zh").split(":", 1)[1]
    '甲: 2020年普查数;乙: ab2020年普查总数减去其余区县。'
    """
    _, labels = district_populations(table, adcodes, areas, lang=lang)
    groups: dict[str, list[str]] = {}
    for name, label in zip(names, labels, strict=True):
        groups.setdefault(label, []).append(str(name))
    if lang == "zh":
        detail = ";".join(f"{'、'.join(n)}: {label}" for label, n in groups.items())
        return f"2020年第七次全国人口普查常住人口,在各区县内按面积均匀分布(未提供更细的人口网格):{detail}。"
    detail = "; ".join(f"{'、'.join(n)}: {label}" for label, n in groups.items())
    return (
        "2020 census resident population, spread evenly over each district's area "
        f"(no finer population grid supplied): {detail}."
    )


def area_population(grid: Grid) -> PopulationSurface:
    """Demand by area, for a city no cited census figure covers.

    Each square kilometre weighs one: shares of "residents" become shares of
    the city's area, and densities are per km² of land rather than per person.
    The assumption says so on screen.
    """
    per_piece = grid.pieces["area_m2"].to_numpy(dtype=np.float64) / 1e6
    return PopulationSurface(
        per_piece=per_piece,
        kind="area",
        assumption=(
            "No census population is cited for this city: the analysis works by area "
            "(each km² weighs one), so population shares are shares of the city's area."
        ),
        assumption_zh="该城市没有引用的普查人口:分析按面积进行(每平方公里计为 1),人口份额即面积份额。",
    )


def even_population(grid: Grid, table: pd.DataFrame) -> PopulationSurface:
    """Spread each district's population evenly over its area.

    Parameters
    ----------
    grid
        The analysis grid.
    table
        Census figures from :func:`read_district_population`.

    Returns
    -------
    PopulationSurface
        Piece population = district population × piece area / district area;
        district populations from :func:`district_populations`.
    """
    codes = grid.districts["adcode"].astype(str).to_numpy()
    names = [str(n) for n in grid.districts["name"]]
    areas = grid.districts["area_km2"].to_numpy(dtype=np.float64)
    cited = {str(code) for group in table["adcodes"] for code in group}
    if not cited.intersection(codes):
        return area_population(grid)
    district_pop, _ = district_populations(table, codes, areas)
    district_idx = grid.pieces["district"].to_numpy()
    area = grid.pieces["area_m2"].to_numpy()
    district_area = np.bincount(district_idx, weights=area, minlength=len(codes))
    per_piece = district_pop[district_idx] * area / district_area[district_idx]
    return PopulationSurface(
        per_piece=per_piece,
        kind="even",
        assumption=census_assumption(table, codes, names, areas),
        assumption_zh=census_assumption(table, codes, names, areas, lang="zh"),
    )


def read_population_points(path: str | Path) -> gpd.GeoDataFrame:
    """Read a CSV of weighted population points (``lon,lat,weight``, WGS-84).

    The weight column may also be called ``population``.

    Raises
    ------
    DataFileError
        Naming the file, the first bad row and its column.
    """
    path = Path(path)
    text = read_utf8_text(path)
    frame = read_csv_text(text, path, unreadable="population.csv_unreadable", skipinitialspace=True)
    frame.columns = [str(c).strip() for c in frame.columns]
    weight_col = next((c for c in _POINT_WEIGHT_COLUMNS if c in frame.columns), "weight")
    for col in ("lon", "lat", weight_col):
        if col not in frame.columns:
            raise DataFileError(path, code="population.missing_column", row=1, column=col)
    if frame.empty:
        raise DataFileError(path, code="population.no_points", row=2)
    limits = {"lon": (-180.0, 180.0), "lat": (-90.0, 90.0), weight_col: (0.0, MAX_POINT_WEIGHT)}
    values: dict[str, NDArray[np.float64]] = {}
    for col, (lo, hi) in limits.items():
        num = pd.to_numeric(frame[col].str.strip(), errors="coerce").to_numpy(dtype=np.float64)
        bad = ~np.isfinite(num) | (num < lo) | (num > hi)
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            raise DataFileError(
                path,
                code="population.bad_number",
                params={"value": frame[col].iloc[first], "lo": f"{lo:g}", "hi": f"{hi:g}"},
                row=first + 2,
                column=col,
                value=frame[col].iloc[first],
            )
        values[col] = num
    return gpd.GeoDataFrame(
        {"weight": values[weight_col]},
        geometry=gpd.points_from_xy(values["lon"], values["lat"]),
        crs=WGS84,
    )


def read_population_raster(path: str | Path, *, cell_size_m: float = 250.0) -> gpd.GeoDataFrame:
    """Read a GeoTIFF of people per pixel as weighted points.

    Pixels larger than ``cell_size_m`` are split into ``k × k`` sub-points of
    equal weight so that their people spread over the grid cells they cover.
    Needs the optional ``rasterio`` package.

    Raises
    ------
    DataFileError
        If ``rasterio`` is not installed, or the file cannot be read or has
        no CRS.
    """
    path = Path(path)
    try:
        import rasterio  # type: ignore[import-untyped,unused-ignore]
        from rasterio.errors import RasterioError  # type: ignore[import-untyped,unused-ignore]
    except ImportError as err:
        raise DataFileError(path, code="raster.needs_rasterio") from err
    try:
        with rasterio.open(path) as src:
            band = src.read(1, masked=True).astype(np.float64)
            transform = src.transform
            crs = src.crs
    except RasterioError as err:
        raise DataFileError(
            path, code="raster.unreadable", params={"detail": one_line(err)}
        ) from err
    if crs is None:
        raise DataFileError(path, code="raster.no_crs")
    data = np.ma.filled(band, 0.0)
    data[~np.isfinite(data) | (data < 0)] = 0.0
    rows, cols = np.nonzero(data)
    weights = data[rows, cols]
    pixel = max(abs(transform.a), abs(transform.e))
    if crs.is_geographic:
        pixel *= 111_320.0
    k = int(np.clip(np.ceil(pixel / cell_size_m), 1, _MAX_SUBDIVISION))
    offsets = (np.arange(k) + 0.5) / k
    sub_c, sub_r = np.meshgrid(offsets, offsets)
    fc = (cols[:, None] + sub_c.ravel()[None, :]).ravel()
    fr = (rows[:, None] + sub_r.ravel()[None, :]).ravel()
    xs = transform.c + fc * transform.a + fr * transform.b
    ys = transform.f + fc * transform.d + fr * transform.e
    points = gpd.GeoDataFrame(
        {"weight": np.repeat(weights / (k * k), k * k)},
        geometry=gpd.points_from_xy(xs, ys),
        crs=crs.to_wkt(),
    )
    return points.to_crs(WGS84)


def population_from_points(
    grid: Grid, points: gpd.GeoDataFrame, *, kind: Literal["points", "raster"] = "points"
) -> PopulationSurface:
    """Sum weighted population points into the grid pieces holding them.

    Parameters
    ----------
    grid
        The analysis grid.
    points
        Points with a ``weight`` column and a CRS.
    kind
        Recorded in the result: ``"points"`` (CSV) or ``"raster"`` (GeoTIFF).

    Returns
    -------
    PopulationSurface
        The supplied surface; weight outside every district is dropped and
        reported as ``dropped_weight``.
    """
    if points.crs is None:
        raise GeoAppError(code="population.points_no_crs")
    proj = points.geometry.to_crs(grid.crs.distance)
    weights = points["weight"].to_numpy(dtype=np.float64)
    x, y = shapely.get_x(proj.to_numpy()), shapely.get_y(proj.to_numpy())
    row, col = grid.cell_index(x, y)
    polys = grid.districts.geometry.to_numpy()
    tree = shapely.STRtree(polys)
    p_idx, d_idx = tree.query(proj.to_numpy(), predicate="intersects")
    # A point on a shared border belongs to the first district that holds it.
    p_idx, first = np.unique(p_idx, return_index=True)
    d_idx = d_idx[first]
    ok = row[p_idx] >= 0
    p_idx, d_idx = p_idx[ok], d_idx[ok]
    n_d = len(grid.districts)
    point_key = (row[p_idx] * grid.nx + col[p_idx]) * n_d + d_idx
    piece_key = grid.piece_flat_index() * n_d + grid.pieces["district"].to_numpy()
    order = np.argsort(piece_key)
    pos = np.searchsorted(piece_key[order], point_key)
    pos = np.clip(pos, 0, len(order) - 1)
    hit = piece_key[order][pos] == point_key
    per_piece = np.bincount(
        order[pos[hit]], weights=weights[p_idx[hit]], minlength=len(grid.pieces)
    ).astype(np.float64)
    total = float(weights.sum())
    dropped = total - float(per_piece.sum())
    source = "GeoTIFF population grid" if kind == "raster" else "CSV of weighted population points"
    source_zh = "GeoTIFF 人口栅格" if kind == "raster" else "CSV 加权人口点"
    return PopulationSurface(
        per_piece=per_piece,
        kind=kind,
        assumption=(
            f"Population from the supplied {source} ({per_piece.sum():,.0f} people inside the "
            "districts); it replaces the even spread of census totals."
        ),
        dropped_weight=max(dropped, 0.0),
        assumption_zh=(
            f"人口取自上传的{source_zh}(区县范围内 {per_piece.sum():,.0f} 人),"
            "替代普查人口的均匀分布。"
        ),
    )
