"""``carrier-map analyse``: coverage, density and target gaps as tables and files.

Prints, for each city, the coverage of every district (share of area and of
population within reach of a carrier), carrier density per district, the
city-level planned counts against what exists or is named, and the per-district
allocation of each target with its gap. With ``--out`` every table is written
as CSV and the district layers (covered / uncovered areas, density, H3 counts)
as GeoJSON; ``--grid`` adds the full analysis grid as GeoParquet. With
``--gpkg`` the layers and tables (the grid too with ``--grid``) are added to a
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
from geo_app.analysis.export import (
    add_to_geopackage,
    export_analysis,
    export_grid,
    result_layers,
    result_tables,
)
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
from geo_app.cli_parsers import add_command, parse_cities
from geo_app.cli_workspace import workspace_inputs
from geo_app.config import Settings
from geo_app.errors import UsageError
from geo_app.pipeline import load_carriers
from geo_app.registry import read_registry, read_targets
from geo_app.storage import atomic_folder
from geo_app.targets import gap_table

__all__ = ["add_parser", "parse_radii", "run"]


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
    return add_command(subparsers, "analyse", run=run)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_overrides(
        data_dir=args.data_dir, registry=args.registry, targets=args.targets
    )


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
    # A city without a census figure is allocated by area whatever the option says.
    basis = "area" if cov.population.kind == "area" else result.options.basis
    _print_table(f"targets allocated to districts by {basis}", alloc)


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
    if args.grid and not (args.out or args.gpkg):
        raise UsageError(code="cli.grid_needs_output")
    settings = _settings(args)
    options = _options(args)
    workspace = workspace_inputs(args)  # --workspace or CARRIER_MAP_WORKSPACE
    if workspace is None:
        cities = parse_cities(args.city)
        boundaries = read_boundaries(settings.boundaries_file)
        layers = load_carriers(settings)
        targets = read_targets(settings.targets_file)
        gaps = gap_table(targets, read_registry(settings.registry_file), set(layers.placed["id"]))
    else:
        # The workspace's cities, an added one included, with the units it stores.
        all_cities = args.city in (None, "all")
        cities = list(workspace.cities) if all_cities else parse_cities(args.city)
        boundaries = workspace.boundaries
        layers, targets, gaps = workspace.layers, workspace.targets, workspace.gaps
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
        _write_folder(results, Path(args.out), grid=args.grid)
    if args.gpkg:
        gpkg_layers: dict[str, pd.DataFrame] = {}
        for result in results:
            gpkg_layers.update(result_layers(result, with_grid=args.grid))
            gpkg_layers.update(result_tables(result))
        print(add_to_geopackage(gpkg_layers, args.gpkg))
    return 0


def _write_folder(results: list[AnalysisResult], out: Path, *, grid: bool) -> None:
    """Write every city's files (with its grid if ``grid``) into ``out``, swapped in whole."""
    written: list[Path] = []
    with atomic_folder(out) as tmp:
        for result in results:
            files = export_analysis(result, tmp)
            if grid:
                files.append(export_grid(result, tmp))
            written += [out / p.relative_to(tmp) for p in files]
    for path in written:
        print(path)
