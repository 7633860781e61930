"""Workspaces for the tests: the shipped seed built once, copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo_app.config import Settings
from geo_app.workspace import Workspace
from geo_app.workspace.schema import CARRIER_FIELDS

#: The columns a list reader hands to ``import_carriers``.
CANDIDATE_FIELDS = tuple(
    f for f in CARRIER_FIELDS if f not in ("version", "updated_at", "updated_by", "deleted")
)


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.gpkg"
    Workspace.open(path, settings=settings)
    return path


@pytest.fixture
def workspace(seeded_file: Path, tmp_path: Path) -> Workspace:
    path = tmp_path / "ws.gpkg"
    shutil.copyfile(seeded_file, path)
    return Workspace.open(path)


def candidates(
    rows: list[dict[str, object]], *, source: str = "list.csv", start: int = 2
) -> pd.DataFrame:
    """Candidate carriers as the list reader gives them (ids "", sources ``list.csv#N``)."""
    out = []
    for i, row in enumerate(rows):
        base: dict[str, object] = dict.fromkeys(CANDIDATE_FIELDS, "")
        base.update(
            lon=np.nan,
            lat=np.nan,
            year=np.nan,
            out_of_area=False,
            status="existing",
            precision="city",
            origin="list",
            provenance={},
            extras={},
            sources=f"{source}#{start + i}",
        )
        base.update(row)
        out.append(base)
    return pd.DataFrame(out, columns=list(CANDIDATE_FIELDS))


@pytest.fixture
def make_candidates() -> Callable[..., pd.DataFrame]:
    return candidates
