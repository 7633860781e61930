"""Rebuild data/gazetteer.csv from the registry and the district points.

Rows with precision ``point`` or ``area`` are curated by hand (each with the
source of its coordinate) and kept as they are. Every other carrier of the
registry gets the representative point of its administrative district
(precision ``district``) or, when the documents and sources name no
district, of its city (precision ``city``). No coordinate is ever guessed.

Run: ``python scripts/build_gazetteer.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo_app.config import Settings  # noqa: E402
from geo_app.registry import read_registry  # noqa: E402
from geo_app.storage import write_csv_atomic  # noqa: E402

COLUMNS = ["name", "aliases", "city", "admin_district", "lon", "lat", "precision", "source", "note"]


def main() -> int:
    settings = Settings()
    registry = read_registry(settings.registry_file)
    points = pd.read_csv(settings.district_points_file, dtype=str, keep_default_na=False)
    path = settings.data_dir / "gazetteer.csv"
    curated = pd.DataFrame(columns=COLUMNS)
    if path.is_file():
        old = pd.read_csv(path, dtype=str, keep_default_na=False)
        curated = old[old["precision"].isin(["point", "area"])]
    rows = []
    for _, row in registry[~registry["out_of_area"]].iterrows():
        if row["name_zh"] in set(curated["name"]):
            continue
        district = row["admin_district"]
        match = points[(points["city"] == row["city"]) & (points["admin_district"] == district)]
        if match.empty:
            print(f"no representative point for {row['city']} {district!r}", file=sys.stderr)
            return 1
        pt = match.iloc[0]
        level = "district" if district else "city"
        where = district or row["city"]
        rows.append(
            {
                "name": row["name_zh"],
                "aliases": "|".join(x for x in (row["aliases"], row["name_en"]) if x),
                "city": row["city"],
                "admin_district": district,
                "lon": pt["lon"],
                "lat": pt["lat"],
                "precision": level,
                "source": f"representative point of {where} (district_points.csv)",
                "note": f"no trustworthy coordinate of the carrier itself is known; placed in {where}",
            }
        )
    out = pd.concat([curated, pd.DataFrame(rows, columns=COLUMNS)], ignore_index=True)
    write_csv_atomic(out, path)
    print(f"wrote {path} ({len(out)} rows, {len(curated)} curated)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
