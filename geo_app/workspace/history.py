"""History rows and undo.

Every change is one row of the ``changes`` table: when, who, what (action,
table, record), the changed fields before and after (JSON), why, and its
batch. A batch is one step of the planner — an edit, a merge, a whole
import — and undo takes back the newest batch not yet undone, all of it in
one transaction.

Provenance is kept per field: a change records only the provenance entries
of the fields it touched (under ``"provenance"`` in before/after), so undoing
an older change restores those entries without disturbing later ones.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from geo_app.errors import WorkspaceError
from geo_app.workspace.backend import WorkspaceTransaction
from geo_app.workspace.records import plain, utc_now

__all__ = ["apply_change", "change_row", "dump", "new_batch", "undo_batch"]

_PROVENANCE = "provenance"


def dump(values: Mapping[str, object] | None) -> str | None:
    """JSON text of changed fields (None stays None)."""
    if values is None:
        return None
    return json.dumps(plain(dict(values)), ensure_ascii=False, sort_keys=True)


def new_batch(tx: WorkspaceTransaction) -> str:
    """A new batch id (``B-000042``)."""
    return f"B-{tx.allocate('batch'):06d}"


def change_row(
    *,
    who: str,
    action: str,
    table: str,
    rid: str,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
    why: str,
    batch: str,
    at: str | None = None,
) -> dict[str, object]:
    """One row of the history (every CHANGE_FIELDS value but ``seq``)."""
    return {
        "at": at or utc_now(),
        "who": who,
        "action": action,
        "table_name": table,
        "record_id": rid,
        "before": dump(before),
        "after": dump(after),
        "why": why,
        "batch": batch,
        "undone_by": None,
    }


def _edit_action(table: str, changed: Mapping[str, object]) -> str:
    if table == "targets":
        return "target_edit"
    if set(changed) <= {"status"}:
        return "status"
    if set(changed) <= {"lon", "lat", "precision", "city", "admin_district"} and (
        {"lon", "lat"} & set(changed)
    ):
        return "move"
    return "edit"


def apply_change(
    tx: WorkspaceTransaction,
    table: str,
    record: Mapping[str, object],
    clean: Mapping[str, object],
    *,
    who: str,
    why: str,
    batch: str,
    at: str,
    action: str | None = None,
) -> list[dict[str, object]]:
    """Write the fields of ``clean`` that differ from ``record``; its history rows.

    The rows are returned, not yet logged, so that a step of several changes
    logs them together. Each changed carrier field gets the provenance given
    in ``clean["provenance"]`` or "edited by <who>"; the version goes up by one.
    """
    changed = {
        k: v for k, v in clean.items() if k != _PROVENANCE and plain(record.get(k)) != plain(v)
    }
    if not changed:
        return []
    before: dict[str, object] = {k: record.get(k) for k in changed}
    after: dict[str, object] = dict(changed)
    values: dict[str, object] = dict(changed)
    if table == "carriers":
        old = record.get(_PROVENANCE)
        provenance = dict(old) if isinstance(old, dict) else {}
        given = clean.get(_PROVENANCE)
        touched = (
            {k: v for k, v in given.items() if k in changed} if isinstance(given, dict) else {}
        )
        for field in changed:
            if field != "deleted":
                touched.setdefault(field, f"edited by {who}")
        before[_PROVENANCE] = {f: provenance.get(f) for f in touched}
        after[_PROVENANCE] = touched
        values[_PROVENANCE] = {**provenance, **touched}
    version = int(str(record["version"])) + 1
    rid = str(record["id"])
    tx.update(table, rid, {**values, "version": version, "updated_at": at, "updated_by": who})
    row = change_row(
        who=who,
        action=action or _edit_action(table, changed),
        table=table,
        rid=rid,
        before=before,
        after=after,
        why=why,
        batch=batch,
        at=at,
    )
    return [row]


def _load(text: object) -> dict[str, object] | None:
    if not text:
        return None
    loaded = json.loads(str(text))
    return loaded if isinstance(loaded, dict) else None


def _conflicts(record: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    """Fields whose stored value is no longer the one the change left."""
    return [
        field
        for field, value in after.items()
        if field != _PROVENANCE and plain(record.get(field)) != plain(value)
    ]


def _reverse(record: Mapping[str, object], before: dict[str, object] | None) -> dict[str, object]:
    """The values that take a change back (an add is taken back by deleting)."""
    if before is None:
        return {"deleted": True}
    values = {k: v for k, v in before.items() if k != _PROVENANCE}
    old = before.get(_PROVENANCE)
    if isinstance(old, dict):
        current = record.get(_PROVENANCE)
        provenance = dict(current) if isinstance(current, dict) else {}
        for field, source in old.items():
            if source is None:
                provenance.pop(field, None)
            else:
                provenance[field] = source
        values[_PROVENANCE] = provenance
    return values


def undo_batch(tx: WorkspaceTransaction, *, who: str) -> tuple[str, int] | None:
    """Take back the newest batch not yet undone, inside ``tx``.

    Returns
    -------
    tuple of (str, int) or None
        The batch undone and how many changes it held; None when nothing is left.

    Raises
    ------
    WorkspaceError
        ``workspace.undo_conflict`` when a record was changed again after the
        batch (the transaction then writes nothing).
    """
    batch = tx.latest_batch()
    if batch is None:
        return None
    changes = tx.batch_changes(batch)
    undo = new_batch(tx)
    at = utc_now()
    rows: list[dict[str, object]] = []
    for change in reversed(changes):
        table, rid = str(change["table_name"]), str(change["record_id"])
        record = tx.get(table, rid)
        if record is None:
            continue
        before, after = _load(change["before"]), _load(change["after"])
        if before is None:
            stale = ["deleted"] if record.get("deleted") else []
        else:
            stale = _conflicts(record, after or {})
        if stale:
            raise WorkspaceError(
                code="workspace.undo_conflict", params={"id": rid, "fields": ", ".join(stale)}
            )
        values = _reverse(record, before)
        now = {k: record.get(k) for k in values}
        version = int(str(record.get("version") or 0)) + 1
        tx.update(table, rid, {**values, "version": version, "updated_at": at, "updated_by": who})
        rows.append(
            change_row(
                who=who,
                action="undo",
                table=table,
                rid=rid,
                before=now,
                after=values,
                why=f"undo {batch}",
                batch=undo,
                at=at,
            )
        )
    seqs = tx.log(rows)
    tx.mark_undone([int(str(c["seq"])) for c in changes], seqs[0] if seqs else 0)
    return batch, len(changes)
