"""The ``carrier-map`` command line.

Subcommands: ``build`` (one GeoJSON per category plus boundaries), ``export``
(GeoPackage, GeoJSON or CSV of every layer, the Excel workbook or the
standalone HTML map, as the app's Export tab offers them), ``validate`` (check the data
files and, when the plan documents are present, every cited phrase).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from geo_app import __version__
from geo_app.boundaries import read_boundaries
from geo_app.cli_analyse import _cities
from geo_app.config import Settings
from geo_app.errors import GeoAppError, cli_error_text
from geo_app.exports import gpkg_layers, standalone_map_html, workbook_sheets, xlsx_bytes
from geo_app.messages import LANG_ENV, LANGS, render_message, resolve_lang
from geo_app.model import Category
from geo_app.pipeline import CarrierLayers, load_carriers
from geo_app.registry import read_registry, read_targets, split_list
from geo_app.storage import atomic_folder, write_bytes_atomic, write_text_atomic
from geo_app.targets import gap_table
from layers.assets import VENDOR_DIR, VendorError
from layers.basemaps import BASEMAPS
from layers.files import write_csv, write_geojson, write_gpkg

__all__ = ["build_parser", "main"]

#: Modules that add their own subcommand (``add_parser`` / ``run``).
_SUBCOMMAND_MODULES: tuple[str, ...] = (
    "geo_app.extraction.cli",
    "geo_app.cli_geocode",
    "geo_app.cli_analyse",
    "geo_app.cli_select",
)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_overrides(
        data_dir=args.data_dir, registry=args.registry, targets=args.targets
    )


def _category_layers(layers: CarrierLayers) -> dict[str, object]:
    by_cat = layers.by_category()
    empty = layers.placed.iloc[0:0]
    return {f"carriers_{c.value}": by_cat.get(c.value, empty) for c in Category}


def _run_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    out = Path(args.out)
    # Every input is read and checked before anything is written.
    layers = load_carriers(settings)
    boundaries = read_boundaries(settings.boundaries_file)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
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
    cities = _cities(value)
    return cities[0] if len(cities) == 1 else None


def _export_path(out: Path, suffix: str, default_name: str) -> Path:
    """``--out`` itself when it names a file of ``suffix``, else a file in that folder."""
    return out if out.suffix.lower() == suffix else out / default_name


def _run_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    city = _export_city(args.city)
    layers = load_carriers(settings)
    boundaries = read_boundaries(settings.boundaries_file)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
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
    else:
        print(write_csv(placed, out / "carriers.csv"))
        print(write_csv(unplaced, out / "unplaced.csv"))
        print(write_csv(gaps, out / "targets_vs_mapped.csv"))
    return 0


def _run_validate(args: argparse.Namespace) -> int:
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``carrier-map``."""
    parser = argparse.ArgumentParser(
        prog="carrier-map",
        description="Innovation carriers of Luoyang and Luohe: registry, map layers, gaps.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang",
        dest="cli_lang",
        choices=LANGS,
        help=f"language of the messages (default: ${LANG_ENV}, else en)",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="folder with the data files (default: data/)")
    common.add_argument(
        "--registry", help="carrier registry CSV to use instead of data/carriers.csv"
    )
    common.add_argument("--targets", help="planned counts CSV to use instead of data/targets.csv")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", parents=[common], help="write one GeoJSON per category")
    build.add_argument("--out", default="out", help="output folder (default: out/)")
    build.set_defaults(func=_run_build)
    export = sub.add_parser(
        "export", parents=[common], help="export every layer, the Excel workbook or the HTML map"
    )
    export.add_argument(
        "--format", choices=("gpkg", "geojson", "csv", "xlsx", "html"), default="gpkg"
    )
    export.add_argument(
        "--out", default="out", help="output folder, or a .gpkg, .xlsx or .html file"
    )
    export.add_argument("--city", help="洛阳市 or 漯河市 (or luoyang, luohe); default: both")
    export.add_argument(
        "--basemap",
        default="osm",
        choices=[key for key, b in BASEMAPS.items() if b.needs_key is None],
        help="basemap of the HTML map (default osm)",
    )
    export.set_defaults(func=_run_export)
    validate = sub.add_parser("validate", parents=[common], help="check the data files")
    validate.set_defaults(func=_run_validate)
    for name in _SUBCOMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``carrier-map``; returns the exit status (2 for bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = resolve_lang(args.cli_lang)
    try:
        return int(args.func(args))
    except GeoAppError as err:
        print(cli_error_text(err, lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(render_message("cli.interrupted", lang), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
