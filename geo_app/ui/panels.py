"""The app's own panels: carrier details, targets, tables, exports."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.exports import (
    csv_bytes,
    export_filename,
    geojson_bytes,
    gpkg_bytes,
    gpkg_layers,
    workbook_sheets,
    xlsx_bytes,
)
from geo_app.model import CATEGORY_LABELS, CITY_LABELS, STATUS_LABELS, Category
from geo_app.registry import split_list
from geo_app.targets import GAP_COLUMNS
from geo_app.ui.i18n import COLUMN_LABELS, fmt_int, fmt_share, t
from geo_app.ui.markdown import plain
from layers.carrier_map import PRECISION_TEXT

__all__ = [
    "GAP_TABLE_COLUMNS",
    "label_values",
    "render_details",
    "render_exports",
    "render_gap_summary",
    "render_tables",
    "render_targets",
    "target_text",
]


#: Columns of the planned-counts table as the Targets tab shows them: the gap
#: table less the fields the "target" text already says (sub-kind, bound, limits)
#: and the named total (existing + planned, both shown).
GAP_TABLE_COLUMNS: tuple[str, ...] = tuple(
    c for c in GAP_COLUMNS if c not in ("subkind", "bound", "min", "max", "named")
)


def target_text(value: object, lang: str) -> str:
    """A target as written (``≥ 20``, ``3 named``) in the interface language.

    >>> target_text("3 named", "zh"), target_text("≥ 20", "zh"), target_text("3 named", "en")
    ('3 个(点名)', '≥ 20', '3 named')
    """
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text.replace(" named", " 个(点名)") if lang == "zh" else text


def _year(value: object) -> str:
    """A year without thousands separator; empty as a dash."""
    try:
        return "—" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "—"


def label_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Category, status, precision and city values in ``lang``; columns renamed."""
    out = pd.DataFrame(frame).copy()
    if "geometry" in out:
        out = out.drop(columns=["geometry"])
    maps = {
        "category": CATEGORY_LABELS,
        "status": STATUS_LABELS,
        "precision": PRECISION_TEXT,
    }
    for col, labels in maps.items():
        if col in out:
            out[col] = out[col].map(lambda v, lb=labels: lb.get(v, {}).get(lang, v))
    if "city" in out and lang == "en":
        out["city"] = out["city"].map(lambda c: CITY_LABELS.get(c, {}).get("en", c))
    return out.rename(columns=COLUMN_LABELS[lang])


def render_details(row: pd.Series | None, lang: str) -> None:
    """Details of the clicked or searched carrier, beside the map."""
    st.subheader(t(lang, "details"))
    if row is None:
        st.caption(t(lang, "details_hint"))
        return
    cat = CATEGORY_LABELS.get(str(row["category"]), {}).get(lang, row["category"])
    status = STATUS_LABELS.get(str(row["status"]), {}).get(lang, row["status"])
    precision = PRECISION_TEXT.get(str(row.get("precision", "")), {}).get(lang, "")
    st.markdown(f"#### {plain(row['name_zh'])}")
    if row.get("name_en"):
        st.caption(plain(row["name_en"]))
    labels = COLUMN_LABELS[lang]
    facts = {
        labels["category"]: cat,
        labels["status"]: status,
        labels["city"]: CITY_LABELS.get(str(row["city"]), {}).get(lang, row["city"]),
        labels["admin_district"]: row.get("admin_district") or t(lang, "none"),
        labels["district_as_written"]: row.get("district_as_written") or t(lang, "none"),
        labels["precision"]: precision,
        labels["id"]: row["id"],
    }
    st.table(pd.DataFrame({"": list(facts.values())}, index=list(facts.keys())))
    st.markdown(f"**{labels['source_files']}**")
    for file, phrase in zip(
        split_list(str(row["source_files"])), split_list(str(row["source_phrases"])), strict=False
    ):
        st.markdown(f"- {plain(file)}")
        st.text(f"「{phrase}」")
    if row.get("note"):
        st.markdown(f"**{labels['note']}**")
        st.text(str(row["note"]))


def render_gap_summary(gaps: pd.DataFrame, lang: str) -> None:
    """Beside the map: each category's planned count against named and mapped, and the gap."""
    st.subheader(t(lang, "gap_summary"))
    cats = [c.value for c in Category]
    rows = gaps[gaps["category"].isin(cats)]
    # Narrow column beside the map: the subject names the category already.
    cols = ["subject_zh", "target", "named", "gap"]
    if rows["city"].nunique() > 1:
        cols.insert(0, "city")
    shown = rows[cols].copy()
    shown["target"] = [target_text(v, lang) for v in shown["target"]]
    for col in ("named", "gap"):
        shown[col] = [fmt_int(v, lang) for v in shown[col]]
    st.dataframe(label_values(shown, lang), hide_index=True, width="stretch")


def render_targets(gaps: pd.DataFrame, lang: str) -> None:
    """Targets against named/mapped carriers: progress bars, a chart and the table."""
    st.subheader(t(lang, "targets"))
    tracked = gaps[gaps["named"].notna() & gaps["category"].isin([c.value for c in Category])]
    for _, row in tracked.iterrows():
        label = (
            f"{CITY_LABELS[str(row['city'])][lang]} · "
            f"{CATEGORY_LABELS[str(row['category'])][lang]} ({row['subject_zh']})"
        )
        share = float(row["share"]) if pd.notna(row["share"]) else 0.0
        st.progress(
            min(share, 1.0),
            text=t(
                lang,
                "progress",
                label=label,
                named=fmt_int(row["named"], lang),
                target=target_text(row["target"], lang),
                share=fmt_share(share, lang),
            ),
        )
    if not tracked.empty:
        st.caption(t(lang, "targets_chart"))
        chart = pd.DataFrame(
            {
                "label": [
                    f"{row['target_id']} {CATEGORY_LABELS[str(row['category'])][lang]}"
                    for _, row in tracked.iterrows()
                ],
                COLUMN_LABELS[lang]["named"]: tracked["named"].astype(float).to_numpy(),
                COLUMN_LABELS[lang]["gap"]: tracked["gap"].astype(float).to_numpy(),
            }
        ).set_index("label")
        st.bar_chart(chart, horizontal=True, stack=True)
    share_col = COLUMN_LABELS[lang]["share"]
    table = gaps[list(GAP_TABLE_COLUMNS)].copy()
    table["target"] = [target_text(v, lang) for v in table["target"]]
    for col in ("year", "existing", "planned_named", "mapped", "gap"):
        table[col] = [fmt_int(v, lang) if col != "year" else _year(v) for v in table[col]]
    st.dataframe(
        label_values(table, lang),
        hide_index=True,
        width="stretch",
        column_config={share_col: st.column_config.ProgressColumn(format="percent")},
    )


def render_tables(placed: gpd.GeoDataFrame, unplaced: pd.DataFrame, lang: str) -> None:
    """The carrier list (sortable, filterable by category) and the unplaced list."""
    st.subheader(t(lang, "carriers"))
    cats = st.multiselect(
        COLUMN_LABELS[lang]["category"],
        options=[c.value for c in Category],
        default=[c.value for c in Category],
        format_func=lambda c: CATEGORY_LABELS[c][lang],
        key="table_categories",
    )
    view = placed[placed["category"].isin(cats)]
    cols = [
        "id",
        "name_zh",
        "name_en",
        "category",
        "status",
        "admin_district",
        "district_as_written",
        "precision",
    ]
    st.dataframe(label_values(view[cols], lang), hide_index=True, width="stretch")
    st.subheader(f"{t(lang, 'unplaced')} ({len(unplaced)})")
    cols = ["id", "name_zh", "category", "status", "district_as_written", "reason"]
    st.dataframe(label_values(unplaced[cols], lang), hide_index=True, width="stretch")


@st.cache_data(show_spinner=False, max_entries=32)
def _export_bytes(kind: str, cache_key: str, _frames: Mapping[str, pd.DataFrame]) -> bytes:
    """The bytes of one download, built once per data set, city and kind (not every rerun).

    ``cache_key`` names the data (folder and city); the frames themselves are
    not hashed (leading underscore), they are what that key denotes.
    """
    if kind == "gpkg":
        return gpkg_bytes(_frames)
    if kind == "xlsx":
        return xlsx_bytes(_frames)
    if kind == "csv":
        return csv_bytes(_frames["carriers"])
    return geojson_bytes(_frames["carriers"])


def render_exports(
    city: str | None,
    placed: gpd.GeoDataFrame,
    unplaced: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    map_html: str | None,
    lang: str,
    *,
    data_key: str,
) -> None:
    """Download buttons: GeoJSON per category, GeoPackage, CSV, Excel, standalone HTML.

    ``data_key`` identifies the data the frames come from (e.g. the data
    folder); with the city it keys the cached file bytes.
    """
    st.caption(t(lang, "export_intro"))
    key = f"{data_key}|{city}"
    category = st.selectbox(
        t(lang, "export_geojson"),
        options=[c.value for c in Category],
        format_func=lambda c: CATEGORY_LABELS[c][lang],
        key="export_category",
    )
    part = placed[placed["category"] == category]
    st.download_button(
        "GeoJSON",
        data=_export_bytes("geojson", f"{key}|{category}", {"carriers": part}),
        file_name=export_filename(city, f"carriers_{category}", "geojson"),
        mime="application/geo+json",
        key="dl_geojson",
    )
    st.download_button(
        t(lang, "export_gpkg"),
        data=_export_bytes("gpkg", key, gpkg_layers(placed, unplaced, boundaries, gaps)),
        file_name=export_filename(city, "all_layers", "gpkg"),
        mime="application/geopackage+sqlite3",
        key="dl_gpkg",
    )
    st.download_button(
        t(lang, "export_csv"),
        data=_export_bytes("csv", key, {"carriers": placed}),
        file_name=export_filename(city, "carriers", "csv"),
        mime="text/csv",
        key="dl_csv",
    )
    st.download_button(
        t(lang, "export_xlsx"),
        data=_export_bytes("xlsx", key, workbook_sheets(placed, unplaced, gaps)),
        file_name=export_filename(city, "carriers", "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_xlsx",
    )
    if map_html is not None:
        st.download_button(
            t(lang, "export_html"),
            data=map_html.encode("utf-8"),
            file_name=export_filename(city, "map", "html"),
            mime="text/html",
            key="dl_html",
        )
