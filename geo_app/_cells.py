"""Spreadsheet cells that never run: the one rule for writing and reading text cells.

A spreadsheet program takes a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``), and some strip
a leading tab or carriage return first. Every CSV and XLSX file the product
writes therefore goes through :func:`defuse_frame`, which puts a single quote
``'`` before such a *text* cell (OWASP's CSV-injection guidance); numbers
(numeric columns) are left alone, since a negative number is not a formula.

Reading follows the matching rule, :func:`tidy_cell`: surrounding whitespace
is stripped, except where that would bring a formula character to the front
(``"\\t=1+1"`` stays as it is), and the defusing quote is kept, so a file the
product wrote reads back exactly as written and is never re-armed. A table
written, read and written again is therefore unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFUSING_QUOTE",
    "FORMULA_TRIGGERS",
    "csv_text",
    "defuse_frame",
    "defuse_text",
    "is_live_formula",
    "records_csv_text",
    "tidy_cell",
]

#: First characters that make a spreadsheet program read a cell as a formula
#: (tab and carriage return because some programs drop them before looking).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: What :func:`defuse_text` puts in front of a dangerous text cell.
DEFUSING_QUOTE = "'"


def is_live_formula(text: str) -> bool:
    """Whether a spreadsheet program could take ``text`` as a formula.

    A cell is dangerous when it starts with a formula character, or when it
    does once its leading whitespace is dropped (``"  =1+1"``).

    Examples
    --------
    >>> [is_live_formula(s) for s in ("=1+1", "  =1+1", "\\t孵化器", "'=1+1", "＝1+1", "周山")]
    [True, True, True, False, False, False]
    """
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip().startswith(FORMULA_TRIGGERS)


def defuse_text(text: str) -> str:
    """``text`` made inert in a spreadsheet: quoted when it could run as a formula.

    Examples
    --------
    >>> defuse_text('=HYPERLINK("http://x/","a")'), defuse_text("-5"), defuse_text("周山智慧岛")
    ('\\'=HYPERLINK("http://x/","a")', "'-5", '周山智慧岛')
    >>> defuse_text(defuse_text("@SUM(1+1)"))  # idempotent
    "'@SUM(1+1)"
    """
    return DEFUSING_QUOTE + text if is_live_formula(text) else text


def _defuse_value(value: object) -> object:
    return defuse_text(value) if isinstance(value, str) else value


def defuse_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers are defused.

    Only text columns are changed; numeric, boolean and date columns keep
    their values (a negative number stays a number). Within a column of
    mixed values only the strings are changed.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"name": ["=1+1", "周山"], "lon": [-112.4, 112.4]})
    >>> defuse_frame(t).to_dict("list")
    {'name': ["'=1+1", '周山'], 'lon': [-112.4, 112.4]}
    """
    import pandas as pd

    out = pd.DataFrame(frame).copy()
    for col in out.columns:
        series = out[col]
        if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
            out[col] = series.map(_defuse_value)
    out.columns = pd.Index([_defuse_value(c) for c in out.columns])
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as defused CSV text (RFC 4180: CRLF line ends, no index).

    With CRLF as the line end, a cell holding a carriage return or a line
    break is quoted, so it can never start a new row (and a new cell) of
    its own.

    Examples
    --------
    >>> import pandas as pd
    >>> csv_text(pd.DataFrame({"a": ["\\r=1+1", "x"]}))
    'a\\r\\n"\\'\\r=1+1"\\r\\nx\\r\\n'
    """
    text = defuse_frame(frame).to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return str(text)


def records_csv_text(columns: Sequence[str], records: Iterable[Sequence[object]]) -> str:
    """Plain records as defused CSV text, written as :func:`csv_text` writes a table.

    For callers that hold plain Python values (text, numbers, ``None``,
    booleans) and need no table library: ``None`` becomes an empty cell and
    every text cell and header goes through :func:`defuse_text`.

    Examples
    --------
    >>> records_csv_text(["a", "n"], [("\\r=1+1", 2.0), ("x", None)])
    'a,n\\r\\n"\\'\\r=1+1",2.0\\r\\nx,\\r\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([defuse_text(c) for c in columns])
    writer.writerows([_defuse_value(v) for v in record] for record in records)
    return out.getvalue()


def tidy_cell(text: str) -> str:
    """A cell as read: whitespace stripped, but never into a formula.

    The surrounding whitespace goes, except leading whitespace that stands
    before a formula character (a defused ``"\\t=1+1"`` keeps its tab). The
    defusing quote is kept: ``"'=1+1"`` reads as itself.

    Examples
    --------
    >>> tidy_cell("  周山智慧岛 "), tidy_cell("\\t=1+1 "), tidy_cell("'=1+1"), tidy_cell(" -5")
    ('周山智慧岛', '\\t=1+1', "'=1+1", ' -5')
    """
    stripped = text.strip()
    if text[:1].isspace() and stripped.startswith(FORMULA_TRIGGERS):
        return text.rstrip()
    return stripped
