"""Streamlit panel: upload a plan, review what was extracted, merge it.

The planner uploads a .txt/.docx/.pdf plan, ticks or unticks each extracted
carrier (and may edit its name, category, district, city and status), then
merges the accepted rows into the session's registry
``st.session_state["user_registry"]`` (columns of ``data/carriers.csv``),
which the rest of the app geocodes and maps.  The merged registry can be
downloaded as CSV.  Errors are shown with ``st.error``, never as a traceback.
"""

from __future__ import annotations

import hashlib
from typing import Final

import pandas as pd
import streamlit as st

from geo_app.errors import GeoAppError
from geo_app.extraction import extract_document_bytes
from geo_app.extraction.merge import empty_registry, merge_into_registry, review_frame
from geo_app.storage import store_upload
from geo_app.ui.i18n import error_text
from geo_app.ui.markdown import plain
from layers.files import csv_bytes

__all__ = ["REGISTRY_KEY", "render_extract_panel"]

#: Session-state key of the planner's registry.
REGISTRY_KEY: Final[str] = "user_registry"

_CATEGORIES: Final[list[str]] = ["community", "smart_island", "incubator", "park", "zone"]
_STATUSES: Final[list[str]] = ["existing", "planned"]
_TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "header": "从规划文件提取载体",
        "upload": "上传规划文件(.txt / .docx / .pdf)",
        "city": "规划所属城市(可留空,自动识别)",
        "found": "识别城市:{city};载体 {carriers} 个,规划数量 {targets} 条。",
        "carriers": "载体(勾选“采纳”,可直接修改)",
        "targets": "规划数量",
        "merge": "将采纳的载体并入我的载体清单",
        "merged": "已并入:新增 {added} 个,已在清单中 {merged} 个,未采纳 {rejected} 个。",
        "registry": "我的载体清单:{rows} 个载体",
        "download": "下载载体清单 CSV",
        "empty": "没有识别到具名载体。",
        "accept": "采纳",
        "error": "无法读取该文件:",
    },
    "en": {
        "header": "Extract carriers from a plan",
        "upload": "Upload a plan (.txt / .docx / .pdf)",
        "city": "City of the plan (optional, detected if empty)",
        "found": "City: {city}; {carriers} carriers and {targets} planned counts found.",
        "carriers": "Carriers (tick 'accept'; cells can be edited)",
        "targets": "Planned counts",
        "merge": "Merge accepted carriers into my registry",
        "merged": "Merged: {added} added, {merged} already listed, {rejected} rejected.",
        "registry": "My registry: {rows} carriers",
        "download": "Download registry CSV",
        "empty": "No named carrier found.",
        "accept": "accept",
        "error": "Cannot read this file: ",
    },
}


@st.cache_data(show_spinner=False, max_entries=16)
def _extract(data: bytes, name: str, city: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    extraction = extract_document_bytes(data, name, city=city or None)
    return review_frame(extraction), extraction.targets_frame(), extraction.city


def _registry() -> pd.DataFrame:
    if REGISTRY_KEY not in st.session_state:
        st.session_state[REGISTRY_KEY] = empty_registry()
    registry: pd.DataFrame = st.session_state[REGISTRY_KEY]
    return registry


def _review_table(review: pd.DataFrame, key: str, text: dict[str, str]) -> pd.DataFrame:
    edited: pd.DataFrame = st.data_editor(
        review,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["sentence", "start", "end", "line", "source_file"],
        column_config={
            "accept": st.column_config.CheckboxColumn(text["accept"], default=True),
            "category": st.column_config.SelectboxColumn(options=_CATEGORIES, required=True),
            "status": st.column_config.SelectboxColumn(options=_STATUSES, required=True),
        },
    )
    return edited


def _merge_section(edited: pd.DataFrame, digest: str, text: dict[str, str]) -> None:
    if st.button(text["merge"], key=f"extract_merge_{digest}", type="primary"):
        result = merge_into_registry(_registry(), edited)
        st.session_state[REGISTRY_KEY] = result.registry
        st.success(
            text["merged"].format(
                added=result.added, merged=result.merged, rejected=result.rejected
            )
        )
    registry = _registry()
    st.caption(text["registry"].format(rows=len(registry)))
    st.download_button(
        text["download"],
        data=csv_bytes(registry, bom=False),
        file_name="carriers.csv",
        mime="text/csv",
        key=f"extract_download_{digest}",
    )


def render_extract_panel(lang: str = "zh") -> None:
    """Draw the upload → review → merge panel.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``.
    """
    text = _TEXT.get(lang, _TEXT["zh"])
    st.subheader(text["header"])
    upload = st.file_uploader(text["upload"], type=["txt", "docx", "pdf"], key="extract_upload")
    city = st.text_input(text["city"], key="extract_city").strip()
    if upload is None:
        return
    try:
        # Stored whole under its hash; its size is checked before it is parsed.
        data = store_upload(upload.getvalue(), upload.name, kind="document").data
        review, targets, found_city = _extract(data, upload.name, city)
    except GeoAppError as err:
        st.error(plain(text["error"] + error_text(err, lang)))
        return
    digest = hashlib.sha256(data + city.encode("utf-8")).hexdigest()[:16]
    st.info(
        plain(
            text["found"].format(city=found_city or "?", carriers=len(review), targets=len(targets))
        )
    )
    if review.empty:
        st.warning(text["empty"])
        edited = review
    else:
        st.markdown(f"**{plain(text['carriers'])}**")
        edited = _review_table(review, f"extract_editor_{digest}", text)
    st.markdown(f"**{plain(text['targets'])}**")
    st.dataframe(targets, hide_index=True, width="stretch")
    _merge_section(edited, digest, text)
