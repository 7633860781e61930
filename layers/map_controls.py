"""The app map's layer control: folded on narrow screens, never over a popup.

At 1366×768 an always-open control of twelve to fifteen rows covers the
urban core of Luoyang. This control opens folded (an icon that unfolds on
hover or tap) when the browser window is narrower than :data:`NARROW_PX`,
and open on wider screens. The map lives in an iframe, so the width read is
the top window's where the browser allows it, the frame's otherwise.

While a popup is open the control's corner drops below the map panes, so a
popup is never hidden under the control; it comes back when the popup closes.

The control also makes itself known to the app's dynamic layers
(``window.__carrierControl``) and remembers which overlays the planner
switched on or off by name (``window.__carrierOn``), so that layers sent
again after a rerun come back as the planner left them.
"""

from __future__ import annotations

import folium
from folium.template import Template

__all__ = ["NARROW_PX", "CarrierLayerControl"]

#: Below this window width (CSS pixels) the layer control opens folded.
NARROW_PX = 1600

_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
    var {{ this.get_name() }}_layers = {
        base_layers : {
            {%- for key, val in this.base_layers.items() %}
            {{ key|tojson }} : {{val}},
            {%- endfor %}
        },
        overlays :  {
            {%- for key, val in this.overlays.items() %}
            {{ key|tojson }} : {{val}},
            {%- endfor %}
        },
    };
    var {{ this.get_name() }} = L.control.layers(
        {{ this.get_name() }}_layers.base_layers,
        {{ this.get_name() }}_layers.overlays,
        L.extend({{ this.options|tojavascript }}, {collapsed: (function () {
            var w = window.innerWidth;
            try { w = window.top.innerWidth || w; } catch (err) {}
            return w < {{ this.narrow_px }};
        })()})
    ).addTo({{ this._parent.get_name() }});
    (function (control, map) {
        window.__carrierControl = control;
        var on = window.__carrierOn = window.__carrierOn || {};
        map.on("overlayadd", function (e) { on[e.name] = true; });
        map.on("overlayremove", function (e) { on[e.name] = false; });
        var corner = control.getContainer().parentNode;
        map.on("popupopen", function () {
            if (control.options.collapsed) { control.collapse(); }
            corner.style.zIndex = "399";
        });
        map.on("popupclose", function () { corner.style.zIndex = ""; });
    })({{ this.get_name() }}, {{ this._parent.get_name() }});
{% endmacro %}
"""
)


class CarrierLayerControl(folium.LayerControl):  # type: ignore[misc]
    """folium's layer control, folded below ``narrow_px`` and kept under popups.

    Parameters
    ----------
    narrow_px
        Window width (CSS pixels) below which the control opens folded.

    Examples
    --------
    >>> m = folium.Map(tiles=None)
    >>> _ = CarrierLayerControl().add_to(m)
    >>> "window.__carrierControl" in m.get_root().render()
    True
    """

    _template = _TEMPLATE

    def __init__(self, *, narrow_px: int = NARROW_PX) -> None:
        super().__init__(collapsed=True)
        self.narrow_px = int(narrow_px)
