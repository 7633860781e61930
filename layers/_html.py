"""Escaping for text that folium places in HTML inside JavaScript template literals."""

from __future__ import annotations

import html

__all__ = ["escape_html"]

_JS_TEMPLATE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape_html(value: object) -> str:
    """Escape ``value`` for HTML that folium embeds in a JS template literal.

    ``html.escape`` makes markup inert; backticks, ``$`` and backslashes are
    turned into entities too, because folium writes popup and tooltip HTML
    inside JavaScript template literals where they would end the literal,
    start an interpolation or an escape sequence.

    Examples
    --------
    >>> escape_html("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> escape_html("`${alert(1)}`")
    '&#96;&#36;{alert(1)}&#96;'
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE)
