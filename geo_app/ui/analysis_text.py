"""Words of the analysis panel, in Chinese (default) and English."""

from __future__ import annotations

__all__ = ["TEXT", "analysis_text"]

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "settings": "分析设置",
        "categories": "参与覆盖与密度分析的载体类别",
        "radius": "{cat} 服务半径(公里)",
        "approx": "包含区县级约略位置的载体",
        "approx_help": "这些载体只知道所在区县,点位是区县代表点,并非实际位置。",
        "cell": "网格边长(米)",
        "h3": "H3 六边形分辨率",
        "bandwidth": "核密度带宽(公里)",
        "basis": "目标分解到区县的依据",
        "population": "人口",
        "area": "面积",
        "measure": "分级设色指标",
        "per_100k": "每10万人载体数",
        "per_km2": "每平方公里载体数",
        "pop_grid": "人口网格(可选:CSV 点 lon,lat,weight 或 GeoTIFF),替代均匀分布",
        "pop_assumption": "人口假设:",
        "used": "参与分析的载体 {used} 个(精确位置 {exact},区县级约略位置 {approx});"
        "未纳入:区县级约略位置 {excluded},仅知城市 {city},市外 {out}。",
        "none_used": "当前没有可用于分析的载体:勾选“包含区县级约略位置的载体”、选择其他类别,"
        "或在“导入”页上传带坐标的载体清单后在上方选用。",
        "coverage": "各区县服务覆盖",
        "coverage_chart": "覆盖占比(面积 / 人口)",
        "density": "各区县载体密度",
        "targets": "规划目标与现状(全市)",
        "targets_chart": "已有与点名数量 / 规划目标",
        "allocation": "目标分解到区县与缺口",
        "pick_target": "选择目标",
        "gap_chart": "各区县缺口",
        "downloads": "下载分析结果",
        "untracked": "该目标的子类(如“省级”)未在载体清单中记录,无法统计缺口。",
        "radii_note": "服务半径为规划假设:社区 1.5 km(15 分钟生活圈),孵化载体 3 km,"
        "智慧岛与产业园 5 km,高新区/科技城 10 km,可在此修改。",
        "run": "运行分析",
        "press_run": "设置好后点击“运行分析”;同样设置的结果会被保留,再次选中时立即显示。",
        "stale": "设置已更改:下方仍是上次运行的结果。点击“运行分析”按新设置计算。",
        "ran": "分析用时 {seconds} 秒。",
        "stage_": "准备中",
        "stage_grid": "构建分析网格",
        "stage_population": "人口分布",
        "stage_analysis": "覆盖、密度与目标分解",
        "stage_layers": "生成图层",
    },
    "en": {
        "settings": "Analysis settings",
        "categories": "Carrier categories in coverage and density",
        "radius": "{cat} service radius (km)",
        "approx": "Include carriers placed only at district precision",
        "approx_help": "Only their district is known; the point is the district's representative point.",
        "cell": "Grid cell (m)",
        "h3": "H3 hexagon resolution",
        "bandwidth": "Kernel density bandwidth (km)",
        "basis": "Allocate targets to districts by",
        "population": "population",
        "area": "area",
        "measure": "Choropleth measure",
        "per_100k": "carriers per 100,000 residents",
        "per_km2": "carriers per km²",
        "pop_grid": "Population grid (optional: CSV of lon,lat,weight points, or GeoTIFF), "
        "replaces the even spread",
        "pop_assumption": "Population assumption: ",
        "used": "{used} carriers used ({exact} exact, {approx} at district precision); left out: "
        "{excluded} at district precision, {city} known only to their city, {out} out of area.",
        "none_used": "No carrier can be used: include district-precision carriers, choose other "
        "categories, or upload a list with coordinates in the Import tab and choose it above.",
        "coverage": "Coverage by district",
        "coverage_chart": "Share within reach (area / population)",
        "density": "Carrier density by district",
        "targets": "Planned counts and what exists (city)",
        "targets_chart": "Existing and named vs planned",
        "allocation": "Targets allocated to districts, and gaps",
        "pick_target": "Target",
        "gap_chart": "Gap per district",
        "downloads": "Download the analysis",
        "untracked": "The registry does not record this sub-kind (e.g. provincial); no gap can "
        "be counted.",
        "radii_note": "Service radii are planning assumptions: community 1.5 km (15-minute "
        "catchment), incubator 3 km, smart island and park 5 km, zone 10 km; change them here.",
        "run": "Run analysis",
        "press_run": "Choose the settings, then press “Run analysis”; a result is kept and "
        "shows at once when the same settings are chosen again.",
        "stale": "The settings have changed: below is still the last result. Press “Run "
        "analysis” to compute with the new settings.",
        "ran": "Analysis took {seconds} s.",
        "stage_": "Starting",
        "stage_grid": "Building the analysis grid",
        "stage_population": "Population",
        "stage_analysis": "Coverage, density and target allocation",
        "stage_layers": "Map layers",
    },
}


def analysis_text(lang: str, key: str, **values: object) -> str:
    """The panel's text ``key`` in ``lang``, with ``values`` filled in."""
    text = TEXT.get(lang, TEXT["zh"])[key]
    return text.format(**values) if values else text
