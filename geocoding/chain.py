"""Try several geocoders in order and keep the best result inside the expected area.

Every candidate is checked against the expected city and district polygons
(:class:`~geocoding.check.AreaIndex`). A candidate outside is *rejected* and
the reason kept: the classic case is a pinyin query such as ``"Zhoushan smart
island"`` meant for 周山 in Luoyang that a provider answers with 舟山 in
Zhejiang. Among accepted candidates the best precision wins; on a tie the
earlier provider wins. The chain stops as soon as it holds a ``point``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from geo_app.errors import GeocodingError, OutOfAreaError
from geocoding.base import PRECISION_RANK, Geocoder, Location, Precision
from geocoding.check import AreaIndex

__all__ = ["Attempt", "GeocoderChain", "Rejection", "Resolution"]

logger = logging.getLogger(__name__)

AttemptStatus = Literal["ok", "no_result", "rejected", "error", "skipped"]


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate refused by the area check, with the reason."""

    location: Location
    reason: str


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one provider did for one query."""

    provider: str
    status: AttemptStatus
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of one query through the chain.

    Attributes
    ----------
    best
        The accepted candidate with the best precision, or ``None``.
    candidates
        Every accepted candidate, best first (the planner may pick another).
    rejected
        Candidates outside the expected area, with reasons.
    attempts
        One entry per provider, in order.
    """

    query: str
    city: str | None
    district: str | None
    best: Location | None
    candidates: tuple[Location, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    attempts: tuple[Attempt, ...] = field(default_factory=tuple)

    @property
    def reason(self) -> str:
        """Why there is no (or only a coarse) result, in one line."""
        parts = [r.reason for r in self.rejected]
        parts += [
            f"{a.provider}: {a.reason}" for a in self.attempts if a.status in ("error", "skipped")
        ]
        if self.best is None and not parts:
            parts.append("no provider found it")
        return "; ".join(parts)


def _rank(location: Location) -> int:
    return PRECISION_RANK[location.precision]


class GeocoderChain:
    """Geocoders tried in order, results checked against the expected area.

    Follows the :class:`~geocoding.base.Geocoder` contract (``geocode``) and
    adds :meth:`resolve`, which also returns the other candidates and why
    some were rejected.

    Parameters
    ----------
    geocoders
        Providers in order of preference. A provider with ``geocode_all``
        contributes all its candidates, others their single best.
    area_index
        Polygons of the cities and districts; ``None`` loads the shipped ones.
    skipped
        Providers left out (e.g. no key), name -> reason; reported per query.
    stop_at
        Stop asking further providers once a result this precise is held.

    Examples
    --------
    >>> from geocoding.gazetteer import Gazetteer
    >>> chain = GeocoderChain([Gazetteer.from_data_dir()])
    >>> res = chain.resolve("Zhoushan smart island", city="洛阳市")
    >>> res.best.raw["city"]
    '洛阳市'
    """

    name = "chain"

    def __init__(
        self,
        geocoders: Sequence[Geocoder],
        *,
        area_index: AreaIndex | None = None,
        skipped: Mapping[str, str] | None = None,
        stop_at: Precision = Precision.POINT,
    ) -> None:
        self.geocoders = tuple(geocoders)
        self.area_index = area_index if area_index is not None else AreaIndex.default()
        self.skipped = dict(skipped or {})
        self.stop_at = stop_at

    def _candidates(
        self, geocoder: Geocoder, query: str, city: str | None, district: str | None
    ) -> list[Location]:
        geocode_all = getattr(geocoder, "geocode_all", None)
        if callable(geocode_all):
            return list(geocode_all(query, city=city, district=district))
        found = geocoder.geocode(query, city=city, district=district)
        return [] if found is None else [found]

    def _check(
        self, location: Location, query: str, city: str | None, district: str | None
    ) -> None:
        # A city-level point says nothing about the district; an unknown
        # district (a functional zone such as 伊滨区) is checked by its city.
        check_district = district
        if location.precision is Precision.CITY or (
            district and self.area_index.area(city=city, district=district) is None
        ):
            check_district = None
        self.area_index.check(location, city=city, district=check_district, query=query)

    def resolve(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> Resolution:
        """Ask the providers in order; return the best accepted result and the rest."""
        accepted: list[Location] = []
        rejected: list[Rejection] = []
        attempts = [Attempt(name, "skipped", reason) for name, reason in self.skipped.items()]
        for geocoder in self.geocoders:
            try:
                found = self._candidates(geocoder, query, city, district)
            except GeocodingError as err:
                logger.info("%s failed for a query: %s", geocoder.name, err)
                attempts.append(Attempt(geocoder.name, "error", getattr(err, "message", str(err))))
                continue
            if not found:
                attempts.append(Attempt(geocoder.name, "no_result"))
                continue
            kept = 0
            for location in found:
                try:
                    self._check(location, query, city, district)
                except OutOfAreaError as err:
                    rejected.append(Rejection(location, f"{geocoder.name}: {err}"))
                    continue
                accepted.append(location)
                kept += 1
            attempts.append(
                Attempt(geocoder.name, "ok" if kept else "rejected", "" if kept else "outside area")
            )
            if accepted and min(map(_rank, accepted)) <= PRECISION_RANK[self.stop_at]:
                break
        accepted.sort(key=_rank)  # stable: earlier providers win ties
        return Resolution(
            query=query,
            city=city,
            district=district,
            best=accepted[0] if accepted else None,
            candidates=tuple(accepted),
            rejected=tuple(rejected),
            attempts=tuple(attempts),
        )

    def geocode(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> Location | None:
        """The best accepted result, or ``None``."""
        return self.resolve(query, city=city, district=district).best
