"""The history of the workspace: every change (when, who, what, before → after, why), and undo."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from geo_app.errors import GeoAppError
from geo_app.ui.i18n import TEXT, error_text, t
from geo_app.ui.markdown import plain
from geo_app.ui.workspace_common import (
    blank,
    cached_carriers,
    cached_history,
    flash,
    forget_versions,
    option_label,
)

if TYPE_CHECKING:
    from geo_app.workspace import Workspace

__all__ = ["ACTION_LABELS", "change_summary", "history_table", "render_history"]

#: The recorded actions in words.
ACTION_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    "add": {"zh": "新增", "en": "added"},
    "edit": {"zh": "修改", "en": "edited"},
    "move": {"zh": "移动位置", "en": "moved"},
    "status": {"zh": "改状态", "en": "status changed"},
    "delete": {"zh": "删除", "en": "deleted"},
    "restore": {"zh": "恢复", "en": "restored"},
    "merge": {"zh": "合并", "en": "merged"},
    "import": {"zh": "导入", "en": "imported"},
    "undo": {"zh": "撤销", "en": "undone"},
    "target_add": {"zh": "新增目标", "en": "target added"},
    "target_edit": {"zh": "修改目标", "en": "target edited"},
    "target_delete": {"zh": "删除目标", "en": "target deleted"},
}
_LONG: Final[int] = 60
_CODED: Final[frozenset[str]] = frozenset({"category", "kind", "level", "status", "precision"})
_SHOWN: Final[int] = 200


def _record(text: object) -> dict[str, object]:
    """A stored before/after JSON object as a dict ({} for null or unreadable)."""
    if isinstance(text, Mapping):
        return dict(text)
    if blank(text):
        return {}
    try:
        value = json.loads(str(text))
    except ValueError:
        return {}
    return dict(value) if isinstance(value, Mapping) else {}


def _short(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text if len(text) <= _LONG else text[: _LONG - 1] + "…"


def _field_word(field: str, lang: str) -> str:
    key = f"ws_col_{field}"
    return t(lang, key) if key in TEXT["zh"] else field


def _value_word(field: str, value: object, lang: str) -> str:
    if field in _CODED and isinstance(value, str) and value:
        return option_label(field, value, lang)
    return _short(value)


def change_summary(before: object, after: object, lang: str = "en") -> tuple[str, str]:
    """The fields a change touched, and each one's ``before → after``, in ``lang``.

    Provenance is left out when other fields changed: the history's "who"
    already says whose edit it was.

    Examples
    --------
    >>> change_summary('{"status": "planned", "year": null}', '{"status": "existing", "year": 2023}')
    ('Status, Year recognised / opened', 'Status: Planned → Existing; Year recognised / opened: — → 2023')
    >>> change_summary(None, '{"name_zh": "新载体"}', "zh")
    ('名称', '名称: — → 新载体')
    """
    old, new = _record(before), _record(after)
    fields = [f for f in dict.fromkeys([*old, *new]) if old.get(f) != new.get(f)]
    if len(fields) > 1:
        fields = [f for f in fields if f != "provenance"]
    words = [_field_word(f, lang) for f in fields]
    parts = [
        f"{w}: {_value_word(f, old.get(f), lang)} → {_value_word(f, new.get(f), lang)}"
        for f, w in zip(fields, words, strict=True)
    ]
    return ", ".join(words), "; ".join(parts)


def history_table(
    history: pd.DataFrame, lang: str, names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The history (newest first) as the panel shows it, columns in ``lang``.

    ``names`` (carrier id → name) lets a row say which carrier it changed.
    """
    names = names or {}
    rows = []
    for _, change in history.iterrows():
        fields, detail = change_summary(change.get("before"), change.get("after"), lang)
        action = str(change.get("action", ""))
        rid = str(change.get("record_id", ""))
        rows.append(
            {
                "at": str(change.get("at", "")).replace("T", " ").rstrip("Z")[:19],
                "who": "" if blank(change.get("who")) else str(change["who"]),
                "action": ACTION_LABELS.get(action, {}).get(lang, action),
                "record": f"{rid} {names.get(rid, '')}".strip(),
                "fields": fields,
                "change": detail,
                "why": "" if blank(change.get("why")) else str(change["why"]),
                "undone": not blank(change.get("undone_by")),
            }
        )
    columns = ["at", "who", "action", "record", "fields", "change", "why", "undone"]
    table = pd.DataFrame(rows, columns=columns)
    return table.rename(columns={c: t(lang, f"ws_h_{c}") for c in columns})


def render_history(ws: Workspace, lang: str, *, who: str) -> None:
    """The latest changes, newest first, and a button that undoes the latest step."""
    st.subheader(t(lang, "ws_history"))
    history = cached_history(ws, limit=_SHOWN)
    if history.empty:
        st.caption(t(lang, "ws_history_empty"))
        return
    st.caption(t(lang, "ws_history_intro", n=_SHOWN))
    carriers = cached_carriers(ws, include_deleted=True)
    names = dict(zip(carriers["id"].astype(str), carriers["name_zh"].astype(str), strict=False))
    st.dataframe(history_table(history, lang, names), hide_index=True, width="stretch")
    if st.button(t(lang, "ws_undo"), key="ws_undo", disabled=not who):
        _undo(ws, who, lang)


def _undo(ws: Workspace, who: str, lang: str) -> None:
    try:
        batch = ws.undo(who=who)
    except GeoAppError as err:
        st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
        return
    forget_versions()  # the forms show the rows as they are after the undo
    if batch is None:
        flash("info", t(lang, "ws_nothing_to_undo"))
    else:
        flash("success", t(lang, "ws_undone", batch=batch))
    st.rerun()
