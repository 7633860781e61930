"""The message catalogue: every product error's wording, in each interface language.

An error raised by the product carries a ``code`` (a key of :data:`MESSAGES`)
and its ``params``; the CLI and the app word it with :func:`render_message`
in the interface language. A message is never found by matching an English
sentence: adding an error means adding its code here, in both languages.

Templates use :meth:`str.format` with named fields only; a parameter's value
is inserted as text and never interpreted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

__all__ = ["LANGS", "LANG_ENV", "MESSAGES", "Term", "render_message", "resolve_lang"]

#: Interface languages, in the order the app offers them.
LANGS: Final[tuple[str, ...]] = ("zh", "en")

#: Environment variable naming the command line's language (``zh`` or ``en``).
LANG_ENV: Final[str] = "CARRIER_MAP_LANG"

#: code -> language -> template.
MESSAGES: Final[dict[str, dict[str, str]]] = {
    # --- general -------------------------------------------------------------
    "error": {"en": "{detail}", "zh": "{detail}"},
    # --- map -------------------------------------------------------------------
    "fast.bad_colour": {"en": "not a CSS colour: {value}", "zh": "不是 CSS 颜色:{value}"},
    "fast.bad_style": {"en": "invalid marker style {style}", "zh": "标记样式无效:{style}"},
    "fast.bad_clustering": {
        "en": "invalid clustering: cell_px={cell_px}, zoom={zoom}",
        "zh": "聚合参数无效:cell_px={cell_px},zoom={zoom}",
    },
    "fast.no_crs": {
        "en": "the GeoDataFrame has no CRS; set it (e.g. EPSG:4326) first",
        "zh": "图层没有坐标参考系:请先设置(如 EPSG:4326)",
    },
    "fast.not_points": {
        "en": "fast markers draw points only; got {kinds} (use representative_point())",
        "zh": "快速标记图层只绘制点,收到的是 {kinds}(请先取代表点)",
    },
    "fast.label_count": {
        "en": "popup_labels must have one label per popup field",
        "zh": "弹窗标签数必须与弹窗字段数相同",
    },
    "fast.missing_columns": {
        "en": "columns not in the data: {columns}",
        "zh": "数据中没有这些列:{columns}",
    },
    "fast.bad_colour_column": {
        "en": "column {column!r} has values that are not colours: {values}",
        "zh": "“{column}”列中有不是颜色的值:{values}",
    },
    "map.template_text": {
        "en": "the map was not drawn: {element} holds unescaped template text",
        "zh": "地图未绘制:{element} 含有未转义的模板文本",
    },
    # --- files and tables (readers) -----------------------------------------
    "file.not_found": {"en": "file not found", "zh": "找不到文件"},
    # Reading any file.
    "file.empty": {"en": "the file is empty", "zh": "文件是空的"},
    "file.unreadable": {"en": "cannot open the file: {detail}", "zh": "无法打开文件:{detail}"},
    "file.too_large": {
        "en": "the file is {size} MiB; the limit is {limit} MiB",
        "zh": "文件大小为 {size} MiB,上限为 {limit} MiB",
    },
    "file.not_utf8": {"en": "file is not UTF-8 text", "zh": "文件不是 UTF-8 文本"},
    "file.unknown_encoding": {
        "en": "not UTF-8, GBK or GB18030 text",
        "zh": "不是 UTF-8、GBK 或 GB18030 编码的文本",
    },
    "file.not_readable_as": {
        "en": "not readable as {encoding} text",
        "zh": "无法按 {encoding} 编码读取",
    },
    "file.control_char": {
        "en": "contains the control character {char} (a damaged or binary file?)",
        "zh": "含有控制字符 {char}(文件可能已损坏或不是文本)",
    },
    "file.control_char_line": {
        "en": "line {line} contains the control character {char} (a damaged or binary file?)",
        "zh": "第 {line} 行含有控制字符 {char}(文件可能已损坏或不是文本)",
    },
    # Zip containers (.xlsx, .docx), checked before anything is decompressed.
    "archive.not_zip": {
        "en": "not a readable {kind} file: the zip container is damaged ({detail})",
        "zh": "不是可读取的 {kind} 文件:压缩容器已损坏({detail})",
    },
    "archive.too_large": {
        "en": "it expands to {size} MiB; the limit is {limit} MiB (a damaged file or a zip bomb)",
        "zh": "解压后为 {size} MiB,上限为 {limit} MiB(文件可能已损坏或是压缩炸弹)",
    },
    "archive.member_too_large": {
        "en": "its part {member} expands to {size} MiB; the limit is {limit} MiB",
        "zh": "其中的 {member} 解压后为 {size} MiB,上限为 {limit} MiB",
    },
    "archive.ratio": {
        "en": "its part {member} is compressed {ratio}:1; the limit is {limit}:1 (a zip bomb?)",
        "zh": "其中的 {member} 压缩比为 {ratio}:1,上限为 {limit}:1(可能是压缩炸弹)",
    },
    "archive.too_many_parts": {
        "en": "it holds {count} parts; the limit is {limit}",
        "zh": "其中包含 {count} 个部件,上限为 {limit} 个",
    },
    # Tables a planner uploads (CSV, XLSX, XLS).
    "table.csv_unreadable": {
        "en": "not a readable CSV table ({detail})",
        "zh": "不是可读取的 CSV 表格({detail})",
    },
    "table.row_too_long": {
        "en": "this row has more cells than the header has columns",
        "zh": "这一行的单元格多于表头的列数",
    },
    "table.excel_unreadable": {
        "en": "not a readable Excel workbook ({detail})",
        "zh": "不是可读取的 Excel 工作簿({detail})",
    },
    "table.excel_encrypted": {
        "en": "the workbook is password-protected; save a copy without a password",
        "zh": "工作簿设有密码保护:请另存一份不带密码的副本",
    },
    "table.no_sheet": {"en": "the workbook has no sheet", "zh": "工作簿中没有工作表"},
    "table.no_rows": {"en": "the table has no rows", "zh": "表中没有数据行"},
    "table.no_roles": {
        "en": "no name, address or lon/lat column found; name the columns with an override",
        "zh": "没有找到名称、地址或经纬度列:请在“列的用途”中指定",
    },
    "table.no_column_for_role": {
        "en": "no column named {column!r} for role {role}",
        "zh": "没有名为 {column!r} 的列(用途:{role})",
    },
    "table.unknown_role": {
        "en": "unknown column role {role!r}; roles: {roles}",
        "zh": "未知的列用途 {role!r};可用的用途:{roles}",
    },
    "crs.unknown": {
        "en": "unknown coordinate system {crs!r}; use WGS-84, GCJ-02 or BD-09",
        "zh": "未知的坐标系 {crs!r}:请使用 WGS-84、GCJ-02 或 BD-09",
    },
    # The registry (carriers.csv) and the planned counts (targets.csv).
    "registry.missing_columns": {"en": "missing column(s): {columns}", "zh": "缺少列:{columns}"},
    "registry.unknown_value": {
        "en": "unknown value {value!r}; expected one of: {allowed}",
        "zh": "未知取值 {value!r};应为以下之一:{allowed}",
    },
    "registry.required": {"en": "value is required", "zh": "此项必填"},
    "registry.duplicate_id": {"en": "duplicate id {value!r}", "zh": "编号 {value!r} 重复"},
    "registry.expected_bool": {
        "en": "expected true or false, got {value!r}",
        "zh": "应为 true 或 false,实际为 {value!r}",
    },
    "registry.phrases_mismatch": {
        "en": "{files} source file(s) but {phrases} phrase(s); give one phrase per file",
        "zh": "来源文件 {files} 个,原文摘录 {phrases} 条:每个文件需对应一条摘录",
    },
    "targets.not_whole_number": {
        "en": "expected a whole number, got {value!r}",
        "zh": "应为整数,实际为 {value!r}",
    },
    "targets.negative": {
        "en": "a count cannot be negative, got {value!r}",
        "zh": "数量不能为负数,实际为 {value!r}",
    },
    "targets.too_large": {
        "en": "{value!r} is larger than any plan's count; the limit is {limit}",
        "zh": "{value!r} 超出规划数量的合理范围,上限为 {limit}",
    },
    "targets.bad_year": {
        "en": "year {value!r} is not between {lo} and {hi}",
        "zh": "年份 {value!r} 不在 {lo} 到 {hi} 之间",
    },
    "targets.needs_min": {
        "en": "bound {bound!r} needs a minimum",
        "zh": "约束类型 {bound!r} 需要填写最小值",
    },
    "targets.needs_max": {
        "en": "bound {bound!r} needs a maximum",
        "zh": "约束类型 {bound!r} 需要填写最大值",
    },
    "targets.max_below_min": {"en": "max is smaller than min", "zh": "最大值小于最小值"},
    "targets.named_list_needs_ids": {
        "en": "a named list needs named_ids",
        "zh": "点名清单需要填写 named_ids",
    },
    # Census figures (population.csv) and population grids.
    "population.missing_column": {"en": "missing column", "zh": "缺少列"},
    "population.bad_adcode": {
        "en": "{value!r} is not a 6-digit adcode",
        "zh": "{value!r} 不是 6 位行政区划代码",
    },
    "population.adcode_twice": {
        "en": "an adcode is listed twice",
        "zh": "同一行政区划代码列出了两次",
    },
    "population.bad_population": {
        "en": "population {value!r} is not a positive whole number",
        "zh": "人口 {value!r} 不是正整数",
    },
    "population.too_large": {
        "en": "population {value!r} is larger than any district's; the limit is {limit}",
        "zh": "人口 {value!r} 超出区县人口的合理范围,上限为 {limit}",
    },
    "population.bad_year": {
        "en": "year {value!r} is not a year",
        "zh": "年份 {value!r} 不是有效年份",
    },
    "population.no_source": {"en": "every figure needs its source", "zh": "每个数字都需要注明来源"},
    "population.bad_kind": {
        "en": "kind {value!r} is not one of {kinds}",
        "zh": "类型 {value!r} 不是 {kinds} 之一",
    },
    "population.estimate_one": {
        "en": "an estimate weighs one district: give one adcode",
        "zh": "估计数只用于一个区县的权重:请只填一个行政区划代码",
    },
    "population.overlap": {
        "en": "these districts overlap the figure on row {other} without nesting in it",
        "zh": "这些区县与第 {other} 行的数字部分重叠,但不互相包含",
    },
    "population.csv_unreadable": {
        "en": "cannot be read as CSV: {detail}",
        "zh": "无法作为 CSV 读取:{detail}",
    },
    "population.bad_number": {
        "en": "{value!r} is not a number between {lo} and {hi}",
        "zh": "{value!r} 不是 {lo} 到 {hi} 之间的数",
    },
    "population.no_points": {
        "en": "the population grid has no points",
        "zh": "人口栅格中没有点",
    },
    "population.census_outside": {
        "en": "the census figure for {name} covers districts not analysed",
        "zh": "{name} 的普查人口包含未参与分析的区县",
    },
    "population.census_smaller": {
        "en": "the census figure for {name} is smaller than its parts",
        "zh": "{name} 的普查人口小于其所含区县人口之和",
    },
    "population.no_census": {
        "en": "no census population covers district(s) {codes}",
        "zh": "没有普查人口覆盖以下区县:{codes}",
    },
    "population.points_no_crs": {
        "en": "population points have no CRS",
        "zh": "人口点没有坐标参考系",
    },
    "raster.needs_rasterio": {
        "en": "reading a GeoTIFF needs the optional package rasterio (pip install rasterio); "
        "a CSV of weighted points works without it",
        "zh": "读取 GeoTIFF 需要可选软件包 rasterio(pip install rasterio);CSV 加权人口点无需此包",
    },
    "raster.unreadable": {
        "en": "cannot be read as a GeoTIFF: {detail}",
        "zh": "无法作为 GeoTIFF 读取:{detail}",
    },
    "raster.no_crs": {"en": "the GeoTIFF has no CRS", "zh": "该 GeoTIFF 没有坐标参考系"},
    # Layers of points (--layer, uploaded layers) and areas.
    "layer.unreadable": {
        "en": "cannot be read as a layer of points: {detail}",
        "zh": "无法作为点图层读取:{detail}",
    },
    "layer.empty": {"en": "the layer has no features", "zh": "图层中没有要素"},
    "layer.no_crs": {
        "en": "the layer has no coordinate reference system",
        "zh": "图层没有坐标参考系",
    },
    "layer.bad_crs": {
        "en": "the layer's coordinate reference system cannot be converted to WGS-84 ({detail})",
        "zh": "图层的坐标参考系无法转换为 WGS-84({detail})",
    },
    "layer.no_geometry": {"en": "the feature has no geometry", "zh": "该要素没有几何"},
    "layer.not_point": {
        "en": "the geometry is a {kind}, not a point",
        "zh": "几何类型为 {kind},不是点",
    },
    "layer.unknown_category": {
        "en": "unknown carrier category {category!r}",
        "zh": "未知的载体类别 {category!r}",
    },
    "layer.named_no_crs": {
        "en": "the layer {name} has no coordinate reference system",
        "zh": "图层 {name} 没有坐标参考系",
    },
    "layer.named_not_points": {
        "en": "the layer {name} has geometries that are not points",
        "zh": "图层 {name} 中有不是点的几何",
    },
    "layer.none_given": {
        "en": "--no-registry needs at least one --layer file",
        "zh": "使用 --no-registry 时至少需要一个 --layer 文件",
    },
    "layer.bad_coordinate": {
        "en": "bad coordinates ({lon}, {lat}): longitude must lie within ±180 and latitude "
        "within ±90",
        "zh": "坐标 ({lon}, {lat}) 无效:经度应在 ±180 以内,纬度应在 ±90 以内",
    },
    # Plan documents (.txt, .docx, .pdf).
    "document.unsupported_type": {
        "en": "unsupported file type {suffix}; use .txt, .docx or .pdf",
        "zh": "不支持的文件类型 {suffix}:请使用 .txt、.docx 或 .pdf",
    },
    "document.too_many_chars": {
        "en": "the document has {count} characters; the limit is {limit}",
        "zh": "文档共有 {count} 个字符,上限为 {limit} 个",
    },
    "document.no_text": {"en": "the document contains no text", "zh": "文档中没有文字"},
    "document.scanned": {
        "en": "the PDF has {pages} page(s) but no text layer (a scan); "
        "run OCR on it or upload the text version",
        "zh": "该 PDF 有 {pages} 页,但没有文字层(是扫描件):请先做文字识别(OCR)或上传文字版",
    },
    "document.encoding": {
        "en": "the text encoding could not be recognised; save the file as UTF-8 or GBK",
        "zh": "无法识别文本编码:请将文件另存为 UTF-8 或 GBK",
    },
    "document.docx_unreadable": {
        "en": "not a readable Word (.docx) file: {detail}",
        "zh": "不是可读取的 Word(.docx)文件:{detail}",
    },
    "document.docx_text_node": {
        "en": "one run of text is longer than the reader accepts (10 MB); "
        "split it into paragraphs or save the plan as .txt",
        "zh": "其中一段连续文字超过可读取的上限(10 MB):请分成多个段落,或另存为 .txt",
    },
    "document.none_in_folder": {
        "en": "no .txt, .docx or .pdf document in this folder",
        "zh": "该文件夹中没有 .txt、.docx 或 .pdf 文档",
    },
    "document.pdf_unreadable": {
        "en": "not a readable PDF file: {detail}",
        "zh": "不是可读取的 PDF 文件:{detail}",
    },
    # --- plan extraction: word lists and the annotated corpus -------------
    "extraction.word_list_unreadable": {
        "en": "cannot read the extractor's word list: {detail}",
        "zh": "无法读取提取器的词表:{detail}",
    },
    "extraction.corpus_document": {
        "en": "not an annotated corpus document: {detail}",
        "zh": "不是标注语料文档:{detail}",
    },
    "extraction.corpus_empty": {
        "en": "no .json corpus document in this folder",
        "zh": "该文件夹中没有 .json 标注语料文档",
    },
    # --- the place of a problem in a file (worded by error_text) ------------
    "place.row": {"en": "row {row}", "zh": "第 {row} 行"},
    "place.column": {"en": "column {column!r}", "zh": "“{column}”列"},
    "place.separator": {"en": ", ", "zh": ","},
    "place.message": {"en": "{place}: {message}", "zh": "{place}:{message}"},
    # --- GeoJSON files and drawn areas --------------------------------------
    "geojson.not_json": {"en": "not GeoJSON: {detail}", "zh": "不是 GeoJSON 文件:{detail}"},
    "geojson.not_object": {"en": "not a GeoJSON object", "zh": "不是 GeoJSON 对象"},
    "boundaries.unreadable": {
        "en": "not a readable GeoJSON file: {detail}",
        "zh": "不是可读取的 GeoJSON 文件:{detail}",
    },
    "boundaries.missing_properties": {
        "en": "missing property(ies): {names}",
        "zh": "缺少属性:{names}",
    },
    "boundaries.not_polygon": {
        "en": "feature {index} is not a polygon",
        "zh": "第 {index} 个要素不是多边形",
    },
    # --- command-line options -----------------------------------------------
    "cli.radius_format": {
        "en": "--radius wants category=metres with a known category, not {item!r}",
        "zh": "--radius 应写作 类别=米数(类别须为已知类别),而不是 “{item}”",
    },
    "cli.radius_not_number": {
        "en": "--radius {item!r}: {value!r} is not a number",
        "zh": "--radius “{item}”:“{value}”不是数字",
    },
    "cli.radius_not_positive": {
        "en": "--radius {item!r}: the radius must be positive",
        "zh": "--radius “{item}”:半径必须为正数",
    },
    "cli.city_unknown": {
        "en": "unknown city {value!r}; use {cities} or all",
        "zh": "未知城市 “{value}”:请使用 {cities} 或 all",
    },
    "cli.categories_unknown": {
        "en": "unknown categories: {names}",
        "zh": "未知的载体类别:{names}",
    },
    "cli.categories_none": {
        "en": "unknown categories: (none given)",
        "zh": "未给出载体类别",
    },
    "cli.quota_format": {
        "en": "--quota needs DISTRICT=N, not {item!r}",
        "zh": "--quota 应写作 区县=数量,而不是 “{item}”",
    },
    "cli.select_needs_city": {
        "en": "--city and --category are needed (or --session FILE)",
        "zh": "需要 --city 和 --category(或 --session 文件)",
    },
    "cli.grid_needs_output": {
        "en": "--grid needs --out FOLDER or --gpkg FILE to write the grid to",
        "zh": "--grid 需要同时给出 --out 文件夹或 --gpkg 文件,网格才有处可写",
    },
    "cli.interrupted": {"en": "interrupted", "zh": "已中断"},
    "cli.interrupted_resume": {
        "en": "interrupted; run the same command again to resume",
        "zh": "已中断:再次运行同一命令即可从中断处继续",
    },
    "cli.error": {"en": "error: {message}", "zh": "错误:{message}"},
    # --- coverage, density and allocation -----------------------------------
    "analysis.gaps_columns": {
        "en": "the gap table lacks the column(s) {columns}",
        "zh": "目标差距表缺少列:{columns}",
    },
    "analysis.weights_per_district": {
        "en": "one allocation weight per district is needed",
        "zh": "每个区县需要一个分配权重",
    },
    "analysis.carriers_columns": {
        "en": "the carriers layer lacks the column(s) {columns}",
        "zh": "载体图层缺少列:{columns}",
    },
    "analysis.carriers_no_crs": {
        "en": "the carriers layer has no CRS",
        "zh": "载体图层没有坐标参考系",
    },
    "analysis.unknown_categories": {
        "en": "unknown carrier categories: {categories}",
        "zh": "未知的载体类别:{categories}",
    },
    "analysis.radius_invalid": {
        "en": "the service radius for {category} must be a positive number of metres",
        "zh": "{category}的服务半径必须是正的米数",
    },
    "analysis.lon_nan": {
        "en": "longitude {lon} is not a number",
        "zh": "经度 {lon} 不是数字",
    },
    "analysis.lon_outside": {
        "en": "longitude {lon} lies outside the CGCS2000 3-degree zones of China",
        "zh": "经度 {lon} 超出中国 CGCS2000 三度带范围",
    },
    "analysis.layer_no_crs": {
        "en": "the layer has no CRS; analysis needs an explicit CRS",
        "zh": "图层没有坐标参考系:分析需要明确的坐标参考系",
    },
    "analysis.layer_empty": {
        "en": "cannot choose a CRS for an empty layer",
        "zh": "图层为空,无法选择坐标参考系",
    },
    "analysis.scheme_unknown": {
        "en": "unknown classification scheme {scheme}",
        "zh": "未知的分级方法 {scheme}",
    },
    "analysis.h3_resolution": {
        "en": "H3 resolution must be between 0 and 15, not {value}",
        "zh": "H3 分辨率必须在 0 到 15 之间,而不是 {value}",
    },
    "analysis.bandwidth_invalid": {
        "en": "KDE bandwidth must be a positive number of km, not {value}",
        "zh": "核密度带宽必须是正的公里数,而不是 {value}",
    },
    "analysis.boundaries_no_crs": {
        "en": "district boundaries have no CRS",
        "zh": "区县边界没有坐标参考系",
    },
    "analysis.boundaries_columns": {
        "en": "district boundaries lack the column(s) {columns}",
        "zh": "区县边界缺少列:{columns}",
    },
    "analysis.boundaries_empty": {
        "en": "no district boundaries to build a grid on",
        "zh": "没有可用于建立网格的区县边界",
    },
    "analysis.cell_size_invalid": {
        "en": "cell size must be a positive number of metres, not {value}",
        "zh": "网格边长必须是正的米数,而不是 {value}",
    },
    "analysis.grid_too_fine": {
        "en": "a {cell} m grid over this area has {cells} cells; choose a larger cell size",
        "zh": "该范围的 {cell} 米网格有 {cells} 个格子,过多:请增大网格边长。",
    },
    "analysis.districts_too_small": {
        "en": "district(s) {names} are smaller than one grid cell piece",
        "zh": "区县 {names} 小于一个网格单元",
    },
    "analysis.no_boundaries": {
        "en": "no district boundaries for {city}",
        "zh": "没有{city}的区县边界",
    },
    "analysis.population_format": {
        "en": "a population grid must be a .csv or .tif file",
        "zh": "人口网格必须是 .csv 或 .tif 文件",
    },
    # --- site selection -----------------------------------------------------
    "siting.n_new_invalid": {
        "en": "the number of new sites must be a whole number ≥ 1, not {value}",
        "zh": "新增选址数量必须是不小于 1 的整数,而不是 {value}",
    },
    "siting.time_limit_invalid": {
        "en": "the time limit must be a positive number of seconds",
        "zh": "求解时限必须是正的秒数",
    },
    "siting.too_few_candidates": {
        "en": "{n_new} new sites were asked for but only {n_sites} candidate sites are available",
        "zh": "要求新增 {n_new} 处选址,但只有 {n_sites} 个候选点:请减小候选点间距或扩大选址范围。",
    },
    "siting.quotas_too_small": {
        "en": "the district quotas allow at most {room} new sites, not {n_new}",
        "zh": "各区县上限合计最多允许新增 {room} 处,少于要求的 {n_new} 处。",
    },
    "siting.rules_broken": {
        "en": "the solver returned sites that break the rules: {detail}",
        "zh": "求解器给出的选址违反了约束:{detail}",
    },
    "siting.infeasible": {
        "en": "no set of sites meets the quotas and the minimum spacing",
        "zh": "没有满足区县上限和最小间距的选址方案。",
    },
    "siting.cbc_no_solution": {
        "en": "CBC found no solution within the time limit; raise the time limit or use the greedy model",
        "zh": "CBC 在求解时限内没有找到解:请延长时限或改用贪心启发式。",
    },
    "siting.partial_fit": {
        "en": "only {found} of {k} sites fit the quotas and the minimum spacing",
        "zh": "在区县上限和最小间距的约束下只能放下 {found} 处(要求 {k} 处)。",
    },
    "siting.no_fit": {
        "en": "no {k} sites fit the quotas and the minimum spacing",
        "zh": "在区县上限和最小间距的约束下放不下 {k} 处选址。",
    },
    "siting.spacing_invalid": {
        "en": "minimum spacing must be 0 or a positive distance, not {value}",
        "zh": "最小间距必须为 0 或正的距离,而不是 {value}",
    },
    "siting.quota_invalid": {
        "en": "the quota of {district} must be a whole number ≥ 0, not {value}",
        "zh": "{district}的上限必须是不小于 0 的整数,而不是 {value}",
    },
    "siting.quotas_not_mapping": {
        "en": "quotas must be a mapping of district name to count",
        "zh": "区县上限必须是“区县名 → 数量”的对应表",
    },
    "siting.quota_unknown_district": {
        "en": "quota for unknown district(s): {districts}",
        "zh": "区县上限中有未知区县:{districts}",
    },
    "siting.radius_invalid": {
        "en": "the service radius must be a positive distance, not {value}",
        "zh": "服务半径必须是正的距离,而不是 {value}",
    },
    "siting.demand_arrays": {
        "en": "one weight and one district per demand point are needed",
        "zh": "每个需求点需要一个权重和一个区县",
    },
    "siting.site_arrays": {
        "en": "one id and one district per candidate site are needed",
        "zh": "每个候选点需要一个编号和一个区县",
    },
    "siting.existing_arrays": {
        "en": "one id per existing carrier is needed",
        "zh": "每个现有载体需要一个编号",
    },
    "siting.negative_weights": {
        "en": "demand weights cannot be negative",
        "zh": "需求权重不能为负",
    },
    "siting.not_projected": {
        "en": "measure in a projected CRS (metres), not in degrees",
        "zh": "须在投影坐标系(米)中度量,而不是经纬度",
    },
    "siting.no_crs": {"en": "every layer needs a CRS", "zh": "每个图层都需要坐标参考系"},
    "siting.no_weight_column": {
        "en": "the demand layer has no column {column!r}",
        "zh": "需求图层没有“{column}”列",
    },
    "siting.no_population": {
        "en": "demand by population needs a population surface",
        "zh": "按人口计算需求需要人口分布数据",
    },
    "siting.demand_invalid": {
        "en": "demand must be 'population' or 'area', not {value}",
        "zh": "需求依据必须是 'population'(人口)或 'area'(面积),而不是 {value}",
    },
    "siting.demand_cell_invalid": {
        "en": "the demand cell size must be a positive distance, not {value}",
        "zh": "需求网格边长必须是正的距离,而不是 {value}",
    },
    "siting.areas_no_crs": {
        "en": "drawn or uploaded areas need a CRS",
        "zh": "绘制或上传的区域需要坐标参考系",
    },
    "siting.spacing_candidates_invalid": {
        "en": "candidate spacing must be a positive distance, not {value}",
        "zh": "候选点间距必须是正的距离,而不是 {value}",
    },
    "siting.too_many_candidates": {
        "en": "{count} candidate sites at {spacing} m: choose a larger spacing",
        "zh": "{spacing} 米间距共有 {count} 个候选点,过多:请增大候选点间距。",
    },
    "siting.h3_resolution": {
        "en": "H3 resolution must be between 0 and 12, not {value}",
        "zh": "H3 分辨率必须在 0 到 12 之间,而不是 {value}",
    },
    "siting.too_many_h3": {
        "en": "{count} H3 cells: choose a coarser resolution",
        "zh": "H3 六边形 {count} 个,过多:请选择更粗的分辨率。",
    },
    "siting.too_many_assignments": {
        "en": (
            "p-median over {n_demand} demand points and {n_facilities} facilities needs "
            "{size} assignment variables (limit {limit}); merge demand into coarser cells, "
            "space the candidates further apart, or limit them to drawn areas"
        ),
        "zh": (
            "p-中位模型在 {n_demand} 个需求点和 {n_facilities} 个设施上需要 {size} 个分配变量"
            "(上限 {limit}):请把需求合并到更粗的网格、增大候选点间距,或把候选点限制在绘制的区域内。"
        ),
    },
    "siting.result_incomplete": {
        "en": "the stored result is incomplete: {detail}",
        "zh": "保存的选址结果不完整:{detail}",
    },
    "siting.model_unknown": {
        "en": "model must be one of {models}, not {value}",
        "zh": "模型必须是 {models} 之一,而不是 {value}",
    },
    "siting.category_unknown": {
        "en": "unknown carrier category {value}",
        "zh": "未知的载体类别 {value}",
    },
    "siting.no_carriers": {
        "en": "without the registry, at least one layer of carriers is needed",
        "zh": "不使用内置清单时,至少需要选择一个载体图层。",
    },
    "siting.session_unknown_inputs": {
        "en": "unknown session input(s): {names}",
        "zh": "选址会话中有未知的输入项:{names}",
    },
    "siting.session_incomplete": {
        "en": "the session inputs are incomplete: {detail}",
        "zh": "选址会话的输入不完整:{detail}",
    },
    "siting.areas_invalid": {
        "en": "the drawn or uploaded areas are not valid GeoJSON: {detail}",
        "zh": "绘制或上传的区域不是有效的 GeoJSON:{detail}",
    },
    "siting.areas_no_polygon": {
        "en": "the drawn or uploaded areas contain no polygon",
        "zh": "绘制或上传的区域中没有多边形。",
    },
    "siting.no_plan_count": {
        "en": "the plans set no count for {category} in {city}; give the number of sites",
        "zh": "规划没有给出{city}{category}的数量目标:请填写新增数量。",
    },
    "siting.plan_met": {
        "en": "the plan's count for {category} in {city} is already met; give a number",
        "zh": "{city}{category}的规划数量已经达到:请填写新增数量。",
    },
    "siting.no_plan_quotas": {
        "en": "the plans set no count for {category} in {city}: no quotas to derive",
        "zh": "规划没有给出{city}{category}的数量目标,无法据此分配区县上限。",
    },
    "siting.no_candidate_inside": {
        "en": "no candidate site lies inside the city and the drawn areas",
        "zh": "城市范围与绘制区域内没有候选点。",
    },
    "siting.quotas_need_targets": {
        "en": "quotas from the plan need the targets table",
        "zh": "按规划分配区县上限需要规划目标表",
    },
    "session.not_json": {
        "en": "not a session file (not JSON text: {detail})",
        "zh": "不是选址会话文件(不是 JSON 文本:{detail})",
    },
    "session.not_session": {
        "en": "not a site-selection session file",
        "zh": "不是选址会话文件",
    },
    "session.version": {
        "en": "session format version {version} is not supported",
        "zh": "不支持的会话文件格式版本 {version}",
    },
    "session.damaged": {
        "en": "the session is damaged: {detail}",
        "zh": "会话文件已损坏:{detail}",
    },
    # --- solvers ------------------------------------------------------------
    "solver.unknown": {
        "en": "unknown solver {value}: choose one of {solvers}",
        "zh": "未知的求解器 {value}:请从 {solvers} 中选择",
    },
    "solver.failed": {
        "en": "{solver} stopped without an answer ({status}); try the other solver or the greedy model",
        "zh": "{solver} 未给出结果即停止({status}):请换用另一个求解器或贪心启发式。",
    },
    "solver.no_solution": {
        "en": "{solver} found no solution within the time limit; raise the time limit or use the greedy model",
        "zh": "{solver} 在求解时限内没有找到解:请延长时限或改用贪心启发式。",
    },
    "solver.note.ran": {
        "en": "{solver} ran {seconds} s of its {budget} s budget; reported gap {gap}.",
        "zh": "{solver} 求解用时 {seconds} 秒(可用 {budget} 秒);报告的最优间隙 {gap}。",
    },
    "solver.note.overran_cbc": {
        "en": (
            "{solver} overran its budget by {seconds} s: it checks the time limit only "
            "between phases, not inside its first LP."
        ),
        "zh": "{solver} 超出时限 {seconds} 秒:它只在阶段之间检查时限,首个 LP 求解中途无法停止。",
    },
    "solver.note.stopped": {
        "en": "{solver} was stopped at the end of its budget, inside its first LP; the greedy answer stands.",
        "zh": "{solver} 在时限用尽时仍在求解首个 LP,已被停止;采用贪心解。",
    },
    "solver.note.overran": {
        "en": "{solver} overran its budget by {seconds} s handing the model over and back.",
        "zh": "{solver} 在传入模型和读回结果上超出时限 {seconds} 秒。",
    },
    "solver.note.build_overran": {
        "en": (
            "Building the model took {seconds} s of the {limit} s time limit: the run ended "
            "{over} s past the limit."
        ),
        "zh": "构建模型用去 {limit} 秒时限中的 {seconds} 秒:运行超出时限 {over} 秒。",
    },
    "solver.note.pmedian_demand": {
        "en": (
            "p-median demand merged into {demand_cell} m cells ({n_demand} points, at most "
            "{cap} assignment variables); the chosen sites are evaluated on the full grid."
        ),
        "zh": (
            "P 中值模型将需求合并为 {demand_cell} 米网格({n_demand} 个点,分配变量不超过 {cap} 个);"
            "所选站点按完整网格评估。"
        ),
    },
    "solver.note.pmedian_sized": {
        "en": (
            "p-median sized to fit {cap} assignment variables: demand merged into {demand_cell} m "
            "cells ({n_demand} points), candidates thinned to one per {site_cell} m cell "
            "({n_sites} of {n_sites_all}); the chosen sites are evaluated on the full grid."
        ),
        "zh": (
            "P 中值模型按 {cap} 个分配变量的上限缩减规模:需求合并为 {demand_cell} 米网格"
            "({n_demand} 个点),候选点按 {site_cell} 米网格每格保留一个({n_sites_all} 个中的"
            " {n_sites} 个);所选站点按完整网格评估。"
        ),
    },
    # --- long work on the analysis and site-selection pages ----------------
    "job.cancelled": {
        "en": "cancelled; the previous result stays",
        "zh": "已取消;保留之前的结果",
    },
    "job.failed": {
        "en": "the work stopped unexpectedly ({detail}); please try again",
        "zh": "运行意外中止({detail}),请重试",
    },
    "siting.no_drawn_areas": {
        "en": (
            "“sites only inside them” needs an area: draw one on the map (or upload a GeoJSON "
            "of allowed areas), or choose “ignore”"
        ),
        "zh": "“仅在区域内选址”需要区域:请先在地图上绘制区域(或上传选址范围 GeoJSON),或选择“不使用”",
    },
    # --- geocoding ----------------------------------------------------------
    "geocoding.out_of_area": {
        "en": "{query!r} resolved to ({lon}, {lat}), outside the expected area {expected}",
        "zh": "“{query}”定位到 ({lon}, {lat}),不在预期范围 {expected} 内",
    },
    "geocoding.gdf_not_wgs84": {
        "en": (
            "expected a GeoDataFrame in EPSG:4326 (lon/lat), got {crs}; "
            "reproject it with .to_crs(4326) first"
        ),
        "zh": "需要 EPSG:4326(经度/纬度)的 GeoDataFrame,实际为 {crs}:请先用 .to_crs(4326) 转换",
    },
    "gazetteer.missing_columns": {
        "en": "missing column(s): {columns}",
        "zh": "缺少列:{columns}",
    },
    "gazetteer.not_number": {
        "en": "not a number: {value!r}",
        "zh": "不是数字:“{value}”",
    },
    "gazetteer.out_of_range": {
        "en": "{value} is outside {lo}..{hi} (WGS-84 degrees)",
        "zh": "{value} 超出 {lo}..{hi} 的范围(WGS-84 度)",
    },
    "gazetteer.precision_unknown": {
        "en": "unknown precision {value!r}",
        "zh": "未知的定位精度 “{value}”",
    },
    "geocoder.from_provider": {"en": "{provider}: {message}", "zh": "{provider}:{message}"},
    "geocoder.nominatim_agent": {
        "en": (
            "Nominatim needs an identifying user agent: set CARRIER_MAP_NOMINATIM_USER_AGENT "
            "(e.g. 'carrier-mapper/0.1 (you@example.org)'), per its usage policy"
        ),
        "zh": (
            "按 Nominatim 的使用政策,需要能识别使用者的 User-Agent:请设置 "
            "CARRIER_MAP_NOMINATIM_USER_AGENT(例如 'carrier-mapper/0.1 (you@example.org)')"
        ),
    },
    "geocoder.setting_unreadable": {
        "en": "setting {name} has an unreadable value",
        "zh": "设置 {name} 的值无法读取",
    },
    "geocoder.not_configured": {
        "en": (
            "{provider} is not configured: set the environment variable {variable} "
            "or '{secret}' in the Streamlit secrets"
        ),
        "zh": "{provider} 未配置:请设置环境变量 {variable},或 Streamlit secrets 中的 '{secret}'",
    },
    "geocoder.baidu_coordtype": {
        "en": "CARRIER_MAP_BAIDU_COORDTYPE must be 'gcj02ll' or 'bd09ll'",
        "zh": "CARRIER_MAP_BAIDU_COORDTYPE 必须是 'gcj02ll' 或 'bd09ll'",
    },
    "geocoder.unknown": {
        "en": "unknown geocoder {name!r}; choose from {choices}",
        "zh": "未知的地理编码服务 “{name}”:可选 {choices}",
    },
    "geocoder.unknown_many": {
        "en": "unknown geocoder(s) {names}; choose from {choices}",
        "zh": "未知的地理编码服务 {names}:可选 {choices}",
    },
    "geocoder.not_json_object": {
        "en": "answer is not a JSON object",
        "zh": "服务的应答不是 JSON 对象",
    },
    "geocoder.match_no_location": {
        "en": "a match has no readable location",
        "zh": "某个匹配结果没有可读取的坐标",
    },
    "geocoder.answer_no_location": {
        "en": "the answer has no readable location",
        "zh": "服务的应答中没有可读取的坐标",
    },
    "geocoder.status.error": {
        "en": "service error (status {status}{info})",
        "zh": "服务出错(状态码 {status}{info})",
    },
    "geocoder.status.quota": {
        "en": "quota used up (status {status}{info})",
        "zh": "配额已用完(状态码 {status}{info})",
    },
    "geocoder.status.rate": {
        "en": "too many requests (status {status}{info})",
        "zh": "请求过于频繁(状态码 {status}{info})",
    },
    "geocoder.status.auth": {
        "en": "key refused (status {status}{info})",
        "zh": "密钥被拒绝(状态码 {status}{info})",
    },
    "geocoder.status.query": {
        "en": "request refused (status {status}{info})",
        "zh": "请求被拒绝(状态码 {status}{info})",
    },
    "geocoder.status.unavailable": {
        "en": "service unavailable (status {status}{info})",
        "zh": "服务不可用(状态码 {status}{info})",
    },
    "geocoder.status.timed_out": {
        "en": "service timed out (status {status}{info})",
        "zh": "服务超时(状态码 {status}{info})",
    },
    "geocoder.http": {"en": "HTTP {status}", "zh": "服务返回 HTTP {status}"},
    "geocoder.failed": {"en": "{detail}", "zh": "请求失败:{detail}"},
    "geocoder.timed_out": {"en": "timed out", "zh": "请求超时"},
    "geocoder.cached_failure": {
        "en": "{detail} (cached failure)",
        "zh": "{detail}(缓存中的失败结果)",
    },
    # --- inventory: a planner's carrier lists (geo_app.inventory) ----------
    "inventory.no_name_column": {
        "en": "no name column (名称, 载体名称, 单位名称) in the header",
        "zh": "表头中没有名称列(名称、载体名称、单位名称)",
    },
    "inventory.kinds_columns": {
        "en": "the kinds table lacks columns: {columns}",
        "zh": "载体类型表缺少列:{columns}",
    },
    "inventory.kinds_value": {
        "en": "unknown category or level {value!r} in the kinds table",
        "zh": "载体类型表中有未知的类别或级别:{value}",
    },
    "inventory.places_columns": {
        "en": "the places table needs the columns {columns}",
        "zh": "地名表需要这些列:{columns}",
    },
    "inventory.places_kind": {
        "en": "unknown place kind {value!r} (district, former_name, functional_zone, alias)",
        "zh": "未知的地名类型:{value}(应为 district、former_name、functional_zone、alias)",
    },
    # Review reasons of one row: short (a table cell), "zh / en" together ≤ 80.
    "inventory.review.uncovered_city": {"en": "{city} not covered", "zh": "{city}不在覆盖范围"},
    "inventory.review.other_city": {
        "en": "in {city}, not {expected}",
        "zh": "属{city},非{expected}",
    },
    "inventory.review.district_not_in_city": {
        "en": "{place} not in {city}",
        "zh": "{place}不在{city}",
    },
    "inventory.review.address_other_city": {
        "en": "address {place} not in {city}",
        "zh": "地址{place}不在{city}",
    },
    "inventory.review.point_elsewhere": {
        "en": "point lies in {place}, not {city}",
        "zh": "坐标在{place},非{city}",
    },
    "inventory.review.point_outside": {
        "en": "point outside {city}",
        "zh": "坐标不在{city}",
    },
    "inventory.review.bad_coordinates": {"en": "lon/lat unreadable", "zh": "经纬度无法识别"},
    "inventory.review.unknown_crs": {"en": "unknown coordinate system", "zh": "坐标系未知"},
    "inventory.review.outside_china": {"en": "point outside China", "zh": "坐标不在中国境内"},
    "inventory.review.no_city": {"en": "city unknown", "zh": "城市未知"},
    "inventory.review.no_name": {"en": "name missing", "zh": "缺少名称"},
    "inventory.review.rd_platform": {
        "en": "R&D platform, no map category: {type}",
        "zh": "研发平台,无地图类别:{type}",
    },
    "inventory.review.no_category": {
        "en": "type not recognised: {type}",
        "zh": "类型未识别:{type}",
    },
    # --- storage, uploads and sessions -------------------------------------
    "journal.other_run": {
        "en": "this journal belongs to another file or other settings; "
        "remove it or start afresh (--restart)",
        "zh": "该断点记录属于另一个文件或另一组设置:请删除它,或从头开始(--restart)",
    },
    "upload.too_large": {
        "en": "the file is {size_mb} MB; files of this kind may be at most {limit_mb} MB",
        "zh": "文件大小为 {size_mb} MB,此类文件最大 {limit_mb} MB",
    },
    "storage.not_a_folder": {
        "en": "the output must be a folder, and this is a file",
        "zh": "输出位置应为文件夹,但这是一个文件",
    },
    "session.names_a_path": {
        "en": "the session names a file by its path; a session names its files by content only",
        "zh": "会话文件以路径指明文件;会话只能以内容(哈希)指明文件",
    },
    "session.files_missing": {
        "en": "this session used files that were not given: {files}. "
        "Give them again (--layer, --population-grid, or upload them) to re-run it",
        "zh": "此会话用到的以下文件未提供:{files}。请重新提供(--layer、--population-grid 或上传)后再运行",
    },
    "session.file_mismatch": {
        "en": "this is not the file the session used (its content differs)",
        "zh": "这不是该会话所用的文件(内容不同)",
    },
    # --- cities: the City records (geo_app.cities) --------------------------
    "cities.unknown": {
        "en": "unknown city: {name} (known: {known})",
        "zh": "未知城市:{name}(可用:{known})",
    },
    "cities.bad_value": {
        "en": "{column}: {value!r} is not allowed ({expected})",
        "zh": "{column}:不允许的值“{value}”({expected})",
    },
    "cities.duplicate": {
        "en": "{value!r} names two different {what}",
        "zh": "“{value}”同时指向两个不同的{what}",
    },
    "cities.dangling": {
        "en": "{value!r} is not a {what} of the city registry",
        "zh": "“{value}”不是城市登记中的{what}",
    },
    "cities.no_census": {
        "en": "population.csv has no census total of {name} from source {source}",
        "zh": "population.csv 中没有来源为 {source} 的{name}普查总人口",
    },
    "cities.none_chosen": {
        "en": "no city chosen",
        "zh": "未选择城市",
    },
    "cities.no_boundaries": {
        "en": "no boundaries shipped for {name} ({adcode})",
        "zh": "未提供{name}({adcode})的边界",
    },
    "cities.not_shipped": {
        "en": "{name} is a city of China whose boundaries are not shipped (shipped: {known}). "
        "To add it, give its county-level units in data/cities/ (cities.csv, units.csv, "
        "points.csv) and build its boundaries with scripts/build_city_boundaries.py",
        "zh": "{name}的边界未随程序提供(已提供:{known})。如需添加,请在 data/cities/ 中"
        "补充其县级单位(cities.csv、units.csv、points.csv),并用 "
        "scripts/build_city_boundaries.py 生成边界",
    },
    "cities.needs_name": {
        "en": "name the city to add, e.g. carrier-map cities add 许昌市",
        "zh": "请给出要添加的城市,例如 carrier-map cities add 许昌市",
    },
    "cities.added": {
        "en": "added {name} ({adcode}) with {units} county-level units to {path}",
        "zh": "已将{name}({adcode},{units} 个县级单位)加入 {path}",
    },
    "cities.already": {
        "en": "{name} ({adcode}) is already covered by {path}: nothing changed",
        "zh": "{path} 已包含{name}({adcode}):未作改动",
    },
    "cities.census": {
        "en": "2020 census {population}",
        "zh": "2020 年普查 {population} 人",
    },
    "cities.by_area": {
        "en": "no census figure — analysis by area",
        "zh": "无普查人口 — 按面积分析",
    },
    "cities.units": {
        "en": "{count} units",
        "zh": "{count} 个县级单位",
    },
    # --- workspace: the planner's inventory (geo_app.workspace) -------------
    "workspace.stale_edit": {
        "en": "{name} ({id}) was changed by {who} at {at} after you opened it "
        "(version {stored}, yours {expected}); reload it and make the change again",
        "zh": "{name}({id})在您打开后已被 {who} 于 {at} 修改(当前版本 {stored},"
        "您的版本 {expected}):请重新载入后再修改",
    },
    "workspace.no_record": {
        "en": "the workspace has no {table} with id {id}",
        "zh": "工作区中没有编号为 {id} 的{table}",
    },
    "workspace.not_workspace": {
        "en": "{path} is not a carrier workspace (a GeoPackage written by carrier-map): {detail}",
        "zh": "{path} 不是载体工作区(由 carrier-map 写出的 GeoPackage):{detail}",
    },
    "workspace.newer_schema": {
        "en": "{path} was written by a newer version of carrier-map (schema {found}, "
        "this version reads {known}); update carrier-map",
        "zh": "{path} 由更新版本的 carrier-map 写出(结构版本 {found},本版本支持 {known}):"
        "请升级 carrier-map",
    },
    "workspace.busy": {
        "en": "the workspace is busy: another app session or command held it for more "
        "than {seconds} s; try again",
        "zh": "工作区正忙:另一个应用会话或命令占用超过 {seconds} 秒,请稍后重试",
    },
    "workspace.unreadable": {
        "en": "cannot read or write the workspace {path}: {detail}",
        "zh": "无法读写工作区 {path}:{detail}",
    },
    "workspace.unknown_field": {
        "en": "{field!r} is not a field that can be set (allowed: {allowed})",
        "zh": "“{field}”不是可修改的字段(可修改:{allowed})",
    },
    "workspace.bad_value": {
        "en": "{field}: {value!r} is not allowed ({expected})",
        "zh": "{field}:不允许的值“{value}”({expected})",
    },
    "workspace.bad_coordinates": {
        "en": "not a WGS-84 position: lon {lon}, lat {lat}",
        "zh": "不是有效的 WGS-84 坐标:经度 {lon},纬度 {lat}",
    },
    "workspace.needs_name": {
        "en": "a carrier needs a Chinese name (name_zh)",
        "zh": "载体需要中文名称(name_zh)",
    },
    "workspace.needs_who": {
        "en": "say who makes the change (a name)",
        "zh": "请填写修改人(姓名)",
    },
    "workspace.merge_itself": {
        "en": "a carrier cannot be merged into itself ({id})",
        "zh": "载体不能与自身合并({id})",
    },
    "workspace.merge_deleted": {
        "en": "{id} is deleted; restore it before merging",
        "zh": "{id} 已删除:请先恢复再合并",
    },
    "workspace.merge_bad_row": {
        "en": "the import has no row {row} to merge into {id}",
        "zh": "导入数据中没有第 {row} 行,无法合并到 {id}",
    },
    "workspace.import_columns": {
        "en": "the imported table lacks the columns {columns}",
        "zh": "导入的表缺少以下列:{columns}",
    },
    "workspace.undo_conflict": {
        "en": "cannot undo: {id} was changed again after this step ({fields}); "
        "undo the later change first or edit it by hand",
        "zh": "无法撤销:{id} 在这一步之后又被修改({fields}):请先撤销后来的修改,或手动编辑",
    },
    "workspace.nothing_to_undo": {
        "en": "nothing to undo",
        "zh": "没有可撤销的修改",
    },
    "workspace.undone": {
        "en": "undone: {batch} ({count} changes)",
        "zh": "已撤销:{batch}(共 {count} 项修改)",
    },
    "workspace.imported": {
        "en": "{path}: {added} added, {merged} merged into existing carriers, "
        "{skipped} already imported, {flagged} to review (batch {batch})",
        "zh": "{path}:新增 {added} 个,并入已有载体 {merged} 个,已导入过 {skipped} 个,"
        "待复核 {flagged} 个(批次 {batch})",
    },
    "workspace.targets_imported": {
        "en": "{path}: {added} targets added, {skipped} skipped (baselines, or already in the "
        "workspace) (batch {batch})",
        "zh": "{path}:新增目标 {added} 项,跳过 {skipped} 项(基期数据或工作区中已有)(批次 {batch})",
    },
    "workspace.targets_written": {
        "en": "{path}: {count} targets",
        "zh": "{path}:{count} 项目标",
    },
    "workspace.opened": {
        "en": "workspace: {path}",
        "zh": "工作区:{path}",
    },
    "workspace.no_history": {
        "en": "no changes recorded",
        "zh": "没有修改记录",
    },
    # --- map assets ---------------------------------------------------------
    "assets.external": {
        "en": (
            "the map needs assets that are not in the vendor manifest, so it would load "
            "them from a public CDN:\n{listed}\nAdd each URL to VENDOR_MANIFEST in "
            "layers/assets.py (and its npm package to package.json), then run "
            "scripts/vendor_assets.py."
        ),
        "zh": (
            "地图需要不在本地资源清单中的文件,将从公共 CDN 加载:\n{listed}\n请把每个网址加入 "
            "layers/assets.py 的 VENDOR_MANIFEST(并把其 npm 包加入 package.json),"
            "然后运行 scripts/vendor_assets.py。"
        ),
    },
    "assets.unknown_type": {
        "en": "cannot embed {path}: unknown file type {suffix!r}",
        "zh": "无法嵌入 {path}:未知的文件类型 “{suffix}”",
    },
    "assets.outside_vendor": {
        "en": "{url!r} points outside the vendor folder {folder}",
        "zh": "“{url}”指向本地资源文件夹 {folder} 之外",
    },
    "assets.missing": {
        "en": "{path} is missing; run scripts/vendor_assets.py",
        "zh": "缺少 {path}:请运行 scripts/vendor_assets.py",
    },
    "assets.external_in_css": {
        "en": "{css} refers to the external resource {url!r}",
        "zh": "{css} 引用了外部资源 “{url}”",
    },
    "assets.vendor_missing": {
        "en": "vendor folder {folder} is missing; run scripts/vendor_assets.py",
        "zh": "缺少本地资源文件夹 {folder}:请运行 scripts/vendor_assets.py",
    },
}


@dataclass(frozen=True, slots=True)
class Term:
    """A parameter with its own wording per language (a category's label …).

    Parameters
    ----------
    default
        The wording in any language not in ``words`` (the English message's).
    words
        Language -> wording.

    Examples
    --------
    >>> park = Term("park", {"zh": "产业园区"})
    >>> str(park), park.text("zh")
    ('park', '产业园区')
    """

    default: str
    words: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The wording in ``lang``."""
        return self.words.get(lang, self.default)

    def __str__(self) -> str:
        return self.default


class _Params(dict[str, object]):
    """Leaves an unknown field visible instead of failing (a catalogue typo)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(code: str, lang: str, params: Mapping[str, object] | None = None) -> str:
    """The message for ``code`` in ``lang`` (English when ``lang`` is unknown).

    Examples
    --------
    >>> render_message("file.not_found", "zh")
    '找不到文件'
    >>> render_message("error", "en", {"detail": "{{ 7*7 }}"})
    '{{ 7*7 }}'
    """
    entry = MESSAGES.get(code)
    if entry is None:
        raise KeyError(f"no message for error code {code!r}")
    template = entry.get(lang) or entry["en"]
    return template.format_map(_Params({k: _text(v, lang) for k, v in (params or {}).items()}))


def resolve_lang(
    value: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    default: str = "en",
) -> str:
    """The interface language: ``value`` if given, else :data:`LANG_ENV`, else ``default``.

    An unknown language falls back to ``default``.

    Examples
    --------
    >>> resolve_lang("zh"), resolve_lang(None, env={"CARRIER_MAP_LANG": "ZH"}), resolve_lang("fr")
    ('zh', 'zh', 'en')
    """
    chosen = value or (os.environ if env is None else env).get(LANG_ENV, "")
    chosen = chosen.strip().lower()
    return chosen if chosen in LANGS else default


def _text(value: object, lang: str) -> str:
    # A term, or an error given as a parameter (the cause of a damaged
    # session …), is worded in the same language as the message around it.
    if isinstance(value, Term):
        return value.text(lang)
    text = getattr(value, "text", None)
    if isinstance(value, BaseException) and callable(text):
        return str(text(lang))
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
