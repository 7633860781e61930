"""Save a site-selection session to one file and reopen it later.

A session file is UTF-8 JSON holding the planner's inputs (drawn and
uploaded areas as GeoJSON inside them), the result, and the data version it
ran on: the SHA-256 of the registry, targets, boundaries and population
files. Saving is atomic. Reopening compares the data version with the files
in use now and lists every file that changed, so a planner knows whether
re-running would give another answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo_app.config import Settings
from geo_app.errors import DataFileError, GeoAppError
from geo_app.siting.result import SitingResult
from geo_app.siting.run import SitingInputs
from geo_app.storage import write_text_atomic

__all__ = [
    "SESSION_FORMAT",
    "SitingSession",
    "data_version",
    "read_session",
    "session_text",
    "write_session",
]

#: Value of the ``format`` member of every session file.
SESSION_FORMAT = "carrier-mapper/siting-session"
_FORMAT_VERSION = 1


def _data_files(settings: Settings) -> dict[str, Path]:
    return {
        "registry": settings.registry_file,
        "targets": settings.targets_file,
        "boundaries": settings.boundaries_file,
        "population": settings.data_dir / "population.csv",
    }


def data_version(
    settings: Settings,
    *,
    population_grid: str | Path | None = None,
    layers: tuple[str, ...] = (),
) -> dict[str, str]:
    """SHA-256 of each input data file, plus ``combined`` over all of them.

    A planner's population grid and carrier layers, when used, are hashed
    too. A missing file is recorded as ``"missing"``.
    """
    out: dict[str, str] = {}
    files = _data_files(settings)
    if population_grid:
        files["population_grid"] = Path(population_grid)
    for layer in layers:
        files[f"layer:{Path(layer).name}"] = Path(layer)
    for name, path in files.items():
        out[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
    joined = "|".join(f"{k}={v}" for k, v in sorted(out.items()))
    out["combined"] = hashlib.sha256(joined.encode()).hexdigest()
    return out


@dataclass(frozen=True)
class SitingSession:
    """Inputs, result and data version of one site selection.

    Parameters
    ----------
    inputs
        The planner's choices (with N and radius filled in).
    result
        The answer.
    data_version
        From :func:`data_version` at the time of the run.
    saved_at
        ISO 8601 UTC time of saving.
    """

    inputs: SitingInputs
    result: SitingResult
    data_version: Mapping[str, str]
    saved_at: str = ""

    def changed_data(self, settings: Settings) -> list[str]:
        """Data files that differ from the ones the session ran on."""
        now = data_version(
            settings, population_grid=self.inputs.population_grid, layers=self.inputs.layers
        )
        return [
            name
            for name in sorted(now)
            if name != "combined" and now[name] != self.data_version.get(name)
        ]

    def data_message(self, settings: Settings) -> str | None:
        """A sentence for the planner when the data changed, else ``None``."""
        changed = self.changed_data(settings)
        if not changed:
            return None
        return (
            "This session was made with other data: "
            + ", ".join(changed)
            + " changed since it was saved. The stored result is shown; running it "
            "again may give other sites."
        )


def session_text(session: SitingSession) -> str:
    """The session as JSON text."""
    payload: dict[str, Any] = {
        "format": SESSION_FORMAT,
        "format_version": _FORMAT_VERSION,
        "saved_at": session.saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "data_version": dict(session.data_version),
        "inputs": session.inputs.to_dict(),
        "result": session.result.to_dict(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, allow_nan=False)


def write_session(session: SitingSession, path: str | Path) -> Path:
    """Save the session atomically (the old file stays whole on any error)."""
    return write_text_atomic(session_text(session), path)


def read_session(source: str | Path | bytes) -> SitingSession:
    """Read a session file (a path, or the bytes of an uploaded file).

    Raises
    ------
    DataFileError
        If the file is missing, not JSON, or not a site-selection session.
    """
    path = Path("uploaded session") if isinstance(source, bytes) else Path(source)
    try:
        raw = source if isinstance(source, bytes) else path.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError as err:
        raise DataFileError(path, "file not found") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFileError(path, f"not a session file (not JSON text: {err})") from err
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise DataFileError(path, "not a site-selection session file", column="format")
    if data.get("format_version") != _FORMAT_VERSION:
        raise DataFileError(
            path, f"session format version {data.get('format_version')!r} is not supported"
        )
    try:
        inputs = SitingInputs.from_dict(data["inputs"])
        result = SitingResult.from_dict(data["result"])
        version = {str(k): str(v) for k, v in dict(data["data_version"]).items()}
    except (KeyError, TypeError, ValueError, GeoAppError) as err:
        raise DataFileError(path, f"the session is damaged: {err}") from err
    return SitingSession(
        inputs=inputs, result=result, data_version=version, saved_at=str(data.get("saved_at", ""))
    )
