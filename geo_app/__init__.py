"""carrier-mapper: innovation carriers of Luoyang and Luohe on a map, against their plans."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from geo_app.config import Settings
from geo_app.errors import DataFileError, GeoAppError, GeocodingError, OutOfAreaError

try:
    __version__ = version("carrier-mapper")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "DataFileError",
    "GeoAppError",
    "GeocodingError",
    "OutOfAreaError",
    "Settings",
    "__version__",
]
