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
* ``id`` — ``layer:row`` so ids never collide with the registry's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo_app.analysis.coverage import CARRIER_CATEGORIES
from geo_app.errors import DataFileError, GeoAppError
from geo_app.extraction._lexicon import suffix_category
from geo_app.model import CATEGORY_LABELS

__all__ = [
    "LayerCarriers",
    "carriers_from_layers",
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
    (['incubator'], 1, ['mine:1'])
    """
    if category is not None and category not in CARRIER_CATEGORIES:
        raise GeoAppError(f"unknown carrier category {category!r}")
    if layer.crs is None:
        raise GeoAppError(f"the layer {name} has no coordinate reference system")
    frame = layer.to_crs(4326).reset_index(drop=True)
    geoms = frame.geometry.to_numpy()
    if len(frame) and not (shapely.get_type_id(geoms) == 0).all():
        raise GeoAppError(f"the layer {name} has geometries that are not points")
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
            "id": [f"{name}:{i + 1}" for i in range(len(frame))],
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


def read_layer_file(
    path: str | Path, boundaries: gpd.GeoDataFrame, *, category: str | None = None
) -> LayerCarriers:
    """Read a GeoJSON or GeoPackage of points (e.g. ``carrier-map geocode`` output).

    The layer is named after the file (its stem).

    Raises
    ------
    DataFileError
        If the file cannot be read as a layer (missing, wrong format).
    GeoAppError
        If it is not a layer of points with a CRS.
    """
    path = Path(path)
    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio/GDAL errors: missing file, unknown format …
        raise DataFileError(path, f"cannot be read as a layer of points: {err}") from err
    return layer_carriers(frame, boundaries, name=path.stem, category=category)


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
            raise GeoAppError("--no-registry needs at least one --layer file")
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
