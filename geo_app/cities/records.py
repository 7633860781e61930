"""The City record: one prefecture-level city and its county-level units.

Every fact here is read from ``data/cities/`` (see :mod:`geo_app.cities.registry`);
the classes only hold and look up what the files say.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pyproj is loaded when a CRS is asked for: the records stay light
    import pyproj

__all__ = [
    "CITY_KINDS",
    "UNIT_KINDS",
    "City",
    "FormerName",
    "Unit",
    "Zone",
    "lookup_key",
]

#: ``prefecture``: a prefecture-level city (地级市); ``province_administered``: a
#: county-level city administered directly by its province (济源市), which
#: stands at prefecture level and is its own single county-level unit.
CITY_KINDS: tuple[str, ...] = ("prefecture", "province_administered")

#: 区, 县 and 县级市.
UNIT_KINDS: tuple[str, ...] = ("district", "county", "county_city")


def lookup_key(text: str) -> str:
    """The form names are compared in: NFKC, case-folded, without spaces.

    Examples
    --------
    >>> lookup_key(" Luo Yang ")
    'luoyang'
    >>> lookup_key("洛阳市") == lookup_key("洛阳市")
    True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split())


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name a unit, or a part of it, had before a change of the division.

    Parameters
    ----------
    name, adcode
        The former unit and its code (偃师市, 410381).
    until
        The year the change took effect.
    change
        ``renamed`` (same area under a new name or status) or ``merged``
        (the former unit is now part of this one).
    source
        Where the change is published (address of the page quoted).
    """

    name: str
    adcode: str
    until: int
    change: str
    source: str


@dataclass(frozen=True, slots=True)
class Zone:
    """A functional zone (高新区, 经开区 …): not an administrative unit.

    Parameters
    ----------
    name, name_en, aliases
        How plans and lists write it.
    unit_adcodes
        The county-level units it lies in; empty when no source names them.
    draw_unit
        The unit a carrier written only with this zone is placed in; empty
        means the city's own point (city precision).
    source
        Where its extent is published.
    """

    name: str
    name_en: str
    aliases: tuple[str, ...]
    unit_adcodes: tuple[str, ...]
    draw_unit: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling: name, English name and aliases."""
        return (self.name, self.name_en, *self.aliases)


@dataclass(frozen=True, slots=True)
class Unit:
    """A county-level unit (区, 县 or 县级市) of the current division.

    Parameters
    ----------
    adcode, name
        Code and the name the project uses (瀍河区).
    official_name
        Full statutory name (瀍河回族区); equal to ``name`` for most units.
    name_en, kind
        Pinyin name and one of :data:`UNIT_KINDS`.
    aliases
        Other spellings (the name without 区/县/市 …).
    former_names
        Earlier units now part of this one, with the year of the change.
    """

    adcode: str
    name: str
    official_name: str
    name_en: str
    kind: str
    aliases: tuple[str, ...] = ()
    former_names: tuple[FormerName, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that means this unit today (not its former names)."""
        return tuple(dict.fromkeys((self.name, self.official_name, self.name_en, *self.aliases)))


@dataclass(frozen=True, slots=True)
class City:
    """A prefecture-level city: names, codes, units, CRS and population source.

    Parameters
    ----------
    adcode, name, name_en, slug, province
        ``410300``, ``洛阳市``, ``Luoyang``, ``luoyang``, ``河南省``.
    kind
        One of :data:`CITY_KINDS`.
    aliases
        Every other spelling the registry resolves to this city (the name
        without 市, pinyin in any case, …), beside name, slug and adcode.
    units
        Its county-level units, in adcode order.
    zones
        Functional zones inside it.
    distance_epsg
        The CGCS2000 3-degree Gauss-Krüger zone distances are measured in
        (the zone :func:`geo_app.analysis.crs.analysis_crs` picks for the
        extent of its boundaries).
    census_source, census_2020
        Source id in ``data/population.csv`` and the 2020 census resident
        total; both ``None`` when no cited total exists (the analysis then
        works by area).
    shipped
        ``True`` for the cities the app covers out of the box.

    Examples
    --------
    >>> from geo_app.cities import city_record
    >>> city = city_record("luoyang")
    >>> city.name, city.adcode, len(city.units), city.distance_crs.to_epsg()
    ('洛阳市', '410300', 14, 4546)
    >>> city.find_unit("偃师市").name
    '偃师区'
    """

    adcode: str
    name: str
    name_en: str
    slug: str
    province: str
    kind: str
    aliases: tuple[str, ...]
    units: tuple[Unit, ...]
    zones: tuple[Zone, ...]
    distance_epsg: int
    census_source: str | None
    census_2020: int | None
    shipped: bool

    @property
    def short_name(self) -> str:
        """The name without 市 (洛阳)."""
        return self.name.removesuffix("市")

    @property
    def names(self) -> tuple[str, ...]:
        """Every key :func:`~geo_app.cities.city_record` resolves to this city."""
        return tuple(
            dict.fromkeys(
                (self.name, self.short_name, self.name_en, self.slug, self.adcode, *self.aliases)
            )
        )

    def label(self, lang: str) -> str:
        """The name shown in ``lang``: Chinese for ``zh``, English otherwise.

        Examples
        --------
        >>> from geo_app.cities import city_record
        >>> city_record("luohe").label("en"), city_record("luohe").label("zh")
        ('Luohe', '漯河市')
        """
        return self.name if lang == "zh" else self.name_en

    @property
    def distance_crs(self) -> pyproj.CRS:
        """The projected CRS distances, buffers and grids are measured in."""
        import pyproj

        return pyproj.CRS.from_epsg(self.distance_epsg)

    @property
    def unit_names(self) -> tuple[str, ...]:
        """The units' names, in adcode order."""
        return tuple(unit.name for unit in self.units)

    @property
    def district_units(self) -> tuple[Unit, ...]:
        """The units that are 区 (the urban core, 市辖区)."""
        return tuple(unit for unit in self.units if unit.kind == "district")

    def find_unit(self, text: str) -> Unit | None:
        """The unit ``text`` names today or named before a change, if any.

        ``text`` may be a name, the official or short name, the pinyin name,
        the adcode, or a former name (偃师市, 吉利区, 孟津县).
        """
        key = lookup_key(text)
        for unit in self.units:
            if key in {lookup_key(n) for n in (*unit.names, unit.adcode)}:
                return unit
        for unit in self.units:
            for former in unit.former_names:
                if key in {lookup_key(former.name), former.adcode}:
                    return unit
        return None

    def find_zone(self, text: str) -> Zone | None:
        """The functional zone ``text`` names, if any."""
        key = lookup_key(text)
        return next(
            (z for z in self.zones if key in {lookup_key(n) for n in z.names}),
            None,
        )

    def place_unit(self, text: str) -> Unit | None:
        """The unit a written place is drawn in: a unit, a former name or a zone.

        ``None`` when ``text`` is none of these, or is a zone that no source
        places in one unit (then the city's own point is used).

        Examples
        --------
        >>> from geo_app.cities import city_record
        >>> city = city_record("洛阳市")
        >>> [getattr(city.place_unit(t), "name", None) for t in ("伊滨区", "吉利区", "经开区")]
        ['偃师区', '孟津区', None]
        """
        unit = self.find_unit(text)
        if unit is not None:
            return unit
        zone = self.find_zone(text)
        if zone is None or not zone.draw_unit:
            return None
        return self.unit_by_adcode(zone.draw_unit)

    def unit_by_adcode(self, adcode: str) -> Unit:
        """The unit with this adcode (``KeyError`` if it is not one of this city's)."""
        for unit in self.units:
            if unit.adcode == adcode:
                return unit
        raise KeyError(adcode)
