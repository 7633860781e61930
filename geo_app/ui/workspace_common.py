"""What the workspace pages share: the planner's name, messages, guarded writes, labels.

Every write to the workspace names its author and the version of the row the
planner saw. The version held here is the one the form was drawn from, kept
across reruns, so a row another session changed in between is refused by the
workspace (:class:`geo_app.workspace.StaleEditError`) and never overwritten.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from geo_app.errors import GeoAppError, StaleEditError
from geo_app.model import CATEGORY_LABELS, CITY_LABELS, LEVEL_LABELS, STATUS_LABELS
from geo_app.ui.i18n import COLUMN_LABELS, TEXT, error_text, t
from geo_app.ui.markdown import plain
from layers.carrier_map import PRECISION_TEXT

if TYPE_CHECKING:
    from geo_app.workspace import Workspace

__all__ = [
    "WHO_KEY",
    "blank",
    "cached_carriers",
    "cached_history",
    "covered_city_names",
    "flash",
    "forget_version",
    "forget_versions",
    "guarded",
    "held_version",
    "kind_labels",
    "labelled",
    "option_label",
    "planner_name",
    "review_text",
    "show_flashes",
    "split_aliases",
    "write_action",
]

log = logging.getLogger("carrier_map.app")

#: Session key of the planner's name widget; its value is kept under
#: ``_WHO_VALUE`` too, since Streamlit forgets a widget on a page not drawn.
WHO_KEY: Final[str] = "ws_who"
_WHO_VALUE: Final[str] = "ws_who_value"
_FLASH_KEY: Final[str] = "ws_flash"
_HELD_KEY: Final[str] = "ws_held"

_ALIAS_SPLIT = re.compile(r"[|、,，;；\n]+")


def blank(value: object) -> bool:
    """Whether a cell is empty (None, NaN, NA or blank text).

    >>> blank(None), blank(float("nan")), blank("  "), blank(0), blank("洛阳")
    (True, True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def split_aliases(text: str) -> str:
    """Aliases typed with any usual separator, stored ``|``-separated.

    >>> split_aliases("洛阳智慧岛、 周山岛 | Zhoushan,")
    '洛阳智慧岛|周山岛|Zhoushan'
    """
    return "|".join(p.strip() for p in _ALIAS_SPLIT.split(text) if p.strip())


def planner_name(lang: str) -> str:
    """The planner's name, entered once per session and required for any change.

    The name goes into the workspace's history with each change; it is never
    written to a log.
    """
    if WHO_KEY not in st.session_state:
        st.session_state[WHO_KEY] = st.session_state.get(_WHO_VALUE, "")
    try:
        name = str(st.text_input(t(lang, "ws_who"), key=WHO_KEY, max_chars=60)).strip()
    except st.errors.StreamlitDuplicateElementKey:
        # Asked for again lower on the same page (import and plan reading share
        # a page): one field, one value.
        return str(st.session_state.get(_WHO_VALUE, "")).strip()
    st.session_state[_WHO_VALUE] = name
    if not name:
        st.info(t(lang, "ws_who_needed"))
    return name


def flash(kind: str, text: str, *, place: str = "page") -> None:
    """Keep a message for the next run (a write reruns the page to show fresh data).

    ``place`` says where it is shown: at the top of the page, or (``"editor"``)
    above the form the planner was using, where a refused edit must be read.
    """
    st.session_state.setdefault(_FLASH_KEY, []).append((kind, text, place))


def show_flashes(place: str = "page") -> None:
    """Show, once, the messages the last write left for ``place``.

    A success also pops up as a toast: the planner may be scrolled far
    below the top of the page.
    """
    shows: Mapping[str, Callable[[str], object]] = {
        "success": st.success,
        "info": st.info,
        "warning": st.warning,
        "error": st.error,
    }
    kept = []
    for kind, text, where in st.session_state.pop(_FLASH_KEY, []):
        if where != place:
            kept.append((kind, text, where))
            continue
        shows.get(kind, st.info)(plain(text))
        if kind == "success":
            st.toast(plain(text))
    if kept:
        st.session_state[_FLASH_KEY] = kept


def held_version(table: str, rid: str, current: int) -> int:
    """The version of a row as the planner first saw it in this session's form."""
    held: dict[str, int] = st.session_state.setdefault(_HELD_KEY, {})
    return held.setdefault(f"{table}:{rid}", current)


def forget_version(table: str, rid: str) -> None:
    """Let the form show (and hold) the row's current version on the next run."""
    st.session_state.setdefault(_HELD_KEY, {}).pop(f"{table}:{rid}", None)


def forget_versions() -> None:
    """Let every form show its row's current version (after an undo, say)."""
    st.session_state.pop(_HELD_KEY, None)


def write_action(
    action: Callable[[], object],
    lang: str,
    *,
    done: str | Callable[[], str],
    table: str = "carriers",
    rid: str = "",
) -> None:
    """Run one write; on success or a stale edit, rerun with a message and fresh data.

    A stale edit (the row changed since the form was drawn) is refused by the
    workspace; the message says so and the form then shows the newer row.
    Other product errors are shown in place and the form keeps its input.
    ``done`` is the success message, or a function that words it once the
    write is done (from what the write returned).
    """
    try:
        action()
    except StaleEditError as err:
        text = f"{error_text(err, lang)} {t(lang, 'ws_stale_reload')}"
        flash("error", text, place="editor" if rid else "page")
        if rid:
            forget_version(table, rid)
        st.rerun()
    except GeoAppError as err:
        st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
        return
    if rid:
        forget_version(table, rid)
    flash("success", done if isinstance(done, str) else done())
    st.rerun()


def guarded(draw: Callable[[], object], lang: str) -> None:
    """Draw one part of a page; a failure shows a message, never a traceback."""
    try:
        draw()
    except GeoAppError as err:
        st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
    except Exception:  # the page must never show a traceback
        log.exception("unexpected error in a workspace panel")
        st.error(t(lang, "unexpected"))


@st.cache_data(show_spinner=False, max_entries=4)
def _carriers(path: str, revision: int, deleted: bool, _ws: Workspace) -> pd.DataFrame:
    """The workspace's carriers at one revision (path and revision are the key).

    A plain table: the pages use lon/lat, and a table without geometry is
    quicker to copy out of the cache on every rerun.
    """
    frame = _ws.carriers(include_deleted=deleted)
    return pd.DataFrame(frame.drop(columns=["geometry"], errors="ignore"))


def cached_carriers(ws: Workspace, *, include_deleted: bool = False) -> pd.DataFrame:
    """The carriers (no geometry), read once per revision of the workspace (every write bumps it)."""
    return _carriers(str(ws.path), ws.revision(), include_deleted, ws)


@st.cache_data(show_spinner=False, max_entries=4)
def _history(path: str, revision: int, limit: int, _ws: Workspace) -> pd.DataFrame:
    return _ws.history(limit=limit)


@st.cache_data(show_spinner=False, max_entries=4)
def _cities(path: str, revision: int, _ws: Workspace) -> tuple[str, ...]:
    return tuple(city.name for city in _ws.cities())


def covered_city_names(ws: Workspace) -> tuple[str, ...]:
    """The names of the cities the workspace covers (洛阳市, 漯河市 and any added), per revision."""
    return _cities(str(ws.path), ws.revision(), ws)


def cached_history(ws: Workspace, *, limit: int) -> pd.DataFrame:
    """The latest ``limit`` changes, newest first, read once per revision."""
    return _history(str(ws.path), ws.revision(), limit, ws)


def kind_labels() -> dict[str, dict[str, str]]:
    """Kind key → ``{"zh": …, "en": …}`` from the kinds table (read once by the library)."""
    # Imported here: the list reader behind geo_app.inventory (segmenter,
    # matching) is not needed by the pages that only show labels.
    from geo_app.inventory import kinds

    return {k.key: {"zh": k.zh, "en": k.en} for k in kinds()}


def option_label(column: str, value: object, lang: str) -> str:
    """A stored value (category, kind, level, status, precision, city) in ``lang``.

    >>> option_label("level", "national", "zh"), option_label("status", "", "en")
    ('国家级', '—')
    """
    if blank(value):
        return "—"
    text = str(value)
    tables: Mapping[str, Mapping[str, Mapping[str, str]]] = {
        "category": CATEGORY_LABELS,
        "level": LEVEL_LABELS,
        "status": STATUS_LABELS,
        "precision": PRECISION_TEXT,
        "city": CITY_LABELS,
    }
    if column == "kind":
        return kind_labels().get(text, {}).get(lang, text)
    if column == "precision" and text in ("city", "none"):
        # Never "at the city's point": such a carrier has no position at all.
        return t(lang, f"ws_precision_{text}")
    return tables.get(column, {}).get(text, {}).get(lang, text)


def review_text(value: object, lang: str) -> str:
    """A review reason in ``lang``: lists word it ``"中文 / English"``; other text as is.

    >>> review_text("许昌市不在覆盖范围 / 许昌市 not covered", "en"), review_text("", "zh")
    ('许昌市 not covered', '')
    """
    if blank(value):
        return ""
    text = str(value)
    zh, sep, en = text.partition(" / ")
    if not sep:
        return text
    return zh.strip() if lang == "zh" else en.strip()


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table for display: coded values in ``lang``, no geometry, columns renamed."""
    out = pd.DataFrame(frame).drop(columns=["geometry"], errors="ignore").copy()
    for col in ("category", "kind", "level", "status", "precision", "city"):
        if col in out:
            # Word each distinct value once: inventories run to thousands of rows.
            codes = out[col].astype(object).where(out[col].notna(), "")
            words = {v: option_label(col, v, lang) for v in pd.unique(codes)}
            out[col] = codes.map(words)
    if "year" in out:
        out["year"] = out["year"].map(_year_text)
    if "review" in out:
        out["review"] = [review_text(v, lang) for v in out["review"]]
    names = {c: t(lang, f"ws_col_{c}") for c in out.columns if f"ws_col_{c}" in TEXT["zh"]}
    return out.rename(columns={**COLUMN_LABELS[lang], **names})


def _year_text(value: object) -> str:
    try:
        return "" if blank(value) else str(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)
