"""One exception hierarchy for the whole product.

Every error the product raises on purpose derives from :class:`GeoAppError`, so
the UI and the CLI catch one class and show its message. Classes also inherit
the matching builtin (``ValueError``, ``LookupError`` …) so callers that know
nothing of this module still catch them sensibly.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DataFileError",
    "GeoAppError",
    "GeocodingError",
    "OutOfAreaError",
    "ProviderConfigError",
]


class GeoAppError(Exception):
    """Root of every error raised by the product."""


class DataFileError(GeoAppError, ValueError):
    """A data file is missing or a row in it is invalid.

    Parameters
    ----------
    path
        The file that was read.
    message
        What is wrong, in words a planner understands.
    row
        1-based line number in the file (the header is line 1), if known.
    column
        Column name, if the problem is in one column.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.row = row
        self.column = column
        self.message = message
        where = str(self.path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")


class GeocodingError(GeoAppError, LookupError):
    """A name could not be turned into a trustworthy point."""


class OutOfAreaError(GeocodingError):
    """A geocoded point lies outside the area it was expected in.

    Parameters
    ----------
    query
        The name or address that was geocoded.
    expected
        The expected area, e.g. ``"洛阳市 涧西区"``.
    lon, lat
        The rejected point (WGS-84).
    """

    def __init__(self, query: str, expected: str, lon: float, lat: float) -> None:
        self.query = query
        self.expected = expected
        self.lon = lon
        self.lat = lat
        super().__init__(
            f"{query!r} resolved to ({lon:.5f}, {lat:.5f}), outside the expected area {expected}"
        )


class ProviderConfigError(GeocodingError):
    """An online provider cannot run: its key or setting is missing."""
