"""The targets counted from the workspace: counted, gap, the carriers behind each count, the rules.

Each target says which carriers count towards it (categories, kinds,
levels, statuses, a year window); the rule is shown beside the target and
can be edited here, or a target entered. A carrier known only to its city
counts for the city, never for a district (the "city level" column).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from geo_app.exports import csv_bytes, export_filename
from geo_app.model import TARGET_ONLY_CATEGORIES, Bound, Category, Level, Status
from geo_app.registry import split_list
from geo_app.ui.i18n import fmt_int, t
from geo_app.ui.markdown import plain
from geo_app.ui.workspace_common import (
    blank,
    cached_carriers,
    covered_city_names,
    guarded,
    held_version,
    kind_labels,
    labelled,
    option_label,
    planner_name,
    show_flashes,
    write_action,
)
from geo_app.workspace import count_targets

if TYPE_CHECKING:
    from geo_app.workspace import Workspace

__all__ = [
    "TARGET_TABLE_COLUMNS",
    "render_workspace_targets",
    "rule_changes",
    "rule_words",
    "targets_table",
]

#: Columns of the targets table, as shown and downloaded.
TARGET_TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "city",
    "subject_zh",
    "target",
    "year",
    "rule",
    "counted",
    "city_level",
    "gap",
    "share",
)
_RULE_LISTS: Final[tuple[str, ...]] = ("categories", "kinds", "levels", "statuses")
_RULE_COLUMNS: Final[Mapping[str, str]] = {
    "categories": "category",
    "kinds": "kind",
    "levels": "level",
    "statuses": "status",
}
_BEHIND: Final[tuple[str, ...]] = (
    "id",
    "name_zh",
    "category",
    "kind",
    "level",
    "status",
    "year",
    "admin_district",
    "precision",
)


def _year_window(low: object, high: object, lang: str) -> str:
    lo = None if blank(low) else int(str(low))
    hi = None if blank(high) else int(str(high))
    if lo is not None and hi is not None:
        return f"{lo}–{hi}"
    if lo is not None:
        return f"≥ {lo}"
    return "" if hi is None else f"≤ {hi}"


def rule_words(target: pd.Series, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A target's counting rule in words, in ``lang``.

    Examples
    --------
    >>> rule = pd.Series({"rule_categories": "incubator", "rule_levels": "national|provincial",
    ...     "rule_statuses": "", "rule_kinds": "", "rule_ids": "", "rule_year_from": None,
    ...     "rule_year_to": 2025})
    >>> rule_words(rule, "zh")
    '类别:孵化载体;级别:国家级、省级;年份 ≤ 2025'
    >>> rule_words(rule, "en")
    'category: Incubator; level: National or Provincial; year ≤ 2025'
    """
    names = names or {}
    sep, colon, either = ("、", ":", "、") if lang == "zh" else ("; ", ": ", " or ")
    parts: list[str] = []
    ids = split_list(str(target.get("rule_ids") or ""))
    if ids:
        listed = ("、" if lang == "zh" else ", ").join(names.get(i, i) for i in ids)
        parts.append(f"{t(lang, 'ws_rule_named')}{colon}{listed}")
    else:
        for name, column in _RULE_COLUMNS.items():
            values = split_list(str(target.get(f"rule_{name}") or ""))
            if values:
                words = either.join(option_label(column, v, lang) for v in values)
                parts.append(f"{t(lang, f'ws_rule_word_{column}')}{colon}{words}")
    window = _year_window(target.get("rule_year_from"), target.get("rule_year_to"), lang)
    if window:
        parts.append(f"{t(lang, 'ws_rule_word_year')} {window}")
    joiner = ";" if lang == "zh" else sep
    return joiner.join(parts) if parts else t(lang, "ws_rule_any")


def targets_table(
    counted: pd.DataFrame,
    targets: pd.DataFrame,
    lang: str,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The counted targets for display: the columns above, headed in ``lang``.

    The rule is worded from ``targets`` (the stored rule fields) in ``lang``.
    """
    table = counted[list(TARGET_TABLE_COLUMNS)].copy()
    rules = targets.set_index("id")
    table["rule"] = [
        rule_words(rules.loc[i], lang, names) if i in rules.index else text
        for i, text in zip(table["id"], table["rule"], strict=True)
    ]
    table["city"] = [option_label("city", c, lang) for c in table["city"]]
    for col in ("counted", "city_level", "gap"):
        table[col] = [fmt_int(v, lang) for v in table[col]]
    table["year"] = ["" if blank(v) else str(int(v)) for v in table["year"]]
    table["share"] = pd.to_numeric(table["share"], errors="coerce")
    return table.rename(columns={c: t(lang, f"ws_t_{c}") for c in TARGET_TABLE_COLUMNS})


def rule_changes(target: pd.Series, chosen: dict[str, object]) -> dict[str, object]:
    """The rule fields of ``chosen`` that differ from the target's stored rule.

    Examples
    --------
    >>> row = pd.Series({"rule_categories": "incubator", "rule_kinds": "", "rule_levels": "",
    ...     "rule_statuses": "existing", "rule_year_from": None, "rule_year_to": None})
    >>> rule_changes(row, {"rule_categories": "incubator", "rule_statuses": "existing|planned",
    ...     "rule_year_from": 2021})
    {'rule_statuses': 'existing|planned', 'rule_year_from': 2021}
    """
    out: dict[str, object] = {}
    for field, new in chosen.items():
        old = target.get(field)
        if field.startswith("rule_year"):
            old = None if blank(old) else int(old)
        else:
            old = "" if blank(old) else str(old)
        if new != old:
            out[field] = new
    return out


def render_workspace_targets(ws: Workspace, city: str | None, lang: str) -> None:
    """The targets page: the counted table, its CSV, carriers behind a count, rule editing.

    Parameters
    ----------
    ws
        The open workspace.
    city
        The city chosen in the sidebar, or None for both.
    lang
        Interface language.
    """
    st.subheader(t(lang, "ws_targets"))
    st.caption(t(lang, "ws_targets_intro"))
    show_flashes()
    targets = ws.targets()
    carriers = cached_carriers(ws)
    counted = count_targets(targets, carriers, city=city)
    names = dict(zip(carriers["id"].astype(str), carriers["name_zh"].astype(str), strict=False))
    guarded(lambda: _table_and_download(counted, targets, names, city, lang), lang)
    guarded(lambda: _carriers_behind(counted, carriers, lang), lang)
    who = planner_name(lang)
    guarded(lambda: _edit_rule(ws, targets, counted, carriers, who, lang), lang)
    guarded(lambda: _add_target(ws, carriers, who, lang, city), lang)


def _table_and_download(
    counted: pd.DataFrame,
    targets: pd.DataFrame,
    names: Mapping[str, str],
    city: str | None,
    lang: str,
) -> None:
    st.dataframe(
        targets_table(counted, targets, lang, names),
        hide_index=True,
        width="stretch",
        column_config={t(lang, "ws_t_share"): st.column_config.ProgressColumn(format="percent")},
    )
    st.caption(t(lang, "ws_city_level_note"))
    st.download_button(
        t(lang, "ws_targets_csv"),
        data=csv_bytes(counted.drop(columns=["geometry"], errors="ignore")),
        file_name=export_filename(city, "workspace_targets", "csv"),
        mime="text/csv",
        key="ws_targets_csv",
    )


def _target_label(counted: pd.DataFrame, lang: str) -> dict[str, str]:
    return {
        str(
            r["id"]
        ): f"{r['id']} · {option_label('city', r['city'], lang)} · {r['subject_zh']} {r['target']}"
        for _, r in counted.iterrows()
    }


def _carriers_behind(counted: pd.DataFrame, carriers: pd.DataFrame, lang: str) -> None:
    """The carriers behind one target's count (picked in a box); city-level ones marked."""
    if counted.empty:
        return
    labels = _target_label(counted, lang)
    tid = st.selectbox(
        t(lang, "ws_behind"), list(labels), format_func=lambda i: labels[i], key="ws_behind"
    )
    row = counted[counted["id"] == tid].iloc[0]
    ids = split_list(str(row["carrier_ids"] or ""))
    behind = carriers[carriers["id"].isin(ids)][list(_BEHIND)].copy()
    no_district = behind["admin_district"].fillna("").astype(str) == ""
    behind.loc[no_district, "admin_district"] = t(lang, "ws_city_only_short")
    st.caption(plain(t(lang, "ws_behind_count", n=len(behind))))
    st.dataframe(labelled(behind, lang), hide_index=True, width="stretch")


def _rule_widgets(
    prefix: str, target: pd.Series | None, carriers: pd.DataFrame, lang: str
) -> dict[str, object]:
    """Multiselects for the rule's lists and two year boxes; the chosen rule back."""

    def current(field: str) -> list[str]:
        return [] if target is None else split_list(str(target.get(field) or ""))

    choices: dict[str, Sequence[str]] = {
        "categories": [
            *(c.value for c in Category if c not in TARGET_ONLY_CATEGORIES),
            "rd_platform",
        ],
        "kinds": sorted((set(carriers["kind"].dropna().astype(str)) | set(kind_labels())) - {""}),
        "levels": [lv.value for lv in Level],
        "statuses": [s.value for s in Status],
    }
    column = {"categories": "category", "kinds": "kind", "levels": "level", "statuses": "status"}
    rule: dict[str, object] = {}
    for name in _RULE_LISTS:
        field = f"rule_{name}"
        now = current(field)
        options = list(dict.fromkeys([*choices[name], *now]))
        picked = st.multiselect(
            t(lang, f"ws_rule_{name}"),
            options,
            default=now,
            format_func=partial(option_label, column[name], lang=lang),
            placeholder=t(lang, "ws_any"),
            key=f"{prefix}_{name}",
        )
        rule[field] = "|".join(picked)
    c1, c2 = st.columns(2)
    for place, end in ((c1, "from"), (c2, "to")):
        value: object = None if target is None else target.get(f"rule_year_{end}")
        text = place.text_input(
            t(lang, f"ws_rule_year_{end}"),
            "" if blank(value) else str(int(str(value))),
            key=f"{prefix}_year_{end}",
        )
        rule[f"rule_year_{end}"] = _int_or_text(text)
    return rule


def _int_or_text(text: str) -> int | str | None:
    """A typed year: int, None when empty, the text itself when not a number (refused later)."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() else text


def _bad_years(rule: dict[str, object], lang: str) -> bool:
    bad = [v for k, v in rule.items() if k.startswith("rule_year") and isinstance(v, str)]
    if bad:
        st.error(t(lang, "ws_bad_year"))
    return bool(bad)


def _edit_rule(
    ws: Workspace,
    targets: pd.DataFrame,
    counted: pd.DataFrame,
    carriers: pd.DataFrame,
    who: str,
    lang: str,
) -> None:
    """The rule of one target, editable; saved with the version shown."""
    if counted.empty:
        return
    st.markdown(f"**{t(lang, 'ws_rule_edit')}**")
    labels = _target_label(counted, lang)
    tid = st.selectbox(
        t(lang, "ws_rule_target"),
        list(labels),
        format_func=lambda i: labels[i],
        key="ws_rule_target",
    )
    show_flashes("editor")
    target = targets[targets["id"] == tid].iloc[0]
    version = held_version("targets", tid, int(target["version"]))
    prefix = f"ws_rule_{tid}_{version}"
    with st.form(key=prefix):
        rule = _rule_widgets(prefix, target, carriers, lang)
        why = st.text_input(t(lang, "ws_why"), key=f"{prefix}_why")
        saved = st.form_submit_button(t(lang, "ws_save"), type="primary", disabled=not who)
    if st.button(t(lang, "ws_target_delete"), key=f"ws_target_delete_{tid}", disabled=not who):
        write_action(
            lambda: ws.delete_target(tid, expected_version=version, who=who),
            lang,
            done=t(lang, "ws_target_deleted", id=tid),
            table="targets",
            rid=tid,
        )
    if not saved or _bad_years(rule, lang):
        return
    changes = rule_changes(target, rule)
    if not changes:
        st.info(t(lang, "ws_nothing_changed"))
        return
    write_action(
        lambda: ws.edit_target(tid, changes, expected_version=version, who=who, why=why),
        lang,
        done=t(lang, "ws_rule_saved", id=tid),
        table="targets",
        rid=tid,
    )


def _add_target(
    ws: Workspace, carriers: pd.DataFrame, who: str, lang: str, city: str | None
) -> None:
    """A form to enter a target (e.g. one a plan sets but the workspace lacks)."""
    with st.expander(t(lang, "ws_target_add")), st.form(key="ws_target_add_form"):
        c1, c2, c3 = st.columns(3)
        covered = list(covered_city_names(ws))
        picked_city = c1.selectbox(
            t(lang, "city"),
            covered,
            index=covered.index(city) if city in covered else 0,
            format_func=lambda c: option_label("city", c, lang),
            key="ws_ta_city",
        )
        subject = c2.text_input(t(lang, "ws_t_subject_zh"), key="ws_ta_subject")
        year = c3.text_input(t(lang, "ws_t_year"), key="ws_ta_year")
        c4, c5, c6 = st.columns(3)
        bound = c4.selectbox(
            t(lang, "ws_bound"),
            [b.value for b in Bound if b is not Bound.NAMED_LIST],
            format_func=lambda b: t(lang, f"ws_bound_{b}"),
            key="ws_ta_bound",
        )
        low = c5.text_input(t(lang, "ws_min"), key="ws_ta_min")
        high = c6.text_input(t(lang, "ws_max"), key="ws_ta_max")
        rule = _rule_widgets("ws_ta", None, carriers, lang)
        added = st.form_submit_button(t(lang, "ws_target_add_do"), disabled=not who)
    if not added:
        return
    numbers = {"year": _int_or_text(year), "min": _int_or_text(low), "max": _int_or_text(high)}
    if (
        not subject.strip()
        or any(isinstance(v, str) for v in numbers.values())
        or (numbers["min"] is None and numbers["max"] is None)
        or _bad_years(rule, lang)
    ):
        st.error(t(lang, "ws_bad_target"))
        return
    values = {"city": picked_city, "subject_zh": subject.strip(), "bound": bound, **numbers, **rule}
    write_action(
        lambda: ws.add_target(values, who=who),
        lang,
        done=t(lang, "ws_target_added", subject=subject.strip()),
    )
