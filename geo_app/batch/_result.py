"""The outcome of a batch: the map layer, the review table, the precision mix."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_app.batch._journal import RowOutcome
from geo_app.batch._table import ColumnRoles, TableInfo

__all__ = ["LAYER_STATUSES", "BatchResult"]


#: Row statuses that end up on the map layer (the others only in review).
LAYER_STATUSES = frozenset({"ok", "low_precision", "given", "corrected"})
_REVIEW_STATUSES = frozenset(
    {
        "low_precision",
        "not_found",
        "rejected",
        "error",
        "out_of_area",
        "out_of_china",
        "invalid_coordinate",
    }
)


@dataclass(frozen=True)
class BatchResult:
    """Output of a batch: all outcomes, the map layer and the review table."""

    outcomes: tuple[RowOutcome, ...]
    roles: ColumnRoles
    info: TableInfo | None = None
    resumed: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def layer(self) -> gpd.GeoDataFrame:
        """Rows with a point (EPSG:4326), low-precision ones flagged by ``precision``."""
        rows = [o for o in self.outcomes if o.status in LAYER_STATUSES and o.lon is not None]
        frame = pd.DataFrame(
            {
                "row": [o.row for o in rows],
                "name": [o.name for o in rows],
                "address": [o.address for o in rows],
                "city": [o.city for o in rows],
                "district": [o.district for o in rows],
                "category": [o.category for o in rows],
                "status": [o.status for o in rows],
                "precision": [o.precision for o in rows],
                "provider": [o.provider for o in rows],
                "source": [o.source for o in rows],
                "crs_original": [o.crs for o in rows],
                "lon_original": [o.original[0] if o.original else np.nan for o in rows],
                "lat_original": [o.original[1] if o.original else np.nan for o in rows],
                "note": [o.reason for o in rows],
            }
        )
        geometry = gpd.points_from_xy([o.lon for o in rows], [o.lat for o in rows], crs=4326)
        return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)

    @property
    def review(self) -> pd.DataFrame:
        """Rows needing a planner's look, with reasons and candidates."""
        rows = [o for o in self.outcomes if o.status in _REVIEW_STATUSES]
        return pd.DataFrame(
            {
                "row": [o.row for o in rows],
                "name": [o.name for o in rows],
                "address": [o.address for o in rows],
                "city": [o.city for o in rows],
                "district": [o.district for o in rows],
                "status": [o.status for o in rows],
                "precision": [o.precision or "" for o in rows],
                "reason": [o.reason for o in rows],
                "lon": [o.lon for o in rows],
                "lat": [o.lat for o in rows],
                "candidates": [" | ".join(_label(c) for c in o.candidates) for o in rows],
            },
            columns=[
                "row",
                "name",
                "address",
                "city",
                "district",
                "status",
                "precision",
                "reason",
                "lon",
                "lat",
                "candidates",
            ],
        )

    def precision_mix(self) -> dict[str, int]:
        """Count of rows per precision level (layer rows) and per failure status."""
        mix: dict[str, int] = {}
        for o in self.outcomes:
            key = o.precision if o.status in LAYER_STATUSES and o.precision else o.status
            mix[key] = mix.get(key, 0) + 1
        return dict(sorted(mix.items()))


def _label(candidate: Mapping[str, Any]) -> str:
    """Short text naming a candidate (used by the review table and the app)."""
    flag = " (outside area)" if candidate.get("rejected") else ""
    return (
        f"{candidate['provider']}:{candidate['precision']} "
        f"{candidate['lon']:.5f},{candidate['lat']:.5f} {candidate['address']}{flag}"
    )
