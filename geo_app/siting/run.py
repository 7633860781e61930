"""One call from a planner's inputs to a site-selection result.

The CLI (``carrier-map select``), the app's siting panel and a reopened
session all go through :func:`run_siting`, so they give the same answer.

Carriers placed only at district precision (Luoyang's eight named
communities, for instance: no exact site is known yet) are **not** counted as
open facilities by default, following the analysis rule that such carriers
take part only when the planner includes them (``include_approximate``).
They still count in the plan's gap, which sets the default number of new
sites.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_app.analysis.coverage import DEFAULT_RADII_M, carrier_xy, select_carriers
from geo_app.analysis.grid import DEFAULT_CELL_SIZE_M, Grid
from geo_app.analysis.jobs import report_stage
from geo_app.analysis.population import PopulationSurface
from geo_app.analysis.run import allocate_city_targets, city_grid, city_population
from geo_app.errors import DataFileError, SitingError
from geo_app.model import category_term
from geo_app.siting.candidates import (
    DEFAULT_CANDIDATE_SPACING_M,
    candidate_sites,
    h3_candidate_sites,
)
from geo_app.siting.constraints import SiteConstraints
from geo_app.siting.models import MODELS, GreedyCovering, MaximalCovering, PMedian, SitingModel
from geo_app.siting.problem import SitingProblem, demand_points
from geo_app.siting.result import SitingResult
from geo_app.siting.solvers import DEFAULT_SOLVER, check_solver

__all__ = [
    "SitingInputs",
    "areas_from_geojson",
    "default_n_new",
    "plan_quotas",
    "prepare_problem",
    "read_areas_file",
    "run_siting",
]


@dataclass(frozen=True)
class SitingInputs:
    """What a planner chose for one site-selection run.

    Parameters
    ----------
    city, category
        E.g. ``"洛阳市"`` and ``"community"``.
    n_new
        New sites; ``None`` takes the plan's gap for the city and category.
    radius_m
        Service radius; ``None`` takes the category's default
        (:data:`geo_app.analysis.coverage.DEFAULT_RADII_M`).
    model
        ``"mclp"``, ``"pmedian"`` or ``"greedy"``.
    time_limit_s
        Time limit of the run, seconds: the solver gets what is left of it
        once the instance is built.
    solver
        MIP solver of the exact models: ``"auto"`` (default: the better one
        for the model), ``"highs"`` or ``"cbc"``.
    demand
        Weight demand cells by ``"population"`` or by ``"area"``.
    candidate_spacing_m
        Lattice spacing of candidate sites (ignored when ``h3_resolution`` is set).
    h3_resolution
        Use H3 cell centres of this resolution as candidates instead.
    include_approximate
        Count district-precision carriers as open facilities.
    min_spacing_m, quotas
        See :class:`~geo_app.siting.constraints.SiteConstraints`.
    include_areas, exclude_areas
        GeoJSON FeatureCollections (WGS-84) of drawn or uploaded polygons:
        candidates only inside the first, never inside the second.
    cell_size_m
        Analysis grid cell, metres.
    pmedian_demand_cell_m
        Demand is merged into cells this large for the p-median.
    quotas_from_plan
        Derive per-district quotas from the plan (:func:`plan_quotas`);
        ``quotas`` given explicitly override them district by district.
    population_grid
        A planner's population grid (CSV of weighted points or GeoTIFF)
        replacing the even spread of census totals.
    layers
        The planner's own carrier layers (GeoJSON/GeoPackage files of points)
        counted as open carriers with, or instead of, the registry's
        (:func:`geo_app.analysis.sources.carriers_from_layers`).
    layer_category
        Category of layer rows that name none (None: they are left out).
    use_registry
        Count the registry's carriers too.
    """

    city: str
    category: str
    n_new: int | None = None
    radius_m: float | None = None
    model: str = "mclp"
    time_limit_s: float = 60.0
    solver: str = DEFAULT_SOLVER
    demand: str = "population"
    candidate_spacing_m: float = DEFAULT_CANDIDATE_SPACING_M
    h3_resolution: int | None = None
    include_approximate: bool = False
    min_spacing_m: float = 0.0
    quotas: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    include_areas: Mapping[str, Any] | None = None
    exclude_areas: Mapping[str, Any] | None = None
    cell_size_m: float = DEFAULT_CELL_SIZE_M
    pmedian_demand_cell_m: float = 5000.0
    quotas_from_plan: bool = False
    population_grid: str | None = None
    layers: tuple[str, ...] = ()
    layer_category: str | None = None
    use_registry: bool = True

    def __post_init__(self) -> None:
        if self.model not in MODELS:
            raise SitingError(
                code="siting.model_unknown",
                params={"models": ", ".join(MODELS), "value": repr(self.model)},
            )
        if self.category not in DEFAULT_RADII_M:
            raise SitingError(code="siting.category_unknown", params={"value": repr(self.category)})
        check_solver(self.solver)
        if self.demand not in ("population", "area"):
            raise SitingError(code="siting.demand_invalid", params={"value": repr(self.demand)})
        object.__setattr__(self, "quotas", MappingProxyType(dict(self.quotas)))
        object.__setattr__(self, "layers", tuple(str(p) for p in self.layers))
        if self.layer_category is not None and self.layer_category not in DEFAULT_RADII_M:
            raise SitingError(
                code="siting.category_unknown", params={"value": repr(self.layer_category)}
            )
        if not self.use_registry and not self.layers:
            raise SitingError(code="siting.no_carriers")
        for name in ("include_areas", "exclude_areas"):
            value = getattr(self, name)
            if value is not None:
                # Plain JSON form (lists, not tuples) so a reopened session compares equal.
                object.__setattr__(self, name, json.loads(json.dumps(value)))

    @property
    def service_radius_m(self) -> float:
        """The radius in use."""
        return float(self.radius_m if self.radius_m is not None else DEFAULT_RADII_M[self.category])

    @property
    def constraints(self) -> SiteConstraints:
        """Spacing and quotas."""
        return SiteConstraints(min_spacing_m=self.min_spacing_m, quotas=self.quotas)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; drawn areas stay GeoJSON."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["quotas"] = dict(self.quotas)
        return json.loads(json.dumps(data, ensure_ascii=False))  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SitingInputs:
        """Inverse of :meth:`to_dict`; unknown keys are an error."""
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise SitingError(
                code="siting.session_unknown_inputs", params={"names": ", ".join(unknown)}
            )
        try:
            return cls(**dict(data))
        except TypeError as err:
            raise SitingError(code="siting.session_incomplete", params={"detail": err}) from err


def areas_from_geojson(data: Mapping[str, Any] | None) -> gpd.GeoSeries | None:
    """Polygons of a GeoJSON FeatureCollection, Feature or geometry (WGS-84)."""
    if not data:
        return None
    kind = data.get("type")
    features = (
        list(data.get("features") or [])
        if kind == "FeatureCollection"
        else [data]
        if kind == "Feature"
        else [{"type": "Feature", "geometry": data, "properties": {}}]
    )
    try:
        frame = gpd.GeoDataFrame.from_features(features, crs=4326)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SitingError(code="siting.areas_invalid", params={"detail": err}) from err
    polys = frame.geometry[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if polys.empty:
        raise SitingError(code="siting.areas_no_polygon")
    return gpd.GeoSeries(polys.make_valid().to_numpy(), crs=4326)


def read_areas_file(data: bytes, name: str | Path) -> dict[str, Any]:
    """A GeoJSON file of candidate or excluded areas, checked; errors name the file.

    Raises
    ------
    DataFileError
        The file is not JSON, not a GeoJSON object, or holds no usable polygon.
    """
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFileError(name, code="geojson.not_json", params={"detail": err}) from err
    if not isinstance(parsed, dict):
        raise DataFileError(name, code="geojson.not_object")
    try:
        areas_from_geojson(parsed)
    except SitingError as err:
        raise DataFileError(name, code=err.code, params=err.params) from err
    return parsed


def _plan(category: str, city: str) -> dict[str, object]:
    """A plan's city and category as error parameters."""
    return {"category": category_term(category), "city": city}


def default_n_new(gaps: pd.DataFrame, city: str, category: str) -> int:
    """The plan's gap for a city and category (the count target without sub-kind)."""
    rows = gaps[(gaps["city"] == city) & (gaps["category"] == category)]
    rows = rows[(rows["subkind"].fillna("") == "") & rows["gap"].notna()]
    if rows.empty:
        raise SitingError(code="siting.no_plan_count", params=_plan(category, city))
    gap = int(rows["gap"].max())
    if gap < 1:
        raise SitingError(code="siting.plan_met", params=_plan(category, city))
    return gap


def plan_quotas(
    carriers: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    targets: pd.DataFrame,
    grid: Grid,
    population: PopulationSurface | None,
    *,
    city: str,
    category: str,
) -> dict[str, int]:
    """Per-district quotas from the plan: each district's share of the gap.

    The city's count target is allocated to its districts in proportion to
    population (area when ``population`` is None) by
    :func:`geo_app.analysis.allocation.allocate_targets`; a district's quota
    is its allocation less the carriers of the category already mapped in it.
    """
    city_gaps = gaps[(gaps["city"] == city) & (gaps["category"] == category)]
    city_gaps = city_gaps[(city_gaps["subkind"].fillna("") == "") & city_gaps["gap"].notna()]
    if city_gaps.empty:
        raise SitingError(code="siting.no_plan_quotas", params=_plan(category, city))
    table = allocate_city_targets(
        carriers, city_gaps.reset_index(drop=True), targets, grid, population, city=city
    )
    first = table[table["target_id"] == city_gaps["target_id"].iloc[0]]
    return {str(n): int(g) for n, g in zip(first["name"], first["gap"], strict=True) if pd.notna(g)}


def prepare_problem(
    inputs: SitingInputs,
    carriers: gpd.GeoDataFrame,
    grid: Grid,
    population: PopulationSurface | None,
) -> SitingProblem:
    """Build the instance: demand, candidates, open carriers."""
    include = areas_from_geojson(inputs.include_areas)
    exclude = areas_from_geojson(inputs.exclude_areas)
    if inputs.h3_resolution is not None:
        xy, ids, district = h3_candidate_sites(
            grid, resolution=inputs.h3_resolution, include=include, exclude=exclude
        )
    else:
        xy, ids, district = candidate_sites(
            grid, spacing_m=inputs.candidate_spacing_m, include=include, exclude=exclude
        )
    if not len(xy):
        raise SitingError(code="siting.no_candidate_inside")
    selection = select_carriers(
        carriers,
        categories=[inputs.category],
        include_approximate=inputs.include_approximate,
        city=inputs.city,
    )
    open_xy = carrier_xy(selection.carriers, grid) if len(selection.carriers) else np.empty((0, 2))
    d_xy, d_w, d_d = demand_points(grid, population, inputs.demand)  # type: ignore[arg-type]
    return SitingProblem(
        demand_xy=d_xy,
        demand_weight=d_w,
        demand_district=d_d,
        site_xy=xy,
        site_ids=ids,
        site_district=district,
        existing_xy=open_xy,
        existing_ids=tuple(str(i) for i in selection.carriers["id"]),
        radius_m=inputs.service_radius_m,
        district_names=tuple(str(n) for n in grid.districts["name"]),
        crs=grid.crs.distance,
        demand=inputs.demand,  # type: ignore[arg-type]
    )


def _model(
    inputs: SitingInputs,
    problem: SitingProblem,
    n_new: int,
    progress: Callable[[str], None] | None,
    deadline: float,
) -> SitingModel:
    common: dict[str, Any] = {
        "constraints": inputs.constraints,
        "time_limit_s": inputs.time_limit_s,
        "progress": progress,
        "solver": inputs.solver,
        "deadline": deadline,
    }
    if inputs.model == "pmedian":
        return PMedian(problem, n_new, demand_cell_m=inputs.pmedian_demand_cell_m, **common)
    if inputs.model == "greedy":
        return GreedyCovering(problem, n_new, **common)
    return MaximalCovering(problem, n_new, **common)


def run_siting(
    inputs: SitingInputs,
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    census: pd.DataFrame,
    *,
    grid: Grid | None = None,
    population: PopulationSurface | None = None,
    targets: pd.DataFrame | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[SitingInputs, SitingResult]:
    """Run one site selection.

    Parameters
    ----------
    inputs
        The planner's choices.
    carriers
        Placed carriers (EPSG:4326, with ``precision`` and ``out_of_area``).
    boundaries
        District boundaries of both cities.
    gaps
        :func:`geo_app.targets.gap_table` output (for the default N).
    census
        Census table (:func:`geo_app.analysis.population.read_district_population`).
    grid, population
        Reuse an analysis grid and population surface of the city.
    targets
        The targets table; needed for ``quotas_from_plan``.
    progress
        Called with a short message at each stage.

    Returns
    -------
    tuple
        The inputs with N and the radius filled in, and the result.
    """
    # The time limit covers the whole run: the solver gets what is left.
    deadline = time.perf_counter() + inputs.time_limit_s
    say = progress or (lambda _: None)
    n_new = (
        inputs.n_new
        if inputs.n_new is not None
        else default_n_new(gaps, inputs.city, inputs.category)
    )
    inputs = replace(inputs, n_new=int(n_new), radius_m=inputs.service_radius_m)
    report_stage("grid")
    if grid is None:
        say(f"grid of {inputs.city} at {inputs.cell_size_m:g} m")
        grid = city_grid(boundaries, inputs.city, cell_size_m=inputs.cell_size_m)
    report_stage("demand")
    if population is None and inputs.demand == "population":
        supplied = Path(inputs.population_grid) if inputs.population_grid else None
        population = city_population(grid, census, supplied)
    note = f"Population: {population.assumption}" if population is not None else ""
    if population is not None and population.kind == "area":
        # No census figure for the city: demand is its area, counted in km², and the
        # inputs say so, so that a reopened session runs the same.
        inputs, population = replace(inputs, demand="area"), None
    if inputs.quotas_from_plan:
        if targets is None:
            raise SitingError(code="siting.quotas_need_targets")
        derived = plan_quotas(
            carriers, gaps, targets, grid, population, city=inputs.city, category=inputs.category
        )
        # The derived quotas are written into the inputs, so a re-run uses the same ones.
        inputs = replace(inputs, quotas={**derived, **inputs.quotas}, quotas_from_plan=False)
    report_stage("candidates")
    problem = prepare_problem(inputs, carriers, grid, population)
    model = _model(inputs, problem, int(n_new), progress, deadline).solve()
    assert model.result_ is not None
    result = model.result_
    if note:
        # Say which population the counts rest on (census spread, a grid, or the area).
        result = replace(result, notes=(note, *result.notes))
    return inputs, result
