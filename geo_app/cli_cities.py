"""``carrier-map cities add NAME`` and ``carrier-map cities list``.

``add`` covers one more prefecture-level city in the workspace: its row in
the ``cities`` table and its county-level units in the ``boundaries`` layer,
from the shipped city data (``data/cities/``, Henan's 18). ``list`` prints
the covered cities: name, adcode, units and the 2020 census total, or that
the city has none and its analysis works by area. Messages are in the
command line's language.
"""

from __future__ import annotations

import argparse

from geo_app.cities import City, all_cities, city_record
from geo_app.cli_workspace import open_workspace, who_of
from geo_app.errors import UnknownCityError, UsageError
from geo_app.messages import render_message, resolve_lang

__all__ = ["city_line", "run"]


def city_line(city: City, lang: str) -> str:
    """One covered city as ``cities list`` prints it (tab-separated).

    Examples
    --------
    >>> from geo_app.cities import city_record
    >>> city_line(city_record("许昌市"), "en")
    '许昌市\\tXuchang\\t411000\\t6 units\\tno census figure — analysis by area'
    """
    if city.census_2020 is None:
        population = render_message("cities.by_area", lang)
    else:
        population = render_message("cities.census", lang, {"population": f"{city.census_2020:,}"})
    units = render_message("cities.units", lang, {"count": len(city.units)})
    return "\t".join((city.name, city.name_en, city.adcode, units, population))


def _find(name: str) -> City:
    """The shipped city ``name`` names; a city of China not shipped gets its own message."""
    try:
        return city_record(name)
    except UnknownCityError:
        from geo_app.extraction._places import CITIES as CHINA  # every prefecture-level name

        if name.strip().removesuffix("市") in CHINA:
            known = ", ".join(c.name for c in all_cities())
            raise UsageError(
                code="cities.not_shipped", params={"name": name, "known": known}
            ) from None
        raise


def run(args: argparse.Namespace) -> int:
    """Run ``carrier-map cities add|list``; returns the exit status."""
    lang = resolve_lang(getattr(args, "cli_lang", None))
    if args.action == "add":
        if not args.name:
            raise UsageError(code="cities.needs_name")
        city = _find(args.name)
        workspace = open_workspace(args)
        city, added = workspace.add_city(city, who=who_of(args))
        code = "cities.added" if added else "cities.already"
        params = {
            "name": city.label(lang),
            "adcode": city.adcode,
            "units": len(city.units),
            "path": workspace.path,
        }
        print(render_message(code, lang, params))
        return 0
    workspace = open_workspace(args)
    for city in workspace.cities():
        print(city_line(city, lang))
    return 0
