"""The workspace: the planner's inventory of carriers and targets in one file.

:class:`Workspace` reads and changes a workspace through a
:class:`~geo_app.workspace.backend.WorkspaceBackend` (a GeoPackage file by
default). Every change is one transaction, is recorded in the history, and
carries the version it was made on: a change made on an older version than
the one stored is refused (:class:`~geo_app.errors.StaleEditError`) instead
of overwriting a newer one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo_app.cities import City, city_record
from geo_app.config import Settings
from geo_app.errors import StaleEditError, WorkspaceError
from geo_app.workspace.backend import GeoPackageBackend, WorkspaceBackend, WorkspaceTransaction
from geo_app.workspace.gpkg import CARRIERS, CHANGES, TARGETS
from geo_app.workspace.history import apply_change, change_row, new_batch, undo_batch
from geo_app.workspace.importing import ImportReport, import_rows, merge_values
from geo_app.workspace.paths import resolve_workspace_path
from geo_app.workspace.records import (
    CARRIER_EDITABLE,
    TARGET_EDITABLE,
    clean_values,
    located,
    new_carrier,
    split_items,
    utc_now,
)
from geo_app.workspace.schema import TARGET_FIELDS, Origin

__all__ = ["ImportReport", "Workspace"]


def _need_who(who: str) -> str:
    who = who.strip()
    if not who:
        raise WorkspaceError(code="workspace.needs_who")
    return who


def _missing(table: str, rid: str) -> WorkspaceError:
    word = {"carriers": "carrier", "targets": "target"}.get(table, table)
    return WorkspaceError(code="workspace.no_record", params={"table": word, "id": rid})


class Workspace:
    """One workspace: carriers, targets and the history of their changes.

    Open it with :meth:`open`; every method that changes it takes ``who``
    (the planner's name, recorded in the history) and an optional ``why``.

    Parameters
    ----------
    backend
        Where the workspace is stored.
    """

    def __init__(self, backend: WorkspaceBackend, *, settings: Settings | None = None) -> None:
        self.backend = backend
        self.settings = settings or Settings.from_env()
        self._boundaries: gpd.GeoDataFrame | None = None

    @classmethod
    def open(cls, path: str | Path | None = None, *, settings: Settings | None = None) -> Workspace:
        """Open the workspace at ``path``, creating and seeding it when it does not exist.

        Parameters
        ----------
        path
            The ``.gpkg`` file; default :func:`resolve_workspace_path` (the
            environment variable ``CARRIER_MAP_WORKSPACE``, else the user data folder).
        settings
            Where the shipped registry and targets are read when seeding.
        """
        backend = GeoPackageBackend(resolve_workspace_path(path))
        if not backend.exists():
            from geo_app.workspace.seed import seed_workspace  # the registry: only when seeding

            settings = settings or Settings.from_env()
            backend.create(lambda tx: seed_workspace(tx, settings), lang="zh")
        backend.check()
        workspace = cls(backend, settings=settings)
        from geo_app.workspace.covering import ensure_cities

        ensure_cities(backend, workspace.settings)
        return workspace

    @property
    def path(self) -> Path:
        """The workspace file."""
        return Path(self.backend.location)

    def revision(self) -> int:
        """A number that grows with every committed change (a cache key)."""
        return self.backend.revision()

    # --- cities ------------------------------------------------------------
    def cities(self) -> tuple[City, ...]:
        """The prefecture-level cities the workspace covers, in the order they were added."""
        from geo_app.workspace.covering import cities_of

        return cities_of(self.backend, self.settings)

    def boundaries(self) -> gpd.GeoDataFrame:
        """The covered cities' county-level units, EPSG:4326, in the columns of
        :func:`geo_app.boundaries.read_boundaries` (adcode, name, name_en, kind, city …)."""
        from geo_app.workspace.covering import boundaries_of

        return boundaries_of(self.backend, self.settings)

    def add_city(self, key: str | City, *, who: str) -> tuple[City, bool]:
        """Cover one more city (a name, alias, slug or adcode); False when already covered.

        Raises
        ------
        UnknownCityError
            ``cities.unknown``: no city of the shipped records has this name.
        DataFileError
            ``cities.no_boundaries``: its boundaries are not shipped.
        """
        from geo_app.workspace.covering import add_city, city_data_dir

        who = _need_who(who)
        city = (
            key
            if isinstance(key, City)
            else city_record(key, data_dir=city_data_dir(self.settings))
        )
        with self.backend.transaction() as tx:
            added = add_city(tx, city, who=who, settings=self.settings)
        self._boundaries = None
        return city, added

    # --- reading -----------------------------------------------------------
    def carriers(self, *, include_deleted: bool = False) -> gpd.GeoDataFrame:
        """CARRIER_FIELDS and a WGS-84 point ``geometry`` (None when only the city is known)."""
        return self.backend.read_carriers(include_deleted=include_deleted)

    def targets(self, *, include_deleted: bool = False) -> pd.DataFrame:
        """TARGET_FIELDS, one row per planned count."""
        return self.backend.read_table(TARGETS, include_deleted=include_deleted)

    def history(self, limit: int | None = None) -> pd.DataFrame:
        """CHANGE_FIELDS, newest first (at most ``limit`` rows)."""
        return self.backend.read_table(CHANGES, limit=limit)

    # --- carriers ------------------------------------------------------------
    def add_carrier(self, values: Mapping[str, object], *, who: str, why: str = "") -> str:
        """Add a carrier entered by hand; returns its new id (``W-000001``)."""
        who = _need_who(who)
        clean = clean_values(values, CARRIER_EDITABLE)
        if not str(clean.get("name_zh", "")).strip():
            raise WorkspaceError(code="workspace.needs_name")
        at = utc_now()
        with self.backend.transaction() as tx:
            cid = f"W-{tx.allocate('carrier'):06d}"
            provenance = {f: f"edited by {who}" for f in clean if f != "provenance"}
            clean.setdefault("sources", "edit")
            record = new_carrier({**clean, "provenance": provenance}, cid=cid, who=who, at=at)
            tx.insert(CARRIERS, [record])
            tx.log(
                [
                    change_row(
                        who=who,
                        action="add",
                        table=CARRIERS,
                        rid=cid,
                        before=None,
                        after=clean,
                        why=why,
                        batch=new_batch(tx),
                        at=at,
                    )
                ]
            )
        return cid

    def edit_carrier(
        self,
        cid: str,
        changes: Mapping[str, object],
        *,
        expected_version: int,
        who: str,
        why: str = "",
    ) -> int:
        """Change some fields of a carrier; returns its new version.

        Raises
        ------
        StaleEditError
            The carrier was changed since version ``expected_version``.
        """
        clean = clean_values(changes, CARRIER_EDITABLE)
        return self._edit(CARRIERS, cid, clean, expected_version, who, why)

    def move_carrier(
        self, cid: str, lon: float, lat: float, *, expected_version: int, who: str, why: str = ""
    ) -> int:
        """Put a carrier at a known site (precision ``point``); returns its new version.

        A carrier that had no city or district gets those whose boundary holds
        the point; a district the carrier already has is kept.
        """
        clean = clean_values({"lon": lon, "lat": lat, "precision": "point"}, CARRIER_EDITABLE)
        if clean["lon"] is None or clean["lat"] is None:
            raise WorkspaceError(code="workspace.bad_coordinates", params={"lon": lon, "lat": lat})
        place = self._place_at(float(lon), float(lat))
        return self._edit(CARRIERS, cid, clean, expected_version, who, why, fill=place)

    def _place_at(self, lon: float, lat: float) -> dict[str, object]:
        """City and district whose boundary holds a point ({} outside every district)."""
        import shapely

        if self._boundaries is None:
            self._boundaries = self.boundaries()
        hits = self._boundaries[self._boundaries.contains(shapely.Point(lon, lat))]
        if hits.empty:
            return {}
        return {"city": str(hits.iloc[0]["city"]), "admin_district": str(hits.iloc[0]["name"])}

    def delete_carrier(self, cid: str, *, expected_version: int, who: str, why: str = "") -> None:
        """Delete a carrier (recoverable: :meth:`restore_carrier` or :meth:`undo`)."""
        self._edit(CARRIERS, cid, {"deleted": True}, expected_version, who, why, action="delete")

    def restore_carrier(self, cid: str, *, who: str, why: str = "") -> None:
        """Bring back a deleted carrier."""
        self._edit(CARRIERS, cid, {"deleted": False}, None, who, why, action="restore")

    def merge_carriers(
        self, keep_id: str, other_ids: Sequence[str], *, who: str, why: str = ""
    ) -> None:
        """Fold duplicates into ``keep_id``: their sources, aliases and provenance are kept.

        The others are deleted (recoverable); targets naming them name
        ``keep_id`` instead. One batch: one undo takes the whole merge back.
        """
        who = _need_who(who)
        with self.backend.transaction() as tx:
            batch, at = new_batch(tx), utc_now()
            keep = self._live(tx, keep_id)
            rows: list[dict[str, object]] = []
            for other_id in other_ids:
                if other_id == keep_id:
                    raise WorkspaceError(code="workspace.merge_itself", params={"id": keep_id})
                other = self._live(tx, other_id)
                changed = merge_values(keep, other, source=other_id)
                rows += apply_change(
                    tx,
                    CARRIERS,
                    keep,
                    changed,
                    who=who,
                    why=why,
                    batch=batch,
                    at=at,
                    action="merge",
                )
                keep = self._live(tx, keep_id)
                rows += apply_change(
                    tx,
                    CARRIERS,
                    other,
                    {"deleted": True},
                    who=who,
                    why=why,
                    batch=batch,
                    at=at,
                    action="merge",
                )
            rows += self._rename_in_rules(tx, set(other_ids), keep_id, who, why, batch, at)
            tx.log(rows)

    def import_carriers(
        self,
        frame: pd.DataFrame,
        *,
        source: str,
        who: str,
        merge_into: Mapping[int, str] | None = None,
    ) -> ImportReport:
        """Add the rows of a list as one batch (one transaction, one undo).

        Parameters
        ----------
        frame
            Candidate carriers (as :func:`geo_app.inventory.read_carrier_list`
            gives them): CARRIER_FIELDS but the bookkeeping ones; ``id`` ignored.
        source
            The list's label (its file name), for rows without ``sources``.
        who
            The planner importing it.
        merge_into
            Frame index → existing carrier id: these rows are folded into that
            carrier (sources, aliases, provenance, empty fields) instead of added.
            ``"#<index>"`` names an earlier row of ``frame`` (a duplicate inside
            the list, as :func:`geo_app.inventory.match_duplicates` reports it).

        Returns
        -------
        ImportReport
            Rows whose source label (``list.csv#5``) a live carrier already
            holds are skipped: running an interrupted or repeated import again
            adds nothing twice.
        """
        who = _need_who(who)
        with self.backend.transaction() as tx:
            return import_rows(tx, frame, source=source, who=who, merge_into=merge_into or {})

    # --- targets ---------------------------------------------------------
    def import_targets(self, frame: pd.DataFrame, *, source: str, who: str) -> ImportReport:
        """Add the targets of an extracted targets CSV (reviewed) as one batch.

        Baselines are skipped, and so is a target the workspace already holds
        (same city, source file, subject, bound, numbers and year); see
        :mod:`geo_app.workspace.plans`.
        """
        from geo_app.workspace.plans import plan_target_values, target_key

        who = _need_who(who)
        carriers = self.carriers()
        at = utc_now()
        with self.backend.transaction() as tx:
            fields = (
                "city",
                "source_file",
                "bound",
                "min",
                "max",
                "year",
                "rule_ids",
                "rule_categories",
                "rule_levels",
                "rule_kinds",
            )
            columns = {f: tx.values(TARGETS, f) for f in fields}
            held = {target_key({f: columns[f][tid] for f in fields}) for tid in columns["city"]}
            batch, added, skipped, rows = new_batch(tx), [], 0, []
            for row in frame.to_dict("records"):
                values = plan_target_values(row, carriers, source=source)
                if str(row.get("kind", "target")) != "target" or target_key(values) in held:
                    skipped += 1
                    continue
                held.add(target_key(values))
                tid = f"T-W-{tx.allocate('target'):03d}"
                record: dict[str, object] = dict.fromkeys(TARGET_FIELDS, "")
                record.update(rule_year_from=None, deleted=False, **values)
                record.update(id=tid, version=1, updated_at=at, updated_by=who)
                tx.insert(TARGETS, [record])
                rows.append(
                    change_row(
                        who=who,
                        action="target_add",
                        table=TARGETS,
                        rid=tid,
                        before=None,
                        after=values,
                        why=source,
                        batch=batch,
                        at=at,
                    )
                )
                added.append(tid)
            tx.log(rows)
        return ImportReport(
            added=len(added),
            merged=0,
            flagged=0,
            skipped=skipped,
            batch=batch if rows else "",
            ids=tuple(added),
        )

    def add_target(self, values: Mapping[str, object], *, who: str, why: str = "") -> str:
        """Add a planned count with its rule; returns its id (``T-W-001``)."""
        who = _need_who(who)
        clean = clean_values(values, TARGET_EDITABLE)
        at = utc_now()
        with self.backend.transaction() as tx:
            tid = f"T-W-{tx.allocate('target'):03d}"
            record: dict[str, object] = dict.fromkeys(TARGET_FIELDS, "")
            record.update(
                bound="at_least",
                min=None,
                max=None,
                year=None,
                rule_year_from=None,
                rule_year_to=None,
                origin=Origin.EDIT.value,
                deleted=False,
            )
            record.update(clean)
            record.update(id=tid, version=1, updated_at=at, updated_by=who)
            tx.insert(TARGETS, [record])
            tx.log(
                [
                    change_row(
                        who=who,
                        action="target_add",
                        table=TARGETS,
                        rid=tid,
                        before=None,
                        after=clean,
                        why=why,
                        batch=new_batch(tx),
                        at=at,
                    )
                ]
            )
        return tid

    def edit_target(
        self,
        tid: str,
        changes: Mapping[str, object],
        *,
        expected_version: int,
        who: str,
        why: str = "",
    ) -> int:
        """Change a target or its rule; returns its new version."""
        clean = clean_values(changes, TARGET_EDITABLE)
        return self._edit(TARGETS, tid, clean, expected_version, who, why)

    def delete_target(self, tid: str, *, expected_version: int, who: str, why: str = "") -> None:
        """Delete a target (recoverable through :meth:`undo`)."""
        self._edit(
            TARGETS, tid, {"deleted": True}, expected_version, who, why, action="target_delete"
        )

    # --- history -------------------------------------------------------------
    def undo(self, *, who: str) -> str | None:
        """Take back the newest batch not yet undone; its id, or None when nothing is left."""
        who = _need_who(who)
        with self.backend.transaction() as tx:
            done = undo_batch(tx, who=who)
        return None if done is None else done[0]

    # --- internals -----------------------------------------------------------
    @staticmethod
    def _live(tx: WorkspaceTransaction, cid: str) -> dict[str, object]:
        record = tx.get(CARRIERS, cid)
        if record is None:
            raise _missing(CARRIERS, cid)
        if record["deleted"]:
            raise WorkspaceError(code="workspace.merge_deleted", params={"id": cid})
        return record

    def _edit(
        self,
        table: str,
        rid: str,
        clean: Mapping[str, object],
        expected_version: int | None,
        who: str,
        why: str,
        *,
        action: str | None = None,
        fill: Mapping[str, object] | None = None,
    ) -> int:
        who = _need_who(who)
        with self.backend.transaction() as tx:
            record = tx.get(table, rid)
            if record is None:
                raise _missing(table, rid)
            stored = int(str(record["version"]))
            if expected_version is not None and stored != int(expected_version):
                raise StaleEditError(
                    rid,
                    name=str(record.get("name_zh") or record.get("subject_zh") or ""),
                    expected=int(expected_version),
                    stored=stored,
                    updated_by=str(record.get("updated_by") or ""),
                    updated_at=str(record.get("updated_at") or ""),
                )
            if fill:  # only where the record has none (a moved city-level carrier)
                clean = {**{k: v for k, v in fill.items() if not record.get(k)}, **clean}
            if table == CARRIERS:
                clean = located(record, clean)
            rows = apply_change(
                tx,
                table,
                record,
                clean,
                who=who,
                why=why,
                batch=new_batch(tx),
                at=utc_now(),
                action=action,
            )
            if not rows:
                return stored
            tx.log(rows)
            return stored + 1

    def _rename_in_rules(
        self,
        tx: WorkspaceTransaction,
        old_ids: set[str],
        new_id: str,
        who: str,
        why: str,
        batch: str,
        at: str,
    ) -> list[dict[str, object]]:
        """Targets naming a merged carrier name the carrier it was merged into."""
        rows: list[dict[str, object]] = []
        for tid, value in tx.values(TARGETS, "rule_ids").items():
            ids = split_items(value)
            if not old_ids & set(ids):
                continue
            renamed = list(dict.fromkeys(new_id if i in old_ids else i for i in ids))
            target = tx.get(TARGETS, tid) or {}
            rows += apply_change(
                tx,
                TARGETS,
                target,
                {"rule_ids": "|".join(renamed)},
                who=who,
                why=why,
                batch=batch,
                at=at,
                action="target_edit",
            )
        return rows
