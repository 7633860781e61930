"""The QGIS symbology stored in a workspace: carriers coloured by category.

The colours and shapes are the app's (:mod:`layers.style`), so a map made in
QGIS from the workspace reads like the app's map. Carriers whose category is
not recognised get a grey cross. Labels are built from constants only, never
from data.
"""

from __future__ import annotations

from typing import Final
from xml.sax.saxutils import escape, quoteattr

from geo_app.model import CATEGORY_LABELS, Category
from layers.style import CATEGORY_COLORS

__all__ = ["carriers_qml", "carriers_sld"]

#: QGIS simple-marker shape of each category (the app's symbols).
_QGIS_SHAPES: Final[dict[str, str]] = {
    "community": "circle",
    "smart_island": "star",
    "incubator": "triangle",
    "park": "square",
    "zone": "hexagon",
}
_OTHER_COLOUR: Final[str] = "#7f7f7f"


def _rgba(colour: str) -> str:
    """``#d62728`` → ``214,39,40,255`` (QGIS colour text)."""
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"{red},{green},{blue},255"


def _classes(lang: str) -> list[tuple[str, str, str, str]]:
    """(value, label, colour, shape) of every class of the legend."""
    rows = [
        (
            c.value,
            CATEGORY_LABELS[c.value][lang] if lang in ("zh", "en") else c.value,
            CATEGORY_COLORS[c.value],
            _QGIS_SHAPES[c.value],
        )
        for c in Category
    ]
    rows.append(("", "未分类" if lang == "zh" else "not classified", _OTHER_COLOUR, "cross2"))
    return rows


def _symbol(index: int, colour: str, shape: str) -> str:
    options = {
        "color": _rgba(colour),
        "name": shape,
        "outline_color": "35,35,35,255",
        "outline_width": "0.4",
        "size": "3.2",
        "size_unit": "MM",
    }
    # Both spellings: <Option> (QGIS ≥ 3.26) and <prop> (older 3.x).
    opt = "".join(f'<Option name="{k}" type="QString" value="{v}"/>' for k, v in options.items())
    props = "".join(f'<prop k="{k}" v="{v}"/>' for k, v in options.items())
    return (
        f'<symbol type="marker" name="{index}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0">'
        f'<Option type="Map">{opt}</Option>{props}</layer></symbol>'
    )


def carriers_qml(lang: str = "zh") -> str:
    """QGIS style (QML) of the carriers layer: one class per category, labelled by name.

    Examples
    --------
    >>> qml = carriers_qml("en")
    >>> 'attr="category"' in qml and "214,39,40,255" in qml
    True
    """
    classes = _classes(lang)
    categories = "".join(
        f'<category value={quoteattr(value)} symbol="{i}" label={quoteattr(label)} render="true"/>'
        for i, (value, label, _, _) in enumerate(classes)
    )
    symbols = "".join(_symbol(i, colour, shape) for i, (_, _, colour, shape) in enumerate(classes))
    labeling = (
        '<labeling type="simple"><settings calloutType="simple">'
        '<text-style fieldName="name_zh" fontSize="8" textColor="50,50,50,255"/>'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>'
        '<placement placement="6" dist="1.5"/>'
        '<rendering scaleVisibility="1" scaleMin="1" scaleMax="100000"/>'
        "</settings></labeling>"
    )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.28.0" styleCategories="Symbology|Labeling" labelsEnabled="1">'
        '<renderer-v2 type="categorizedSymbol" attr="category" symbollevels="0" '
        'enableorderby="0" forceraster="0">'
        f"<categories>{categories}</categories><symbols>{symbols}</symbols>"
        "</renderer-v2>"
        f"{labeling}</qgis>"
    )


def carriers_sld(lang: str = "zh") -> str:
    """The same classes as an OGC SLD 1.1 (for GeoServer and other SLD readers).

    >>> "<se:Literal>park</se:Literal>" in carriers_sld()
    True
    """
    rules = []
    for value, label, colour, shape in _classes(lang)[:-1]:
        well_known = {"hexagon": "circle", "star": "star"}.get(shape, shape)
        rules.append(
            f"<se:Rule><se:Name>{value}</se:Name><se:Description><se:Title>{escape(label)}"
            "</se:Title></se:Description>"
            '<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsEqualTo>'
            f"<ogc:PropertyName>category</ogc:PropertyName><se:Literal>{value}</se:Literal>"
            "</ogc:PropertyIsEqualTo></ogc:Filter>"
            f"<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>{well_known}"
            f'</se:WellKnownName><se:Fill><se:SvgParameter name="fill">{colour}'
            '</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#232323'
            "</se:SvgParameter></se:Stroke></se:Mark><se:Size>11</se:Size></se:Graphic>"
            "</se:PointSymbolizer></se:Rule>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" '
        'xmlns:se="http://www.opengis.net/se" version="1.1.0">'
        "<NamedLayer><se:Name>carriers</se:Name><UserStyle><se:Name>carrier-map</se:Name>"
        f"<se:FeatureTypeStyle>{''.join(rules)}</se:FeatureTypeStyle>"
        "</UserStyle></NamedLayer></StyledLayerDescriptor>"
    )
