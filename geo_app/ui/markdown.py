"""Text shown through Streamlit's Markdown renderer, shown as typed.

``st.markdown``, ``st.caption``, ``st.error`` and the other message
elements render their text as Markdown: a carrier name, a file or sheet
name, a cell quoted in an error could otherwise become a link, an image
fetched from anywhere, a heading or a formula. Every such text passes
through :func:`plain` (the one place), which backslash-escapes each
character Markdown or Streamlit would read as syntax.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["plain"]

#: Characters that Markdown (CommonMark) or Streamlit (``$`` maths, ``~``
#: strikethrough, tables, HTML entities and tags) read as syntax anywhere.
_ANYWHERE: Final[frozenset[str]] = frozenset("\\`*_[]<>$~|&")
#: Line-start syntax: headings, list bullets, ordered lists, quotes, rules.
_LINE_START = re.compile(r"^([ \t]*)(?:([#+\-=>])|(\d+)([.)]))", re.MULTILINE)


def plain(text: object) -> str:
    """``text`` escaped so Streamlit's Markdown shows it character for character.

    Examples
    --------
    >>> plain("![x](http://a.invalid/t.png) **b** $x$")
    '!\\\\[x\\\\](http://a.invalid/t.png) \\\\*\\\\*b\\\\*\\\\* \\\\$x\\\\$'
    >>> plain("名单.xlsx, row 5: 1.5")
    '名单.xlsx, row 5: 1.5'
    >>> plain("# title\\n1. item\\n- item")
    '\\\\# title\\n1\\\\. item\\n\\\\- item'
    """
    escaped = "".join("\\" + c if c in _ANYWHERE else c for c in str(text))
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, digits, close = match.groups()
    if mark is not None:
        return f"{indent}\\{mark}"
    return f"{indent}{digits}\\{close}"
