"""Save a site-selection session to one file and reopen it later.

A session file is UTF-8 JSON holding the planner's inputs (drawn and
uploaded areas as GeoJSON inside them), the result, and the data version it
ran on: the SHA-256 of the registry, targets, boundaries and population
files. Saving is atomic. Reopening compares the data version with the files
in use now and lists every file that changed, so a planner knows whether
re-running would give another answer.

A session never names a path on the server. The planner's own files (carrier
layers, a population grid) are recorded by content — ``sha256:<hex>`` — with
their original file name for display only. Re-running a reopened session
takes them from the files the planner gives again (:meth:`SitingSession.resolve_files`),
matched by content, and says which are missing; nothing a session file says
makes the server open, hash or report on a file of its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
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
    "FileRef",
    "SitingSession",
    "content_ref",
    "data_version",
    "read_session",
    "session_text",
    "write_session",
]

#: Value of the ``format`` member of every session file.
SESSION_FORMAT = "carrier-mapper/siting-session"
_FORMAT_VERSION = 2
# Version 1 named the planner's files by path; it is still read (without the paths).
_READABLE_VERSIONS = (1, 2)
_REF = re.compile(r"^sha256:[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class FileRef:
    """A planner's file a session used, known by its content.

    Attributes
    ----------
    role
        ``"layer"`` or ``"population_grid"``.
    ref
        ``sha256:<hex>`` of the content.
    name
        The file's name when it was used (display only; never opened).
    """

    role: str
    ref: str
    name: str

    @property
    def label(self) -> str:
        """``name (sha256 1a2b3c4d…)`` for messages.

        Examples
        --------
        >>> FileRef("layer", "sha256:" + "ab" * 32, "incubators.geojson").label
        'incubators.geojson (sha256 abababab…)'
        """
        return f"{self.name} (sha256 {self.ref[7:15]}…)"


def content_ref(path: str | Path) -> str:
    """``sha256:<hex>`` of a file the planner gave (a command-line argument or an upload)."""
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _display_name(value: object) -> str:
    """The last part of a recorded file name, for display only."""
    text = str(value).replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in text if c.isprintable())[:150] or "?"


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
    too (given as paths the planner supplied, or as ``sha256:`` references
    taken as they are). A missing file is recorded as ``"missing"``.
    """
    out: dict[str, str] = {}
    files = _data_files(settings)
    planner: dict[str, str] = {}
    if population_grid:
        planner["population_grid"] = str(population_grid)
    for layer in layers:
        planner[f"layer:{Path(layer).name}"] = str(layer)
    for name, value in planner.items():
        if _REF.match(value):
            out[name] = value[7:]
        else:
            files[name] = Path(value)
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
    files
        The planner's files of a reopened session (its inputs then hold
        their ``sha256:`` references instead of paths).
    """

    inputs: SitingInputs
    result: SitingResult
    data_version: Mapping[str, str]
    saved_at: str = ""
    files: tuple[FileRef, ...] = ()

    def changed_data(self, settings: Settings) -> list[str]:
        """Data files that differ from the ones the session ran on.

        The product's own data files are compared; the planner's files are
        known by content, so they are either given again or missing (see
        :meth:`resolve_files`).
        """
        now = data_version(settings)
        return [
            name
            for name in sorted(now)
            if name != "combined" and now[name] != self.data_version.get(name)
        ]

    def resolve_files(self, given: Iterable[str | Path]) -> tuple[SitingInputs, list[FileRef]]:
        """The inputs with each referenced file taken from ``given``, matched by content.

        ``given`` are files the planner supplies now (``--layer`` and
        ``--population-grid`` arguments, or uploads). Returns the inputs with
        paths in place of references, and the references no given file
        matches.
        """
        by_ref = {content_ref(path): str(path) for path in given if Path(path).is_file()}
        missing = [f for f in self.files if f.ref not in by_ref]

        def pick(value: str) -> str:
            return by_ref.get(value, value)

        grid = self.inputs.population_grid
        inputs = replace(
            self.inputs,
            population_grid=pick(grid) if grid else grid,
            layers=tuple(pick(v) for v in self.inputs.layers),
        )
        return inputs, missing

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


def _by_content(session: SitingSession) -> tuple[SitingInputs, list[FileRef]]:
    """The inputs with every planner's file replaced by its content reference."""
    names = {f.ref: f.name for f in session.files}
    files: list[FileRef] = []

    def ref(value: str, role: str) -> str:
        if _REF.match(value):
            found = value
            name = names.get(value, "?")
        else:  # a path this run was given: hashed now, never written out
            found, name = content_ref(value), _display_name(Path(value).name)
        files.append(FileRef(role, found, name))
        return found

    inputs = session.inputs
    grid = inputs.population_grid
    inputs = replace(
        inputs,
        population_grid=ref(grid, "population_grid") if grid else None,
        layers=tuple(ref(v, "layer") for v in inputs.layers),
    )
    return inputs, files


def session_text(session: SitingSession) -> str:
    """The session as JSON text (the planner's files by content, never by path)."""
    inputs, files = _by_content(session)
    payload: dict[str, Any] = {
        "format": SESSION_FORMAT,
        "format_version": _FORMAT_VERSION,
        "saved_at": session.saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "data_version": dict(session.data_version),
        "inputs": inputs.to_dict(),
        "files": [{"role": f.role, "sha256": f.ref[7:], "name": f.name} for f in files],
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
        raise DataFileError(path, code="file.not_found") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFileError(path, code="session.not_json", params={"detail": err}) from err
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise DataFileError(path, code="session.not_session", column="format")
    if data.get("format_version") not in _READABLE_VERSIONS:
        raise DataFileError(
            path,
            code="session.version",
            params={"version": repr(data.get("format_version"))},
            column="format_version",
            value=data.get("format_version"),
        )
    try:
        version = {str(k): str(v) for k, v in dict(data["data_version"]).items()}
        raw_inputs, files = _inputs_by_content(path, data, version)
        inputs = SitingInputs.from_dict(raw_inputs)
        result = SitingResult.from_dict(data["result"])
    except (KeyError, TypeError, ValueError, AttributeError, GeoAppError) as err:
        if isinstance(err, DataFileError) and err.code == "session.names_a_path":
            raise
        raise DataFileError(path, code="session.damaged", params={"detail": err}) from err
    return SitingSession(
        inputs=inputs,
        result=result,
        data_version=version,
        saved_at=str(data.get("saved_at", "")),
        files=files,
    )


def _inputs_by_content(
    path: Path, data: Mapping[str, Any], version: Mapping[str, str]
) -> tuple[dict[str, Any], tuple[FileRef, ...]]:
    """The session's inputs with its files as references; no file is opened.

    A version-2 session must name every file by ``sha256:``; anything else is
    refused with one message, whatever it names. A version-1 session named
    files by path: the path is dropped and the hash it recorded for the file
    in its data version is used instead.
    """
    raw = dict(data["inputs"])
    names: dict[str, str] = {}
    if data.get("format_version") == _FORMAT_VERSION:
        for item in data.get("files") or []:
            names["sha256:" + str(item["sha256"])] = _display_name(item["name"])
    files: list[FileRef] = []

    def as_ref(value: object, role: str, legacy_key: str) -> str:
        text = str(value)
        if not _REF.match(text) and data.get("format_version") == 1:
            text = "sha256:" + version.get(legacy_key, "")
            names.setdefault(text, _display_name(value))
        if not _REF.match(text):
            raise DataFileError(path, code="session.names_a_path")
        files.append(FileRef(role, text, names.get(text, "?")))
        return text

    grid = raw.get("population_grid")
    if grid:
        raw["population_grid"] = as_ref(grid, "population_grid", "population_grid")
    raw["layers"] = [
        as_ref(v, "layer", f"layer:{_display_name(v)}") for v in raw.get("layers") or []
    ]
    return raw, tuple(files)
