"""The map on the app's page: a static part built once, live parts sent beside it.

``st_folium`` renders a whole folium map to JavaScript on every call, and a
map whose script changed is re-created in the browser. Here the map is split:

- the **static part** (basemap, boundaries, carriers, controls) is rendered
  once to strings (:class:`StaticMap`, frozen: the app caches it with
  ``st.cache_data`` and every session gets its own copy);
- the **live parts** (the analysis and site-selection layers, the planner's
  own layers, the search highlight and the drawn areas) go through
  streamlit-folium's ``feature_group`` argument, which the browser adds to the
  map it already shows, and the view through ``center`` and ``zoom``.

A rerun that changes nothing on the map sends the same arguments, which
Streamlit does not send to the browser again, and the browser keeps its map.
The rendering steps are streamlit-folium's own (pinned to 0.27).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from streamlit_folium import (  # private helpers of the pinned version
    _component_func,
    _get_header,
    _get_html,
    _get_map_string,
    generate_js_hash,
    generate_leaflet_string,
    get_full_id,
)

from layers._html import check_map_inert
from layers.fast_markers import CLUSTER_CSS, script_json

__all__ = [
    "UNUSED_ASSETS",
    "LiveAssets",
    "StaticMap",
    "drawings_script",
    "dynamic_script",
    "show_map",
    "static_map",
]


class LiveAssets(JSCSSMixin, MacroElement):  # type: ignore[misc]
    """Stylesheets that layers added later need: the browser loads assets only
    with the map, so the static part declares them."""

    def __init__(self) -> None:
        super().__init__()
        self._name = "LiveAssets"
        self.default_css = list(CLUSTER_CSS)


@dataclass(frozen=True)
class StaticMap:
    """A folium map rendered to what the streamlit-folium component needs.

    Attributes
    ----------
    script
        The map's JavaScript (variables renamed by streamlit-folium).
    header, html
        Page head and body parts (styles, legend boxes).
    css_links, js_links
        Stylesheets and scripts the page loads first.
    map_id
        Element id of the map.
    key
        The component key: a hash of the script, so a different map is a
        different component and the same map keeps its browser state.
    zoom
        The zoom the map opens at, if it has one.
    """

    script: str
    header: str
    html: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    map_id: str
    key: str
    zoom: int | None


#: folium's default assets this map never uses (its markers are SVG DivIcons):
#: Bootstrap, Font Awesome and the awesome markers; jQuery stays (folium's
#: popups are built with it). The component loads scripts one after another,
#: so each one left out is a round trip less before the map appears.
UNUSED_ASSETS: frozenset[str] = frozenset(
    {
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def static_map(fmap: folium.Map, *, key: str = "map") -> StaticMap:
    """Render ``fmap`` once (it is changed in the process; do not reuse it).

    Examples
    --------
    >>> m = folium.Map(location=[34.6, 112.4], zoom_start=9, tiles=None)
    >>> part = static_map(m)
    >>> part.map_id, part.zoom, "L.map(" in part.script
    ('map_div', 9, True)
    """
    fmap.get_root().render()
    fmap.render()
    html = _get_html(fmap)
    header = _get_header(fmap)
    script = _get_map_string(fmap)
    css: list[str] = []
    js: list[str] = []
    for element in _walk(fmap):
        if isinstance(element, JSCSSMixin):
            css.extend(href for name, href in element.default_css if name not in UNUSED_ASSETS)
            js.extend(src for name, src in element.default_js if name not in UNUSED_ASSETS)
    zoom = fmap.options.get("zoom")
    return StaticMap(
        script=script,
        header=header,
        html=html,
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
        map_id=get_full_id(fmap),
        key=generate_js_hash(script, key, False),
        zoom=int(zoom) if isinstance(zoom, int | float) else None,
    )


# Listed in the layer control (names are HTML already escaped by the layer's
# builder) and shown as the planner last left them, else as built.
_SYNC = """
(function (layers) {
  var control = window.__carrierControl, on = window.__carrierOn || {};
  (window.__carrierLive || []).forEach(function (l) { if (control) { control.removeLayer(l); } });
  window.__carrierLive = [];
  layers.forEach(function (a) {
    var layer = a[0], name = a[1], shown = (name !== null && name in on) ? on[name] : a[2];
    if (!shown) { map_div.removeLayer(layer); }
    if (name !== null && control) { control.addOverlay(layer, name); window.__carrierLive.push(layer); }
  });
})([%s]);
"""

# Areas drawn before the map was re-created (page or basemap switch) come
# back as editable shapes; a map that already holds drawings keeps its own.
_DRAWINGS = """
(function (features) {
  var items = window.drawnItems;
  if (!features.length || !items || typeof items.getLayers !== "function"
      || items.getLayers().length) { return; }
  L.geoJSON(features).eachLayer(function (l) { items.addLayer(l); });
})(%s);
"""


def dynamic_script(groups: Sequence[folium.map.Layer]) -> str:
    """The JavaScript that adds ``groups`` to the shown map.

    ``groups`` are consumed (renamed and re-parented). Groups with
    ``control=False`` (the search highlight) stay out of the layer control.

    Examples
    --------
    >>> fg = folium.FeatureGroup(name="sites", show=False)
    >>> js = dynamic_script([fg])
    >>> "map_div.addLayer(feature_group_feature_group_0)" in js and '"sites",false' in js
    True
    """
    holder = folium.Map(tiles=None)
    parts: list[str] = []
    entries: list[str] = []
    for idx, group in enumerate(groups):
        script, var = _layer_script(group, holder, idx)
        parts.append(script)
        name = script_json(group.layer_name) if group.control else "null"
        entries.append(f"[{var},{name},{json.dumps(group.show)}]")
    parts.append(_SYNC % ",".join(entries))
    return "\n".join(parts)


def _layer_script(layer: folium.map.Layer, holder: folium.Map, idx: int) -> tuple[str, str]:
    """One layer's script and variable name, added to ``map_div``.

    As streamlit-folium's ``_get_feature_group_string``, but for any layer
    (a clustered marker layer or a GeoJson is not named ``feature_group_*``).
    """
    check_map_inert(layer)  # as the static map: no template text reaches the page
    base = f"feature_group_{idx}"
    layer._id = base
    layer.add_to(holder)
    layer.render()
    script = generate_leaflet_string(layer, base_id=base).replace(get_full_id(holder), "map_div")
    var = layer.get_name()
    script += (
        f"\nmap_div.addLayer({var});\n"
        "window.feature_group = window.feature_group || [];\n"
        f"window.feature_group.push({var});\n"
    )
    return script, var


def drawings_script(features: Sequence[Mapping[str, Any]]) -> str:
    """The JavaScript that puts drawn areas back on a map that has none.

    ``features`` are GeoJSON features in the basemap's display coordinates.

    Examples
    --------
    >>> drawings_script([]) == ""
    True
    """
    return _DRAWINGS % script_json(list(features)) if features else ""


def show_map(
    static: StaticMap,
    *,
    key: str,
    live: str,
    center: tuple[float, float] | None,
    zoom: int | None,
    height: int,
    returned_objects: Sequence[str],
) -> dict[str, Any]:
    """Draw ``static`` with the ``live`` script, at ``center``/``zoom`` if given.

    Returns what the map reports (only ``returned_objects``); before the
    planner interacts, the defaults (``None`` values).
    """
    defaults: dict[str, Any] = dict.fromkeys(returned_objects)
    if "zoom" in defaults:
        defaults["zoom"] = static.zoom

    def _on_change() -> None:
        st.session_state[key] = st.session_state.get(static.key, {})

    out = _component_func(
        script=static.script,
        header=static.header,
        html=static.html,
        id=static.map_id,
        key=static.key,
        height=height,
        width=None,
        returned_objects=list(returned_objects),
        default=defaults,
        zoom=zoom,
        center=list(center) if center is not None else None,
        feature_group=live,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(static.css_links),
        js_links=list(static.js_links),
        on_change=_on_change,
        wrap_longitude=False,
    )
    return dict(out) if isinstance(out, Mapping) else defaults
