"""The shareable view: what a copied link reopens.

City, language, basemap, hidden layers, analysis settings and, when the
planner copied the link with the map's link button, the map centre and zoom
(``at=lat,lon,zoom``) live in the URL query string; :class:`ViewState`
converts both ways and ignores anything it does not recognise, so a mangled
link opens a sensible default view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from geo_app.errors import GeoAppError
from geo_app.model import Category
from geocoding.coords import gcj02_to_wgs84

__all__ = ["ALL_CITIES", "LANGS", "PAGES", "ViewState"]

LANGS: tuple[str, ...] = ("zh", "en")
#: The URL's value for "all the workspace's cities" (``both`` is still read).
ALL_CITIES: str = "all"
_ALL_KEYS = frozenset({ALL_CITIES, "both", ""})


def _city_of(key: str) -> str | None:
    """The city a URL value names (slug, name, pinyin, adcode); None for all or unknown."""
    if key in _ALL_KEYS:
        return None
    from geo_app.cities import city_record

    try:
        return city_record(key).name
    except GeoAppError:  # a mangled link opens all cities
        return None


def _slug_of(city: str) -> str:
    from geo_app.cities import city_record

    return city_record(city).slug


_CATEGORIES = tuple(c.value for c in Category)


def _first(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


def _at(text: str) -> tuple[float, float, int] | None:
    """``lat,lon,zoom[,gcj02]`` → WGS-84 ``(lat, lon, zoom)``, or None if malformed.

    >>> _at("34.62,112.45,12")
    (34.62, 112.45, 12)
    >>> _at("34.62,112.45,99") is None, _at("north,east,3") is None
    (True, True)
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3].lower() != "gcj02"):
        return None
    try:
        lat, lon, zoom = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and 1 <= zoom <= 19):
        return None
    if len(parts) == 4:  # centre read off a GCJ-02 basemap: back to WGS-84, exactly
        lon, lat = gcj02_to_wgs84(lon, lat)
    return (round(float(lat), 6), round(float(lon), 6), zoom)


def _decimal(value: float) -> str:
    """Up to six decimals, no trailing zeros (about 0.1 m)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _radius(text: str, default: float) -> float:
    try:
        value = float(text)
    except ValueError:
        return default
    return value if 100.0 <= value <= 50_000.0 else default


#: The app's pages, in the order they are offered; only the page shown computes.
PAGES: tuple[str, ...] = (
    "map",
    "targets",
    "inventory",
    "analysis",
    "siting",
    "import",
    "export",
)


@dataclass(frozen=True)
class ViewState:
    """One view of the app.

    Examples
    --------
    >>> v = ViewState.from_query({"city": "luohe", "lang": "en", "hide": "park,zone"})
    >>> v.city, v.lang, v.hidden
    ('漯河市', 'en', ('park', 'zone'))
    >>> ViewState.from_query(v.to_query()) == v
    True
    >>> ViewState.from_query({"view": "siting"}).page, ViewState.from_query({"view": "x"}).page
    ('siting', 'map')
    """

    city: str | None = None
    lang: str = "zh"
    basemap: str = "osm"
    hidden: tuple[str, ...] = ()
    radius_m: Mapping[str, float] = field(default_factory=dict)
    include_approximate: bool = False
    at: tuple[float, float, int] | None = None
    page: str = "map"

    @classmethod
    def from_query(cls, query: Mapping[str, str | list[str]]) -> ViewState:
        """Read a view from URL query parameters (unknown values fall back to defaults)."""
        city_code = _first(query.get("city")).lower()
        city = _city_of(city_code)
        lang = _first(query.get("lang"))
        hidden = tuple(c for c in _first(query.get("hide")).split(",") if c in _CATEGORIES)
        radii: dict[str, float] = {}
        for cat in _CATEGORIES:
            text = _first(query.get(f"r_{cat}"))
            if text:
                radii[cat] = _radius(text, 0.0) or 0.0
        return cls(
            city=city,
            lang=lang if lang in LANGS else "zh",
            basemap=_first(query.get("basemap")) or "osm",
            hidden=tuple(sorted(set(hidden))),
            radius_m={k: v for k, v in radii.items() if v > 0},
            include_approximate=_first(query.get("approx")) == "1",
            at=_at(_first(query.get("at"))),
            page=page if (page := _first(query.get("view"))) in PAGES else "map",
        )

    def to_query(self) -> dict[str, str]:
        """Query parameters for this view (defaults omitted, so links stay short)."""
        out: dict[str, str] = {}
        if self.city is not None:
            out["city"] = _slug_of(self.city)
        if self.lang != "zh":
            out["lang"] = self.lang
        if self.basemap != "osm":
            out["basemap"] = self.basemap
        if self.hidden:
            out["hide"] = ",".join(sorted(self.hidden))
        for cat, value in sorted(self.radius_m.items()):
            out[f"r_{cat}"] = f"{value:g}"
        if self.include_approximate:
            out["approx"] = "1"
        if self.at is not None:
            lat, lon, zoom = self.at
            out["at"] = ",".join((_decimal(lat), _decimal(lon), str(zoom)))
        if self.page != "map":
            out["view"] = self.page
        return out

    def with_changes(self, **changes: object) -> ViewState:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)  # type: ignore[arg-type]
