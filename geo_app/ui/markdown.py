"""Text shown through Streamlit's Markdown renderer, shown as typed.

``st.markdown``, ``st.caption``, ``st.error`` and the other message
elements render their text as Markdown: a carrier name, a file or sheet
name, a cell quoted in an error could otherwise become a link, an image
fetched from anywhere, a heading or a formula. Every such text passes
through :func:`plain` (the one place), which backslash-escapes each
character Markdown or Streamlit would read as syntax.
"""

from __future__ import annotations

from typing import Final

__all__ = ["plain"]

#: ASCII punctuation that Markdown (CommonMark: any of it may be escaped),
#: Streamlit's ``$`` maths and ``:color[…]`` directives, and HTML would read.
_SPECIAL: Final[frozenset[str]] = frozenset("\\`*_{}[]()#+-.!|<>~$=&:\"'")


def plain(text: object) -> str:
    """``text`` escaped so Streamlit's Markdown shows it character for character.

    Examples
    --------
    >>> plain("![x](http://a.invalid/t.png) **b** $x$")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\://a\\\\.invalid/t\\\\.png\\\\) \\\\*\\\\*b\\\\*\\\\* \\\\$x\\\\$'
    >>> plain("洛阳市 涧西区")
    '洛阳市 涧西区'
    """
    return "".join("\\" + c if c in _SPECIAL else c for c in str(text))
