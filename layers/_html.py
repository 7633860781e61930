"""The one boundary where text enters the map: HTML and template neutralisation.

folium and branca render every element's output a second time as a Jinja2
template (``branca.element.Element`` wraps rendered HTML and scripts in a new
``Template``), and Leaflet inserts popups, tooltips and layer names as HTML.
So text reaching a map must be inert both as markup and as a template: every
string that enters folium or branca goes through :func:`escape_html` (markup,
layer names, GeoJSON properties shown by tooltips), and data serialised into
a script goes through :func:`neutralise_template` as a second guard.
"""

from __future__ import annotations

import html
import re

import geopandas as gpd
import pandas as pd
from branca.element import Element

from geo_app.errors import GeoAppError

__all__ = [
    "TemplateTextError",
    "check_map_inert",
    "escape_html",
    "inert_frame",
    "neutralise_template",
    "template_free",
]

# Backticks, ``$`` and backslashes: folium writes HTML inside JavaScript
# template literals. Braces: ``{{``, ``{%`` and ``{#`` open Jinja2 syntax.
_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})
# In serialised JSON, braces are structural and never form these pairs outside
# a string value, so each occurrence is inside a string and can be escaped.
_JINJA_OPEN_RE = re.compile(r"\{(?=[{%#])")


def escape_html(value: object) -> str:
    """Escape ``value`` so it is inert as HTML, as a JS template literal and as Jinja2.

    ``html.escape`` makes markup inert; backticks, ``$`` and backslashes are
    turned into entities because folium writes popup and tooltip HTML inside
    JavaScript template literals; braces become entities so that branca's
    second rendering pass finds no ``{{``, ``{%`` or ``{#`` to evaluate. The
    browser shows every character as typed.

    Examples
    --------
    >>> escape_html("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> escape_html("`${alert(1)}`")
    '&#96;&#36;&#123;alert(1)&#125;&#96;'
    >>> escape_html("{{ lipsum.__globals__ }}{% raw %}")
    '&#123;&#123; lipsum.__globals__ &#125;&#125;&#123;% raw %&#125;'
    >>> escape_html(None)
    ''
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_EXTRA)


def neutralise_template(json_text: str) -> str:
    """Make serialised JSON free of Jinja2 delimiters without changing its value.

    Each ``{`` that would open ``{{``, ``{%`` or ``{#`` becomes ``\\u007b``,
    which a JavaScript or JSON parser reads as the same brace.

    Examples
    --------
    >>> neutralise_template('{"a":"{{ 7*7 }}","b":{"c":"{%x%}"}}')
    '{"a":"\\\\u007b{ 7*7 }}","b":{"c":"\\\\u007b%x%}"}}'
    """
    return _JINJA_OPEN_RE.sub(r"\\u007b", json_text)


def template_free(text: str) -> bool:
    """Whether ``text`` holds no Jinja2 delimiter (``{{``, ``{%``, ``{#``).

    Examples
    --------
    >>> template_free("a {b} c"), template_free("{{x}}")
    (True, False)
    """
    return _JINJA_OPEN_RE.search(text) is None


def _escape_cell(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # None and NaN stay empty
        return value
    return escape_html(value)


def inert_frame(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` whose text columns are escaped with :func:`escape_html`.

    This is how GeoJSON properties enter a folium layer: tooltips and popups
    insert them as HTML, and branca renders the layer's script as a template.
    Numbers, booleans and the geometry are kept as they are.
    """
    out = gdf.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            out[column] = series.map(_escape_cell)
    return out


class TemplateTextError(GeoAppError, ValueError):
    """A map element holds text that branca would evaluate as a template."""


def _strings(value: object, depth: int = 0) -> list[str]:
    if isinstance(value, str):
        return [value]
    if depth > 12:
        return []
    if isinstance(value, dict):
        out = [k for k in value if isinstance(k, str)]
        for item in value.values():
            out.extend(_strings(item, depth + 1))
        return out
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            out.extend(_strings(item, depth + 1))
        return out
    return []


def check_map_inert(root: Element) -> int:
    """Refuse a map whose elements carry text with Jinja2 delimiters; returns elements checked.

    The guard behind :func:`escape_html`: before a map is rendered, every
    element's own text — raw HTML given to popups and icons, tooltip text,
    layer names, GeoJSON data, serialised payloads — is searched for ``{{``,
    ``{%`` or ``{#``. Elements' templates (the ``_template`` attributes) are
    the libraries' own and are not searched. Failing closed keeps a missed
    escape from ever running on the server.

    Raises
    ------
    TemplateTextError
        Naming the element (its class) that carries such text.
    """
    stack = [root]
    seen = 0
    while stack:
        element = stack.pop()
        seen += 1
        for attr, value in vars(element).items():
            if attr in _SKIPPED_ATTRS or (attr.startswith("_template") and attr != "_template_str"):
                continue
            for text in _strings(value):
                if not template_free(text):
                    raise TemplateTextError(
                        code="map.template_text",
                        params={"element": f"{type(element).__name__}.{attr}"},
                    )
        stack.extend(element._children.values())
        for part in ("header", "html", "script"):
            child = vars(element).get(part)
            if isinstance(child, Element):
                stack.append(child)
    return seen


_SKIPPED_ATTRS = frozenset({"_children", "_parent", "_name", "_id", "header", "html", "script"})
