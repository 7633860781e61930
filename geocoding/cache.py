"""Persistent geocoding cache (SQLite) and the provider wrapper that uses it.

One row per ``(provider, normalised query, normalised city)``. A row holds
either the provider's raw answer with the locations parsed from it, or a
failure (error class and message) that expires after ``failure_ttl``
seconds. Errors about the account rather than the query (a refused key, a
used-up quota, rate limiting) are never cached: fixing the key must take
effect at once.

A :class:`CachedGeocoder` may also be given an *answer log* (the journal of a
batch run, :class:`AnswerLog`): every answer a provider sends is handed to it
the moment it arrives, before it is parsed, checked or cached, and an answer
already in the log is replayed instead of asking the provider again. A run
killed between a paid answer and its use therefore never pays for it twice.

:class:`CachedGeocoder` consults the cache *before* geopy's rate limiter, so a
cached row costs no waiting and no request. API keys never reach the cache:
neither the key columns nor the stored answers contain them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import platformdirs

from geocoding import exc
from geocoding._http import OnlineProvider, RetryingRateLimiter
from geocoding.base import Location

__all__ = [
    "AnswerLog",
    "CacheEntry",
    "CachedGeocoder",
    "GeocodeCache",
    "default_cache_path",
    "normalise_query",
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS geocode_cache (
    provider TEXT NOT NULL,
    query TEXT NOT NULL,
    city TEXT NOT NULL,
    page TEXT,
    result TEXT,
    error_type TEXT,
    error_message TEXT,
    created REAL NOT NULL,
    expires REAL,
    PRIMARY KEY (provider, query, city)
) WITHOUT ROWID
"""

# Failures worth remembering: they concern the query, not the account.
_CACHEABLE_FAILURES: tuple[type[exc.GeocoderServiceError], ...] = (
    exc.GeocoderTimedOut,
    exc.GeocoderUnavailable,
    exc.GeocoderParseError,
    exc.GeocoderQueryError,
)


def default_cache_path() -> Path:
    """Where the cache lives unless configured: the user's data directory.

    Examples
    --------
    >>> default_cache_path().name
    'geocode-cache.sqlite3'
    """
    return Path(platformdirs.user_data_dir("carrier-mapper", appauthor=False)) / (
        "geocode-cache.sqlite3"
    )


def normalise_query(text: str | None) -> str:
    """Normalise a query or city for the cache key.

    Full-width forms are folded (NFKC), case is folded and runs of white
    space become one space.

    Examples
    --------
    >>> normalise_query("  Zhoushan   Smart\\u3000Island ")
    'zhoushan smart island'
    >>> normalise_query("洛阳市（高新区）")
    '洛阳市(高新区)'
    >>> normalise_query(None)
    ''
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _location_to_json(location: Location) -> dict[str, Any]:
    return {
        "address": location.address,
        "lat": location.latitude,
        "lon": location.longitude,
        "raw": dict(location.raw),
    }


def _location_from_json(item: Mapping[str, Any]) -> Location:
    return Location(item["address"], float(item["lat"]), float(item["lon"]), item["raw"])


class AnswerLog(Protocol):
    """Durable record of the answers a run has received (a batch journal).

    Keys are the provider's name and the query and city as
    :func:`normalise_query` folds them.
    """

    def recorded_answer(self, provider: str, query: str, city: str) -> Mapping[str, Any] | None:
        """The answer stored for this request, or ``None``."""
        ...

    def record_answer(self, provider: str, query: str, city: str, page: Mapping[str, Any]) -> None:
        """Store an answer durably before returning."""
        ...


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """A cached answer: locations (possibly none) or a failure.

    Attributes
    ----------
    locations
        Parsed WGS-84 locations, best first; empty if the provider found nothing.
    error
        The failure, rebuilt as an exception of :mod:`geocoding.exc`, or ``None``.
    created
        When the row was written (seconds since the epoch).
    """

    locations: tuple[Location, ...]
    error: exc.GeocoderServiceError | None
    created: float


class GeocodeCache:
    """SQLite cache of geocoding answers (WAL mode, safe across threads).

    Parameters
    ----------
    path
        Database file; created with its folder. ``":memory:"`` keeps it in memory.
    ttl
        Seconds a found result stays valid; ``None`` keeps it for ever.
    empty_ttl
        Seconds an empty answer (no match) stays valid.
    failure_ttl
        Seconds a failure stays valid before the provider is asked again.
    clock
        Time source (tests pass a fake one).

    Examples
    --------
    >>> from geocoding.base import Location
    >>> cache = GeocodeCache(":memory:")
    >>> loc = Location("周山", 34.66, 112.39, {"precision": "area", "source": "t", "provider": "x"})
    >>> cache.put_result("x", "Zhoushan", "洛阳市", {"ok": 1}, [loc])
    >>> cache.get("x", " zhoushan ", "洛阳市").locations[0].address
    '周山'
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        ttl: float | None = None,
        empty_ttl: float | None = 30 * 86400.0,
        failure_ttl: float = 3600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        target = default_cache_path() if path is None else path
        if str(target) != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = target
        self.ttl = ttl
        self.empty_ttl = empty_ttl
        self.failure_ttl = failure_ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(target), check_same_thread=False, timeout=30.0)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(_SCHEMA)
        self._conn.commit()

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, provider: str, query: str, city: str | None) -> CacheEntry | None:
        """Return the valid cached entry, or ``None`` if absent or expired."""
        key = (provider, normalise_query(query), normalise_query(city))
        with self._lock:
            row = self._conn.execute(
                "SELECT result, error_type, error_message, created, expires "
                "FROM geocode_cache WHERE provider = ? AND query = ? AND city = ?",
                key,
            ).fetchone()
        if row is None:
            return None
        result, error_type, error_message, created, expires = row
        if expires is not None and expires <= self._clock():
            return None
        if error_type is not None:
            error_cls = getattr(exc, error_type, exc.GeocoderServiceError)
            error = error_cls(
                code="geocoder.cached_failure", params={"detail": error_message}, provider=provider
            )
            return CacheEntry((), error, created)
        locations = tuple(_location_from_json(item) for item in json.loads(result))
        return CacheEntry(locations, None, created)

    def page(self, provider: str, query: str, city: str | None) -> Any:
        """The provider's raw answer stored for a key (``None`` if absent or a failure)."""
        key = (provider, normalise_query(query), normalise_query(city))
        with self._lock:
            row = self._conn.execute(
                "SELECT page FROM geocode_cache WHERE provider = ? AND query = ? AND city = ?",
                key,
            ).fetchone()
        return None if row is None or row[0] is None else json.loads(row[0])

    def put_result(
        self,
        provider: str,
        query: str,
        city: str | None,
        page: Mapping[str, Any],
        locations: list[Location],
    ) -> None:
        """Store a successful answer (``locations`` may be empty)."""
        now = self._clock()
        ttl = self.ttl if locations else self.empty_ttl
        expires = None if ttl is None else now + ttl
        result = json.dumps([_location_to_json(loc) for loc in locations], ensure_ascii=False)
        self._write(
            (
                provider,
                normalise_query(query),
                normalise_query(city),
                json.dumps(page, ensure_ascii=False),
                result,
                None,
                None,
                now,
                expires,
            )
        )

    def put_failure(
        self, provider: str, query: str, city: str | None, error: exc.GeocoderServiceError
    ) -> bool:
        """Store a failure with an expiry; return whether it was cacheable."""
        if not isinstance(error, _CACHEABLE_FAILURES):
            return False
        now = self._clock()
        self._write(
            (
                provider,
                normalise_query(query),
                normalise_query(city),
                None,
                None,
                type(error).__name__,
                error.message,
                now,
                now + self.failure_ttl,
            )
        )
        return True

    def _write(self, row: tuple[Any, ...]) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO geocode_cache (provider, query, city, page, result, "
                "error_type, error_message, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            self._conn.commit()

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._conn.execute("SELECT COUNT(*) FROM geocode_cache").fetchone()
        return int(count)

    def dump_rows(self) -> list[tuple[Any, ...]]:
        """Every stored row, for inspection and tests."""
        with self._lock:
            return list(self._conn.execute("SELECT * FROM geocode_cache"))


class CachedGeocoder:
    """An online provider behind the cache, geopy's rate limiter and retries.

    Order per call: cache → answer log → (miss) rate limiter → provider
    ``fetch`` → answer log (durable) → parse → cache. Follows the
    :class:`~geocoding.base.Geocoder` contract.

    Parameters
    ----------
    provider
        The online provider (``fetch`` + ``parse``).
    cache
        The cache, or ``None`` to always ask.
    min_delay_seconds, max_retries, error_wait_seconds, max_retry_after, sleep
        Passed to :class:`~geocoding._http.RetryingRateLimiter`.
    """

    def __init__(
        self,
        provider: OnlineProvider,
        *,
        cache: GeocodeCache | None = None,
        min_delay_seconds: float = 0.0,
        max_retries: int = 2,
        error_wait_seconds: float = 1.0,
        max_retry_after: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provider = provider
        self.name = provider.name
        self.cache = cache
        self.answer_log: AnswerLog | None = None
        self.hits = 0
        self.misses = 0
        self._fetch = RetryingRateLimiter(
            provider.fetch,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            max_retry_after=max_retry_after,
            sleep=sleep,
        )

    def geocode_all(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> list[Location]:
        """Every candidate for ``query``, best first (``district`` is not sent)."""
        if self.cache is not None:
            entry = self.cache.get(self.name, query, city)
            if entry is not None:
                self.hits += 1
                if entry.error is not None:
                    raise entry.error
                return list(entry.locations)
        page = self._logged_answer(query, city)
        if page is None:
            self.misses += 1
        try:
            if page is None:
                page = self._fetch(query, city=city)
                # Made durable before anything else is done with it.
                self._log_answer(query, city, page)
            locations = self.provider.parse(page)
        except exc.GeocoderServiceError as err:
            if self.cache is not None:
                self.cache.put_failure(self.name, query, city, err)
            raise
        if self.cache is not None:
            self.cache.put_result(self.name, query, city, page, locations)
        return locations

    def geocode(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> Location | None:
        """The best candidate, or ``None``."""
        found = self.geocode_all(query, city=city, district=district)
        return found[0] if found else None

    def _logged_answer(self, query: str, city: str | None) -> Mapping[str, Any] | None:
        if self.answer_log is None:
            return None
        page = self.answer_log.recorded_answer(
            self.name, normalise_query(query), normalise_query(city)
        )
        if page is not None:
            self.hits += 1
        return page

    def _log_answer(self, query: str, city: str | None, page: Mapping[str, Any]) -> None:
        if self.answer_log is not None:
            self.answer_log.record_answer(
                self.name, normalise_query(query), normalise_query(city), page
            )

    @contextmanager
    def answers_logged_to(self, log: AnswerLog) -> Iterator[None]:
        """Hand every answer to ``log`` (and replay its answers) while in the block."""
        previous, self.answer_log = self.answer_log, log
        try:
            yield
        finally:
            self.answer_log = previous
