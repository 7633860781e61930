"""One call that runs every analysis for a city with one set of options.

The CLI (``carrier-map analyse``) and the app's analysis panel both go
through :func:`run_analysis`, so they show the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_app.analysis.allocation import Basis, allocate_targets
from geo_app.analysis.coverage import (
    CARRIER_CATEGORIES,
    DEFAULT_RADII_M,
    CoverageResult,
    carrier_xy,
    coverage_by_district,
    select_carriers,
)
from geo_app.analysis.crs import AnalysisCRS, analysis_crs
from geo_app.analysis.density import KdeSurface, density_by_district, h3_counts, kde_surface
from geo_app.analysis.grid import DEFAULT_CELL_SIZE_M, Grid, build_grid
from geo_app.analysis.population import (
    PopulationSurface,
    even_population,
    population_from_points,
    read_population_points,
    read_population_raster,
)
from geo_app.cities import city_record
from geo_app.errors import AnalysisError, DataFileError, UnknownCityError

__all__ = [
    "AnalysisOptions",
    "AnalysisResult",
    "allocate_city_targets",
    "city_crs",
    "city_grid",
    "city_population",
    "run_analysis",
]


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """What a planner chose for one analysis run.

    Parameters
    ----------
    categories
        Carrier categories taking part in coverage and density.
    radii_m
        Service radius per category, metres (defaults: :data:`DEFAULT_RADII_M`).
    include_approximate
        Use carriers placed only at district precision too.
    cell_size_m
        Grid cell edge, metres.
    h3_resolution
        Resolution of the hexagon counts.
    bandwidth_km
        Kernel density bandwidth, km.
    basis
        Allocate city targets to districts by ``"population"`` or ``"area"``.
    scheme, k
        mapclassify scheme and class count of the density choropleth.
    population_grid
        Optional CSV of weighted points or GeoTIFF replacing the even spread.
    """

    categories: tuple[str, ...] = CARRIER_CATEGORIES
    radii_m: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType(dict(DEFAULT_RADII_M))
    )
    include_approximate: bool = False
    cell_size_m: float = DEFAULT_CELL_SIZE_M
    h3_resolution: int = 7
    bandwidth_km: float = 2.0
    basis: Basis = "population"
    scheme: str = "NaturalBreaks"
    k: int = 5
    population_grid: Path | None = None


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """Every analysis of one city.

    Parameters
    ----------
    city
        The city's name (``"洛阳市"``, ``"许昌市"`` …).
    options
        The options used.
    coverage
        Coverage per district, with the grid and the population surface.
    density
        Density per district (choropleth-ready, EPSG:4326).
    hexes
        Carrier counts per H3 hexagon (EPSG:4326).
    kde
        Kernel density surface.
    gaps
        The city-level gap table of the city (from :mod:`geo_app.targets`).
    allocation
        Per-district allocation of each city target and its gap.
    """

    city: str
    options: AnalysisOptions
    coverage: CoverageResult
    density: gpd.GeoDataFrame
    hexes: gpd.GeoDataFrame
    kde: KdeSurface
    gaps: pd.DataFrame
    allocation: pd.DataFrame

    @property
    def grid(self) -> Grid:
        """The analysis grid."""
        return self.coverage.grid


def city_crs(boundaries: gpd.GeoDataFrame, city: str) -> AnalysisCRS:
    """The CRSs a city is measured in: its record's distance CRS, equal-area on its extent.

    A city without a record (boundaries a planner made up) gets the
    Gauss-Krüger zone of its extent, as :func:`~geo_app.analysis.crs.analysis_crs`
    chooses it.

    Examples
    --------
    >>> from geo_app.cities import read_city_boundaries, city_record
    >>> units = read_city_boundaries(city_record("许昌市"))
    >>> city_crs(units, "许昌市").distance.to_epsg()
    4547
    """
    chosen = analysis_crs(boundaries)
    try:
        record = city_record(city)
    except UnknownCityError:
        return chosen
    return AnalysisCRS(distance=record.distance_crs, area=chosen.area)


def city_grid(boundaries: gpd.GeoDataFrame, city: str, *, cell_size_m: float) -> Grid:
    """Build the analysis grid over one city's districts, in the city's CRS."""
    part = boundaries[boundaries["city"] == city]
    if part.empty:
        raise AnalysisError(code="analysis.no_boundaries", params={"city": city})
    part = part.reset_index(drop=True)
    return build_grid(part, cell_size_m=cell_size_m, crs=city_crs(part, city))


def city_population(
    grid: Grid, census: pd.DataFrame, population_grid: Path | None = None
) -> PopulationSurface:
    """The population surface: a supplied grid if given, else census totals spread evenly."""
    if population_grid is None:
        return even_population(grid, census)
    suffix = population_grid.suffix.lower()
    if suffix in (".tif", ".tiff"):
        points = read_population_raster(population_grid, cell_size_m=grid.cell_size)
        return population_from_points(grid, points, kind="raster")
    if suffix == ".csv":
        return population_from_points(grid, read_population_points(population_grid))
    raise DataFileError(population_grid, code="analysis.population_format")


def allocate_city_targets(
    carriers: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    targets: pd.DataFrame,
    grid: Grid,
    population: PopulationSurface | None,
    *,
    city: str,
) -> pd.DataFrame:
    """Allocate a city's targets to its districts, against the carriers already there.

    Every carrier with a district counts (approximate ones included, whatever
    categories an analysis runs on). The allocation is in proportion to
    population, or to area when ``population`` is ``None`` or is itself by
    area (a city without a census figure); see
    :func:`geo_app.analysis.allocation.allocate_targets`.
    """
    located = select_carriers(carriers, include_approximate=True, city=city).carriers
    placed = pd.DataFrame(located.drop(columns=located.geometry.name))
    placed["district"] = (
        grid.locate_points(carrier_xy(located, grid)) if len(located) else np.empty(0, np.int64)
    )
    if population is not None and population.kind != "area":
        weights = population.district_totals(grid)
        basis: Basis = "population"
    else:
        weights = grid.districts["area_km2"].to_numpy(dtype=np.float64)
        basis = "area"
    return allocate_targets(gaps, targets, placed, grid, weights, basis=basis)


def run_analysis(
    carriers: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    targets: pd.DataFrame,
    grid: Grid,
    population: PopulationSurface,
    *,
    city: str,
    options: AnalysisOptions | None = None,
) -> AnalysisResult:
    """Run coverage, density and target allocation for one city.

    Parameters
    ----------
    carriers
        The placed carriers (EPSG:4326, with ``precision``).
    gaps
        :func:`geo_app.targets.gap_table` output (all cities; filtered here).
    targets
        The targets table (named lists).
    grid
        Grid of the city (:func:`city_grid`).
    population
        Population on that grid (:func:`city_population`).
    city
        The city analysed.
    options
        The planner's choices; defaults if omitted.

    Returns
    -------
    AnalysisResult
    """
    options = options or AnalysisOptions()
    selection = select_carriers(
        carriers,
        categories=options.categories,
        include_approximate=options.include_approximate,
        city=city,
    )
    coverage = coverage_by_district(grid, selection, population, radii_m=options.radii_m)
    density = density_by_district(grid, selection, population, scheme=options.scheme, k=options.k)
    hexes = h3_counts(selection, resolution=options.h3_resolution)
    kde = kde_surface(grid, selection, bandwidth_km=options.bandwidth_km)

    city_gaps = gaps[gaps["city"] == city].reset_index(drop=True)
    allocation = allocate_city_targets(
        carriers,
        city_gaps,
        targets,
        grid,
        population if options.basis == "population" else None,
        city=city,
    )
    return AnalysisResult(
        city=city,
        options=options,
        coverage=coverage,
        density=density,
        hexes=hexes,
        kde=kde,
        gaps=city_gaps,
        allocation=allocation,
    )
