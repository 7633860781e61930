"""A planner's own layers as carriers that coverage and site selection can use.

A layer imported in the app (a geocoded CSV/XLSX, or a plan document's
reviewed carriers) has points but not always the registry's columns. This
module gives every row what :func:`geo_app.analysis.coverage.select_carriers`
needs, without guessing:

* ``category`` — the row's own category when it names one of the five (the key,
  its Chinese or English label, or a carrier word such as 孵化器 / 众创空间 /
  产业园), else a carrier word at the end of the row's name, else the category
  the planner chose for the layer; a row with none of these is left out and
  counted;
* ``city`` and ``out_of_area`` — from where the point lies: inside a district
  of 洛阳市 or 漯河市, or outside both (then never analysed);
* ``precision`` — the layer's own (a district-level point stays approximate,
  an unknown level is not promoted); a layer without the column is a list of
  coordinates and counts as points;
* ``id`` — ``layer:row`` so ids never collide with the registry's; the row is
  numbered as in the messages about the layer (see :func:`read_layer_file`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from pyproj.exceptions import CRSError

from geo_app.analysis.coverage import CARRIER_CATEGORIES
from geo_app.archives import check_cells, control_char_at, one_line
from geo_app.errors import DataFileError, GeoAppError
from geo_app.extraction._lexicon import suffix_category
from geo_app.model import CATEGORY_LABELS

__all__ = [
    "LayerCarriers",
    "carriers_from_layers",
    "check_layer_rows",
    "combine_carriers",
    "layer_carriers",
    "read_layer_file",
]


@dataclass(frozen=True, slots=True)
class LayerCarriers:
    """A layer's rows as carriers, and what could not be used.

    Parameters
    ----------
    carriers
        Rows with a category, city, precision and id (EPSG:4326).
    n_rows
        Rows in the layer.
    n_no_category
        Rows left out: no category of their own and none chosen for the layer.
    n_outside
        Rows kept but outside both cities (``out_of_area``; never analysed).
    """

    carriers: gpd.GeoDataFrame
    n_rows: int
    n_no_category: int
    n_outside: int


def _norm(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip().casefold()


_WORDS: dict[str, str] = {}
for _key in CARRIER_CATEGORIES:
    _WORDS[_norm(_key)] = _key
    _WORDS[_norm(_key.replace("_", " "))] = _key
    for _label in CATEGORY_LABELS[_key].values():
        _WORDS[_norm(_label)] = _key


def category_of(value: object) -> str | None:
    """One of the five categories named by ``value``, or None.

    >>> category_of("众创空间"), category_of("Smart island"), category_of("孵化载体")
    ('incubator', 'smart_island', 'incubator')
    >>> category_of("研发中心") is None, category_of(None) is None
    (True, True)
    """
    text = _norm(value)
    if not text or text in ("nan", "none"):
        return None
    if text in _WORDS:
        return _WORDS[text]
    found = suffix_category(unicodedata.normalize("NFKC", str(value)).strip())
    return found[1] if found and found[1] in CARRIER_CATEGORIES else None


def layer_carriers(
    layer: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    *,
    name: str,
    category: str | None = None,
) -> LayerCarriers:
    """Give a planner's layer the columns of the carriers layer.

    Parameters
    ----------
    layer
        Points with any of ``category``, ``name``/``name_zh``, ``precision``,
        ``status``, in any CRS.
    boundaries
        District polygons with ``city`` (the shipped boundaries).
    name
        The layer's name (prefix of the ids).
    category
        Category for rows that name none themselves; None leaves them out.

    Returns
    -------
    LayerCarriers

    Raises
    ------
    GeoAppError
        If the layer has no CRS, a geometry is not a point, or ``category`` is
        not one of the five.

    Examples
    --------
    >>> import shapely
    >>> b = gpd.GeoDataFrame({"city": ["洛阳市"]}, geometry=[shapely.box(112, 34, 113, 35)], crs=4326)
    >>> pts = gpd.GeoDataFrame({"name": ["甲孵化器", "乙"], "precision": ["point", "point"]},
    ...     geometry=[shapely.Point(112.5, 34.5), shapely.Point(112.6, 34.6)], crs=4326)
    >>> got = layer_carriers(pts, b, name="mine")
    >>> list(got.carriers["category"]), got.n_no_category, list(got.carriers["id"])
    (['incubator'], 1, ['mine:2'])
    """
    if category is not None and category not in CARRIER_CATEGORIES:
        raise GeoAppError(code="layer.unknown_category", params={"category": category})
    if layer.crs is None:
        raise GeoAppError(code="layer.named_no_crs", params={"name": name})
    frame = layer.to_crs(4326).reset_index(drop=True)
    geoms = frame.geometry.to_numpy()
    if len(frame) and not (shapely.get_type_id(geoms) == 0).all():
        raise GeoAppError(code="layer.named_not_points", params={"name": name})
    own = frame["category"] if "category" in frame else pd.Series([None] * len(frame))
    names = next((frame[c] for c in ("name_zh", "name") if c in frame), None)
    cats = []
    for i, value in enumerate(own):
        found = category_of(value)
        if found is None and names is not None:
            found = category_of(names.iloc[i])
        cats.append(found or category)
    keep = np.array([c is not None for c in cats], dtype=bool)
    city = np.full(len(frame), "", dtype=object)
    hits_p, hits_b = boundaries.to_crs(4326).sindex.query(geoms, predicate="intersects")
    order = np.argsort(hits_p, kind="stable")
    first_p, first = np.unique(hits_p[order], return_index=True)
    city[first_p] = boundaries["city"].to_numpy()[hits_b[order][first]]
    # A layer's own precision is kept as it is (an unknown level is never
    # promoted: the analysis then leaves the row out); a layer with no
    # precision column at all is a list of coordinates, taken as points.
    precision = (
        frame["precision"].fillna("").astype(str)
        if "precision" in frame
        else pd.Series("point", index=frame.index)
    )
    out = gpd.GeoDataFrame(
        {
            "id": [f"{name}:{row}" for row in _row_numbers(frame)],
            "name_zh": names.astype(str).to_numpy() if names is not None else "",
            "category": cats,
            "city": city,
            "precision": precision.to_numpy(),
            "out_of_area": city == "",
            "status": "existing",
            "source": name,
        },
        geometry=geoms,
        crs=4326,
    ).iloc[np.flatnonzero(keep)]
    return LayerCarriers(
        carriers=out.reset_index(drop=True),
        n_rows=len(frame),
        n_no_category=int((~keep).sum()),
        n_outside=int(out["out_of_area"].sum()),
    )


def combine_carriers(
    registry: gpd.GeoDataFrame | None, layers: Mapping[str, LayerCarriers]
) -> gpd.GeoDataFrame:
    """The registry's placed carriers and the chosen layers as one carriers layer.

    Columns are those the analysis reads (``id``, ``name_zh``, ``category``,
    ``city``, ``precision``, ``out_of_area``, ``status``) plus ``source``
    (``registry`` or the layer's name).
    """
    cols = ["id", "name_zh", "category", "city", "precision", "out_of_area", "status", "source"]
    parts: list[gpd.GeoDataFrame] = []
    if registry is not None and len(registry):
        reg = registry.to_crs(4326).copy()
        reg["source"] = "registry"
        reg = reg[[*cols, reg.geometry.name]]
        if reg.geometry.name != "geometry":
            reg = reg.rename_geometry("geometry")
        parts.append(reg)
    for got in layers.values():
        if len(got.carriers):
            parts.append(got.carriers[[*cols, "geometry"]])
    if not parts:
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype=object) for c in cols}, geometry=gpd.GeoSeries(crs=4326)
        )
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=4326)


#: Layer files read as text first, to find what GDAL would silently cut off.
_TEXT_LAYER_SUFFIXES: tuple[str, ...] = (".geojson", ".json", ".geojsonl", ".geojsons")
# A control character written as a JSON escape (\u0000 …); GDAL ends the text there.
_ESCAPED_CONTROL = re.compile(r"(?<!\\)\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])")


def read_layer_file(
    path: str | Path, boundaries: gpd.GeoDataFrame, *, category: str | None = None
) -> LayerCarriers:
    """Read a GeoJSON or GeoPackage of points (e.g. ``carrier-map geocode`` output).

    The layer is named after the file (its stem). A row is numbered as the
    product numbers it: by the layer's own ``row`` column when it has one (the
    row of the table it was geocoded from), else as in the layer's attribute
    table opened in a spreadsheet (the header is row 1, the first feature row 2).

    Raises
    ------
    DataFileError
        If the file cannot be read as a layer (missing, wrong format), has no
        features or no CRS, or a row has no point, coordinates that are not
        finite or out of range, or a control character in a text field —
        naming the file, the row and the column.
    GeoAppError
        If ``category`` is not one of the five.
    """
    path = Path(path)
    frame = _read_layer_frame(path)
    check_layer_rows(frame, path)
    return layer_carriers(frame, boundaries, name=path.stem, category=category)


def _read_layer_frame(path: Path) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    if path.stat().st_size == 0:
        raise DataFileError(path, code="file.empty")
    if path.suffix.lower() in _TEXT_LAYER_SUFFIXES:
        _check_layer_text(path)
    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio/GDAL raise many kinds: unknown format, bad JSON …
        raise DataFileError(
            path, code="layer.unreadable", params={"detail": one_line(err)}
        ) from err
    if frame.empty:
        raise DataFileError(path, code="layer.empty")
    if frame.crs is None:
        raise DataFileError(path, code="layer.no_crs")
    return frame


def _check_layer_text(path: Path) -> None:
    """Refuse a control character, raw or escaped, naming its line of the file."""
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as err:
        raise DataFileError(path, code="file.unreadable", params={"detail": err.strerror}) from err
    found = control_char_at(text)
    escaped = _ESCAPED_CONTROL.search(text)
    if found is None and escaped is None:
        return
    offset, char = found if found is not None else (0, "")
    if escaped is not None and (found is None or escaped.start() < offset):
        offset, char = escaped.start(), "U+" + escaped.group()[2:].upper()
    raise DataFileError(
        path,
        code="file.control_char_line",
        params={"char": char, "line": text.count("\n", 0, offset) + 1},
    )


def _row_numbers(frame: pd.DataFrame) -> list[int]:
    """Each feature's row: the layer's ``row`` column if it holds whole numbers, else i + 2."""
    if "row" in frame:
        numbers = pd.to_numeric(frame["row"], errors="coerce")
        if numbers.notna().all() and (numbers % 1 == 0).all():
            return [int(n) for n in numbers]
    return [i + 2 for i in range(len(frame))]


def check_layer_rows(frame: gpd.GeoDataFrame, path: str | Path) -> None:
    """Refuse the first row of a layer without a usable point or with a control character.

    Raises
    ------
    DataFileError
        Naming the row (see :func:`read_layer_file`) and the column.

    Examples
    --------
    >>> pts = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[shapely.Point(112, 34),
    ...     shapely.Point(float("nan"), 34)], crs=4326)
    >>> try:
    ...     check_layer_rows(pts, "mine.geojson")
    ... except DataFileError as err:
    ...     print(err)
    mine.geojson, row 3, column 'geometry': bad coordinates (nan, 34.0): longitude must lie within ±180 and latitude within ±90
    """
    rows = _row_numbers(frame)
    geoms = frame.geometry.to_numpy()
    for i, geom in enumerate(geoms):
        _check_point(path, rows[i], geom)
    wgs84 = _to_wgs84(frame, path)
    x, y = shapely.get_x(wgs84), shapely.get_y(wgs84)
    bad = ~(np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= 180) & (np.abs(y) <= 90))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        lon, lat = shapely.get_x(geoms[i]), shapely.get_y(geoms[i])
        raise DataFileError(
            path,
            code="layer.bad_coordinate",
            params={"lon": repr(float(lon)), "lat": repr(float(lat))},
            row=rows[i],
            column="geometry",
        )
    check_cells(path, frame, rows=rows, skip=[frame.geometry.name])


def _check_point(path: str | Path, row: int, geom: object) -> None:
    if geom is None or shapely.is_empty(geom):
        raise DataFileError(path, code="layer.no_geometry", row=row, column="geometry")
    kind = shapely.get_type_id(geom)
    if kind != 0:
        raise DataFileError(
            path,
            code="layer.not_point",
            params={"kind": getattr(geom, "geom_type", str(kind))},
            row=row,
            column="geometry",
        )


def _to_wgs84(frame: gpd.GeoDataFrame, path: str | Path) -> NDArray[np.object_]:
    """The layer's points in EPSG:4326 (a failed transform gives inf, refused per row)."""
    if frame.crs is None:
        raise DataFileError(path, code="layer.no_crs")
    try:
        with np.errstate(invalid="ignore", over="ignore"):
            return np.asarray(frame.geometry.to_crs(4326).to_numpy(), dtype=object)
    except (CRSError, ValueError) as err:
        raise DataFileError(path, code="layer.bad_crs", params={"detail": one_line(err)}) from err


def carriers_from_layers(
    placed: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    files: list[str],
    *,
    category: str | None = None,
    registry: bool = True,
    report: Callable[[str], None] = print,
) -> gpd.GeoDataFrame:
    """The registry's carriers and/or layer files as one layer, for the CLI.

    Each file's counts are reported in one line. Without files the registry is
    returned as it is; ``registry=False`` then is an error.
    """
    if not files:
        if not registry:
            raise GeoAppError(code="layer.none_given")
        return placed
    picked: dict[str, LayerCarriers] = {}
    for name in files:
        got = read_layer_file(name, boundaries, category=category)
        report(
            f"{Path(name).name}: {got.n_rows} rows, {len(got.carriers) - got.n_outside} usable, "
            f"{got.n_outside} outside both cities, {got.n_no_category} without a category left out"
        )
        picked[Path(name).stem] = got
    return combine_carriers(placed if registry else None, picked)
