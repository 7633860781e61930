"""Word lists that drive the extractor: suffixes, stop words, bound words.

Everything the extractor knows about plan language lives here, as data, so
that it applies to any city's plan and can be extended without touching the
algorithms.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "BOUND_WORDS",
    "CARRIER_SUFFIXES",
    "CONJUNCTIONS",
    "DEPENDENT_SUFFIXES",
    "EXISTING_AFTER",
    "EXISTING_BEFORE",
    "GENERIC_WORDS",
    "LEVEL_WORDS",
    "LIST_JOINERS",
    "PLANNED_BEFORE",
    "STOP_WORDS",
    "SUBJECT_KINDS",
    "suffix_category",
    "suffix_pattern",
]

#: Carrier suffix → map category.  Longer suffixes win over shorter ones.
CARRIER_SUFFIXES: Final[dict[str, str]] = {
    # science & technology industry communities
    "科技产业社区": "community",
    "产业社区": "community",
    "科创社区": "community",
    "创新社区": "community",
    # smart islands
    "智慧岛": "smart_island",
    # incubation carriers
    "孵化器": "incubator",
    "众创空间": "incubator",
    "加速器": "incubator",
    "星创天地": "incubator",
    "大学科技园": "incubator",
    "孵化基地": "incubator",
    "孵化园": "incubator",
    "创业园": "incubator",
    "双创基地": "incubator",
    # parks
    "产业园": "park",
    "科技园": "park",
    "工业园": "park",
    "创新园": "park",
    "示范园": "park",
    "生态园": "park",
    "园区": "park",
    "农业科技园区": "park",
    "特色产业基地": "park",
    "产业基地": "park",
    # zones
    "高新区": "zone",
    "高新技术产业开发区": "zone",
    "经开区": "zone",
    "经济开发区": "zone",
    "经济技术开发区": "zone",
    "开发区": "zone",
    "科技城": "zone",
    "科学城": "zone",
    "产业集聚区": "zone",
    "自贸区": "zone",
    "自贸试验区": "zone",
    "自由贸易试验区": "zone",
    "自创区": "zone",
    "自主创新示范区": "zone",
    "示范区": "zone",
    "片区": "zone",
}
# Every 园 suffix also exists as 园区 (产业园区, 科技园区 ...).
for _suffix, _category in list(CARRIER_SUFFIXES.items()):
    if _suffix.endswith("园"):
        CARRIER_SUFFIXES.setdefault(_suffix + "区", _category)

#: Suffixes that name a part of a larger zone written just before them
#: (``自由贸易试验区洛阳片区``): the larger zone is part of the name.
DEPENDENT_SUFFIXES: Final[frozenset[str]] = frozenset({"片区", "分园", "分园区"})

#: Words that end a name on its left: verbs, prepositions, quantifiers.
STOP_WORDS: Final[tuple[str, ...]] = (
    "建设", "新建", "建成", "建立", "组建", "筹建", "共建", "创建", "争创", "申建", "创成",
    "打造", "推动", "推进", "加快", "加速", "加强", "加大", "支持", "鼓励", "引导", "依托",
    "围绕", "聚焦", "布局", "培育", "谋划", "启动", "实施", "强化", "深化", "完善", "优化",
    "提升", "发挥", "充分", "利用", "吸引", "引进", "入驻", "落户", "成为", "获批", "认定",
    "形成", "构建", "带动", "对接", "依靠", "位于", "包括", "其中", "通过", "按照", "抓住",
    "牢牢", "积极", "大力", "全力", "持续", "进一步", "高标准", "高质量", "重点", "着力",
    "成功", "力争", "争取", "计划", "开展", "参与", "纳入", "协调", "复制", "推广", "做好",
    "用好", "落实", "贯彻", "发展", "壮大", "做大", "做强", "升级", "改造",
    "联动", "共同", "分别", "同时", "以及", "及其", "等", "的", "在", "于", "将", "为", "以",
    "对", "到", "至", "我市", "全市", "本市", "各地", "全省", "全国", "一批", "一些", "若干",
    "多个", "各类", "各种", "各个", "首批", "本报", "近日", "今年", "目前", "已经", "正在",
    "预计", "新增", "新培育", "获评", "荣获", "晋级", "申报", "评为", "命名", "批准", "设立",
    "设置", "搭建", "拓展", "促进", "激发", "助力", "赋能", "依据", "根据", "结合", "面向",
    "坚持", "着眼", "立足", "紧抓", "抓好", "继续", "不断", "加紧", "统筹", "探索", "试行",
    "推行", "前往", "考察", "以上", "以下", "左右", "不少于", "超过", "突破", "达到", "和",
    "与", "该", "另据", "据悉", "根据", "源自", "来自", "离不开", "关于", "针对", "即", "经过", "随着",
    "作为", "属于", "包含", "取得", "共有", "拥有", "现有", "已有", "具有", "设有",
)  # fmt: skip

#: Conjunctions that end a name only when a whole carrier name precedes them.
CONJUNCTIONS: Final[tuple[str, ...]] = ("及", "暨")

#: Conjunctions across which a district prefix carries over (洛龙区A和B).
LIST_JOINERS: Final[tuple[str, ...]] = ("和", "与", "及", "以及", "暨")

#: Level words (also the subkind prefix of a target).
LEVEL_WORDS: Final[dict[str, str]] = {
    "国家级": "national",
    "国家": "national",
    "全国": "national",
    "省级": "provincial",
    "省": "provincial",
    "河南省": "provincial",
    "市级": "municipal",
    "市": "municipal",
    "县级": "county",
}

#: Words that describe a kind of carrier rather than name one.  A stem made
#: of these words only (建设一批"专业化众创空间") is a generic mention.
GENERIC_WORDS: Final[tuple[str, ...]] = (
    "国家级", "国家", "全国", "省级", "市级", "县级", "区级", "省", "市", "县", "以上", "以下",
    "科技企业", "科技型", "科技", "企业", "产业", "创新创业", "创新", "创业", "双创", "特色",
    "专业化", "专业", "现代", "现代化", "农业", "高新技术", "高新", "高端", "新型", "综合",
    "示范", "国际", "联合", "合作", "青年", "大学生", "大学", "高校", "孵化", "各类", "一批",
    "相关", "重点", "优势", "主导", "新兴", "战略性", "未来", "先进", "制造", "发展",
    "驱动", "高质量", "成果", "转化", "应用", "科创", "人才", "集聚", "引领", "先行",
    "试点", "服务", "公共", "平台", "载体", "标准化", "智能化", "数字化", "绿色", "生态",
    "功能", "主题", "配套", "指定", "该", "其他", "所在", "同类", "区域", "地方", "园区",
    "产业化", "规模化", "集约化", "品牌化", "精品", "知名", "优质", "大型", "小型", "中小",
    "返乡", "就业", "飞地", "火炬", "研发", "指定", "试点", "基地", "工业", "科学", "技术", "经济", "开放", "共享", "一流", "高水平",
    "省市", "市县", "区县", "县区", "全省", "全市", "沿海", "海外", "境外", "跨区域", "跨境",
    "分", "各", "本", "此", "等", "级", "类", "型", "化", "式", "智慧",
)  # fmt: skip

#: Words right after a name that show the carrier already exists.
EXISTING_AFTER: Final[tuple[str, ...]] = (
    "成型", "综合排名", "以科技创新", "已", "获批", "成功", "积极创建", "改造", "升级",
    "建设国家", "建设省", "建设市", "建设河南", "创建国家", "创建省", "争创国家", "争创省",
    "申建", "高企", "科技创新部", "推进", "坚持", "推出", "打造", "围绕", "建立", "出台",
    "全面", "大力", "还", "因", "将",
)  # fmt: skip
#: Words before a name that show the carrier already exists.
EXISTING_BEFORE: Final[tuple[str, ...]] = (
    "依托", "发挥", "聚焦", "依靠", "位于", "入驻", "现有", "已有", "拥有", "已建成", "围绕",
    "建成了", "成功创建", "获批", "创成", "在",
)  # fmt: skip
#: Words before a name that show the carrier is planned.
PLANNED_BEFORE: Final[tuple[str, ...]] = (
    "新建", "建设", "打造", "谋划", "争创", "创建", "布局", "筹建", "规划", "引进", "加快",
    "推进", "培育", "启动", "设立", "共建", "申建", "建立", "组建",
)  # fmt: skip

#: Bound words.  Order matters: longer, more specific patterns first.
BOUND_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "at_least": ("不少于", "不低于", "至少", "以上", "达到", "达", "力争", "确保", "要达到"),
    "more_than": ("超过", "突破", "多于", "逾", "余", "多"),
    "about": ("左右", "约", "上下", "前后", "大约"),
    "at_most": ("不超过", "不多于", "以内", "以下"),
}

#: Target subject kinds: word → (category, subkind stem).  The level word
#: in front of the subject (省级, 国家级 ...) completes the subkind.
SUBJECT_KINDS: Final[dict[str, tuple[str, str]]] = {
    "科技产业社区": ("community", "community"),
    "产业社区": ("community", "community"),
    "智慧岛": ("smart_island", "smart_island"),
    "孵化载体": ("incubator", ""),
    "科技企业孵化器": ("incubator", "incubator"),
    "孵化器": ("incubator", "incubator"),
    "众创空间": ("incubator", "maker_space"),
    "星创天地": ("incubator", "star_space"),
    "加速器": ("incubator", "accelerator"),
    "大学科技园": ("incubator", "university_park"),
    "农业科技园区": ("park", "agri_park"),
    "农业科技示范园区": ("park", "agri_park"),
    "农业科技园": ("park", "agri_park"),
    "火炬特色产业基地": ("park", "torch_base"),
    "特色产业基地": ("park", "industry_base"),
    "产业园": ("park", "industrial_park"),
    "产业园区": ("park", "industrial_park"),
    "高新区": ("zone", "hitech_zone"),
    "高新技术产业开发区": ("zone", "hitech_zone"),
    "经开区": ("zone", "econ_zone"),
    "经济技术开发区": ("zone", "econ_zone"),
    "产业集聚区": ("zone", "cluster_zone"),
    "科技城": ("zone", "science_city"),
    "重点实验室": ("rd_platform", "key_lab"),
    "中试基地": ("rd_platform", "pilot_base"),
    "新型研发机构": ("rd_platform", "new_rd_institution"),
    "工程技术研究中心": ("rd_platform", "eng_center"),
    "工程技术中心": ("rd_platform", "eng_center"),
    "工程研究中心": ("rd_platform", "eng_research_center"),
    "技术创新中心": ("rd_platform", "tech_innovation_center"),
    "制造业创新中心": ("rd_platform", "manufacturing_innovation_center"),
    "产业研究院": ("rd_platform", "industry_institute"),
    "平台载体": ("all_carriers", ""),
    "创新平台": ("all_carriers", ""),
    "创新平台载体": ("all_carriers", ""),
}


def suffix_pattern() -> re.Pattern[str]:
    """Compiled alternation of :data:`CARRIER_SUFFIXES`, longest first.

    Examples
    --------
    >>> suffix_pattern().search("建设农业科技园区").group(0)
    '农业科技园区'
    """
    words = sorted(CARRIER_SUFFIXES, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def suffix_category(name: str) -> tuple[str, str] | None:
    """The ``(suffix, category)`` a name ends with, longest suffix first.

    Examples
    --------
    >>> suffix_category("周山双创智慧岛")
    ('智慧岛', 'smart_island')
    >>> suffix_category("洛阳") is None
    True
    """
    for suffix in sorted(CARRIER_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix, CARRIER_SUFFIXES[suffix]
    return None
