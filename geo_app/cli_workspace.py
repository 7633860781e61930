"""The workspace subcommands of ``carrier-map``: ``import``, ``targets``, ``history``, ``undo``.

Each works on one workspace file: ``--workspace PATH``, else the environment
variable ``CARRIER_MAP_WORKSPACE``, else ``workspace.gpkg`` in the user's data
folder, created and seeded from the shipped registry on first use. Messages
are in the command line's language (``--lang`` or ``CARRIER_MAP_LANG``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo_app.cli_parsers import parse_cities
from geo_app.config import Settings
from geo_app.messages import render_message, resolve_lang
from geo_app.pipeline import CarrierLayers
from geo_app.storage import write_bytes_atomic
from geo_app.workspace import ImportReport, Workspace, count_targets, resolve_workspace_path
from geo_app.workspace.paths import WORKSPACE_ENV

__all__ = [
    "PreparedImport",
    "WorkspaceInputs",
    "apply_import",
    "open_workspace",
    "prepare_import",
    "run_history",
    "run_import",
    "run_targets",
    "run_undo",
    "who_of",
    "workspace_inputs",
    "workspace_requested",
]

#: Who a command-line change is recorded as, when ``--who`` is not given.
WHO_ENV = "CARRIER_MAP_USER"
#: Score from which ``import`` merges a row into the carrier it matches.
MERGE_SCORE = 0.9


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_overrides(
        data_dir=getattr(args, "data_dir", None),
        registry=getattr(args, "registry", None),
        targets=getattr(args, "targets", None),
    )


def workspace_requested(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> bool:
    """Whether a command should read the workspace: ``--workspace`` or the environment names one."""
    env = os.environ if env is None else env
    return bool(getattr(args, "workspace", None) or env.get(WORKSPACE_ENV, "").strip())


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace a command names (created and seeded on first use)."""
    return Workspace.open(resolve_workspace_path(args.workspace), settings=_settings(args))


@dataclass(frozen=True)
class WorkspaceInputs:
    """What ``analyse`` and ``select`` read from a workspace instead of the registry.

    Attributes
    ----------
    layers
        The live carriers, placed (with a point) and unplaced.
    targets
        The targets in the registry's target columns (named lists in ``named_ids``).
    gaps
        The targets counted from the workspace, in the gap table's columns.
    boundaries
        The county-level units of the cities the workspace covers (EPSG:4326).
    cities
        The names of those cities, in the order they were added.
    """

    layers: CarrierLayers
    targets: pd.DataFrame
    gaps: pd.DataFrame
    boundaries: gpd.GeoDataFrame
    cities: tuple[str, ...]


def workspace_inputs(args: argparse.Namespace) -> WorkspaceInputs | None:
    """The workspace's carriers and counted targets, when the command names a workspace."""
    if not workspace_requested(args):
        return None
    from geo_app.workspace.views import carrier_layers, registry_targets, workspace_gap_table

    workspace = open_workspace(args)
    carriers, targets = workspace.carriers(), workspace.targets()
    return WorkspaceInputs(
        layers=carrier_layers(carriers),
        targets=registry_targets(targets),
        gaps=workspace_gap_table(targets, carriers),
        boundaries=workspace.boundaries(),
        cities=tuple(city.name for city in workspace.cities()),
    )


def who_of(args: argparse.Namespace) -> str:
    """Who a change is recorded as: ``--who``, else ``$CARRIER_MAP_USER``, else the login name."""
    if getattr(args, "who", None):
        return str(args.who)
    try:
        return os.environ.get(WHO_ENV) or getpass.getuser()
    except (KeyError, OSError):
        return "carrier-map"


def _city(value: str | None) -> str | None:
    if not value or value == "all":
        return None
    return parse_cities(value)[0]


def _lang(args: argparse.Namespace) -> str:
    return resolve_lang(getattr(args, "cli_lang", None))


def _merges(candidates: pd.DataFrame, existing: pd.DataFrame, score: float) -> dict[int, str]:
    """Frame index → carrier (or ``#index`` of an earlier row) each sure duplicate folds into."""
    from geo_app.inventory import match_duplicates  # the name matching: only for ``import``

    matches = match_duplicates(candidates, existing)
    sure = matches[matches["score"] >= score]
    merges: dict[int, str] = {}
    for index, group in sure.groupby("candidate_index", sort=False):
        merges[index] = str(group.iloc[0]["existing_id"])  # type: ignore[index]
    return merges


def _plan_targets(path: Path) -> pd.DataFrame | None:
    """The table of an extracted targets CSV (``extract``'s ``*.targets.csv``), else None."""
    from geo_app.workspace.plans import is_plan_targets

    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    try:
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    if not is_plan_targets([str(c) for c in header.columns]):
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@dataclass(frozen=True)
class PreparedImport:
    """A file read for ``import``, before anything is written to the workspace.

    Attributes
    ----------
    kind
        ``"targets"`` (an extracted targets CSV) or ``"carriers"`` (any list,
        an extracted carriers CSV included).
    frame
        The targets in the extractor's columns, or the candidate carriers.
    merge_into
        Row index → the carrier (or ``#index`` of an earlier row) each sure
        duplicate folds into; empty for targets.
    """

    kind: str
    frame: pd.DataFrame
    merge_into: Mapping[int, str]


def prepare_import(
    workspace: Workspace,
    path: str | Path,
    *,
    city: str | None = None,
    merge_score: float = MERGE_SCORE,
    merge: bool = True,
) -> PreparedImport:
    """Read a file as ``carrier-map import`` does: a plan's extracted targets, else a list.

    A list's rows are placed in the workspace's cities (a row of a city it
    does not cover is kept and flagged); an extractor's carriers CSV (or a
    registry merged from one) comes in with origin ``plan``; rows that are
    surely a carrier already held (``match_duplicates`` score ≥
    ``merge_score``) fold into it unless ``merge`` is false.
    """
    from geo_app.inventory import read_carrier_list  # the list readers: only for ``import``

    path = Path(path)
    targets = _plan_targets(path)
    if targets is not None:
        return PreparedImport(kind="targets", frame=targets, merge_into={})
    listed = read_carrier_list(
        path,
        city=city,
        source_label=path.name,
        covered_cities=[c.name for c in workspace.cities()],
        boundaries=workspace.boundaries(),
        settings=workspace.settings,
    )
    frame = listed.carriers
    kept = set(listed.roles.values()) | set(listed.extra_columns)
    if {"source_files", "source_phrases"} <= kept or {"sentence", "source_file"} <= kept:
        frame = frame.assign(origin="plan")  # an extracted (and reviewed) carriers CSV
    merges = _merges(frame, workspace.carriers(), merge_score) if merge else {}
    return PreparedImport(kind="carriers", frame=frame, merge_into=merges)


def apply_import(
    workspace: Workspace, prepared: PreparedImport, *, source: str, who: str
) -> ImportReport:
    """Write a prepared import to the workspace as one batch (one ``undo`` takes it back)."""
    if prepared.kind == "targets":
        return workspace.import_targets(prepared.frame, source=source, who=who)
    return workspace.import_carriers(
        prepared.frame, source=source, who=who, merge_into=dict(prepared.merge_into)
    )


def run_import(args: argparse.Namespace) -> int:
    """Run ``carrier-map import FILE``: a list of carriers, or a plan's extracted targets.

    Either is added to the workspace as one batch (one ``undo`` takes it back).
    """
    lang = _lang(args)
    path = Path(args.file)
    workspace = open_workspace(args)
    prepared = prepare_import(
        workspace,
        path,
        city=_city(args.city),
        merge_score=args.merge_score,
        merge=not args.no_merge,
    )
    report = apply_import(workspace, prepared, source=path.name, who=who_of(args))
    print(render_message("workspace.opened", lang, {"path": workspace.path}))
    if prepared.kind == "targets":
        params = {"path": path, "added": report.added, "skipped": report.skipped}
        print(
            render_message(
                "workspace.targets_imported", lang, {**params, "batch": report.batch or "-"}
            )
        )
        return 0
    print(
        render_message(
            "workspace.imported",
            lang,
            {
                "path": path,
                "added": report.added,
                "merged": report.merged,
                "skipped": report.skipped,
                "flagged": report.flagged,
                "batch": report.batch or "-",
            },
        )
    )
    return 0


def _table_csv(table: pd.DataFrame) -> bytes:
    from geo_app.exports import csv_bytes  # defused cells, BOM: as every CSV export

    return csv_bytes(table)


def run_targets(args: argparse.Namespace) -> int:
    """Run ``carrier-map targets``: each target counted from the workspace, with its gap."""
    lang = _lang(args)
    workspace = open_workspace(args)
    table = count_targets(workspace.targets(), workspace.carriers(), city=_city(args.city))
    if args.out:
        out = write_bytes_atomic(_table_csv(table), args.out)
        print(render_message("workspace.targets_written", lang, {"path": out, "count": len(table)}))
        return 0
    for row in table.itertuples(index=False):
        print(
            f"{row.id}\t{row.city}\t{row.subject_zh}\t{row.target}\t"
            f"counted {row.counted}\tgap {row.gap}\t({row.rule})"
        )
    return 0


def _fields(text: object) -> str:
    if not text:
        return ""
    loaded = json.loads(str(text))
    if not isinstance(loaded, dict):
        return ""
    return ",".join(k for k in loaded if k != "provenance")


def history_line(change: Mapping[str, object]) -> str:
    """One change as one line: seq, time, who, action, record, fields, why, batch.

    >>> history_line({"seq": 3, "at": "2026-01-01T00:00:00Z", "who": "li", "action": "edit",
    ...     "table_name": "carriers", "record_id": "LY-COM-01", "after": '{"status": "existing"}',
    ...     "why": "opened", "batch": "B-000003", "undone_by": None})
    '3\\t2026-01-01T00:00:00Z\\tli\\tedit\\tcarriers/LY-COM-01\\tstatus\\topened\\tB-000003'
    """
    parts = [
        str(change["seq"]),
        str(change["at"]),
        str(change["who"]),
        str(change["action"]),
        f"{change['table_name']}/{change['record_id']}",
        _fields(change.get("after")) or _fields(change.get("before")),
        str(change.get("why") or ""),
        str(change["batch"]),
    ]
    undone = change.get("undone_by")
    if undone is not None and not pd.isna(undone):  # type: ignore[call-overload]
        parts.append(f"undone by {undone}")
    return "\t".join(parts)


def run_history(args: argparse.Namespace) -> int:
    """Run ``carrier-map history``: one line per change, newest first."""
    workspace = open_workspace(args)
    history = workspace.history(limit=args.limit)
    if history.empty:
        print(render_message("workspace.no_history", _lang(args)))
    for change in history.to_dict("records"):
        print(history_line(change))
    return 0


def run_undo(args: argparse.Namespace) -> int:
    """Run ``carrier-map undo``: take back the newest step (an import is one step)."""
    lang = _lang(args)
    workspace = open_workspace(args)
    before = len(workspace.history())
    batch = workspace.undo(who=who_of(args))
    if batch is None:
        print(render_message("workspace.nothing_to_undo", lang))
        return 0
    count = len(workspace.history()) - before
    print(render_message("workspace.undone", lang, {"batch": batch, "count": count}))
    return 0
