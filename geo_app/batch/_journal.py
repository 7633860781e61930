"""The resumable journal: one JSON line per finished row, fsynced per row.

An interrupted run (Ctrl-C, kill -9) reopens the journal, drops a last line
cut short, and takes finished rows from it instead of asking a provider again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from geo_app.errors import DataFileError

__all__ = ["Journal", "RowOutcome", "default_journal_path"]


_JOURNAL_VERSION = 1


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What happened to one row; this is what the journal stores.

    ``lon``/``lat`` are WGS-84; ``original``/``crs`` what the provider or the
    file gave. ``candidates`` lists alternatives the planner may pick.
    """

    row: int
    fingerprint: str
    status: str
    name: str = ""
    address: str = ""
    city: str = ""
    district: str = ""
    category: str = ""
    lon: float | None = None
    lat: float | None = None
    precision: str | None = None
    provider: str = ""
    source: str = ""
    crs: str = ""
    original: tuple[float, float] | None = None
    matched: str = ""
    reason: str = ""
    candidates: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> str:
        """One journal line."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> RowOutcome:
        """Parse one journal line."""
        data = json.loads(text)
        names = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in names}
        if data.get("original") is not None:
            data["original"] = tuple(data["original"])
        data["candidates"] = tuple(data.get("candidates") or ())
        return cls(**data)


class Journal:
    """Append-only JSON-lines record of finished rows, fsynced per row.

    The first line names the input (its SHA-256) and the settings that shape
    results; a journal written for another file or other settings is
    refused. A last line cut short by a kill is dropped on reopening.

    Parameters
    ----------
    path
        Journal file.
    header
        What this run is (input digest, roles, geocoders …).
    fsync
        Flush to disk after each row (default); off only for benchmarks.
    """

    def __init__(self, path: str | Path, header: Mapping[str, Any], *, fsync: bool = True) -> None:
        self.path = Path(path)
        self.fsync = fsync
        self.done: dict[int, RowOutcome] = {}
        expected = {"journal": "carrier-mapper geocode", "version": _JOURNAL_VERSION, **header}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self._load(expected)
        self._file = self.path.open("a", encoding="utf-8")
        if fresh:
            self._append(json.dumps(expected, ensure_ascii=False))

    def _load(self, expected: Mapping[str, Any]) -> bool:
        """Read finished rows; return ``False`` if there is no complete header yet."""
        if not self.path.exists():
            return False
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a line cut short by a kill
            with self.path.open("r+b") as fh:
                fh.truncate(end)
        lines = data[:end].decode("utf-8").splitlines()
        if not lines:
            return False
        if json.loads(lines[0]) != json.loads(json.dumps(expected, ensure_ascii=False)):
            raise DataFileError(
                self.path,
                "this journal belongs to another file or other settings; "
                "remove it or start afresh (--restart)",
            )
        for line in lines[1:]:
            outcome = RowOutcome.from_json(line)
            self.done[outcome.row] = outcome
        return True

    def _append(self, line: str) -> None:
        self._file.write(line + "\n")
        self._file.flush()
        if self.fsync:
            os.fsync(self._file.fileno())

    def record(self, outcome: RowOutcome) -> None:
        """Append one finished row and make it durable."""
        self._append(outcome.to_json())
        self.done[outcome.row] = outcome

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def default_journal_path(output: str | Path) -> Path:
    """Journal kept beside the output file: ``out.geojson`` -> ``out.geojson.journal.jsonl``.

    Examples
    --------
    >>> default_journal_path("out/incubators.geojson").name
    'incubators.geojson.journal.jsonl'
    """
    output = Path(output)
    return output.with_name(output.name + ".journal.jsonl")
