"""Shared fixtures: settings, the shipped data, and the plan documents when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_app.boundaries import read_boundaries
from geo_app.config import Settings
from geo_app.pipeline import CarrierLayers, load_carriers
from geo_app.registry import read_registry, read_targets

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session", autouse=True)
def user_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A user data folder of the tests' own, so the app's default workspace
    (created on first use) never touches the real one; every app started by a
    test inherits it through the environment."""
    folder = tmp_path_factory.mktemp("user-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder))
        patch.delenv("CARRIER_MAP_WORKSPACE", raising=False)
        assert "CARRIER_MAP_WORKSPACE" not in os.environ
        yield folder


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(data_dir=REPO / "data", seeds_dir=SEEDS)


@pytest.fixture(scope="session")
def registry(settings: Settings) -> pd.DataFrame:
    return read_registry(settings.registry_file)


@pytest.fixture(scope="session")
def targets(settings: Settings) -> pd.DataFrame:
    return read_targets(settings.targets_file)


@pytest.fixture(scope="session")
def boundaries(settings: Settings) -> gpd.GeoDataFrame:
    return read_boundaries(settings.boundaries_file)


@pytest.fixture(scope="session")
def carrier_layers(settings: Settings) -> CarrierLayers:
    return load_carriers(settings)


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, str]:
    """The five plan documents, by file name; skips when ../shared/seeds is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"plan documents not present at {SEEDS}; document checks skipped")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
