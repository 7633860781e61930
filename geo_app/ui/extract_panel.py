"""Streamlit panel: upload a plan, review what was extracted, add it.

The planner uploads a .txt/.docx/.pdf plan, ticks or unticks each extracted
carrier (and may edit its name, category, district, city and status) and
each planned count (number, bound, year, city). With a workspace, the
accepted rows are then added to it under the planner's name, by the same
path as ``carrier-map import`` of the ``extract`` files
(:mod:`geo_app.extraction.handoff`): carriers placed, duplicates of held
carriers merged, a plan of a city the workspace does not cover kept and
flagged. Without one, the accepted carriers are merged into the session's
registry ``st.session_state["user_registry"]`` (columns of
``data/carriers.csv``), which can be downloaded as CSV. Errors are shown
with ``st.error``, never as a traceback.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from geo_app.errors import GeoAppError
from geo_app.extraction import extract_document_bytes
from geo_app.extraction.handoff import HandOff, apply_hand_off, prepare_hand_off
from geo_app.extraction.merge import empty_registry, merge_into_registry, review_frame
from geo_app.storage import store_upload
from geo_app.ui.i18n import error_text
from geo_app.ui.markdown import plain
from geo_app.ui.workspace_common import (
    cached_carriers,
    planner_name,
    show_flashes,
    write_action,
)
from layers.files import csv_bytes

if TYPE_CHECKING:
    from geo_app.workspace import ImportReport, Workspace

__all__ = ["REGISTRY_KEY", "render_extract_panel"]

#: Session-state key of the planner's registry.
REGISTRY_KEY: Final[str] = "user_registry"

_CATEGORIES: Final[list[str]] = ["community", "smart_island", "incubator", "park", "zone"]
_STATUSES: Final[list[str]] = ["existing", "planned"]
_BOUNDS: Final[list[str]] = ["exact", "at_least", "more_than", "about", "at_most", "named_list"]
_HANDOFF_KEY: Final[str] = "extract_handoff"
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
        "ws_header": "加入工作空间",
        "ws_plan": "将加入:载体 {new} 个(另有 {merged} 个与已有载体合并,{held} 个已加入过),规划目标 {targets} 条。",
        "ws_merges": "与工作空间已有载体相同(将合并):",
        "ws_uncovered": "工作空间未覆盖 {cities}:这些载体与目标照样加入,载体标记为待核查,不影响其他内容。",
        "ws_nothing": "没有采纳的载体或目标。",
        "ws_add": "将采纳的载体和目标加入工作空间",
        "ws_done": "已加入工作空间:新增载体 {added} 个,合并 {merged} 个,已在其中 {skipped} 个,待核查 {flagged} 个;新增目标 {targets} 条。",
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
        "ws_header": "Add to the workspace",
        "ws_plan": "To add: {new} carriers ({merged} more merge into carriers already held, {held} were added before) and {targets} targets.",
        "ws_merges": "Same as carriers already in the workspace (merged):",
        "ws_uncovered": "The workspace does not cover {cities}: these carriers and targets are added all the same, the carriers flagged for review; nothing else is held up.",
        "ws_nothing": "No carrier or target is accepted.",
        "ws_add": "Add the accepted carriers and targets to the workspace",
        "ws_done": "Added to the workspace: {added} new carriers, {merged} merged, {skipped} already there, {flagged} to review; {targets} new targets.",
    },
}


@st.cache_data(show_spinner=False, max_entries=16)
def _extract(data: bytes, name: str, city: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    extraction = extract_document_bytes(data, name, city=city or None)
    targets = extraction.targets_frame()
    # Baselines (counts already reached) are shown for reference, never imported.
    targets.insert(0, "accept", targets["kind"].astype(str) == "target")
    return review_frame(extraction), targets, extraction.city


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


def _targets_table(targets: pd.DataFrame, key: str, text: dict[str, str]) -> pd.DataFrame:
    edited: pd.DataFrame = st.data_editor(
        targets,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[
            c
            for c in targets.columns
            if c not in ("accept", "subject", "bound", "number", "min", "max", "year", "city")
        ],
        column_config={
            "accept": st.column_config.CheckboxColumn(text["accept"]),
            "bound": st.column_config.SelectboxColumn(options=_BOUNDS, required=True),
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


def render_extract_panel(lang: str = "zh", ws: Workspace | None = None) -> None:
    """Draw the upload → review → add panel.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``.
    ws
        The planner's workspace: the reviewed carriers and targets are added
        to it. Without one, the carriers are merged into the session's registry.
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
    counts = _targets_table(targets, f"extract_targets_{digest}", text)
    if ws is None:
        _merge_section(edited, digest, text)
        return
    stem = PurePath(upload.name).stem or "plan"
    _workspace_section(ws, edited, counts, stem, lang, text)


def _hand_off(ws: Workspace, edited: pd.DataFrame, counts: pd.DataFrame, stem: str) -> HandOff:
    """The hand-off of the reviewed rows, read once per review and workspace revision."""
    key = (
        hashlib.sha256(csv_bytes(edited, bom=False) + csv_bytes(counts, bom=False)).hexdigest(),
        str(ws.path),
        ws.revision(),
        stem,
    )
    kept = st.session_state.get(_HANDOFF_KEY)
    if kept is not None and kept[0] == key:
        held: HandOff = kept[1]
        return held
    hand_off = prepare_hand_off(ws, edited, counts, stem=stem)
    st.session_state[_HANDOFF_KEY] = (key, hand_off)
    return hand_off


def _merge_lines(ws: Workspace, hand_off: HandOff) -> list[str]:
    """``name → id name`` for each accepted row that folds into a held carrier."""
    if hand_off.carriers is None:
        return []
    frame = hand_off.carriers.frame
    known = cached_carriers(ws)
    names = dict(zip(known["id"].astype(str), known["name_zh"].astype(str), strict=False))
    lines = []
    for index, into in hand_off.carriers.merge_into.items():
        if index in hand_off.held:
            continue
        target = frame.loc[int(into[1:]), "name_zh"] if into.startswith("#") else names.get(into)
        lines.append(f"{frame.loc[index, 'name_zh']} → {into} {target or ''}".rstrip())
    return lines


def _workspace_section(
    ws: Workspace,
    edited: pd.DataFrame,
    counts: pd.DataFrame,
    stem: str,
    lang: str,
    text: dict[str, str],
) -> None:
    """Review done: show what goes into the workspace, and add it under the planner's name."""
    st.markdown(f"**{plain(text['ws_header'])}**")
    show_flashes()
    who = planner_name(lang)
    hand_off = _hand_off(ws, edited, counts, stem)
    if hand_off.carriers is None and hand_off.targets is None:
        st.caption(text["ws_nothing"])
        return
    st.caption(
        text["ws_plan"].format(
            new=hand_off.new_carriers,
            merged=hand_off.merges,
            held=len(hand_off.held),
            targets=hand_off.new_targets,
        )
    )
    lines = _merge_lines(ws, hand_off)
    if lines:
        st.caption(plain(text["ws_merges"] + " " + "; ".join(lines)))
    if hand_off.uncovered:
        st.warning(plain(text["ws_uncovered"].format(cities="、".join(hand_off.uncovered))))
    if not st.button(
        text["ws_add"], key=f"extract_ws_add_{stem}", type="primary", disabled=not who
    ):
        return
    done: list[tuple[ImportReport | None, ImportReport | None]] = []

    def report() -> str:
        carriers, targets = done[0]
        return text["ws_done"].format(
            added=carriers.added if carriers else 0,
            merged=carriers.merged if carriers else 0,
            skipped=carriers.skipped if carriers else 0,
            flagged=carriers.flagged if carriers else 0,
            targets=targets.added if targets else 0,
        )

    write_action(lambda: done.append(apply_hand_off(ws, hand_off, who=who)), lang, done=report)
