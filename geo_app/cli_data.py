"""The ``build``, ``export`` and ``validate`` subcommands of ``carrier-map``.

``build`` writes one GeoJSON per category plus the boundaries; ``export``
writes a GeoPackage, GeoJSON or CSV of every layer, the Excel workbook or the
standalone HTML map, as the app's Export tab offers them; ``validate`` checks
the data files and, when the plan documents are present, every cited phrase.
Their options are defined in :mod:`geo_app.cli_parsers`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo_app.boundaries import read_boundaries
from geo_app.cli_parsers import parse_cities
from geo_app.config import Settings
from geo_app.exports import gpkg_layers, standalone_map_html, workbook_sheets, xlsx_bytes
from geo_app.messages import resolve_lang
from geo_app.model import Category
from geo_app.pipeline import CarrierLayers, load_carriers
from geo_app.registry import read_registry, read_targets, split_list
from geo_app.storage import atomic_folder, write_bytes_atomic, write_text_atomic
from geo_app.targets import gap_table
from layers.assets import VENDOR_DIR, VendorError
from layers.files import write_csv, write_geojson, write_gpkg

__all__ = ["run_build", "run_export", "run_validate"]


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_overrides(
        data_dir=args.data_dir, registry=args.registry, targets=args.targets
    )


def _category_layers(layers: CarrierLayers) -> dict[str, object]:
    by_cat = layers.by_category()
    empty = layers.placed.iloc[0:0]
    return {f"carriers_{c.value}": by_cat.get(c.value, empty) for c in Category}


def _read_inputs(settings: Settings) -> tuple[CarrierLayers, gpd.GeoDataFrame, pd.DataFrame]:
    """Every input of ``build`` and ``export``, read and checked before anything is written."""
    layers = load_carriers(settings)
    boundaries = read_boundaries(settings.boundaries_file)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
    return layers, boundaries, gaps


def run_build(args: argparse.Namespace) -> int:
    """Run ``carrier-map build``; returns the exit status."""
    out = Path(args.out)
    layers, boundaries, gaps = _read_inputs(_settings(args))
    lines: list[str] = []
    # The set is written beside ``out`` and swapped in whole: never a mix of runs.
    with atomic_folder(out) as tmp:
        for name, gdf in _category_layers(layers).items():
            write_geojson(gdf, tmp / f"{name}.geojson")  # type: ignore[arg-type]
            lines.append(f"{out / f'{name}.geojson'}  ({len(gdf)} carriers)")  # type: ignore[arg-type]
        write_geojson(boundaries, tmp / "boundaries.geojson")
        lines.append(str(out / "boundaries.geojson"))
        write_csv(layers.unplaced, tmp / "unplaced.csv")
        lines.append(f"{out / 'unplaced.csv'} ({len(layers.unplaced)} carriers)")
        write_csv(gaps, tmp / "targets_vs_mapped.csv")
        lines.append(str(out / "targets_vs_mapped.csv"))
    print("\n".join(lines))
    return 0


def _export_city(value: str | None) -> str | None:
    """The city of ``--city`` (``None`` for both)."""
    if value is None:
        return None
    cities = parse_cities(value)
    return cities[0] if len(cities) == 1 else None


def _export_path(out: Path, suffix: str, default_name: str) -> Path:
    """``--out`` itself when it names a file of ``suffix``, else a file in that folder."""
    return out if out.suffix.lower() == suffix else out / default_name


def _workspace_inputs(
    args: argparse.Namespace,
) -> tuple[CarrierLayers, gpd.GeoDataFrame, pd.DataFrame]:
    """The workspace's carriers and targets counted from it (``--workspace``)."""
    from geo_app.cli_workspace import open_workspace
    from geo_app.workspace import count_targets
    from geo_app.workspace.views import carrier_layers

    workspace = open_workspace(args)
    carriers = workspace.carriers()
    boundaries = workspace.boundaries()  # the covered cities' units
    return carrier_layers(carriers), boundaries, count_targets(workspace.targets(), carriers)


def run_export(args: argparse.Namespace) -> int:
    """Run ``carrier-map export``; returns the exit status."""
    from geo_app.cli_workspace import workspace_requested

    city = _export_city(args.city)
    in_workspace = workspace_requested(args)
    read = _workspace_inputs if in_workspace else lambda a: _read_inputs(_settings(a))
    layers, boundaries, gaps = read(args)
    placed, unplaced = layers.placed, layers.unplaced
    if city is not None:
        placed = placed[placed["city"] == city]
        unplaced = unplaced[unplaced["city"] == city]
        gaps = gaps[gaps["city"] == city]
    out = Path(args.out)
    if args.format == "html":
        html = standalone_map_html(
            placed,
            boundaries,
            city=city,
            lang=resolve_lang(args.cli_lang, default="zh"),  # the app's default language
            basemap=args.basemap,
        )
        if html is None:
            raise VendorError(code="assets.vendor_missing", params={"folder": VENDOR_DIR})
        print(write_text_atomic(html, _export_path(out, ".html", "map.html")))
    elif args.format == "xlsx":
        data = xlsx_bytes(workbook_sheets(placed, unplaced, gaps))
        print(write_bytes_atomic(data, _export_path(out, ".xlsx", "carriers.xlsx")))
    elif args.format == "gpkg":
        path = _export_path(out, ".gpkg", "carriers.gpkg")
        print(write_gpkg(gpkg_layers(placed, unplaced, boundaries, gaps), path))
    elif args.format == "geojson":
        named = gpkg_layers(placed, unplaced, boundaries, gaps)
        for name in [n for n in named if n not in ("unplaced", "targets_vs_mapped")]:
            print(write_geojson(named[name], out / f"{name}.geojson"))  # type: ignore[arg-type]
        if in_workspace:  # carriers known only to their city: features without geometry
            rest = gpd.GeoDataFrame(unplaced, geometry=[None] * len(unplaced), crs=4326)
            print(write_geojson(rest, out / "unplaced.geojson"))
    else:
        print(write_csv(placed, out / "carriers.csv"))
        print(write_csv(unplaced, out / "unplaced.csv"))
        print(write_csv(gaps, out / "targets_vs_mapped.csv"))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Run ``carrier-map validate``; returns 1 when a cited phrase is missing."""
    settings = _settings(args)
    registry = read_registry(settings.registry_file)
    targets = read_targets(settings.targets_file)
    layers = load_carriers(settings)
    print(f"registry: {len(registry)} carriers ({settings.registry_file})")
    print(f"targets:  {len(targets)} planned counts ({settings.targets_file})")
    counts = layers.placed["precision"].value_counts().to_dict()
    print(f"placed:   {len(layers.placed)} by precision {counts}")
    print(f"unplaced: {len(layers.unplaced)}")
    for _, row in layers.unplaced.iterrows():
        print(f"  {row['id']} {row['name_zh']}: {row['reason']}")
    if not settings.seeds_dir.is_dir():
        print(f"plan documents not found at {settings.seeds_dir}: phrases not checked")
        return 0
    missing = 0
    for _, row in registry.iterrows():
        for file, phrase in zip(
            split_list(row["source_files"]), split_list(row["source_phrases"]), strict=True
        ):
            doc = settings.seeds_dir / file
            if not doc.is_file() or phrase not in doc.read_text(encoding="utf-8"):
                print(f"  {row['id']}: phrase not found in {file}: {phrase}")
                missing += 1
    print(f"phrases: {'all found' if not missing else f'{missing} not found'}")
    return 1 if missing else 0
