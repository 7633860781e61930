"""The resumable journal: JSON lines, each fsynced before the run goes on.

Two kinds of line follow the header: every answer an online provider sends,
written the moment it arrives (before it is parsed, checked or cached), and
one line per finished row. An interrupted run (Ctrl-C, kill -9) reopens the
journal, drops a last line cut short, takes finished rows from it, and
replays the recorded answers of the row it was working on: no answer a
provider has sent is ever paid for twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from geo_app.errors import DataFileError
from geocoding.cache import CachedGeocoder
from geocoding.chain import GeocoderChain

__all__ = ["Journal", "RowOutcome", "default_journal_path", "journalled_answers"]


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


#: Key of a line holding a provider's answer: ``{"answer": [provider, query, city], "page": …}``.
_ANSWER = "answer"

AnswerKey = tuple[str, str, str]


class Journal:
    """Append-only JSON-lines record of answers and finished rows, fsynced per line.

    The first line names the input (its SHA-256) and the settings that shape
    results; a journal written for another file or other settings is
    refused. A last line cut short by a kill is dropped on reopening.
    Provider answers (see :class:`geocoding.cache.AnswerLog`) are recorded
    as they arrive and replayed on resuming.

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
        self.answers: dict[AnswerKey, Mapping[str, Any]] = {}
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
            raise DataFileError(self.path, code="journal.other_run")
        for line in lines[1:]:
            data = json.loads(line)
            if _ANSWER in data:
                provider, query, city = (str(part) for part in data[_ANSWER])
                self.answers[(provider, query, city)] = data["page"]
                continue
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

    def record_answer(self, provider: str, query: str, city: str, page: Mapping[str, Any]) -> None:
        """Append a provider's answer, as received, and make it durable."""
        line = json.dumps(
            {_ANSWER: [provider, query, city], "page": page},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        self._append(line)
        self.answers[(provider, query, city)] = page

    def recorded_answer(self, provider: str, query: str, city: str) -> Mapping[str, Any] | None:
        """The answer recorded for this request by this run or an interrupted one."""
        return self.answers.get((provider, query, city))

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextmanager
def journalled_answers(chain: GeocoderChain, journal: Journal | None) -> Iterator[None]:
    """Record every online provider's answers in ``journal`` while in the block.

    Answers already in the journal are replayed instead of asked again;
    without a journal nothing changes.
    """
    with ExitStack() as stack:
        for geocoder in chain.geocoders:
            if journal is not None and isinstance(geocoder, CachedGeocoder):
                stack.enter_context(geocoder.answers_logged_to(journal))
        yield


def default_journal_path(output: str | Path) -> Path:
    """Journal kept beside the output file: ``out.geojson`` -> ``out.geojson.journal.jsonl``.

    Examples
    --------
    >>> default_journal_path("out/incubators.geojson").name
    'incubators.geojson.journal.jsonl'
    """
    output = Path(output)
    return output.with_name(output.name + ".journal.jsonl")
