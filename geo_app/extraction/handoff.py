"""Hand a reviewed extraction over to the planner's workspace.

The reviewed carriers and targets go into the workspace by the same path as
``carrier-map extract PLAN`` followed by ``carrier-map import
PLAN.carriers.csv`` and ``carrier-map import PLAN.targets.csv``: the accepted
rows are written as the ``extract`` command writes them and read back by
:func:`geo_app.cli_workspace.prepare_import`, which places each carrier in
the workspace's cities, flags a carrier of a city the workspace does not
cover (kept, never refused), and folds a row that is surely a carrier
already held (:func:`geo_app.inventory.match_duplicates`) into it. Each of
the two imports is one step of the workspace's history.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from layers.files import csv_bytes

if TYPE_CHECKING:
    from geo_app.cli_workspace import PreparedImport
    from geo_app.workspace import ImportReport, Workspace

__all__ = ["HandOff", "apply_hand_off", "prepare_hand_off"]


@dataclass(frozen=True)
class HandOff:
    """What handing an extraction over will write, read before anything is written.

    Attributes
    ----------
    carriers, targets
        The prepared imports (``None`` when no row of that kind is accepted).
    carriers_source, targets_source
        Their source labels (``plan-1a2b3c4d.carriers.csv``): a carrier's
        ``sources`` holds ``<label>#<row>``, so handing the same rows over
        again adds nothing twice.
    uncovered
        Cities of the accepted rows the workspace does not cover; their rows
        are kept (carriers flagged for review) and block nothing.
    held
        Accepted carrier rows the workspace already holds (handed over before).
    """

    carriers: PreparedImport | None
    targets: PreparedImport | None
    carriers_source: str
    targets_source: str
    uncovered: tuple[str, ...]
    held: frozenset[int] = frozenset()

    @property
    def merges(self) -> int:
        """Carriers that fold into one already in the workspace (or into an earlier row)."""
        if self.carriers is None:
            return 0
        return sum(1 for i in self.carriers.merge_into if i not in self.held)

    @property
    def new_carriers(self) -> int:
        """Carriers the hand-off adds."""
        if self.carriers is None:
            return 0
        return len(self.carriers.frame) - self.merges - len(self.held)

    @property
    def new_targets(self) -> int:
        """Target rows (baselines are never imported)."""
        if self.targets is None:
            return 0
        return int((self.targets.frame["kind"].astype(str) == "target").sum())


def _accepted(frame: pd.DataFrame) -> pd.DataFrame:
    if "accept" not in frame.columns:
        return frame
    kept = frame[frame["accept"].fillna(False).astype(bool)]
    return kept.drop(columns=["accept"])


def _label(stem: str, kind: str, data: bytes) -> str:
    """``<stem>-<digest>.<kind>.csv``: the same accepted rows get the same label."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}.{kind}.csv"


def _cities(*frames: pd.DataFrame) -> list[str]:
    found: list[str] = []
    for frame in frames:
        if "city" in frame.columns:
            found += [str(c).strip() for c in frame["city"].fillna("") if str(c).strip()]
    return list(dict.fromkeys(found))


def prepare_hand_off(
    ws: Workspace, reviewed: pd.DataFrame, targets: pd.DataFrame, *, stem: str
) -> HandOff:
    """Read the accepted rows as ``carrier-map import`` reads the ``extract`` files.

    Parameters
    ----------
    ws
        The workspace the rows go to.
    reviewed
        Carriers in :data:`~geo_app.extraction.CARRIER_COLUMNS`, with an
        optional boolean ``accept`` column (unticked rows are left out).
    targets
        Targets in :data:`~geo_app.extraction.TARGET_COLUMNS`, same ``accept``.
    stem
        The plan's file name without its suffix (the labels start with it).
    """
    from geo_app.cli_workspace import prepare_import  # the CLI's import path, not a copy

    carriers, counts = _accepted(reviewed), _accepted(targets)
    carriers_csv, targets_csv = csv_bytes(carriers, bom=False), csv_bytes(counts, bom=False)
    carriers_source = _label(stem, "carriers", carriers_csv)
    targets_source = _label(stem, "targets", targets_csv)
    prepared: dict[str, PreparedImport | None] = {"carriers": None, "targets": None}
    with tempfile.TemporaryDirectory(prefix="carrier-map-handoff-") as folder:
        for kind, rows, data, label in (
            ("carriers", carriers, carriers_csv, carriers_source),
            ("targets", counts, targets_csv, targets_source),
        ):
            if rows.empty:
                continue
            path = Path(folder) / label
            path.write_bytes(data)
            prepared[kind] = prepare_import(ws, path)
    covered = {c.name for c in ws.cities()}
    return HandOff(
        carriers=prepared["carriers"],
        targets=prepared["targets"],
        carriers_source=carriers_source,
        targets_source=targets_source,
        uncovered=tuple(c for c in _cities(carriers, counts) if c not in covered),
        held=_held_rows(ws, prepared["carriers"]),
    )


def _held_rows(ws: Workspace, prepared: PreparedImport | None) -> frozenset[int]:
    """Rows whose source label (``<label>#<row>``) a carrier of the workspace holds:
    the import skips them."""
    if prepared is None or "sources" not in prepared.frame.columns:
        return frozenset()
    labels = {
        label
        for value in ws.carriers()["sources"].fillna("")
        for label in str(value).split("|")
        if label
    }
    return frozenset(
        int(i)  # type: ignore[call-overload]
        for i, value in prepared.frame["sources"].items()
        if str(value) in labels
    )


def apply_hand_off(
    ws: Workspace, hand_off: HandOff, *, who: str
) -> tuple[ImportReport | None, ImportReport | None]:
    """Write the prepared carriers, then the targets; each is one undoable batch.

    Targets go second so that a named list finds the carriers just added.
    """
    from geo_app.cli_workspace import apply_import

    carriers = targets = None
    if hand_off.carriers is not None:
        carriers = apply_import(ws, hand_off.carriers, source=hand_off.carriers_source, who=who)
    if hand_off.targets is not None:
        targets = apply_import(ws, hand_off.targets, source=hand_off.targets_source, who=who)
    return carriers, targets
