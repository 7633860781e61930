"""Density per district, H3 counts and the kernel density surface."""

from __future__ import annotations

import numpy as np
import pytest

from geo_app.analysis.coverage import select_carriers
from geo_app.analysis.density import (
    CLASSIFICATION_SCHEMES,
    density_by_district,
    h3_counts,
    kde_surface,
    kde_table,
)
from geo_app.analysis.population import PopulationSurface
from geo_app.errors import GeoAppError


@pytest.fixture
def scattered(make_carriers):
    rng = np.random.default_rng(11)
    # 30 carriers in district 0, 10 in district 1, 5 in district 2, 2 outside all.
    pts = np.vstack(
        [
            rng.uniform([0, 0], [10_000, 10_000], (30, 2)),
            rng.uniform([10_000, 0], [20_000, 10_000], (10, 2)),
            rng.uniform([20_000, 0], [30_000, 10_000], (5, 2)),
            [[-5_000, 5_000], [5_000, 15_000]],
        ]
    )
    return make_carriers(pts)


@pytest.mark.parametrize("scheme", CLASSIFICATION_SCHEMES)
def test_density_counts_sum_to_the_carriers_inside(
    square_grid, scattered, even_people, scheme
) -> None:
    grid = square_grid(n=3, cell_size_m=250)
    sel = select_carriers(scattered)
    people = even_people(grid, per_km2=500.0)
    dens = density_by_district(grid, sel, people, scheme=scheme, k=3)
    assert dens["n_carriers"].tolist() == [30, 10, 5]
    assert dens["n_carriers"].sum() == len(scattered) - 2
    area = dens["area_km2"].to_numpy()
    assert np.allclose(dens["per_km2"], dens["n_carriers"] / area)
    assert np.allclose(dens["per_100k"], dens["n_carriers"] / (area * 500.0) * 1e5, rtol=1e-4)
    assert dens["class"].tolist() == sorted(dens["class"].tolist(), reverse=True)  # denser, higher
    assert dens.crs.to_epsg() == 4326
    assert dens["class_label"].str.contains("–").all()


def test_density_without_population_gives_nan_per_resident(square_grid, scattered) -> None:
    grid = square_grid(n=3, cell_size_m=500)
    nobody = PopulationSurface(np.zeros(len(grid.pieces)), "points", "none")
    dens = density_by_district(grid, select_carriers(scattered), nobody, measure="per_km2")
    assert dens["per_100k"].isna().all()
    assert dens["n_carriers"].sum() == 45


@pytest.mark.parametrize("resolution", [5, 7, 9])
def test_h3_counts_sum_to_the_number_of_carriers(scattered, resolution: int) -> None:
    hexes = h3_counts(select_carriers(scattered), resolution=resolution)
    assert hexes["n_carriers"].sum() == len(scattered)
    assert hexes["h3"].is_unique
    assert hexes.crs.to_epsg() == 4326
    assert hexes.geometry.is_valid.all()


def test_h3_resolution_is_checked(scattered) -> None:
    with pytest.raises(GeoAppError):
        h3_counts(select_carriers(scattered), resolution=16)


def test_kde_integrates_to_the_number_of_carriers(square_grid, make_carriers) -> None:
    grid = square_grid(n=3, cell_size_m=250)
    # Far from the edges so that no kernel mass spills outside the districts.
    carriers = make_carriers([(15_000, 5_000)] * 4 + [(12_000, 4_000)])
    for bandwidth in (0.5, 1.0, 2.0):
        surface = kde_surface(grid, select_carriers(carriers), bandwidth_km=bandwidth)
        total = np.nansum(surface.values) * grid.cell_area_m2 / 1e6
        assert total == pytest.approx(5.0, rel=0.02)
        assert surface.n_carriers == 5
    narrow = kde_surface(grid, select_carriers(carriers), bandwidth_km=0.5)
    wide = kde_surface(grid, select_carriers(carriers), bandwidth_km=2.0)
    assert np.nanmax(narrow.values) > np.nanmax(wide.values)
    peak = np.unravel_index(np.nanargmax(narrow.values), narrow.values.shape)
    assert abs(grid.x0 + (peak[1] + 0.5) * 250 - (grid.x0 + 15_000)) <= 500


def test_kde_peak_density_of_one_carrier_is_one_over_2_pi_h2(square_grid, make_carriers) -> None:
    grid = square_grid(n=3, cell_size_m=100)
    surface = kde_surface(grid, select_carriers(make_carriers([(15_050, 5_050)])), bandwidth_km=2.0)
    assert np.nanmax(surface.values) == pytest.approx(1 / (2 * np.pi * 4.0), rel=0.03)
    table = kde_table(surface)
    assert table["kde_peak_per_km2"].iloc[1] == pytest.approx(np.nanmax(surface.values))


def test_kde_bandwidth_must_be_positive(square_grid, scattered) -> None:
    with pytest.raises(GeoAppError):
        kde_surface(square_grid(cell_size_m=500), select_carriers(scattered), bandwidth_km=0)
