"""Every UI string in Chinese (default) and English, and number formatting."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

# Errors are worded from the message catalogue (geo_app.messages) by the same
# function in the app and the CLI; it is re-exported here for the panels.
from geo_app.errors import error_text

__all__ = ["COLUMN_LABELS", "TEXT", "error_text", "fmt_int", "fmt_share", "t"]

TEXT: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "title": "洛阳 · 漯河 创新载体地图",
        "caption": "“十四五”规划点名的科技产业社区、智慧岛、孵化载体、产业园区与高新区,及规划目标差距。",
        "lang": "语言 / Language",
        "city": "城市",
        "both": "洛阳市 + 漯河市",
        "basemap": "底图",
        "layers": "显示的载体类别",
        "tianditu_missing": "天地图需要密钥(环境变量 CARRIER_MAP_TIANDITU_KEY 或 Streamlit secrets),未配置时不提供。",
        "gcj_note": "当前为高德底图(GCJ-02):所有图层已换算到 GCJ-02 显示;存储与导出仍为 WGS-84。",
        "search": "按名称搜索载体",
        "search_none": "没有找到匹配的载体。",
        "search_pick": "搜索结果",
        "page": "页面",
        "tab_map": "地图",
        "tab_targets": "目标差距",
        "tab_analysis": "覆盖与密度",
        "tab_siting": "选址",
        "tab_import": "导入",
        "tab_export": "导出",
        "details": "载体详情",
        "details_hint": "点击地图上的载体,在此查看详情。",
        "drawn": "已绘制的区域",
        "drawn_hint": "用地图左侧的绘图工具画多边形,可框选载体,或作为选址的候选/排除区域。",
        "drawn_selected": "框选区域内的载体",
        "approx_note": "虚线 ≈ 标记为约略位置:没有可信的精确坐标,标在所在区县(或城市)的代表点,并非实际位置。",
        "targets": "规划目标与已点名/上图数量",
        "targets_chart": "各类载体:已点名 / 规划目标",
        "progress": "{label}:已点名 {named} / 目标 {target}({share})",
        "unplaced": "未上图的载体",
        "carriers": "载体清单",
        "export_intro": "下载当前城市与图层(坐标均为 WGS-84)。",
        "export_geojson": "GeoJSON(各类载体)",
        "export_gpkg": "GeoPackage(全部图层与表)",
        "export_csv": "CSV(载体清单)",
        "export_xlsx": "Excel(载体、目标差距、未上图)",
        "export_html": "独立 HTML 地图(当前视图,可离线打开)",
        "export_html_key": "天地图底图含密钥,导出的 HTML 改用 OpenStreetMap 底图。",
        "share": "分享当前视图:浏览器地址栏中的链接可打开相同的城市、图层、底图与语言;地图左上角的链接按钮(链条图标)另给出含当前位置与缩放的链接。",
        "error": "出错了:",
        "unexpected": "发生意外错误,页面其余部分仍可使用。详情已写入服务器日志。",
        "none": "无",
        "import_place": "将导入的载体定位并加入地图",
        "import_placed": "已上图 {placed} 个,未能定位 {unplaced} 个(见下表原因)。",
        "import_layer": "导入的载体",
        "user_layers": "用户图层",
        "sources": "参与分析的载体",
        "source_registry": "规划点名载体(内置清单)",
        "source_category": "“{name}”中未注明类别的行按此类别计入",
        "source_none": "不计入",
        "source_counts": "“{name}”:{rows} 行,{used} 行可用于分析({outside} 行在两市之外);{missing} 行无类别未计入。",
        "source_note": "参与载体:{names}",
        "gap_summary": "规划目标 vs 已上图",
        "layers_hint": "结果图层已加入“地图”页的图层控件(默认关闭,勾选即可显示)。",
    },
    "en": {
        "title": "Innovation carriers of Luoyang and Luohe",
        "caption": "Communities, smart islands, incubators, parks and zones named in the 2021–2025 plans, and how far each city is from its targets.",
        "lang": "语言 / Language",
        "city": "City",
        "both": "Luoyang + Luohe",
        "basemap": "Basemap",
        "layers": "Carrier categories shown",
        "tianditu_missing": "Tianditu needs a key (environment variable CARRIER_MAP_TIANDITU_KEY or Streamlit secrets); it is not offered without one.",
        "gcj_note": "Gaode basemap (GCJ-02): every layer is shifted to GCJ-02 for display; stored data and exports stay WGS-84.",
        "search": "Search carriers by name",
        "search_none": "No carrier matches.",
        "search_pick": "Matches",
        "page": "Page",
        "tab_map": "Map",
        "tab_targets": "Targets",
        "tab_analysis": "Coverage & density",
        "tab_siting": "Site selection",
        "tab_import": "Import",
        "tab_export": "Export",
        "details": "Carrier details",
        "details_hint": "Click a carrier on the map to see its details here.",
        "drawn": "Drawn areas",
        "drawn_hint": "Draw a polygon with the tools on the left of the map to select carriers, or to mark candidate / excluded areas for site selection.",
        "drawn_selected": "Carriers inside the drawn areas",
        "approx_note": "Dashed ≈ symbols are approximate: no trustworthy coordinate is known, so the carrier is drawn at a representative point of its district (or city), not at its site.",
        "targets": "Planned counts vs named / mapped",
        "targets_chart": "By category: named / planned",
        "progress": "{label}: {named} named of {target} ({share})",
        "unplaced": "Carriers not on the map",
        "carriers": "Carrier list",
        "export_intro": "Download the current city and layers (coordinates are WGS-84).",
        "export_geojson": "GeoJSON (one category)",
        "export_gpkg": "GeoPackage (all layers and tables)",
        "export_csv": "CSV (carrier list)",
        "export_xlsx": "Excel (carriers, targets, not mapped)",
        "export_html": "Standalone HTML map (current view, opens offline)",
        "export_html_key": "The Tianditu basemap carries a key; the exported HTML uses OpenStreetMap instead.",
        "share": "Share this view: the link in the browser's address bar reopens the same city, layers, basemap and language; the link button (chain icon) at the top left of the map gives one that also keeps the map's centre and zoom.",
        "error": "Error: ",
        "unexpected": "An unexpected error occurred; the rest of the page still works. Details are in the server log.",
        "none": "none",
        "import_place": "Place the imported carriers on the map",
        "import_placed": "{placed} placed on the map, {unplaced} could not be placed (reasons below).",
        "import_layer": "Imported carriers",
        "user_layers": "Your layers",
        "sources": "Carriers to analyse",
        "source_registry": "Carriers named in the plans (built-in registry)",
        "source_category": "Rows of “{name}” that name no category count as",
        "source_none": "left out",
        "source_counts": "“{name}”: {rows} rows, {used} usable ({outside} outside both cities); {missing} without a category left out.",
        "source_note": "Carriers used: {names}",
        "gap_summary": "Planned vs mapped",
        "layers_hint": "The result layers are in the layer control of the Map tab (off at first: tick them to show).",
    },
}

COLUMN_LABELS: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "target_id": "编号",
        "city": "城市",
        "category": "类别",
        "subject_zh": "规划对象",
        "target": "目标",
        "year": "年份",
        "existing": "已建成",
        "planned_named": "规划已点名",
        "named": "合计点名",
        "mapped": "已上图",
        "gap": "缺口",
        "share": "完成比例",
        "conflicts_with": "冲突目标",
        "source_file": "来源文件",
        "source_phrase": "原文",
        "id": "编号",
        "name_zh": "名称",
        "name_en": "英文名",
        "status": "状态",
        "admin_district": "区县",
        "district_as_written": "原文区县",
        "precision": "定位精度",
        "reason": "原因",
        "source_files": "来源文件",
        "source_phrases": "原文",
        "note": "备注",
    },
    "en": {
        "target_id": "Id",
        "city": "City",
        "category": "Category",
        "subject_zh": "Planned item",
        "target": "Target",
        "year": "Year",
        "existing": "Existing",
        "planned_named": "Planned, named",
        "named": "Named",
        "mapped": "Mapped",
        "gap": "Gap",
        "share": "Reached",
        "conflicts_with": "Conflicts with",
        "source_file": "Source",
        "source_phrase": "Phrase",
        "id": "Id",
        "name_zh": "Name",
        "name_en": "English name",
        "status": "Status",
        "admin_district": "District",
        "district_as_written": "District as written",
        "precision": "Precision",
        "reason": "Reason",
        "source_files": "Sources",
        "source_phrases": "Phrases",
        "note": "Note",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang``, formatted with ``values``.

    Examples
    --------
    >>> t("en", "progress", label="Community", named=8, target="≥ 20", share="40%")
    'Community: 8 named of ≥ 20 (40%)'
    """
    text = TEXT.get(lang, TEXT["zh"]).get(key) or TEXT["zh"][key]
    return text.format(**values) if values else text


def fmt_int(value: object, lang: str) -> str:
    """A count with thousands separators; an empty value as a dash.

    Examples
    --------
    >>> fmt_int(4000, "en"), fmt_int(None, "zh"), fmt_int(pd.NA, "zh")
    ('4,000', '—', '—')
    """
    try:
        if value is None or pd.isna(value):  # None, NaN or pd.NA
            return "—"
        return f"{int(value):,}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "—"


def fmt_share(value: object, lang: str) -> str:
    """A share as a percentage.

    Examples
    --------
    >>> fmt_share(0.4, "zh")
    '40%'
    """
    try:
        if value is None or pd.isna(value):
            return "—"
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    return f"{number:.0%}"
