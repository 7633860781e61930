"""One carrier of the workspace: its edit form, status, delete/restore, position, merge; and a new one.

Every change names the planner and passes the version of the row the form
was drawn from (held in the session), so a change made meanwhile by another
session is refused with a message and the form reloads — never overwritten.
"""

# folium's constructors carry no type hints.
# mypy: disallow-untyped-calls=False

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo_app.config import Settings
from geo_app.inventory import match_duplicates
from geo_app.model import TARGET_ONLY_CATEGORIES, Category, Level, Status
from geo_app.ui.i18n import t
from geo_app.ui.markdown import plain
from geo_app.ui.workspace_common import (
    blank,
    covered_city_names,
    held_version,
    kind_labels,
    labelled,
    option_label,
    review_text,
    show_flashes,
    split_aliases,
    write_action,
)
from layers._html import check_map_inert, escape_html
from layers.assets import VENDOR_DIR, localize_map

if TYPE_CHECKING:
    from geo_app.workspace import Workspace

__all__ = [
    "PICK_KEY",
    "PICK_NEXT_KEY",
    "CarrierValues",
    "city_centre",
    "placed_by_district",
    "render_add_form",
    "render_carrier_editor",
]

#: Session key of the picked carrier (the selectbox of the inventory page).
PICK_KEY: Final[str] = "ws_pick"
#: A carrier to pick on the next run (one just added).
PICK_NEXT_KEY: Final[str] = "ws_pick_next"
_ADDED_KEY: Final[str] = "ws_added"

_TEXT_FIELDS: Final[tuple[str, ...]] = (
    "name_zh",
    "name_en",
    "aliases",
    "category",
    "kind",
    "level",
    "status",
    "operator",
    "address",
    "city",
    "admin_district",
)
_PROVENANCE_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "name_zh",
    "city",
    "admin_district",
    "precision",
    "origin",
    "sources",
    "provenance",
)


@lru_cache(maxsize=32)
def city_centre(name: str) -> tuple[float, float]:
    """(lat, lon) of a city's representative point (``data/cities/points.csv``), for the
    position map of a carrier without a site; the first shipped city's for an unknown name.

    >>> city_centre("许昌市")
    (34.020329, 113.83248)
    """
    from geo_app.cities import city_record, read_city_points, shipped_cities
    from geo_app.errors import UnknownCityError

    try:
        city = city_record(name) if name else shipped_cities()[0]
    except UnknownCityError:
        city = shipped_cities()[0]
    for row in read_city_points(city):
        if not row["admin_district"]:
            return float(row["lat"]), float(row["lon"])
    return city_centre("") if name else (34.62, 112.45)


@dataclass(frozen=True)
class CarrierValues:
    """What the planner typed in a carrier form, checked.

    Examples
    --------
    >>> v = CarrierValues.parse({"name_zh": " 周山智慧岛 ", "aliases": "周山岛、ZS", "year": "2021",
    ...     "lon": "112.38", "lat": "34.66"})
    >>> v.fields["name_zh"], v.fields["aliases"], v.fields["year"], v.position, v.problems
    ('周山智慧岛', '周山岛|ZS', 2021, (112.38, 34.66), ())
    >>> CarrierValues.parse({"name_zh": "", "year": "二〇二一", "lon": "500", "lat": ""}).problems
    ('ws_bad_name', 'ws_bad_year', 'ws_bad_position')
    """

    fields: Mapping[str, object]
    position: tuple[float, float] | None
    problems: tuple[str, ...]

    @classmethod
    def parse(cls, typed: Mapping[str, str]) -> CarrierValues:
        """Check the typed text: a name, a year (or none), both coordinates (or none)."""
        fields: dict[str, object] = {f: str(typed.get(f, "")).strip() for f in _TEXT_FIELDS}
        fields["aliases"] = split_aliases(str(fields["aliases"]))
        problems = [] if fields["name_zh"] else ["ws_bad_name"]
        year_text = str(typed.get("year", "")).strip()
        fields["year"] = None
        if year_text:
            if year_text.isascii() and year_text.isdigit() and 1949 <= int(year_text) <= 2100:
                fields["year"] = int(year_text)
            else:
                problems.append("ws_bad_year")
        position = None
        lon_text, lat_text = (str(typed.get(k, "")).strip() for k in ("lon", "lat"))
        if lon_text or lat_text:
            try:
                lon, lat = float(lon_text), float(lat_text)
            except ValueError:
                lon, lat = math.nan, math.nan
            if -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0:
                position = (lon, lat)
            else:
                problems.append("ws_bad_position")
        return cls(fields=fields, position=position, problems=tuple(problems))


def _text(value: object) -> str:
    return "" if blank(value) else str(value)


def _year(value: object) -> int | None:
    try:
        return None if blank(value) else int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _position(row: pd.Series) -> tuple[float, float] | None:
    lon, lat = row.get("lon"), row.get("lat")
    if blank(lon) or blank(lat):
        return None
    return (float(lon), float(lat))


def changed_fields(row: pd.Series, values: CarrierValues) -> dict[str, object]:
    """The fields whose typed value differs from the row's (coordinates apart)."""
    out: dict[str, object] = {}
    for field, new in values.fields.items():
        old: object = _year(row.get(field)) if field == "year" else _text(row.get(field))
        if field == "aliases":
            old = split_aliases(str(old))
        if new != old:
            out[field] = new
    return out


def _moved(row: pd.Series, position: tuple[float, float] | None) -> bool:
    old = _position(row)
    if position is None:
        return False  # empty coordinates keep the stored position
    return old is None or any(abs(a - b) > 1e-7 for a, b in zip(old, position, strict=True))


@st.cache_data(show_spinner=False)
def _district_points(path: str) -> dict[tuple[str, str], tuple[float, float]]:
    """(city, district) → the district's representative point (WGS-84 lon, lat)."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        return {
            (str(r["city"]), str(r["admin_district"])): (float(r["lon"]), float(r["lat"]))
            for _, r in frame.iterrows()
        }
    except (OSError, ValueError, KeyError):
        return {}


def placed_by_district(row: pd.Series, changes: Mapping[str, object]) -> dict[str, object]:
    """Where a carrier without a known site goes once its city or district changes.

    A carrier at a known site (point, area) stays there. Otherwise a district
    puts it at that district's representative point (precision ``district``),
    and no district makes it known only to its city: precision ``city``, no
    position — never a point inside some district.
    """
    if "admin_district" not in changes and "city" not in changes:
        return {}
    if _text(row.get("precision")) in ("point", "area"):
        return {}
    city = str(changes.get("city", _text(row.get("city"))))
    district = str(changes.get("admin_district", _text(row.get("admin_district"))))
    if not district:
        return {"precision": "city", "lon": None, "lat": None}
    points = _district_points(str(Settings.from_env().district_points_file))
    lon, lat = points.get((city, district), (None, None))
    return {"precision": "district", "lon": lon, "lat": lat}


def _districts(carriers: pd.DataFrame) -> list[str]:
    """Districts the workspace knows: the options of the district box (a new one can be typed)."""
    known = carriers[carriers["admin_district"].fillna("").astype(str) != ""]
    return sorted(set(known["admin_district"].astype(str)))


def _form_fields(
    prefix: str,
    row: pd.Series | None,
    carriers: pd.DataFrame,
    lang: str,
    city: str | None,
    cities: Sequence[str],
) -> dict[str, str]:
    """The widgets of a carrier form (edit or add), prefilled from ``row``; typed text back."""

    def get(field: str) -> str:
        return "" if row is None else _text(row.get(field))

    def choice(field: str, options: list[str], *, new: bool = False) -> str:
        defaults = {"city": city or "", "status": Status.EXISTING.value}
        current = get(field) or defaults.get(field, "")
        opts = options if current in options else [*options, current]
        picked = st.selectbox(
            t(lang, f"ws_col_{field}"),
            opts,
            index=opts.index(current),
            format_func=lambda v: option_label(field, v, lang) if v else t(lang, "ws_unset"),
            accept_new_options=new,
            key=f"{prefix}_{field}",
        )
        return "" if picked is None else str(picked)

    kinds = sorted((set(kind_labels()) | set(carriers["kind"].dropna().astype(str))) - {""})
    typed: dict[str, str] = {}
    c1, c2 = st.columns(2)
    with c1:
        typed["name_zh"] = st.text_input(
            t(lang, "ws_col_name_zh"), get("name_zh"), key=f"{prefix}_name_zh"
        )
        typed["name_en"] = st.text_input(
            t(lang, "ws_col_name_en"), get("name_en"), key=f"{prefix}_name_en"
        )
        typed["aliases"] = st.text_input(
            t(lang, "ws_col_aliases"),
            get("aliases").replace("|", "、"),
            key=f"{prefix}_aliases",
            help=t(lang, "ws_aliases_help"),
        )
        typed["category"] = choice(
            "category", ["", *(c.value for c in Category if c not in TARGET_ONLY_CATEGORIES)]
        )
        typed["kind"] = choice("kind", ["", *kinds], new=True)
        typed["level"] = choice("level", ["", *(lv.value for lv in Level)])
        typed["status"] = choice("status", [s.value for s in Status])
        year = row.get("year") if row is not None else None
        typed["year"] = st.text_input(
            t(lang, "ws_col_year"),
            "" if _year(year) is None else str(_year(year)),
            key=f"{prefix}_year",
        )
    with c2:
        typed["operator"] = st.text_input(
            t(lang, "ws_col_operator"), get("operator"), key=f"{prefix}_operator"
        )
        typed["address"] = st.text_input(
            t(lang, "ws_col_address"), get("address"), key=f"{prefix}_address"
        )
        typed["city"] = choice("city", ["", *cities])
        typed["admin_district"] = choice("admin_district", ["", *_districts(carriers)], new=True)
        position = None if row is None else _position(row)
        lon, lat = ("", "") if position is None else (f"{position[0]:.6f}", f"{position[1]:.6f}")
        typed["lon"] = st.text_input(t(lang, "ws_col_lon"), lon, key=f"{prefix}_lon")
        typed["lat"] = st.text_input(
            t(lang, "ws_col_lat"), lat, key=f"{prefix}_lat", help=t(lang, "ws_position_help")
        )
    return typed


def render_carrier_editor(
    ws: Workspace, row: pd.Series, carriers: pd.DataFrame, who: str, lang: str
) -> None:
    """The picked carrier: facts, edit form, status, delete/restore, position, merge."""
    cid = str(row["id"])
    current = int(row["version"])
    version = held_version("carriers", cid, current)
    st.markdown(f"#### {plain(row['name_zh'])} · {plain(cid)}")
    show_flashes("editor")
    st.caption(
        plain(
            t(
                lang,
                "ws_facts",
                sources=_text(row.get("sources")).replace("|", " · ") or "—",
                who=_text(row.get("updated_by")) or "—",
                at=_text(row.get("updated_at")) or "—",
                version=current,
            )
        )
    )
    if not _text(row.get("admin_district")):
        st.info(t(lang, "ws_city_only_row"))
    if _text(row.get("review")):
        st.warning(plain(f"{t(lang, 'ws_review')}: {review_text(row['review'], lang)}"))
    if current != version:
        st.warning(plain(t(lang, "ws_changed_since", who=_text(row.get("updated_by")) or "—")))
        if st.button(t(lang, "ws_load_newer"), key=f"ws_reload_{cid}"):
            write_action(lambda: None, lang, done=t(lang, "ws_reloaded"), rid=cid)
    why = st.text_input(t(lang, "ws_why"), key=f"ws_why_{cid}")
    if bool(row.get("deleted")):
        st.info(t(lang, "ws_is_deleted"))
        if st.button(t(lang, "ws_restore"), key=f"ws_restore_{cid}", disabled=not who):
            write_action(
                lambda: ws.restore_carrier(cid, who=who, why=why),
                lang,
                done=t(lang, "ws_restored", name=row["name_zh"]),
                rid=cid,
            )
        return
    _edit_form(ws, row, version, carriers, who, why, lang)
    _status_and_delete(ws, row, version, who, why, lang)
    _position_map(ws, row, version, who, why, lang)
    _merge(ws, row, carriers, who, why, lang)


def _edit_form(
    ws: Workspace,
    row: pd.Series,
    version: int,
    carriers: pd.DataFrame,
    who: str,
    why: str,
    lang: str,
) -> None:
    cid = str(row["id"])
    # Keys carry the held version: after a reload the widgets start from the newer row.
    prefix = f"ws_e_{cid}_{version}"
    with st.form(key=prefix):
        typed = _form_fields(prefix, row, carriers, lang, None, covered_city_names(ws))
        saved = st.form_submit_button(t(lang, "ws_save"), type="primary", disabled=not who)
    if not saved:
        return
    values = CarrierValues.parse(typed)
    if values.problems:
        for code in values.problems:
            st.error(t(lang, code))
        return
    changes = changed_fields(row, values)
    moved = _moved(row, values.position)
    if not moved:
        changes.update(placed_by_district(row, changes))
    if not changes and not moved:
        st.info(t(lang, "ws_nothing_changed"))
        return

    def save() -> None:
        new = version
        if changes:
            new = ws.edit_carrier(cid, changes, expected_version=new, who=who, why=why)
        if moved and values.position is not None:
            ws.move_carrier(cid, *values.position, expected_version=new, who=who, why=why)

    write_action(save, lang, done=t(lang, "ws_saved", name=values.fields["name_zh"]), rid=cid)


def _status_and_delete(
    ws: Workspace, row: pd.Series, version: int, who: str, why: str, lang: str
) -> None:
    cid = str(row["id"])
    now = _text(row.get("status"))
    others = [s.value for s in Status if s.value != now]
    columns = st.columns(len(others) + 1)
    for place, status in zip(columns, others, strict=False):
        label = t(lang, "ws_set_status", status=option_label("status", status, lang))
        if place.button(label, key=f"ws_status_{cid}_{status}", disabled=not who):
            write_action(
                lambda s=status: ws.edit_carrier(  # type: ignore[misc]
                    cid, {"status": s}, expected_version=version, who=who, why=why
                ),
                lang,
                done=t(lang, "ws_saved", name=row["name_zh"]),
                rid=cid,
            )
    if columns[-1].button(t(lang, "ws_delete"), key=f"ws_delete_{cid}", disabled=not who):
        write_action(
            lambda: ws.delete_carrier(cid, expected_version=version, who=who, why=why),
            lang,
            done=t(lang, "ws_deleted", name=row["name_zh"]),
            rid=cid,
        )


def _position_map(
    ws: Workspace, row: pd.Series, version: int, who: str, why: str, lang: str
) -> None:
    """A small map: click a spot, then "set position here" (precision becomes point)."""
    cid = str(row["id"])
    position = _position(row)
    with st.expander(t(lang, "ws_map"), expanded=False):
        st.caption(t(lang, "ws_map_hint"))
        if position is None:
            lat, lon = city_centre(_text(row.get("city")))
        else:
            lon, lat = position
        fmap = folium.Map(
            location=[lat, lon], zoom_start=15 if position else 11, tiles="OpenStreetMap"
        )
        if position is not None:
            folium.Marker([lat, lon], tooltip=escape_html(row["name_zh"])).add_to(fmap)
        check_map_inert(fmap.get_root())
        if VENDOR_DIR.is_dir():
            localize_map(fmap)
        out = st_folium(
            fmap,
            key=f"ws_map_{cid}",
            height=320,
            use_container_width=True,
            returned_objects=["last_clicked"],
        )
        clicked = (out or {}).get("last_clicked")
        if not clicked:
            return
        at = (round(float(clicked["lng"]), 6), round(float(clicked["lat"]), 6))
        label = t(lang, "ws_set_here", lon=f"{at[0]:.6f}", lat=f"{at[1]:.6f}")
        if st.button(label, key=f"ws_here_{cid}", disabled=not who or at == position):
            write_action(
                lambda: ws.move_carrier(
                    cid, at[0], at[1], expected_version=version, who=who, why=why
                ),
                lang,
                done=t(lang, "ws_saved", name=row["name_zh"]),
                rid=cid,
            )


def _merge(
    ws: Workspace, row: pd.Series, carriers: pd.DataFrame, who: str, why: str, lang: str
) -> None:
    """Fold duplicates into this carrier: both provenances shown before merging."""
    cid = str(row["id"])
    active = carriers[~carriers["deleted"].astype(bool) & (carriers["id"] != cid)]
    same_city = active[active["city"].fillna("") == _text(row.get("city"))]
    suggested = _suggestions(str(ws.path), ws.revision(), cid, row, active)
    rest = [i for i in same_city["id"].astype(str) if i not in suggested]
    names = dict(zip(active["id"].astype(str), active["name_zh"].astype(str), strict=False))
    with st.expander(t(lang, "ws_merge"), expanded=bool(suggested)):
        st.caption(plain(t(lang, "ws_merge_hint", name=row["name_zh"])))
        if suggested:
            st.caption(
                plain(t(lang, "ws_merge_suggested", names="、".join(names[i] for i in suggested)))
            )
        others = st.multiselect(
            t(lang, "ws_merge_pick"),
            [*suggested, *rest],
            format_func=lambda i: f"{names.get(i, i)} · {i}",
            key=f"ws_merge_{cid}",
        )
        if not others:
            return
        both = carriers[carriers["id"].isin([cid, *others])].copy()
        both["provenance"] = both["provenance"].map(_provenance_text)
        st.dataframe(
            labelled(both[list(_PROVENANCE_COLUMNS)], lang), hide_index=True, width="stretch"
        )
        if st.button(
            t(lang, "ws_merge_do", n=len(others)), key=f"ws_merge_do_{cid}", disabled=not who
        ):
            write_action(
                lambda: ws.merge_carriers(cid, others, who=who, why=why),
                lang,
                done=t(lang, "ws_merged", n=len(others), name=row["name_zh"]),
                rid=cid,
            )


def _provenance_text(value: object) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return _text(value)


@st.cache_data(show_spinner=False, max_entries=16)
def _suggestions(
    path: str, revision: int, cid: str, _row: pd.Series, _others: pd.DataFrame
) -> list[str]:
    """Ids of likely duplicates of a carrier (best first), once per workspace revision.

    ``path``, ``revision`` and ``cid`` are the key: the row and the others
    are what they denote at that revision.
    """
    one = _row.to_frame().T.reset_index(drop=True)
    found = match_duplicates(one, _others.reset_index(drop=True))
    found = found[~found["existing_id"].astype(str).str.startswith("#")]
    ordered = found.sort_values("score", ascending=False)["existing_id"].astype(str)
    return list(dict.fromkeys(ordered))


def render_add_form(
    ws: Workspace, carriers: pd.DataFrame, who: str, lang: str, *, city: str | None = None
) -> None:
    """A form to enter a new carrier (a name and, ideally, its city are needed)."""
    with st.expander(t(lang, "ws_add")):
        # A new form after each carrier added, so the same one is not added twice.
        prefix = f"ws_add{st.session_state.get(_ADDED_KEY, 0)}"
        with st.form(key=prefix):
            typed = _form_fields(prefix, None, carriers, lang, city, covered_city_names(ws))
            why = st.text_input(t(lang, "ws_why"), key=f"{prefix}_why")
            added = st.form_submit_button(t(lang, "ws_add_do"), disabled=not who)
        if not added:
            return
        values = CarrierValues.parse(typed)
        if values.problems:
            for code in values.problems:
                st.error(t(lang, code))
            return
        record = dict(values.fields)
        if values.position is not None:
            record.update(lon=values.position[0], lat=values.position[1], precision="point")
        else:
            record.update(placed_by_district(pd.Series({"precision": "none"}), record))

        def add() -> None:
            st.session_state[PICK_NEXT_KEY] = ws.add_carrier(record, who=who, why=why)
            st.session_state[_ADDED_KEY] = st.session_state.get(_ADDED_KEY, 0) + 1

        write_action(add, lang, done=t(lang, "ws_added", name=record["name_zh"]))
