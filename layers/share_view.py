"""A map button that gives a link to the exact view on screen.

The app's URL already holds the city, language, basemap and layers; this
control adds where the map is looking. Clicking it reads the map's centre and
zoom, writes them into the page address as ``at=lat,lon,zoom`` (appending
``,gcj02`` when the map is drawn on a GCJ-02 basemap, so that the app converts
the centre back to WGS-84 exactly when the link is opened), shows the link in
a box and copies it to the clipboard where the browser allows it. Panning and
zooming themselves still cause no rerun of the app.
"""

from __future__ import annotations

import json

from branca.element import MacroElement
from jinja2 import Template

__all__ = ["ShareViewControl", "format_at"]

_TITLES = {
    "zh": "复制此视图的链接(含位置与缩放)",
    "en": "Copy a link to this view (centre and zoom)",
}

# A chain-link icon drawn as SVG, so it shows without an emoji font.
_ICON = (
    '<svg width="16" height="16" viewBox="0 0 24 24" style="margin-top:7px" fill="none" '
    'stroke="#333" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" '
    'aria-hidden="true"><path d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5"/>'
    '<path d="M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"/></svg>'
)

_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
(function (map) {
  var Share = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var div = L.DomUtil.create("div", "leaflet-bar share-view");
      var a = L.DomUtil.create("a", "share-view-button", div);
      a.href = "#";
      a.title = {{ this.title_json }};
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", {{ this.title_json }});
      a.innerHTML = {{ this.icon_json }};
      var box = L.DomUtil.create("input", "share-view-link", div);
      box.type = "text";
      box.readOnly = true;
      box.style.display = "none";
      box.style.width = "26em";
      box.style.fontSize = "11px";
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var c = map.getCenter();
        var at = c.lat.toFixed(5) + "," + c.lng.toFixed(5) + "," + map.getZoom();
        if ({{ this.gcj_json }}) { at += ",gcj02"; }
        var base;
        try { base = window.parent.location.href; } catch (err) { base = window.location.href; }
        var url = new URL(base);
        url.searchParams.set("at", at);
        box.value = url.toString();
        box.style.display = "block";
        box.select();
        try {
          if (navigator.clipboard) { navigator.clipboard.writeText(box.value).catch(function () {}); }
        } catch (err) {}
      });
      return div;
    }
  });
  new Share().addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
)


class ShareViewControl(MacroElement):  # type: ignore[misc]
    """Leaflet control: a link button that shows and copies a link to the current view.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"`` for the button's tooltip.
    gcj02
        True when the map is drawn in GCJ-02 (Gaode basemaps): the link then
        marks its centre as GCJ-02.
    """

    def __init__(self, *, lang: str = "zh", gcj02: bool = False) -> None:
        super().__init__()
        self._name = "ShareViewControl"
        self._template = _TEMPLATE
        # JSON literals: no string from outside reaches the script unescaped.
        self.title_json = json.dumps(_TITLES["en" if lang == "en" else "zh"]).replace(
            "<", "\\u003c"
        )
        self.gcj_json = json.dumps(bool(gcj02))
        self.icon_json = json.dumps(_ICON)


def format_at(lat: float, lon: float, zoom: int) -> str:
    """The ``at`` value of a WGS-84 view, as the control writes it.

    >>> format_at(34.62, 112.45, 12)
    '34.62000,112.45000,12'
    """
    return f"{lat:.5f},{lon:.5f},{int(zoom)}"
