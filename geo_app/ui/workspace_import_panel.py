"""Import a carrier list into the workspace: header found, roles confirmed, duplicates merged.

The planner uploads a CSV or XLSX list; the panel shows the header row it
found (below any title rows), the title, the role of each column, every row
with its review reason, and the rows that look like carriers already in the
workspace, each with a tick "merge into …". Import adds the rest as one step
of the history (undone as one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
import streamlit as st

from geo_app.errors import DataFileError
from geo_app.inventory import (
    LIST_ROLES,
    MATCH_REASONS,
    CarrierList,
    match_duplicates,
    read_carrier_list,
)
from geo_app.storage import StoredUpload, store_upload
from geo_app.ui.i18n import error_text, t
from geo_app.ui.markdown import plain
from geo_app.ui.workspace_common import (
    cached_carriers,
    covered_city_names,
    guarded,
    labelled,
    option_label,
    planner_name,
    show_flashes,
    write_action,
)

if TYPE_CHECKING:
    from geo_app.workspace import Workspace

__all__ = [
    "ROLES",
    "SURE_SCORE",
    "duplicate_reason",
    "merge_choices",
    "render_workspace_import",
]

#: The roles a list's columns can play, in the order the panel shows them.
ROLES: Final[tuple[str, ...]] = tuple(LIST_ROLES)
_ROW_COLUMNS: Final[tuple[str, ...]] = (
    "sources",
    "name_zh",
    "category",
    "kind",
    "level",
    "status",
    "year",
    "operator",
    "city",
    "admin_district",
    "precision",
    "review",
)
_UPLOADS_KEY: Final[str] = "ws_import_uploads"
_READ_KEY: Final[str] = "ws_import_read"
#: Matches at or above this score are the same carrier by name (ticked at first).
SURE_SCORE: Final[float] = 0.9
_NEAR = re.compile(r"within (\d+) m")
#: Beyond this many duplicates, one tick merges each row into its best match.
_TICKS: Final[int] = 100


def _read(
    path: str,
    digest: str,
    city: str | None,
    label: str,
    roles: tuple[tuple[str, str], ...],
    covered: tuple[str, ...],
) -> CarrierList:
    """The list, read once per file content, city and roles in this session.

    Kept in the session (the last one only), not in a shared cache: the list
    is the planner's own, and reading it again on every rerun is needless.
    ``roles`` are the planner's corrections (role, column or "" to drop it).
    """
    key = (digest, city, label, roles, covered)
    kept = st.session_state.get(_READ_KEY)
    if kept is not None and kept[0] == key:
        listing: CarrierList = kept[1]
        return listing
    listing = read_carrier_list(
        path,
        city=city,
        source_label=label,
        roles=dict(roles) or None,
        covered_cities=covered,
    )
    st.session_state[_READ_KEY] = (key, listing)
    return listing


def duplicate_reason(reason: str, lang: str) -> str:
    """Why two rows look the same, in ``lang`` (the matcher words it in English).

    >>> duplicate_reason("within 120 m", "zh"), duplicate_reason("alias", "zh")
    ('相距 120 米', '别名相同')
    """
    near = _NEAR.fullmatch(reason)
    if near and lang == "zh":
        return f"相距 {near.group(1)} 米"
    return MATCH_REASONS.get(reason, {}).get(lang, reason)


def _row_number(source: object, index: int) -> str:
    """The spreadsheet row of a candidate, from its source label (``list.csv#5`` → 5)."""
    text = str(source or "")
    return text.rsplit("#", 1)[1] if "#" in text else str(index + 1)


def merge_choices(
    duplicates: pd.DataFrame, ticked: Mapping[tuple[int, str], bool]
) -> dict[int, str]:
    """Row index → existing id to merge into: of the ticked matches, each row's best.

    Examples
    --------
    >>> dups = pd.DataFrame({"candidate_index": [0, 0, 2], "existing_id": ["A", "B", "C"],
    ...     "score": [0.8, 0.95, 0.9], "reason": ["alias", "same name", "within 300 m"]})
    >>> merge_choices(dups, {(0, "A"): True, (0, "B"): True, (2, "C"): False})
    {0: 'B'}
    """
    out: dict[int, tuple[float, str]] = {}
    for _, dup in duplicates.iterrows():
        key = (int(dup["candidate_index"]), str(dup["existing_id"]))
        if not ticked.get(key):
            continue
        best = out.get(key[0])
        if best is None or float(dup["score"]) > best[0]:
            out[key[0]] = (float(dup["score"]), key[1])
    return {index: eid for index, (_, eid) in out.items()}


def render_workspace_import(ws: Workspace, lang: str) -> None:
    """Upload a list, confirm what was read, tick duplicates to merge, import.

    Parameters
    ----------
    ws
        The open workspace.
    lang
        Interface language.
    """
    st.subheader(t(lang, "ws_import"))
    st.caption(t(lang, "ws_import_intro"))
    show_flashes()
    who = planner_name(lang)
    upload = st.file_uploader(
        t(lang, "ws_import_file"),
        type=["csv", "xlsx", "xls"],
        key=f"ws_import_file_{st.session_state.get(_UPLOADS_KEY, 0)}",
    )
    city = st.selectbox(
        t(lang, "ws_import_city"),
        [None, *covered_city_names(ws)],
        format_func=lambda c: (
            t(lang, "ws_import_city_rows") if c is None else option_label("city", c, lang)
        ),
        key="ws_import_city",
    )
    if upload is None:
        return
    guarded(
        lambda: _review_and_import(
            ws, store_upload(upload.getvalue(), upload.name, kind="table"), city, who, lang
        ),
        lang,
    )


def _review_and_import(
    ws: Workspace, stored: StoredUpload, city: str | None, who: str, lang: str
) -> None:
    name = stored.name
    listing = _listing(stored, city, name, lang, covered_city_names(ws))
    _role_boxes(listing, stored.digest, lang)
    frame: pd.DataFrame = listing.carriers
    st.caption(
        plain(
            t(
                lang,
                "ws_import_found",
                rows=len(frame),
                header=listing.header_row,
                title=listing.title or "—",
            )
        )
    )
    flagged = int((frame["review"].fillna("").astype(str) != "").sum())
    st.markdown(f"**{t(lang, 'ws_import_rows', n=len(frame), flagged=flagged)}**")
    st.dataframe(
        labelled(frame[[c for c in _ROW_COLUMNS if c in frame]], lang),
        hide_index=True,
        width="stretch",
    )
    existing = cached_carriers(ws)
    duplicates = match_duplicates(frame, existing)
    left_out = _same_list_ticks(frame, duplicates, stored.digest, lang)
    frame = frame.drop(index=sorted(left_out))
    kept = duplicates[duplicates["candidate_index"].isin(frame.index)]
    merge_into = _duplicate_ticks(frame, existing, kept, stored.digest, lang)
    label = t(
        lang,
        "ws_import_do",
        n=len(frame) - len(merge_into),
        merged=len(merge_into),
        left=len(left_out),
    )
    if st.button(label, key="ws_import_do", type="primary", disabled=not who):
        reports: list[Any] = []

        def report() -> str:
            done = reports[0]
            return t(
                lang,
                "ws_import_report",
                name=name,
                added=done.added,
                merged=done.merged,
                flagged=done.flagged,
                batch=done.batch,
            )

        def run() -> None:
            reports.append(ws.import_carriers(frame, source=name, who=who, merge_into=merge_into))
            # A fresh uploader: the list just imported is not offered again.
            st.session_state[_UPLOADS_KEY] = st.session_state.get(_UPLOADS_KEY, 0) + 1

        write_action(run, lang, done=report)


def _listing(
    stored: StoredUpload, city: str | None, name: str, lang: str, covered: tuple[str, ...]
) -> CarrierList:
    """The list as read with the roles the planner confirmed (as detected until then)."""
    key = f"ws_roles_{stored.digest}"
    confirmed: dict[str, str] | None = st.session_state.get(key)
    if confirmed:
        try:
            roles = tuple(sorted(confirmed.items()))
            return _read(str(stored.path), stored.digest, city, name, roles, covered)
        except DataFileError as err:
            # A role the list cannot take: say so, and start again from the detected roles.
            st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
            st.session_state.pop(key)
            for role in ROLES:
                st.session_state.pop(f"ws_role_{stored.digest}_{role}", None)
    return _read(str(stored.path), stored.digest, city, name, (), covered)


def _role_boxes(listing: CarrierList, digest: str, lang: str) -> None:
    """The role of each column in select boxes; a change re-reads the list with it."""
    current: dict[str, str] = {r: str(listing.roles.get(r) or "") for r in ROLES}
    columns = list(dict.fromkeys([*(c for c in current.values() if c), *listing.extra_columns]))
    options = ["", *columns]
    picked: dict[str, str] = {}
    with st.expander(t(lang, "ws_import_roles"), expanded=True):
        places = st.columns(4)
        for i, role in enumerate(ROLES):
            value = places[i % 4].selectbox(
                t(lang, f"ws_role_{role}"),
                options,
                index=options.index(current[role]) if current[role] in options else 0,
                format_func=lambda c: c or t(lang, "ws_unset"),
                key=f"ws_role_{digest}_{role}",
            )
            picked[role] = str(value or "")
        extras = [c for c in listing.extra_columns if c not in picked.values()]
        if extras:
            st.caption(plain(t(lang, "ws_import_extras", columns="、".join(extras))))
    if picked != current:
        st.session_state[f"ws_roles_{digest}"] = picked
        st.rerun()


def _same_list_ticks(
    frame: pd.DataFrame, duplicates: pd.DataFrame, digest: str, lang: str
) -> set[int]:
    """A tick per pair of rows of the list that look the same: the later row is left out.

    Ticked at first when the two are the same carrier by name, so one list
    never counts a carrier twice; the earlier row stays (and may be merged).
    """
    inside = duplicates[duplicates["existing_id"].astype(str).str.startswith("#")]
    left_out: set[int] = set()
    seen: set[tuple[int, int]] = set()
    for _, dup in inside.sort_values("score", ascending=False).iterrows():
        a, b = int(dup["candidate_index"]), int(str(dup["existing_id"]).lstrip("#"))
        if b not in frame.index or a == b:
            continue
        later, earlier = max(a, b), min(a, b)
        if (later, earlier) in seen:
            continue
        seen.add((later, earlier))
        label = t(
            lang,
            "ws_import_same_list",
            row=_row_number(frame.loc[later].get("sources"), later),
            a=frame.loc[later, "name_zh"],
            other=_row_number(frame.loc[earlier].get("sources"), earlier),
            b=frame.loc[earlier, "name_zh"],
            reason=duplicate_reason(str(dup["reason"]), lang),
        )
        sure = float(dup["score"]) >= SURE_SCORE
        if st.checkbox(plain(label), value=sure, key=f"ws_same_{digest}_{later}_{earlier}"):
            left_out.add(later)
    return left_out


def _duplicate_ticks(
    frame: pd.DataFrame, existing: pd.DataFrame, duplicates: pd.DataFrame, digest: str, lang: str
) -> dict[int, str]:
    """A tick per duplicate of a workspace carrier: row index → the carrier to merge it into."""
    names = dict(zip(existing["id"].astype(str), existing["name_zh"].astype(str), strict=False))
    across = duplicates[~duplicates["existing_id"].astype(str).str.startswith("#")]
    across = across.sort_values(["candidate_index", "score"], ascending=[True, False])
    st.markdown(f"**{t(lang, 'ws_import_dups', n=len(across))}**")
    if across.empty:
        st.caption(t(lang, "ws_import_no_dups"))
    # Ticked at first: each row's best match when it is the same carrier by name.
    firsts = across.drop_duplicates("candidate_index")
    best = set(firsts[firsts["score"].astype(float) >= SURE_SCORE].index)
    ticked: dict[tuple[int, str], bool] = {}
    if len(across) > _TICKS:
        all_best = st.checkbox(
            t(lang, "ws_import_merge_all"), value=True, key=f"ws_dup_all_{digest}"
        )
        shown = across.assign(existing_name=[names.get(str(i), "") for i in across["existing_id"]])
        st.dataframe(shown, hide_index=True, width="stretch")
        ticked = {
            (int(d["candidate_index"]), str(d["existing_id"])): all_best and i in best
            for i, d in across.iterrows()
        }
    for i, dup in across.iterrows() if len(across) <= _TICKS else ():
        ci, eid = int(dup["candidate_index"]), str(dup["existing_id"])
        row = frame.loc[ci]
        label = t(
            lang,
            "ws_import_merge_into",
            row=_row_number(row.get("sources"), ci),
            name=row["name_zh"],
            existing=names.get(eid, eid),
            id=eid,
            reason=duplicate_reason(str(dup["reason"]), lang),
            score=f"{float(dup['score']):.2f}",
        )
        ticked[(ci, eid)] = st.checkbox(
            plain(label), value=i in best, key=f"ws_dup_{digest}_{ci}_{eid}"
        )
    return merge_choices(across, ticked)
