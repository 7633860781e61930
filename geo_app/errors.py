"""One exception hierarchy for the whole product.

Every error the product raises on purpose derives from :class:`GeoAppError`, so
the UI and the CLI catch one class and show its message. Classes also inherit
the matching builtin (``ValueError``, ``LookupError`` …) so callers that know
nothing of this module still catch them sensibly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from geo_app.messages import Term, render_message

__all__ = [
    "AnalysisError",
    "DataFileError",
    "GeoAppError",
    "GeocodingError",
    "OutOfAreaError",
    "ProviderConfigError",
    "SitingError",
    "StaleEditError",
    "UnknownCityError",
    "UsageError",
    "WorkspaceError",
    "cli_error_text",
    "error_text",
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

    def place(self, lang: str, *, full_path: bool = False) -> str:
        """The file, row and column, in ``lang``.

        The file is named by its name alone (an upload's temporary folder means
        nothing to a planner) unless ``full_path``.

        Examples
        --------
        >>> DataFileError("/tmp/x/清单.csv", row=5, column="类别").place("zh")
        '清单.csv,第 5 行,“类别”列'
        """
        parts = [str(self.path) if full_path else self.path.name]
        if self.row is not None:
            parts.append(render_message("place.row", lang, {"row": str(self.row)}))
        if self.column is not None:
            parts.append(render_message("place.column", lang, {"column": self.column}))
        return render_message("place.separator", lang).join(parts)


class UsageError(GeoAppError, ValueError):
    """An option or input value given by the user cannot be used (CLI options, app fields)."""


class AnalysisError(GeoAppError, ValueError):
    """Coverage, density or allocation cannot run on the inputs given."""


class SitingError(GeoAppError, ValueError):
    """Site selection cannot run on the inputs given, or finds no answer."""


class GeocodingError(GeoAppError, LookupError):
    """A name could not be turned into a trustworthy point."""


class OutOfAreaError(GeocodingError):
    """A geocoded point lies outside the area it was expected in.

    Parameters
    ----------
    query
        The name or address that was geocoded.
    expected
        The expected area, e.g. ``"洛阳市 涧西区"`` (a :class:`~geo_app.messages.Term`
        when its wording differs by language).
    lon, lat
        The rejected point (WGS-84).
    """

    def __init__(self, query: str, expected: str | Term, lon: float, lat: float) -> None:
        self.query = query
        self.expected = str(expected)
        self.lon = lon
        self.lat = lat
        super().__init__(
            code="geocoding.out_of_area",
            params={"query": query, "expected": expected, "lon": f"{lon:.5f}", "lat": f"{lat:.5f}"},
        )


class ProviderConfigError(GeocodingError):
    """An online provider cannot run: its key or setting is missing."""


class WorkspaceError(GeoAppError, ValueError):
    """A workspace cannot be opened, read or changed as asked (codes ``workspace.*``)."""


class StaleEditError(WorkspaceError):
    """An edit was made on an older version of a record than the one stored.

    Parameters
    ----------
    record_id
        The carrier or target edited.
    name
        Its name, for the message.
    expected, stored
        The version the edit was based on and the version stored now.
    updated_by, updated_at
        Who changed it last, and when (ISO 8601 UTC).
    """

    def __init__(
        self,
        record_id: str,
        *,
        name: str = "",
        expected: int,
        stored: int,
        updated_by: str = "",
        updated_at: str = "",
    ) -> None:
        self.record_id = record_id
        self.expected = expected
        self.stored = stored
        self.updated_by = updated_by
        self.updated_at = updated_at
        super().__init__(
            code="workspace.stale_edit",
            params={
                "id": record_id,
                "name": name or record_id,
                "expected": expected,
                "stored": stored,
                "who": updated_by or "?",
                "at": updated_at or "?",
            },
        )


class UnknownCityError(UsageError, LookupError):
    """No city of the registry has this name, alias, slug or adcode (``cities.unknown``)."""


def error_text(err: BaseException, lang: str, *, full_path: bool = False) -> str:
    """An error as the app and the CLI show it: in ``lang``, from the catalogue.

    A :class:`DataFileError` starts with its place (file, row, column) in
    ``lang``, the file by its name alone unless ``full_path`` (the CLI names
    the path it was given). Any other exception shows its own text.

    Examples
    --------
    >>> e = DataFileError("/tmp/x/清单.csv", code="file.not_found", row=5, column="类别")
    >>> error_text(e, "zh")
    '清单.csv,第 5 行,“类别”列:找不到文件'
    >>> error_text(e, "en")
    "清单.csv, row 5, column '类别': file not found"
    >>> err = SitingError(code="siting.partial_fit", params={"found": 3, "k": 5})
    >>> error_text(err, "zh")
    '在区县上限和最小间距的约束下只能放下 3 处(要求 5 处)。'
    >>> error_text(err, "en")
    'only 3 of 5 sites fit the quotas and the minimum spacing'
    """
    if not isinstance(err, GeoAppError):
        return str(err)
    body = err.text(lang)
    if not isinstance(err, DataFileError):
        return body
    place = err.place(lang, full_path=full_path)
    return render_message("place.message", lang, {"place": place, "message": body})


def cli_error_text(err: BaseException, lang: str) -> str:
    """The line the command line prints for an error, in ``lang`` (files by their path).

    Examples
    --------
    >>> cli_error_text(DataFileError("data/x.csv", code="file.not_found", row=3), "zh")
    '错误:data/x.csv,第 3 行:找不到文件'
    """
    message = error_text(err, lang, full_path=True)
    return render_message("cli.error", lang, {"message": message})
