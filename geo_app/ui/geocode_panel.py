"""Streamlit panel: geocode a planner's CSV/XLSX list into a map layer.

Upload → check the detected columns (override any) → choose the city and the
geocoders → run with a progress bar → review the rows that failed or came
back at low precision (type a coordinate or pick another candidate) → add
the layer to ``st.session_state["user_layers"][name]`` (a GeoDataFrame in
EPSG:4326).

Progress is journaled under the cache folder, keyed by the file and the
choices, so a run cut short (page reload, server restart) resumes without
asking the providers again for finished rows. Keys come from the
environment or ``st.secrets`` and are never shown. Errors are shown with
``st.error``, never as a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.batch import (
    ROLE_HEADERS,
    BatchResult,
    apply_review_edits,
    detect_columns,
    geocode_file,
    read_table,
)
from geo_app.cities import City, city_record, shipped_cities
from geo_app.errors import GeoAppError
from geo_app.storage import store_upload
from geo_app.ui.i18n import error_text
from geo_app.ui.markdown import plain
from geocoding.cache import default_cache_path
from geocoding.check import AreaIndex
from geocoding.providers import (
    GeocoderSettings,
    available_geocoders,
    build_chain,
    configured_geocoders,
)

__all__ = ["LAYERS_KEY", "RESULT_KEY", "render_geocode_panel"]

#: Session-state key of the planner's layers (name -> GeoDataFrame).
LAYERS_KEY: Final[str] = "user_layers"
#: Session-state key of the last batch result.
RESULT_KEY: Final[str] = "geocode_result"

_NONE: Final[str] = "—"
#: The city box: the shipped cities of the City records, then "" (the city of each row).
_CRS: Final[list[str]] = ["WGS-84", "GCJ-02", "BD-09"]
_TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "header": "导入我的载体清单并定位",
        "upload": "上传 CSV 或 XLSX(UTF-8、GBK 均可)",
        "read": "已读取 {rows} 行(编码:{encoding})。",
        "columns": "列的用途(自动识别,可修改)",
        "role_name": "名称",
        "role_address": "地址",
        "role_city": "城市",
        "role_district": "区县",
        "role_category": "类别",
        "role_lon": "经度",
        "role_lat": "纬度",
        "role_crs": "坐标系",
        "role_precision": "定位精度",
        "city": "清单所属城市(行内未写明时使用)",
        "from_file": "按文件",
        "crs": "已有坐标的坐标系(行内未写明时)",
        "geocoders": "定位服务(按顺序尝试)",
        "skipped": "未配置,已跳过:{names}",
        "run": "开始定位",
        "summary": "共 {rows} 行,上图 {placed} 行,待复核 {review} 行;续跑 {resumed} 行。精度:{mix}",
        "review": "待复核(可填写坐标或候选编号)",
        "no_review": "所有行都已准确定位。",
        "layer_name": "图层名称",
        "add": "加入地图图层",
        "added": "已加入图层“{name}”,{rows} 个点。",
        "error": "无法完成:",
    },
    "en": {
        "header": "Import my own list and locate it",
        "upload": "Upload a CSV or XLSX (UTF-8 or GBK)",
        "read": "Read {rows} rows (encoding: {encoding}).",
        "columns": "Column roles (detected; change any)",
        "role_name": "Name",
        "role_address": "Address",
        "role_city": "City",
        "role_district": "District",
        "role_category": "Category",
        "role_lon": "Longitude",
        "role_lat": "Latitude",
        "role_crs": "Coordinate system",
        "role_precision": "Precision",
        "city": "City of the list (for rows that name none)",
        "from_file": "from the file",
        "crs": "System of given coordinates (when a row names none)",
        "geocoders": "Geocoders (tried in order)",
        "skipped": "Not configured, skipped: {names}",
        "run": "Locate",
        "summary": "{rows} rows, {placed} on the map, {review} to review; {resumed} resumed. "
        "Precision: {mix}",
        "review": "To review (type a coordinate or a candidate number)",
        "no_review": "Every row was located precisely.",
        "layer_name": "Layer name",
        "add": "Add as a map layer",
        "added": "Layer '{name}' added with {rows} points.",
        "error": "Could not finish: ",
    },
}


def _secrets() -> dict[str, Any]:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no or unreadable secrets.toml: run on the environment alone
        return {}


@st.cache_resource(show_spinner=False, max_entries=8)
def _area_index(cities: tuple[str, ...], _boundaries: gpd.GeoDataFrame | None) -> AreaIndex:
    # Immutable polygons, safe to share between sessions; one index per set of
    # covered cities (a workspace stores the boundaries of exactly these).
    if _boundaries is None:
        return AreaIndex.for_cities([city_record(name) for name in cities])
    return AreaIndex.from_boundaries(_boundaries)


def _settings() -> GeocoderSettings:
    return GeocoderSettings.from_mapping({**os.environ, **_secrets()})


def _journal_path(digest: str, choices: Mapping[str, Any], settings: GeocoderSettings) -> Path:
    key = hashlib.sha256(
        json.dumps(choices, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    folder = (settings.cache_path or default_cache_path()).parent / "journals"
    return folder / f"{digest[:16]}-{key[:12]}.jsonl"


def _column_overrides(columns: list[str], t: Mapping[str, str]) -> dict[str, str | None]:
    detected = detect_columns(columns).as_dict()
    overrides: dict[str, str | None] = {}
    with st.expander(t["columns"]):
        grid = st.columns(4)
        options = [_NONE, *columns]
        for i, role in enumerate(ROLE_HEADERS):
            current = detected.get(role)
            choice = grid[i % 4].selectbox(
                t.get(f"role_{role}", role),
                options,
                index=options.index(current) if current in options else 0,
                key=f"geocode_role_{role}",
            )
            overrides[role] = None if choice == _NONE else choice
    return overrides


def _numbered(result: BatchResult) -> list[str]:
    texts = []
    for outcome in result.outcomes:
        labels = [
            f"{i}) {c['provider']}:{c['precision']} {c['lon']:.5f},{c['lat']:.5f}"
            + (" ⚠" if c.get("rejected") else "")
            for i, c in enumerate(outcome.candidates, start=1)
        ]
        texts.append("  ".join(labels))
    return texts


def _review_editor(result: BatchResult, t: Mapping[str, str]) -> pd.DataFrame:
    review = result.review
    if review.empty:
        st.success(t["no_review"])
        return review
    numbered = dict(zip([o.row for o in result.outcomes], _numbered(result), strict=True))
    frame = review[["row", "name", "address", "status", "precision", "reason"]].copy()
    frame["candidates"] = [numbered[r] for r in frame["row"]]
    frame["pick"] = ""
    frame["new_lon"] = None
    frame["new_lat"] = None
    frame["new_crs"] = "WGS-84"
    st.markdown(f"**{t['review']}**")
    edited: pd.DataFrame = st.data_editor(
        frame,
        key="geocode_review_editor",
        hide_index=True,
        disabled=["row", "name", "address", "status", "precision", "reason", "candidates"],
        column_config={
            "pick": st.column_config.TextColumn("pick", help="candidate number, e.g. 1"),
            "new_lon": st.column_config.NumberColumn("lon", format="%.6f"),
            "new_lat": st.column_config.NumberColumn("lat", format="%.6f"),
            "new_crs": st.column_config.SelectboxColumn("crs", options=_CRS),
        },
    )
    return edited


def _run(
    path: Path,
    digest: str,
    overrides: dict[str, str | None],
    t: Mapping[str, str],
    settings: GeocoderSettings,
    covered: tuple[City, ...],
    boundaries: gpd.GeoDataFrame | None,
) -> None:
    city = st.selectbox(
        t["city"],
        [*(c.name for c in covered), ""],
        format_func=lambda c: c or t["from_file"],
        key="geocode_city",
    )
    crs = st.selectbox(t["crs"], _CRS, key="geocode_crs")
    names = st.multiselect(
        t["geocoders"],
        list(available_geocoders()),
        default=list(configured_geocoders(settings)),
        key="geocode_providers",
    )
    if not st.button(t["run"], key="geocode_run", type="primary"):
        return
    cities = tuple(c.name for c in covered)
    chain = build_chain(
        names, settings=settings, area_index=_area_index(cities, boundaries), cities=covered
    )
    if chain.skipped:
        st.caption(t["skipped"].format(names=", ".join(chain.skipped)))
    bar = st.progress(0.0)

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"{done}/{total}")

    choices = {"roles": overrides, "geocoders": names, "city": city, "crs": crs}
    result = geocode_file(
        path,
        chain=chain,
        overrides=overrides,
        journal_path=_journal_path(digest, choices, settings),
        default_city=city or None,
        default_crs=crs,
        progress=progress,
    )
    st.session_state[RESULT_KEY] = {"digest": digest, "result": result}


def _show_result(result: BatchResult, default_name: str, t: Mapping[str, str]) -> None:
    mix = ", ".join(f"{k} {v}" for k, v in result.precision_mix().items())
    st.info(
        t["summary"].format(
            rows=len(result.outcomes),
            placed=len(result.layer),
            review=len(result.review),
            resumed=result.resumed,
            mix=mix,
        )
    )
    edited = _review_editor(result, t)
    name = st.text_input(t["layer_name"], value=default_name, key="geocode_layer_name")
    if st.button(t["add"], key="geocode_add"):
        fixed = apply_review_edits(result, edited) if not edited.empty else result
        layers = st.session_state.setdefault(LAYERS_KEY, {})
        layers[name or default_name] = fixed.layer
        st.session_state[RESULT_KEY] = {**st.session_state[RESULT_KEY], "result": fixed}
        st.success(plain(t["added"].format(name=name or default_name, rows=len(fixed.layer))))


def render_geocode_panel(
    lang: str = "zh",
    *,
    settings: GeocoderSettings | None = None,
    cities: Sequence[str] | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
) -> None:
    """Draw the import-and-geocode panel.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``.
    settings
        Geocoder settings built once by the app; by default read from the
        environment and ``st.secrets``.
    cities, boundaries
        The workspace's covered cities and their county-level units: rows are
        read against their districts, former names and zones and checked
        against these boundaries (default: the shipped cities).
    """
    covered = (
        tuple(city_record(name) for name in cities) if cities is not None else shipped_cities()
    )
    t = _TEXT.get(lang, _TEXT["zh"])
    st.subheader(t["header"])
    try:
        upload = st.file_uploader(t["upload"], type=["csv", "xlsx", "xls"], key="geocode_upload")
        digest = None
        if upload is not None:
            # Stored under its content hash, with the planner's file name for messages.
            kept = store_upload(upload.getvalue(), upload.name, kind="table")
            path, digest = kept.path, kept.digest
            frame, info = read_table(path)
            st.caption(
                plain(t["read"].format(rows=len(frame), encoding=info.encoding or info.sheet))
            )
            overrides = _column_overrides(list(frame.columns), t)
            _run(path, digest, overrides, t, settings or _settings(), covered, boundaries)
        stored = st.session_state.get(RESULT_KEY)
        if stored is not None and digest in (None, stored["digest"]):
            default_name = Path(upload.name).stem if upload is not None else "my_list"
            _show_result(stored["result"], default_name, t)
    except GeoAppError as err:
        st.error(plain(f"{t['error']}{error_text(err, lang)}"))
