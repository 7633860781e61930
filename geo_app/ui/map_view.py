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
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import branca.element
import folium
import jinja2
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


_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
_NEWLINES = re.compile(r"\r\n|\r")


class _Text:
    """A branca text element's template when the text holds no template syntax.

    branca wraps every rendered script and stylesheet in a new ``Element``
    whose text is compiled as a Jinja template (a third of the time a map
    takes to render); text without ``{{``, ``{%`` or ``{#`` renders as
    itself, with Jinja's newline rules (``\\r\\n`` and ``\\r`` become
    ``\\n``, one trailing newline is dropped).
    """

    def __init__(self, source: str) -> None:
        text = _NEWLINES.sub("\n", source)
        self.source = text[:-1] if text.endswith("\n") else text

    def render(self, *args: object, **kwargs: object) -> str:
        return self.source


def _element_template(source: str) -> jinja2.Template | _Text:
    """What branca's ``Element(text)`` compiles ``source`` into: Jinja only if needed.

    Examples
    --------
    >>> _element_template("a\\r\\nb\\n").render()
    'a\\nb'
    >>> _element_template("{{ 1 + 1 }}").render()
    '2'
    """
    if isinstance(source, str) and not _TEMPLATE_SYNTAX.search(source):
        return _Text(source)
    template: jinja2.Template = jinja2.Template(source)
    return template


# branca looks ``Template`` up in its module when an Element is made from text
# (pinned branca 0.8); the output is the same, without compiling plain text.
branca.element.Template = _element_template  # type: ignore[attr-defined,assignment]


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


# The view the app sets is one it knows already: the map's opening view, and
# each view streamlit-folium moves it to (its ``center``/``zoom`` arguments,
# remembered in ``last_center``/``last_zoom`` just before it moves the map).
# Such a view is marked as reported, so the map does not send it back and
# rerun the page for nothing; a move by the planner is reported as before.
# A click on the map is reported as soon as the click's handlers have run,
# not after the component's quarter-second wait (unless the click moves the
# map, as a cluster zooming in does: the move's report carries both), and a
# popup panned into view
# jumps there (no glide) so the report carries the view it leaves. The
# reported data are built as the pinned component builds them; were they to
# differ, the map reports once more, which is harmless.
_SETTLE = """
(function (map) {
  var seen = null, autopan = false, moving = false;
  function asked(g) { return JSON.stringify([g.last_center, g.last_zoom]); }
  function current(g) {
    var all = {last_object_clicked: g.last_object_clicked, all_drawings: g.all_drawings,
               zoom: map.getZoom(), center: map.getCenter()};
    var data = {};
    Object.keys(all).forEach(function (k) {
      if ((g.returned_objects || []).indexOf(k) !== -1) { data[k] = all[k]; }
    });
    return data;
  }
  function settle(g) { g.previous_data = current(g); seen = asked(g); }
  function report() {
    var g = window.__GLOBAL_DATA__;
    if (!g || seen === null || moving || !window.Streamlit) { return; }
    var data = current(g);
    if (JSON.stringify(data) !== JSON.stringify(g.previous_data)) {
      g.previous_data = data;
      window.Streamlit.setComponentValue(data);
    }
  }
  var init = window.initComponent;
  if (typeof init !== "function" || init.__settles) { return; }
  window.initComponent = function (m, hover) {
    if (window.__GLOBAL_DATA__) { settle(window.__GLOBAL_DATA__); }
    return init(m, hover);
  };
  window.initComponent.__settles = true;
  var panBy = map.panBy;
  map.panBy = function (offset, options) {
    return panBy.call(this, offset, autopan ? L.extend({}, options, {animate: false}) : options);
  };
  map.on("autopanstart", function () { autopan = true; });
  map.on("movestart zoomstart", function () { moving = true; });
  map.on("moveend", function () {
    var g = window.__GLOBAL_DATA__;
    autopan = false;
    moving = false;
    if (g && seen !== null && asked(g) !== seen) { settle(g); }
  });
  map.getContainer().addEventListener("click", function () { setTimeout(report, 50); });
})(map_div);
"""


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
    script = _get_map_string(fmap) + _SETTLE
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
