"""Rebuild geo_app/extraction/data/countries.csv: the Chinese names of the
world's countries, so that a carrier a plan names after one (越南海河工业园,
埃及国家水产产业园) is kept apart as lying abroad instead of being given the
plan's city.

Names come from two public references, both installed from PyPI:

* the Unicode CLDR territory names of the ``zh`` locale, as shipped by
  Babel (``babel.Locale("zh").territories``): the standard short names
  (柬埔寨, 吉尔吉斯斯坦, 危地马拉);
* the ``zh_CN`` translations of ISO 3166-1 of Debian's iso-codes, as
  shipped by pycountry: other written forms of the same countries
  (阿联酋, 孟加拉).

China itself and its regions with their own code (香港, 澳门, 台湾) are left
out: a name written with them is not abroad. So is bare 蒙古 (see
``_OTHER_MEANING``). Both packages are in the
project's ``dev`` extra.

Run: ``python scripts/build_countries.py [--out FILE]``
"""

from __future__ import annotations

import argparse
import csv
import gettext
import sys
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "geo_app" / "extraction" / "data" / "countries.csv"
#: The versions the shipped file was built with (its rebuild test compares
#: only with these).
BUILT_WITH = {"babel": "2.19.0", "pycountry": "26.2.16"}
_HOME = {"CN", "HK", "MO", "TW"}
# Forms a Chinese text uses for something else: bare 蒙古 names the Mongol
# people and their heritage (蒙古源流文化产业园 lies in 鄂尔多斯); the country
# is written 蒙古国.
_OTHER_MEANING = {"蒙古"}


def _iso_codes_names() -> dict[str, set[str]]:
    locales = Path(pycountry.__file__).with_name("locales")
    path = locales / "zh_CN" / "LC_MESSAGES" / "iso3166-1.mo"
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        forms = {translations.gettext(country.name)}
        common = getattr(country, "common_name", None)
        if common:
            forms.add(translations.gettext(common))
        names[country.alpha_2] = forms
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    out: Path = parser.parse_args(argv).out
    iso = _iso_codes_names()
    cldr = Locale("zh").territories
    rows: list[tuple[str, str, str]] = []
    for code in sorted(iso):
        if code in _HOME:
            continue
        found: dict[str, list[str]] = {}
        if code in cldr:
            found.setdefault(cldr[code], []).append("cldr")
        for name in iso[code]:
            found.setdefault(name, []).append("iso-codes")
        for name, sources in sorted(found.items()):
            # Names written with spaces or ASCII are not forms a text uses.
            if " " in name or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
                continue
            if name in _OTHER_MEANING:
                continue
            rows.append((code, name, "+".join(sources)))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "source"])
        writer.writerows(rows)
    print(f"{out}: {len(rows)} names of {len({r[0] for r in rows})} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
