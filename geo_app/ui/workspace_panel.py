"""The inventory page: the planner's carriers in the workspace, filtered, picked, edited.

Carriers known only to their city (no district) are listed apart, under
their city, and never shown as if they lay in a district. Picking a carrier
opens its edit form (:mod:`geo_app.ui.carrier_form`); the history of
changes, with undo, closes the page (:mod:`geo_app.ui.history_panel`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from geo_app.model import TARGET_ONLY_CATEGORIES, Category, Level, Status
from geo_app.ui.carrier_form import PICK_KEY, PICK_NEXT_KEY, render_add_form, render_carrier_editor
from geo_app.ui.history_panel import render_history
from geo_app.ui.i18n import t
from geo_app.ui.markdown import plain
from geo_app.ui.workspace_common import (
    cached_carriers,
    covered_city_names,
    guarded,
    kind_labels,
    labelled,
    option_label,
    planner_name,
    show_flashes,
)

if TYPE_CHECKING:
    from geo_app.workspace import Workspace

__all__ = ["LIST_COLUMNS", "CarrierFilter", "render_inventory"]

#: Columns of the inventory tables, in order.
LIST_COLUMNS: tuple[str, ...] = (
    "id",
    "name_zh",
    "category",
    "kind",
    "level",
    "status",
    "year",
    "city",
    "admin_district",
    "precision",
    "review",
    "sources",
)
_TABLE_KEYS: Final[tuple[str, ...]] = ("ws_table", "ws_table_city")
_PRECISIONS: Final[tuple[str, ...]] = ("point", "area", "district", "city", "none")
_SEARCHED: Final[tuple[str, ...]] = ("id", "name_zh", "name_en", "aliases", "address", "operator")


@dataclass(frozen=True)
class CarrierFilter:
    """Which carriers the inventory lists; an empty choice means "any".

    Examples
    --------
    >>> frame = pd.DataFrame({"id": ["a", "b"], "name_zh": ["周山智慧岛", "伊滨孵化器"],
    ...     "city": ["洛阳市", "洛阳市"], "category": ["smart_island", "incubator"],
    ...     "review": ["", "地址在漯河市 / address in Luohe"], "deleted": [False, True]})
    >>> list(CarrierFilter(text="周山").apply(frame)["id"])
    ['a']
    >>> list(CarrierFilter(review_only=True, show_deleted=True).apply(frame)["id"])
    ['b']
    """

    city: str | None = None
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    review_only: bool = False
    text: str = ""
    show_deleted: bool = False

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` this filter keeps."""
        keep = pd.Series(True, index=frame.index)
        if not self.show_deleted and "deleted" in frame:
            keep &= ~frame["deleted"].fillna(False).astype(bool)
        if self.city is not None:
            keep &= frame["city"].fillna("") == self.city
        for column, chosen in (
            ("category", self.categories),
            ("kind", self.kinds),
            ("level", self.levels),
            ("status", self.statuses),
            ("precision", self.precisions),
        ):
            if chosen:
                keep &= frame[column].fillna("").astype(str).isin(chosen)
        if self.review_only:
            keep &= frame["review"].fillna("").astype(str).str.strip() != ""
        needle = self.text.strip().lower()
        if needle:
            found = pd.Series(False, index=frame.index)
            for column in (c for c in _SEARCHED if c in frame):
                text = frame[column].fillna("").astype(str).str.lower()
                found |= text.str.contains(needle, regex=False)
            keep &= found
        return frame[keep]


def render_inventory(ws: Workspace, lang: str, *, city: str | None = None) -> None:
    """The inventory page: filters, the lists, the picked carrier's form, history.

    Parameters
    ----------
    ws
        The open workspace.
    lang
        Interface language (``zh`` or ``en``).
    city
        The city chosen in the sidebar (the filter's default), or None for all cities.
    """
    st.subheader(t(lang, "ws_inventory"))
    st.caption(plain(t(lang, "ws_inventory_intro", path=ws.path.name)))
    show_flashes()
    who = planner_name(lang)
    carriers = cached_carriers(ws, include_deleted=True)
    guarded(lambda: _lists_and_form(ws, carriers, who, lang, city), lang)
    guarded(lambda: render_add_form(ws, carriers, who, lang, city=city), lang)
    st.divider()
    guarded(lambda: render_history(ws, lang, who=who), lang)


def _lists_and_form(
    ws: Workspace, carriers: pd.DataFrame, who: str, lang: str, city: str | None
) -> None:
    chosen = _filter_widgets(carriers, lang, city, covered_city_names(ws))
    shown = chosen.apply(carriers)
    district = shown["admin_district"].fillna("").astype(str).str.strip()
    located, city_only = shown[district != ""], shown[district == ""]
    st.markdown(
        f"**{t(lang, 'ws_list', n=len(located), total=int((~carriers['deleted'].astype(bool)).sum()))}**"
    )
    _table(located, lang, key=_TABLE_KEYS[0])
    st.markdown(f"**{t(lang, 'ws_city_only', n=len(city_only))}**")
    st.caption(t(lang, "ws_city_only_note"))
    _table(city_only, lang, key=_TABLE_KEYS[1])
    picked = _pick(carriers, list(shown["id"]), lang)
    if picked is not None:
        row = carriers[carriers["id"] == picked].iloc[0]
        render_carrier_editor(ws, row, carriers, who, lang)


def _filter_widgets(
    carriers: pd.DataFrame, lang: str, city: str | None, covered: Sequence[str]
) -> CarrierFilter:
    """The filter controls (in an expander, open) and the filter they make.

    The city box lists the covered cities, then any other city a carrier names.
    """
    others = set(carriers["city"].dropna().astype(str)) - set(covered) - {""}
    cities = [*covered, *sorted(others)]
    kinds = sorted((set(kind_labels()) | set(carriers["kind"].dropna().astype(str))) - {""})
    with st.expander(t(lang, "ws_filters"), expanded=True):
        c1, c2, c3, c4 = st.columns(4)
        picked_city = c1.selectbox(
            t(lang, "city"),
            [None, *cities],
            index=([None, *cities].index(city) if city in cities else 0),
            format_func=lambda c: t(lang, "ws_any") if c is None else option_label("city", c, lang),
            key="ws_f_city",
        )
        categories = _multi(
            c2, "category", [c.value for c in Category if c not in TARGET_ONLY_CATEGORIES], lang
        )
        kinds_chosen = _multi(c3, "kind", kinds, lang)
        levels = _multi(c4, "level", [lv.value for lv in Level], lang)
        c5, c6, c7, c8 = st.columns(4)
        statuses = _multi(c5, "status", [s.value for s in Status], lang)
        precisions = _multi(c6, "precision", list(_PRECISIONS), lang)
        text = c7.text_input(t(lang, "ws_search"), key="ws_f_text")
        review = c8.checkbox(t(lang, "ws_review_only"), key="ws_f_review")
        deleted = c8.checkbox(t(lang, "ws_show_deleted"), key="ws_f_deleted")
    return CarrierFilter(
        city=picked_city,
        categories=categories,
        kinds=kinds_chosen,
        levels=levels,
        statuses=statuses,
        precisions=precisions,
        review_only=review,
        text=text,
        show_deleted=deleted,
    )


def _multi(place: object, column: str, options: Sequence[str], lang: str) -> tuple[str, ...]:
    chosen = place.multiselect(  # type: ignore[attr-defined]
        t(lang, f"ws_col_{column}"),
        list(options),
        format_func=lambda v: option_label(column, v, lang),
        key=f"ws_f_{column}",
        placeholder=t(lang, "ws_any"),
    )
    return tuple(str(c) for c in chosen)


def _table(frame: pd.DataFrame, lang: str, *, key: str) -> None:
    """One list; clicking a row picks the carrier (as the selectbox below does)."""
    columns = [c for c in LIST_COLUMNS if c in frame]
    if "deleted" in frame and frame["deleted"].astype(bool).any():
        columns.append("deleted")
    event = st.dataframe(
        labelled(frame[columns], lang),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(frame), 1), 420),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    last_key = f"{key}_last"
    if rows and rows != st.session_state.get(last_key) and rows[0] < len(frame):
        st.session_state[PICK_KEY] = str(frame["id"].iloc[rows[0]])
    st.session_state[last_key] = rows


def _pick(carriers: pd.DataFrame, ids: list[str], lang: str) -> str | None:
    """The carrier whose form is open: picked in a list or in this selectbox."""
    if PICK_NEXT_KEY in st.session_state:  # a carrier just added
        st.session_state[PICK_KEY] = st.session_state.pop(PICK_NEXT_KEY)
    current = st.session_state.get(PICK_KEY)
    names = dict(zip(carriers["id"].astype(str), carriers["name_zh"].astype(str), strict=False))
    if current is not None and current not in names:
        st.session_state.pop(PICK_KEY)  # gone (e.g. another workspace)
        current = None
    options = ids if current is None or current in ids else [current, *ids]
    picked = st.selectbox(
        t(lang, "ws_pick"),
        options,
        index=None,
        format_func=lambda i: f"{names.get(i, i)} · {i}",
        placeholder=t(lang, "ws_pick_hint"),
        key=PICK_KEY,
    )
    return None if picked is None else str(picked)
