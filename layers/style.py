"""How each category, status and precision is drawn.

Category → shape and colour; status → filled (existing) or hollow
(planned); precision → solid outline (a known site) or dashed outline with a
"≈" badge (a representative point of the district or city: approximate).
Symbols are inline SVG built only from these constants, never from data.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["CATEGORY_COLORS", "CATEGORY_SHAPES", "marker_svg"]

CATEGORY_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "community": "#d62728",
        "smart_island": "#1f77b4",
        "incubator": "#2ca02c",
        "park": "#9467bd",
        "zone": "#ff7f0e",
    }
)

#: SVG path of each category's symbol in a 24×24 box.
CATEGORY_SHAPES: Mapping[str, str] = MappingProxyType(
    {
        "community": "M12 3 A9 9 0 1 0 12.01 3 Z",  # circle
        "smart_island": "M12 2 L14.9 8.9 L22 9.3 L16.5 14 L18.2 21 L12 17.2 L5.8 21 L7.5 14 "
        "L2 9.3 L9.1 8.9 Z",  # star
        "incubator": "M12 3 L21 20 L3 20 Z",  # triangle
        "park": "M4 4 H20 V20 H4 Z",  # square
        "zone": "M12 2 L20.7 7 V17 L12 22 L3.3 17 V7 Z",  # hexagon
    }
)


def marker_svg(category: str, *, existing: bool, approximate: bool, size: int = 24) -> str:
    """Inline SVG of a carrier symbol.

    Parameters
    ----------
    category
        One of :data:`CATEGORY_SHAPES`.
    existing
        Filled symbol when True, hollow (white fill) when planned.
    approximate
        Dashed outline and a "≈" badge for district/city-precision points.
    size
        Pixel size of the square icon.

    Examples
    --------
    >>> "stroke-dasharray" in marker_svg("park", existing=True, approximate=True)
    True
    """
    color = CATEGORY_COLORS[category]
    fill = color if existing else "#ffffff"
    dash = ' stroke-dasharray="3 2"' if approximate else ""
    badge = (
        '<circle cx="19" cy="5" r="5" fill="#ffffff" stroke="#333" stroke-width="1"/>'
        '<text x="19" y="8" font-size="9" text-anchor="middle" fill="#333">≈</text>'
        if approximate
        else ""
    )
    opacity = "0.75" if approximate else "1"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 24 24" opacity="{opacity}">'
        f'<path d="{CATEGORY_SHAPES[category]}" fill="{fill}" stroke="{color}" '
        f'stroke-width="2.5"{dash}/>{badge}</svg>'
    )
