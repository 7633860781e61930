"""One exception hierarchy for the whole product.

Every error the product raises on purpose derives from :class:`GeoAppError`, so
the UI and the CLI catch one class and show its message. Classes also inherit
the matching builtin (``ValueError``, ``LookupError`` …) so callers that know
nothing of this module still catch them sensibly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from geo_app.messages import render_message

__all__ = [
    "DataFileError",
    "GeoAppError",
    "GeocodingError",
    "OutOfAreaError",
    "ProviderConfigError",
]


class GeoAppError(Exception):
    """Root of every error raised by the product.

    Parameters
    ----------
    message
        English wording; derived from ``code`` when empty.
    code
        Key of :data:`geo_app.messages.MESSAGES`: the app and the CLI word the
        error from it in the interface language. Every error raised on purpose
        gives one; ``None`` remains only for messages passed through verbatim.
    params
        The fields the message template names (counts, names, values).

    Examples
    --------
    >>> err = GeoAppError(code="file.not_found")
    >>> str(err), err.text("zh")
    ('file not found', '找不到文件')
    """

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        if not message and code is not None:
            message = render_message(code, "en", self.params)
        self.message = message
        super().__init__(message)

    def text(self, lang: str) -> str:
        """What went wrong, in ``lang`` (the place, if any, is worded by the caller)."""
        if self.code is None:
            return self.message
        return render_message(self.code, lang, self.params)


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
    value
        The offending cell or value, if one is to blame.
    code, params
        As for :class:`GeoAppError`.
    """

    def __init__(
        self,
        path: str | Path,
        message: str = "",
        *,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.path = Path(path)
        self.row = row
        self.column = column
        self.value = value
        GeoAppError.__init__(self, message, code=code, params=params)
        where = str(self.path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        self.args = (f"{where}: {self.message}",)


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
