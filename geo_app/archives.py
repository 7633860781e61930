"""Checks a reader makes before it trusts a file: zip sizes and control characters.

An ``.xlsx`` or ``.docx`` is a zip container. Its central directory states
each part's compressed and uncompressed size, so a zip bomb (a small file
that expands to gigabytes) is refused from the directory alone, before a
single byte is decompressed. The limits are far above any real carrier list
or municipal plan (a 300-page plan's text part is a few MiB).

Text read from a table or layer must not hold control characters: a NUL or
an escape code in a cell means a damaged or binary file, and such text would
also reach exports and the map.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from geo_app.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_ZIP_PARTS",
    "MAX_ZIP_PART_BYTES",
    "MAX_ZIP_RATIO",
    "MAX_ZIP_TOTAL_BYTES",
    "check_cells",
    "check_zip",
    "control_char_at",
    "find_control_char",
    "one_line",
    "read_csv_text",
    "read_utf8_text",
]

#: Largest total the parts of a container may expand to (bytes).
MAX_ZIP_TOTAL_BYTES: Final[int] = 256 * 2**20
#: Largest size one part may expand to (bytes).
MAX_ZIP_PART_BYTES: Final[int] = 128 * 2**20
#: Highest compression ratio of a part larger than :data:`_RATIO_FLOOR`.
MAX_ZIP_RATIO: Final[int] = 200
#: Most parts a container may hold.
MAX_ZIP_PARTS: Final[int] = 10_000
# Small parts compress arbitrarily well without harm; the ratio matters above this.
_RATIO_FLOOR: Final[int] = 2**20

# C0 controls except tab, LF and CR; DEL; C1 controls.
_CONTROL: Final[re.Pattern[str]] = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _mib(size: int) -> str:
    return f"{size / 2**20:,.1f}"


def check_zip(data: bytes, path: str | Path, *, kind: str) -> None:
    """Refuse a zip container whose directory announces a bomb or is damaged.

    Parameters
    ----------
    data
        The file's bytes.
    path
        The file, for messages.
    kind
        What the file should be (``"Excel (.xlsx)"``, ``"Word (.docx)"``).

    Raises
    ------
    DataFileError
        If the directory cannot be read, or a part, the total, the ratio or
        the number of parts is over its limit.

    Examples
    --------
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("a.xml", b"0" * (2**20 * 300))
    >>> try:
    ...     check_zip(buf.getvalue(), "bomb.xlsx", kind="Excel (.xlsx)")
    ... except DataFileError as err:
    ...     print(err.code)
    archive.too_large
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as err:
        raise DataFileError(
            path, code="archive.not_zip", params={"kind": kind, "detail": one_line(err)}
        ) from err
    if len(parts) > MAX_ZIP_PARTS:
        raise DataFileError(
            path,
            code="archive.too_many_parts",
            params={"count": len(parts), "limit": MAX_ZIP_PARTS},
        )
    total = sum(p.file_size for p in parts)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise DataFileError(
            path,
            code="archive.too_large",
            params={"size": _mib(total), "limit": MAX_ZIP_TOTAL_BYTES // 2**20},
        )
    for part in parts:
        _check_part(part, path)


def _check_part(part: zipfile.ZipInfo, path: str | Path) -> None:
    if part.file_size > MAX_ZIP_PART_BYTES:
        raise DataFileError(
            path,
            code="archive.member_too_large",
            params={
                "member": part.filename,
                "size": _mib(part.file_size),
                "limit": MAX_ZIP_PART_BYTES // 2**20,
            },
        )
    ratio = part.file_size / max(part.compress_size, 1)
    if part.file_size > _RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
        raise DataFileError(
            path,
            code="archive.ratio",
            params={"member": part.filename, "ratio": int(ratio), "limit": MAX_ZIP_RATIO},
        )


def control_char_at(text: str) -> tuple[int, str] | None:
    """Offset and name (``U+0000``) of the first control character in ``text``.

    Tab, line feed and carriage return are allowed (a cell may hold several
    lines).

    Examples
    --------
    >>> control_char_at("ab\\x00c"), control_char_at("a\\tb\\r\\n")
    ((2, 'U+0000'), None)
    """
    found = _CONTROL.search(text)
    return None if found is None else (found.start(), f"U+{ord(found.group()):04X}")


def find_control_char(values: Iterable[object]) -> tuple[int, str] | None:
    """Position and name of the first value holding a control character.

    Values that are not text are skipped.

    Examples
    --------
    >>> find_control_char(["ok", "also ok\\n", "bad\\x00"])
    (2, 'U+0000')
    >>> find_control_char(["fine", 3.5]) is None
    True
    """
    for position, value in enumerate(values):
        if isinstance(value, str):
            found = control_char_at(value)
            if found is not None:
                return position, found[1]
    return None


def read_utf8_text(path: Path) -> str:
    """A UTF-8 text file (BOM allowed) without control characters.

    Raises
    ------
    DataFileError
        Missing, unreadable or empty file; bytes that are not UTF-8, or a
        control character — naming the row (line) where it is.
    """
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DataFileError(path, code="file.unreadable", params={"detail": err.strerror}) from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data.count(b"\n", 0, err.start) + 1
        raise DataFileError(path, code="file.not_utf8", row=row) from err
    found = control_char_at(text)
    if found is not None:
        row = text.count("\n", 0, found[0]) + 1
        raise DataFileError(path, code="file.control_char", params={"char": found[1]}, row=row)
    if not text.strip():
        raise DataFileError(path, code="file.empty")
    return text


def one_line(err: BaseException) -> str:
    """A library's error text on one line (a message is shown as one line).

    Examples
    --------
    >>> one_line(ValueError("Error tokenizing data.\\nExpected 3 fields"))
    'Error tokenizing data. Expected 3 fields'
    """
    return " ".join(str(err).split())


def read_csv_text(
    text: str, path: str | Path, *, unreadable: str = "table.csv_unreadable", **options: Any
) -> pd.DataFrame:
    """CSV text as a table of strings; an empty or malformed table names its file.

    ``unreadable`` is the message code for a table pandas cannot parse;
    ``options`` go to :func:`pandas.read_csv` (``sep``, ``skipinitialspace`` …).

    Examples
    --------
    >>> read_csv_text("a,b\\n1,2\\n", "x.csv").to_dict("records")
    [{'a': '1', 'b': '2'}]
    """
    import pandas as pd

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, **options)
    except pd.errors.EmptyDataError as err:
        raise DataFileError(path, code="file.empty") from err
    except (ValueError, csv.Error) as err:  # ParserError is a ValueError
        raise DataFileError(path, code=unreadable, params={"detail": one_line(err)}) from err
    if not isinstance(frame.index, pd.RangeIndex):
        # Rows longer than the header: pandas would silently take their first
        # cells as an index and shift every column.
        raise DataFileError(path, code="table.row_too_long", row=2)
    return frame


def check_cells(
    path: str | Path,
    frame: pd.DataFrame,
    *,
    rows: Sequence[int] | None = None,
    skip: Iterable[str] = (),
) -> None:
    """Refuse a text cell holding a control character, naming its row and column.

    ``rows`` gives each record's row as the planner numbers it (default: the
    header is row 1, so record ``i`` is row ``i + 2``); columns in ``skip``
    and columns that do not hold text are passed over.
    """
    skipped = set(skip)
    for column in frame.columns:
        if column in skipped or frame[column].dtype != object:
            continue
        found = find_control_char(frame[column].tolist())
        if found is not None:
            raise DataFileError(
                path,
                code="file.control_char",
                params={"char": found[1]},
                row=rows[found[0]] if rows is not None else found[0] + 2,
                column=str(column),
            )
