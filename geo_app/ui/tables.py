"""Result tables as a planner reads them: labelled columns, rounded numbers.

Analysis and site-selection results carry machine column names
(``share_area``, ``covered_population``…) and raw floats; :func:`show_table`
shows them with the column names in the interface language, counts as whole
numbers with thousands separators, shares as percentages and an empty value
as a dash — the data itself (and every download) keeps full precision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from geo_app.model import CATEGORY_LABELS
from geo_app.ui.i18n import COLUMN_LABELS, fmt_int, fmt_share
from geo_app.ui.panels import label_values, target_text

__all__ = ["RESULT_COLUMNS", "category_label", "display_frame", "show_table", "target_text"]

#: Labels of result columns not in :data:`geo_app.ui.i18n.COLUMN_LABELS`, and their kind.
RESULT_COLUMNS: Mapping[str, tuple[str, str, str]] = {
    # column: (zh, en, kind)
    "adcode": ("区划代码", "Code", "text"),
    "name": ("区县", "District", "text"),
    "district": ("区县", "District", "text"),
    "area_km2": ("面积(km²)", "Area (km²)", "km2"),
    "population": ("人口", "Population", "int"),
    "covered_area_km2": ("覆盖面积(km²)", "Area within reach (km²)", "km2"),
    "share_area": ("面积覆盖率", "Share of area within reach", "share"),
    "covered_population": ("覆盖人口", "People within reach", "int"),
    "share_population": ("人口覆盖率", "Share of people within reach", "share"),
    "n_carriers": ("载体数", "Carriers", "int"),
    "mean_distance_km": ("至最近载体平均距离(km)", "Mean distance to nearest (km)", "km"),
    "per_km2": ("每 km² 载体数", "Carriers per km²", "small"),
    "per_100k": ("每10万人载体数", "Carriers per 100,000 residents", "ratio"),
    "class_label": ("分级", "Class", "text"),
    "weight_share": ("分配权重", "Weight", "share"),
    "allocated": ("分配数", "Allocated", "int"),
    "basis": ("分配依据", "Basis", "text"),
    "rank": ("序号", "Rank", "int"),
    "site_id": ("候选点", "Site", "text"),
    "newly_covered": ("新增覆盖", "Newly within reach", "int"),
    "cumulative_covered": ("累计覆盖", "Within reach, cumulative", "int"),
    "lon": ("经度", "Longitude", "coord"),
    "lat": ("纬度", "Latitude", "coord"),
    "existing": ("已建成", "Existing", "int"),
    "planned_named": ("规划已点名", "Planned, named", "int"),
    "named": ("合计点名", "Named", "int"),
    "mapped": ("已上图", "Mapped", "int"),
    "gap": ("缺口", "Gap", "int"),
    "share": ("完成比例", "Reached", "share"),
    "demand": ("需求", "Demand", "int"),
    "covered_before": ("选址前覆盖", "Within reach before", "int"),
    "covered_after": ("选址后覆盖", "Within reach after", "int"),
    "added": ("新增覆盖", "Added", "int"),
    "share_before": ("选址前覆盖率", "Share before", "share"),
    "share_after": ("选址后覆盖率", "Share after", "share"),
    "new_sites": ("新增选址", "New sites", "int"),
}

_BASIS = {"population": ("按人口", "by population"), "area": ("按面积", "by area")}
_BASIS.update({"named": ("规划点名", "named in the plan")})


def display_frame(
    frame: pd.DataFrame,
    columns: Iterable[str],
    lang: str,
    *,
    kinds: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The columns of ``frame`` ready to show, and their column configuration.

    Counts become whole numbers (a column with an empty value becomes text,
    ``—`` for the empty ones); shares become percentages; areas get one
    decimal; categories, statuses and cities are named in ``lang``.
    ``kinds`` overrides how a column is formatted (``"int"``, ``"share"``,
    ``"km2"``, ``"km"``, ``"ratio"``, ``"small"``, ``"coord"``, ``"text"``).

    Examples
    --------
    >>> f = pd.DataFrame({"name": ["a"], "share_area": [0.1234], "population": [1234.6]})
    >>> out, config = display_frame(f, ["name", "population", "share_area"], "en")
    >>> list(out.columns), int(out["Population"].iloc[0])
    (['District', 'Population', 'Share of area within reach'], 1235)
    """
    cols = [c for c in columns if c in frame.columns]
    out = pd.DataFrame(frame[cols]).copy()
    zh = lang == "zh"
    config: dict[str, Any] = {}
    labels: dict[str, str] = {}
    for col in cols:
        zh_label, en_label, kind = RESULT_COLUMNS.get(col, (col, col, "text"))
        kind = (kinds or {}).get(col, kind)
        label = COLUMN_LABELS[lang].get(col) or (zh_label if zh else en_label)
        labels[col] = label
        values = out[col]
        missing = bool(values.isna().any())
        if kind == "int":
            if missing:
                out[col] = [fmt_int(v, lang) for v in values]
            else:
                out[col] = pd.to_numeric(values).round().astype("int64")
                config[label] = st.column_config.NumberColumn(format="localized")
        elif kind == "share":
            if missing:
                out[col] = [
                    "—" if v is None or pd.isna(v) else fmt_share(float(v), lang) for v in values
                ]
            else:
                config[label] = st.column_config.NumberColumn(format="percent")
        elif kind in ("km2", "km", "ratio", "small", "coord"):
            digits = {"km2": 1, "km": 2, "ratio": 2, "small": 4, "coord": 6}[kind]
            if missing:
                out[col] = ["—" if pd.isna(v) else f"{float(v):,.{digits}f}" for v in values]
            else:
                config[label] = st.column_config.NumberColumn(format=f"%.{digits}f")
        elif col == "target":
            out[col] = [target_text(v, lang) for v in values]
        elif col == "basis":
            out[col] = [_BASIS.get(str(v), (v, v))[0 if zh else 1] for v in values]
    out = label_values(out, lang)  # category, status, precision and city values
    return out.rename(columns=labels), config


def show_table(
    frame: pd.DataFrame,
    columns: Iterable[str],
    lang: str,
    *,
    kinds: Mapping[str, str] | None = None,
) -> None:
    """Show ``columns`` of ``frame`` as a planner reads them (see :func:`display_frame`)."""
    out, config = display_frame(frame, columns, lang, kinds=kinds)
    st.dataframe(out, hide_index=True, width="stretch", column_config=config)


def category_label(value: str, lang: str) -> str:
    """A category key in the interface language (the key itself when unknown)."""
    return CATEGORY_LABELS.get(value, {}).get(lang, value)
