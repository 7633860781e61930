"""Words of the site-selection panel, and its result notes in Chinese.

Notes are stored in English with a result (so a session file reads the same
everywhere); :func:`note_text` words them in the interface language.
"""

from __future__ import annotations

import re
from typing import Final

import geopandas as gpd
import numpy as np

from geo_app.analysis.population import (
    census_assumption,
    read_district_population,
)
from geo_app.config import Settings
from geo_app.siting.solvers import note_in

__all__ = ["TEXT", "note_text", "population_zh"]

TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "header": "选址:缺口载体应布局在哪里",
        "category": "载体类别",
        "n": "新增数量(默认为规划缺口)",
        "radius": "服务半径(米)",
        "model": "模型",
        "mclp": "最大覆盖 MCLP(精确求解)",
        "pmedian": "P 中值(平均距离最短)",
        "greedy": "贪心启发式(大规模快速)",
        "time": "求解时限(秒)",
        "demand": "需求权重",
        "population": "人口",
        "area": "面积",
        "spacing": "候选点间距(米)",
        "min_spacing": "选址最小间距(米,0 为不限)",
        "approx": "将区县级约略位置的载体计为已有载体",
        "drawn": "地图上绘制的区域",
        "drawn_ignore": "不使用",
        "drawn_include": "仅在区域内选址",
        "drawn_exclude": "排除这些区域",
        "upload_include": "上传选址范围 GeoJSON(可选)",
        "upload_exclude": "上传排除区域 GeoJSON(可选)",
        "pop_grid": "人口网格(可选:CSV 点 lon,lat,weight 或 GeoTIFF),替代普查人口均匀分布",
        "quotas": "各区县上限(留空为不限)",
        "plan_quotas": "按规划目标的分区县分配设定上限(表中填写的数值优先)",
        "run": "运行选址",
        "needs_file": "此会话用到的文件,请上传以重新运行:",
        "rerun_session": "重新运行此会话",
        "quota_district": "区县",
        "quota_max": "新增上限",
        "running": "正在求解……",
        "reopen": "打开已保存的选址会话文件",
        "sites": "建议选址(按边际增益排序)",
        "districts": "各区县覆盖(新增前 / 新增后)",
        "dl_geojson": "下载选址 GeoJSON",
        "dl_csv": "下载选址 CSV",
        "dl_gpkg": "下载 GeoPackage",
        "dl_session": "下载选址会话文件",
        "error": "无法完成选址:",
        "no_gap": "规划未给出该类别的数量缺口,请填写新增数量。",
        "current": "本页最近一次选址结果",
        "reopened": "已打开的会话(供对比,不替换本页的选址结果)",
        "reopened_layer": "已打开的会话 · ",
        "areas_used": "本次选址的区域:仅在 {include} 个区域内选址;排除 {exclude} 个区域。",
        "areas_layer": "选址所用区域",
        "cancelled": "已取消:保留之前的选址结果。",
        "stage_": "准备中",
        "stage_grid": "构建分析网格",
        "stage_demand": "需求(人口/面积)",
        "stage_candidates": "构建候选点",
        "stage_model": "构建模型",
        "stage_solve": "求解",
        "stage_result": "读取与评估结果",
    },
    "en": {
        "header": "Site selection: where the missing carriers should go",
        "category": "Carrier category",
        "n": "New sites (default: the plan's gap)",
        "radius": "Service radius (m)",
        "model": "Model",
        "mclp": "Maximal covering (MCLP, exact)",
        "pmedian": "p-median (shortest mean distance)",
        "greedy": "Greedy heuristic (fast, large areas)",
        "time": "Solver time limit (s)",
        "demand": "Demand weight",
        "population": "population",
        "area": "area",
        "spacing": "Candidate spacing (m)",
        "min_spacing": "Minimum spacing between sites (m, 0 = none)",
        "approx": "Count district-precision carriers as open",
        "drawn": "Areas drawn on the map",
        "drawn_ignore": "ignore",
        "drawn_include": "sites only inside them",
        "drawn_exclude": "exclude them",
        "upload_include": "Upload a GeoJSON of allowed areas (optional)",
        "upload_exclude": "Upload a GeoJSON of excluded areas (optional)",
        "pop_grid": "Population grid (optional: CSV of lon,lat,weight points, or GeoTIFF), "
        "replacing the even spread of census totals",
        "quotas": "Maximum new sites per district (empty = no limit)",
        "plan_quotas": "Quotas from the plan's per-district allocation (table entries win)",
        "run": "Run site selection",
        "needs_file": "A file this session used; upload it to re-run: ",
        "rerun_session": "Re-run this session",
        "quota_district": "District",
        "quota_max": "Most new sites",
        "running": "Solving …",
        "reopen": "Reopen a saved site-selection session",
        "sites": "Proposed sites (ranked by marginal gain)",
        "districts": "Coverage per district (before / after)",
        "dl_geojson": "Download sites GeoJSON",
        "dl_csv": "Download sites CSV",
        "dl_gpkg": "Download GeoPackage",
        "dl_session": "Download the session file",
        "error": "Site selection failed: ",
        "no_gap": "The plans give no gap for this category; enter the number of sites.",
        "current": "Latest site selection of this page",
        "reopened": "Reopened session (to compare; it does not replace this page's result)",
        "reopened_layer": "Reopened session · ",
        "areas_used": "Areas of this run: sites only inside {include} area(s); {exclude} area(s) "
        "excluded.",
        "areas_layer": "Areas the site selection used",
        "cancelled": "Cancelled: the previous result stays.",
        "stage_": "Starting",
        "stage_grid": "Building the analysis grid",
        "stage_demand": "Demand (population / area)",
        "stage_candidates": "Building candidate sites",
        "stage_model": "Building the model",
        "stage_solve": "Solving",
        "stage_result": "Reading and evaluating the solution",
    },
}


_NOTES_ZH: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^CBC ran ([\d.]+) s\.$"), "CBC 求解用时 {0} 秒。"),
    (
        re.compile(r"^LP relaxation solved by HiGHS in ([\d.]+) s\.$"),
        "LP 松弛上界由 HiGHS 求得,用时 {0} 秒。",
    ),
    (
        re.compile(r"^LP relaxation not solved \(instance too large or too slow\)\.$"),
        "LP 松弛未求解(规模过大或耗时过长)。",
    ),
    (
        re.compile(
            r"^Demand merged into (\S+) m cells for the p-median \(([\d,]+) points\); "
            r"coverage is evaluated on the full grid\.$"
        ),
        "P 中值模型将需求合并为 {0} 米网格({1} 个点);覆盖率按完整网格计算。",
    ),
    (
        re.compile(
            r"^Greedy guarantee for these rules: at least 1 − 1/e \(63\.2 %\) of the optimal gain\.$"
        ),
        "贪心解的保证:至少达到最优新增覆盖的 1 − 1/e(63.2%)。",
    ),
    (
        re.compile(r"^Greedy guarantee for these rules: at least 1/2 of the optimal gain\.$"),
        "贪心解的保证(有配额):至少达到最优新增覆盖的 1/2。",
    ),
    (
        re.compile(
            r"^Greedy guarantee for these rules: no constant-factor guarantee under a minimum spacing\.$"
        ),
        "设置了最小间距,贪心解没有常数倍的保证。",
    ),
)


def note_text(note: str, lang: str, population_zh: str = "") -> str:
    """A result note in the interface language (notes are stored in English).

    ``population_zh`` replaces the population note (the assumption in Chinese).

    >>> note_text("CBC ran 26.3 s.", "zh"), note_text("CBC ran 26.3 s.", "en")
    ('CBC 求解用时 26.3 秒。', 'CBC ran 26.3 s.')
    """
    if lang != "zh":
        return note
    if note.startswith("Population: ") and population_zh:
        return f"人口:{population_zh}"
    catalogued = note_in(note, lang)  # solver notes are worded by the catalogue
    if catalogued is not None:
        return catalogued
    for pattern, template in _NOTES_ZH:
        found = pattern.match(note)
        if found:
            return template.format(*found.groups())
    return note


def population_zh(note: str, boundaries: gpd.GeoDataFrame, city: str, settings: Settings) -> str:
    """The Chinese population assumption behind a stored English population note."""
    if note.startswith("Population: Population from the supplied"):
        return "人口取自上传的人口网格,替代普查人口的均匀分布。"
    if not note.startswith("Population: 2020 census"):
        return ""
    census = read_district_population(settings.data_dir / "population.csv")
    districts = boundaries[boundaries["city"] == city]
    codes = districts["adcode"].astype(str).to_numpy()
    return census_assumption(
        census, codes, [str(n) for n in districts["name"]], np.ones(len(codes)), lang="zh"
    )
