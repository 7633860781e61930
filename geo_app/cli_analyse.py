"""``carrier-map analyse``: coverage, density and target gaps as tables and files.

Prints, for each city, the coverage of every district (share of area and of
population within reach of a carrier), carrier density per district, the
city-level planned counts against what exists or is named, and the per-district
allocation of each target with its gap. With ``--out`` every table is written
as CSV and every layer as GeoJSON; with ``--gpkg`` they are added to a
GeoPackage.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import pandas as pd

from geo_app.analysis.allocation import Basis
from geo_app.analysis.coverage import CARRIER_CATEGORIES, DEFAULT_RADII_M, mean_distance_km
from geo_app.analysis.density import CLASSIFICATION_SCHEMES
from geo_app.analysis.export import (
    add_to_geopackage,
    export_analysis,
    result_layers,
    result_tables,
)
from geo_app.analysis.grid import DEFAULT_CELL_SIZE_M
from geo_app.analysis.population import read_district_population
from geo_app.analysis.run import (
    AnalysisOptions,
    AnalysisResult,
    city_grid,
    city_population,
    run_analysis,
)
from geo_app.analysis.sources import carriers_from_layers
from geo_app.boundaries import read_boundaries
from geo_app.config import Settings
from geo_app.errors import UsageError
from geo_app.model import CITIES
from geo_app.pipeline import load_carriers
from geo_app.registry import read_registry, read_targets
from geo_app.storage import atomic_folder
from geo_app.targets import gap_table

__all__ = ["add_parser", "parse_radii", "run"]

_CITY_ALIASES = {"luoyang": "洛阳市", "洛阳": "洛阳市", "luohe": "漯河市", "漯河": "漯河市"}


def parse_radii(items: list[str] | None) -> dict[str, float]:
    """Parse ``category=metres`` pairs over the default radii.

    Examples
    --------
    >>> parse_radii(["community=1000"])["community"]
    1000.0
    """
    radii = dict(DEFAULT_RADII_M)
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or key not in CARRIER_CATEGORIES:
            raise UsageError(code="cli.radius_format", params={"item": item})
        try:
            radii[key] = float(value)
        except ValueError as err:
            raise UsageError(
                code="cli.radius_not_number", params={"item": item, "value": value}
            ) from err
        if radii[key] <= 0:
            raise UsageError(code="cli.radius_not_positive", params={"item": item})
    return radii


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``analyse`` subcommand on ``carrier-map``'s subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "analyse",
        help="coverage, density and target gaps per district",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument("--data-dir", help="folder with the data files (default: data/)")
    p.add_argument("--registry", help="carrier registry CSV instead of data/carriers.csv")
    p.add_argument("--targets", help="planned counts CSV instead of data/targets.csv")
    p.add_argument("--city", default="all", help="洛阳市, 漯河市 (or luoyang, luohe) or all")
    p.add_argument(
        "--categories",
        default=",".join(CARRIER_CATEGORIES),
        help="comma-separated categories for coverage and density (default: all five)",
    )
    p.add_argument(
        "--radius",
        action="append",
        metavar="CATEGORY=METRES",
        help="service radius of a category, repeatable (defaults: "
        + ", ".join(f"{k}={v:g}" for k, v in DEFAULT_RADII_M.items())
        + ")",
    )
    p.add_argument(
        "--include-approximate",
        action="store_true",
        help="also use carriers placed only at district precision",
    )
    p.add_argument("--cell-size", type=float, default=DEFAULT_CELL_SIZE_M, help="grid cell, m")
    p.add_argument("--h3-resolution", type=int, default=7, help="H3 resolution (default 7)")
    p.add_argument("--bandwidth-km", type=float, default=2.0, help="KDE bandwidth, km")
    p.add_argument("--basis", choices=("population", "area"), default="population")
    p.add_argument("--scheme", choices=CLASSIFICATION_SCHEMES, default=CLASSIFICATION_SCHEMES[0])
    p.add_argument(
        "--population-grid",
        help="CSV of weighted points (lon,lat,weight) or GeoTIFF replacing the even spread",
    )
    p.add_argument(
        "--layer",
        action="append",
        metavar="FILE",
        help="the planner's own carriers (GeoJSON or GeoPackage of points, e.g. the layer "
        "written by `carrier-map geocode`), analysed with the registry; repeatable",
    )
    p.add_argument(
        "--layer-category",
        choices=CARRIER_CATEGORIES,
        help="category of --layer rows that name none (default: such rows are left out)",
    )
    p.add_argument("--no-registry", action="store_true", help="analyse only the --layer files")
    p.add_argument("--out", help="folder for CSV tables and GeoJSON layers")
    p.add_argument("--gpkg", help="GeoPackage to add the analysis layers and tables to")
    p.set_defaults(func=run)
    return p


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_overrides(
        data_dir=args.data_dir, registry=args.registry, targets=args.targets
    )


def _cities(value: str) -> list[str]:
    if value == "all":
        return list(CITIES)
    city = _CITY_ALIASES.get(value.lower(), value)
    if city not in CITIES:
        raise UsageError(code="cli.city_unknown", params={"value": value})
    return [city]


def _options(args: argparse.Namespace) -> AnalysisOptions:
    cats = tuple(c.strip() for c in args.categories.split(",") if c.strip())
    unknown = [c for c in cats if c not in CARRIER_CATEGORIES]
    if unknown or not cats:
        if not unknown:
            raise UsageError(code="cli.categories_none")
        raise UsageError(code="cli.categories_unknown", params={"names": ", ".join(unknown)})
    basis: Basis = "area" if args.basis == "area" else "population"
    return AnalysisOptions(
        categories=cats,
        radii_m=MappingProxyType(parse_radii(args.radius)),
        include_approximate=bool(args.include_approximate),
        cell_size_m=float(args.cell_size),
        h3_resolution=int(args.h3_resolution),
        bandwidth_km=float(args.bandwidth_km),
        basis=basis,
        scheme=str(args.scheme),
        population_grid=Path(args.population_grid) if args.population_grid else None,
    )


def _print_table(title: str, frame: pd.DataFrame) -> None:
    print(f"\n== {title} ==")
    with pd.option_context(
        "display.width", 200, "display.max_columns", 30, "display.max_rows", 500
    ):
        print(frame.to_string(index=False) if len(frame) else "(none)")


def _report(result: AnalysisResult) -> None:
    cov = result.coverage
    sel = cov.selection
    print(f"\n######## {result.city} ########")
    radii = result.options.radii_m
    print(
        "categories and service radii (m): "
        + ", ".join(f"{c}={radii.get(c, DEFAULT_RADII_M[c]):g}" for c in result.options.categories)
    )
    print(
        f"carriers used: {sel.n_used} ({sel.n_exact} at point/area precision, "
        f"{sel.n_approximate} at district precision included); left out: "
        f"{sel.n_approximate_excluded} district-precision (use --include-approximate), "
        f"{sel.n_city_precision} city-precision, {sel.n_out_of_area} out of area"
    )
    print(f"population: {cov.population.assumption}")
    table = cov.table.copy()
    table["mean_distance_km"] = mean_distance_km(cov)
    _print_table("coverage by district", table.round(3))
    dens = pd.DataFrame(result.density.drop(columns=result.density.geometry.name))
    _print_table("density by district", dens.round(4))
    gaps = result.gaps.drop(columns=["source_phrase"], errors="ignore")
    _print_table("planned counts vs existing and named", gaps)
    alloc = result.allocation[
        ["target_id", "category", "target", "basis", "name", "allocated", "mapped", "gap"]
    ]
    _print_table(f"targets allocated to districts by {result.options.basis}", alloc)


def _carriers(
    args: argparse.Namespace, placed: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """The registry's carriers and/or the planner's ``--layer`` files, as one layer."""
    return carriers_from_layers(
        placed,
        boundaries,
        args.layer or [],
        category=args.layer_category,
        registry=not args.no_registry,
    )


def run(args: argparse.Namespace) -> int:
    """Run ``carrier-map analyse``; returns the exit status."""
    settings = _settings(args)
    options = _options(args)
    cities = _cities(args.city)
    layers = load_carriers(settings)
    boundaries = read_boundaries(settings.boundaries_file)
    targets = read_targets(settings.targets_file)
    gaps = gap_table(targets, read_registry(settings.registry_file), set(layers.placed["id"]))
    census = read_district_population(settings.data_dir / "population.csv")
    carriers = _carriers(args, layers.placed, boundaries)
    results: list[AnalysisResult] = []
    for city in cities:
        grid = city_grid(boundaries, city, cell_size_m=options.cell_size_m)
        population = city_population(grid, census, options.population_grid)
        result = run_analysis(carriers, gaps, targets, grid, population, city=city, options=options)
        _report(result)
        results.append(result)
    if args.out:
        _write_folder(results, Path(args.out))
    if args.gpkg:
        gpkg_layers: dict[str, pd.DataFrame] = {}
        for result in results:
            gpkg_layers.update(result_layers(result))
            gpkg_layers.update(result_tables(result))
        print(add_to_geopackage(gpkg_layers, args.gpkg))
    return 0


def _write_folder(results: list[AnalysisResult], out: Path) -> None:
    """Write every city's files into ``out`` as one set, swapped in whole."""
    written: list[Path] = []
    with atomic_folder(out) as tmp:
        for result in results:
            written += [out / p.relative_to(tmp) for p in export_analysis(result, tmp)]
    for path in written:
        print(path)
