"""Map layers of a site-selection result: ranked sites and coverage before/after.

* :func:`proposed_sites_layer` — one numbered marker per proposed site (rank 1
  is the site that adds the most), a popup with its district and the people
  (or km²) it newly brings within reach, and its service-radius circle;
* :func:`district_coverage_layers` — two choropleths of the share of each
  district's demand within reach, before and after the new sites.

Every text placed in HTML is escaped. Coordinates are drawn in the system of
the chosen basemap (WGS-84, or GCJ-02 for AMap) via
:func:`layers.basemaps.display_frame`.
"""

from __future__ import annotations

from collections.abc import Mapping

import folium
import geopandas as gpd

from geo_app.siting.result import SitingResult
from layers._html import escape_html
from layers.basemaps import Basemap, display_frame

__all__ = [
    "district_coverage_layers",
    "proposed_sites_layer",
    "site_popup_html",
    "siting_layers",
]

_TEXT: Mapping[str, Mapping[str, str]] = {
    "sites": {"zh": "建议选址", "en": "Proposed sites"},
    "before": {"zh": "覆盖率(新增前)", "en": "Coverage before"},
    "after": {"zh": "覆盖率(新增后)", "en": "Coverage after"},
    "rank": {"zh": "排名", "en": "Rank"},
    "district": {"zh": "区县", "en": "District"},
    "new": {"zh": "新增覆盖", "en": "Newly within reach"},
    "total": {"zh": "累计覆盖", "en": "Cumulative"},
    "radius": {"zh": "服务半径", "en": "Service radius"},
    "population": {"zh": "人", "en": "residents"},
    "area": {"zh": "平方公里", "en": "km²"},
}

_RAMP = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")


def _t(key: str, lang: str) -> str:
    return _TEXT[key]["en" if lang == "en" else "zh"]


def site_popup_html(
    row: Mapping[str, object], *, demand: str, radius_m: float, lang: str = "zh"
) -> str:
    """Popup HTML of one proposed site; every value is escaped.

    Examples
    --------
    >>> html = site_popup_html({"rank": 1, "site_id": "<x>", "district": "老城区",
    ...     "newly_covered": 1234.5, "cumulative_covered": 2000.0}, demand="population",
    ...     radius_m=1500)
    >>> "<x>" in html, "1,234" in html
    (False, True)
    """
    unit = _t("population" if demand == "population" else "area", lang)
    new = float(row.get("newly_covered", 0.0))  # type: ignore[arg-type]
    total = float(row.get("cumulative_covered", 0.0))  # type: ignore[arg-type]
    fmt = "{:,.0f}" if demand == "population" else "{:,.2f}"
    lines = [
        f"<b>{escape_html(_t('rank', lang))} {escape_html(row.get('rank'))}</b> "
        f"<small>{escape_html(row.get('site_id'))}</small>",
        f"{escape_html(_t('district', lang))}: {escape_html(row.get('district'))}",
        f"{escape_html(_t('new', lang))}: {escape_html(fmt.format(new))} {escape_html(unit)}",
        f"{escape_html(_t('total', lang))}: {escape_html(fmt.format(total))} {escape_html(unit)}",
        f"{escape_html(_t('radius', lang))}: {escape_html(f'{radius_m / 1000:g}')} km",
    ]
    return "<br>".join(lines)


def proposed_sites_layer(
    result: SitingResult, *, lang: str = "zh", basemap: Basemap | None = None
) -> folium.FeatureGroup:
    """Numbered markers and reach circles of the proposed sites."""
    group = folium.FeatureGroup(name=escape_html(_t("sites", lang)), show=True)
    sites = result.sites_gdf()
    if basemap is not None and len(sites):
        sites = display_frame(sites, basemap)
    for record, geom in zip(sites.to_dict(orient="records"), sites.geometry, strict=True):
        location = (float(geom.y), float(geom.x))
        folium.Circle(
            location=location,
            radius=result.radius_m,
            color="#d94801",
            weight=1,
            fill=True,
            fill_opacity=0.08,
        ).add_to(group)
        rank = int(record["rank"])
        folium.Marker(
            location=location,
            icon=folium.DivIcon(
                html=(
                    '<div class="siting-rank" style="background:#d94801;color:#fff;'
                    "border-radius:50%;width:22px;height:22px;line-height:22px;"
                    f'text-align:center;font-weight:bold;font-size:12px">{rank}</div>'
                ),
                icon_size=(22, 22),
                icon_anchor=(11, 11),
            ),
            tooltip=escape_html(f"{_t('rank', lang)} {rank} · {record['district']}"),
            popup=folium.Popup(
                site_popup_html(record, demand=result.demand, radius_m=result.radius_m, lang=lang),
                max_width=320,
            ),
        ).add_to(group)
    return group


def _colour(share: float) -> str:
    return _RAMP[min(int(share * len(_RAMP)), len(_RAMP) - 1)]


def district_coverage_layers(
    result: SitingResult,
    boundaries: gpd.GeoDataFrame,
    *,
    lang: str = "zh",
    basemap: Basemap | None = None,
) -> list[folium.GeoJson]:
    """Choropleths of each district's share within reach, before and after.

    ``boundaries`` needs a ``name`` column matching the result's districts;
    the "after" layer is shown, the "before" layer is off until switched on.
    """
    table = result.districts.set_index("district")
    frame = boundaries[boundaries["name"].isin(table.index)][["name", "geometry"]].copy()
    frame = frame.to_crs(4326) if basemap is None else display_frame(frame, basemap)
    out: list[folium.GeoJson] = []
    for when, show in (("before", False), ("after", True)):
        col = f"share_{when}"
        shown = frame.copy()
        shown["share"] = [float(table.loc[n, col]) for n in shown["name"]]
        shown["label"] = [
            escape_html(f"{n}: {s:.1%}") for n, s in zip(shown["name"], shown["share"], strict=True)
        ]
        shown["name"] = shown["name"].map(escape_html)
        out.append(
            folium.GeoJson(
                shown.to_json(),
                name=escape_html(_t(when, lang)),
                show=show,
                style_function=lambda f: {
                    "color": "#555555",
                    "weight": 1,
                    "fillColor": _colour(float(f["properties"]["share"])),
                    "fillOpacity": 0.55,
                },
                tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
            )
        )
    return out


def siting_layers(
    result: SitingResult,
    boundaries: gpd.GeoDataFrame,
    *,
    lang: str = "zh",
    basemap: Basemap | None = None,
) -> list[folium.FeatureGroup | folium.GeoJson]:
    """Coverage before, coverage after, then the proposed sites on top."""
    layers: list[folium.FeatureGroup | folium.GeoJson] = list(
        district_coverage_layers(result, boundaries, lang=lang, basemap=basemap)
    )
    layers.append(proposed_sites_layer(result, lang=lang, basemap=basemap))
    return layers
