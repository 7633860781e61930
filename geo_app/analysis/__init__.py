"""Coverage, density and target-gap analysis of the innovation carriers.

Pure functions on GeoDataFrames with explicit CRSs (no Streamlit, no module
state). Distances and grids are measured in the CGCS2000 3-degree
Gauss-Krüger zone of the city, areas in a local equal-area projection
(:mod:`.crs`); a 250 m grid clipped to the districts (:mod:`.grid`) carries
population (:mod:`.population`), coverage (:mod:`.coverage`) and density
(:mod:`.density`); city targets are allocated to districts in
:mod:`.allocation`; :mod:`.run` runs them together and :mod:`.export` writes
the results.
"""

from __future__ import annotations

from geo_app.analysis.allocation import allocate_targets, largest_remainder
from geo_app.analysis.coverage import (
    CARRIER_CATEGORIES,
    DEFAULT_RADII_M,
    CarrierSelection,
    CoverageResult,
    coverage_by_district,
    coverage_polygons,
    distance_grid,
    select_carriers,
)
from geo_app.analysis.crs import AnalysisCRS, analysis_crs
from geo_app.analysis.density import density_by_district, h3_counts, kde_surface
from geo_app.analysis.grid import DEFAULT_CELL_SIZE_M, Grid, build_grid
from geo_app.analysis.population import (
    PopulationSurface,
    even_population,
    population_from_points,
    read_district_population,
)
from geo_app.analysis.run import AnalysisOptions, AnalysisResult, run_analysis

__all__ = [
    "CARRIER_CATEGORIES",
    "DEFAULT_CELL_SIZE_M",
    "DEFAULT_RADII_M",
    "AnalysisCRS",
    "AnalysisOptions",
    "AnalysisResult",
    "CarrierSelection",
    "CoverageResult",
    "Grid",
    "PopulationSurface",
    "allocate_targets",
    "analysis_crs",
    "build_grid",
    "coverage_by_district",
    "coverage_polygons",
    "density_by_district",
    "distance_grid",
    "even_population",
    "h3_counts",
    "kde_surface",
    "largest_remainder",
    "population_from_points",
    "read_district_population",
    "run_analysis",
    "select_carriers",
]
