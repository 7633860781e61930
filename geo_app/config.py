"""Typed, immutable settings, built once and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["PACKAGE_ROOT", "Settings"]

#: The repository (or installed source tree) root: the folder holding data/.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the product reads its data.

    Parameters
    ----------
    data_dir
        Folder with ``carriers.csv``, ``targets.csv``, ``places.csv``,
        ``district_points.csv`` and ``boundaries.geojson``.
    seeds_dir
        Folder with the plan documents the registry cites (optional; used
        to show and check the source phrases).
    registry_path, targets_path
        Override the registry or targets file (a planner's own list).

    Examples
    --------
    >>> s = Settings()
    >>> s.registry_file.name
    'carriers.csv'
    """

    data_dir: Path = field(default_factory=lambda: PACKAGE_ROOT / "data")
    seeds_dir: Path = field(default_factory=lambda: PACKAGE_ROOT.parent / "shared" / "seeds")
    registry_path: Path | None = None
    targets_path: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``CARRIER_MAP_DATA_DIR`` / ``CARRIER_MAP_SEEDS_DIR``."""
        env = os.environ if env is None else env
        s = cls()
        if env.get("CARRIER_MAP_DATA_DIR"):
            s = replace(s, data_dir=Path(env["CARRIER_MAP_DATA_DIR"]))
        if env.get("CARRIER_MAP_SEEDS_DIR"):
            s = replace(s, seeds_dir=Path(env["CARRIER_MAP_SEEDS_DIR"]))
        return s

    def with_overrides(
        self,
        *,
        data_dir: str | Path | None = None,
        registry: str | Path | None = None,
        targets: str | Path | None = None,
    ) -> Settings:
        """A copy with the data folder, registry or targets file replaced (when given).

        >>> Settings().with_overrides(registry="mine.csv").registry_file.name
        'mine.csv'
        """
        s = self
        if data_dir:
            s = replace(s, data_dir=Path(data_dir))
        if registry:
            s = replace(s, registry_path=Path(registry))
        if targets:
            s = replace(s, targets_path=Path(targets))
        return s

    @property
    def registry_file(self) -> Path:
        """The carrier registry CSV in use."""
        return self.registry_path or self.data_dir / "carriers.csv"

    @property
    def targets_file(self) -> Path:
        """The planned-counts CSV in use."""
        return self.targets_path or self.data_dir / "targets.csv"

    @property
    def boundaries_file(self) -> Path:
        """District boundaries (GeoJSON, WGS-84)."""
        return self.data_dir / "boundaries.geojson"

    @property
    def places_file(self) -> Path:
        """Curated carrier coordinates with their sources."""
        return self.data_dir / "places.csv"

    @property
    def district_points_file(self) -> Path:
        """Representative points of districts and cities."""
        return self.data_dir / "district_points.csv"
