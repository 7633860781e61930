"""Turn carrier names and addresses into checked WGS-84 points."""

from __future__ import annotations

from geocoding.base import PRECISION_RANK, Geocoder, Location, Precision

__all__ = ["PRECISION_RANK", "Geocoder", "Location", "Precision"]
