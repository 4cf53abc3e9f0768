"""The forms' own vocabulary: field labels, section headings and table-header titles.

Kept as data so a clerk's new wording is taught here, in one place, not in reader logic.
Every pattern is matched against a cell with spaces removed and full-width characters
folded (see :func:`label_key`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lib import settings
from lib.normalize.text import to_halfwidth
from lib.normalize.values import MEASURE_WORDS, QUALITATIVE_VERBS, REAL_UNITS

# Field labels: key → pattern matched at the start of a cell. The value follows a colon in
# the same cell or stands in the next non-empty cell.
FIELD_LABELS: dict[str, str] = {
    "unit_name": r"(部门|单位|部门\(单位\)|填报单位)(\(盖章\))?名称|填报单位(\(盖章\))?|实施单位(名称)?",
    "supervisor": r"主管部门",
    "filled_on": r"填报日期|填表日期|填报时间",
    "year": r"年度$|预算年度",
    "budget_unit": r"(部门\(单位\))?总体资金情况|年度预算申请|预算情况",
    "total": r"资金总额|年度资金总额|预算总额",
    "basic": r"(其中:)?基本支出",
    "project": r"(其中:)?项目支出",
    "other": r"(其中:)?其他(资金|支出)?$|其他资金",
    "source": r"(其中:)?(公共财政拨款|一般公共预算(拨款)?|政府性基金(拨款)?|纳入专户管理的非税收入(拨款)?|财政资金|财政拨款|上级补助|单位自筹)",
    "project_code": r"项目编码|项目代码",
    "project_name": r"项目名称",
    "project_budget": r"预算数|项目预算|项目资金",
    "money_unit": r"(金额)?单位:(万元|元)",
    "person": r"填表人|联系人|联系电话|单位负责人|负责人|财务负责人",
    "attachment": r"附件\d*$",
    "review": r"业务股室审核|绩效股审核|审核意见|财政部门.*\(盖章\)|财政局\(盖章\)|年月日",
}

# Headings that open a section of free text; value = the form field the text goes to.
SECTION_HEADINGS: dict[str, str] = {
    r"(部门|单位|部门\(单位\))?(职能|职责)(职责)?(概述)?$|核心职能$|主要职能$": "functions",
    r"(部门|年度|年度整体|部门整体|总体|整体)?(绩效)?目标$|年度履职目标$|年度总体目标$|部门绩效目标$": "goals",
    r"(部门)?绩效分目标$|分项绩效目标$|分目标$": "subgoals",
    r"工作保障措施$|保障措施$": "measures",
    r"预算规模及资金用途$|资金用途$": "use_of_funds",
    r"资金支出计划": "spending_plan",
    r"按(收入|支出)性质分$": "budget_heading",
    r"(年度)?绩效指标$|年度绩效指标$|(部门整体支出)?年度绩效指标$": "indicator_heading",
}

# Column titles of a self-evaluation form's goal table (预期目标 | 实际完成情况).
GOAL_COLUMNS: dict[str, str] = {
    r"预期目标|年初目标|目标内容": "goal",
    r"实际完成情况|实际完成值|完成情况": "actual",
}

# Indicator-table header titles → column role. 分值 is the full marks of a self-evaluation
# table (beside 得分), else the row's weight.
HEADER_ROLES: dict[str, str] = {
    r"[一]?级指标": "level1",
    r"二级指标": "level2",
    r"三级指标|指标名称|绩效指标名称|绩效指标内容|绩效指标": "name",
    r"绩效指标描述|指标解释|指标说明|说明|指标描述|指标内涵": "description",
    r"指标值类型|计算符号|指标性质|运算符|运算符号": "operator",
    r"(年度|全年|年初)?指标值(\(包含数字及计量单位\)|及单位)?|(年度|年初|全年|预期|区域)?目标值|年初指标值|当年预期实现值|预期实现值": "value",
    r"计量单位|度量单位|单位": "unit",
    r"评\(扣\)分标准|评分标准|评分规则": "scoring",
    r"指标值确定依据|确定依据|依据|绩效标准": "basis",
    r"备注": "remark",
    r"权重": "weight",
    r"分值": "points_full",
    r"指标方向性|(指标)?方向": "direction",
    r"实际完成值|完成值|(全年)?实际(完成)?值": "actual",
    r"得分": "got",
    r"(偏差|未完成)原因(分析)?(及改进措施)?|.*原因.*措施": "deviation",
}

# Columns of the flat export budget systems write (one row per indicator) besides the
# indicator columns above: a unit or project column beside them makes a table flat.
FLAT_ROLES: dict[str, str] = {
    "unit_name": r"(预算|填报|实施)?单位名称|部门(\(单位\))?名称|预算单位",
    "unit_code": r"(单位|部门)(编码|代码)",
    "project_name": r"项目名称",
    "project_code": r"项目(编码|代码)",
    "project_budget": r"(项目)?(预算数|预算金额|预算资金|资金总额|项目资金|年度资金总额)(\((万元|元)\))?",
    "goal": r"(年度|项目|总体|整体)?(绩效)?目标|预期目标",
    "year": r"(预算)?年度",
}

TITLE = re.compile(
    r"(绩效目标|绩效自评|绩效目标批复|绩效目标申报)[^。；]{0,6}表$|^部门整体绩效目标$|^第[一二三四五六七八九十]+部分$"
)
GROUP_LABEL = re.compile(r"^(职能|核心职能)\s*(\d+)\s*[:：]\s*")
GOAL_SECTION = re.compile(r"^绩效目标内容\s*(\d+)\s*[:：]?\s*")
SEQ_MARK = re.compile(r"^(指标|三级指标)\s*\d+\s*[:：]?$")
SEQ_PREFIX = re.compile(r"^指标\s*\d+\s*[:：]\s*")
ARTEFACT_PREFIX = re.compile(r"^绩效目标(?=\S)")
_WHITESPACE = re.compile(r"\s+")
_CHINESE_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")  # 三、
_NUMBERING = re.compile(r"^[\d.．、]+")  # 1.2、


@lru_cache(maxsize=int(settings.get("memo_entries")))
def label_key(text: str) -> str:
    """A cell folded for label matching: half-width, no spaces."""
    return _WHITESPACE.sub("", to_halfwidth(text))


def _compile(table: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(f"^(?:{pattern})"), key) for key, pattern in table.items()]


_FIELD_PATTERNS = _compile(FIELD_LABELS)
# Any field label at all: most cells start with none, and one search says so at once.
_ANY_FIELD = re.compile("^(?:" + "|".join(f"(?:{pattern})" for pattern in FIELD_LABELS.values()) + ")")
_SECTION_PATTERNS = [(re.compile(f"^(?:{p})"), key) for p, key in SECTION_HEADINGS.items()]


@dataclass(frozen=True)
class _Roles:
    """Column titles by role: one pattern that tries each role's in order (the first that
    matches the whole title wins, as a loop over them would find), and the roles by group name."""

    pattern: re.Pattern[str]
    roles: dict[str, str]


def _roles(patterns: list[tuple[str, str]]) -> _Roles:
    groups = {f"r{index}": role for index, (_, role) in enumerate(patterns)}
    alternatives = "|".join(f"(?P<r{index}>{p})" for index, (p, _) in enumerate(patterns))
    return _Roles(re.compile(f"^(?:{alternatives})$"), groups)


_HEADER_PATTERNS = _roles(list(HEADER_ROLES.items()))
_GOAL_COLUMN_PATTERNS = _roles(list(GOAL_COLUMNS.items()))
_FLAT_PATTERNS = _roles([(p, role) for role, p in FLAT_ROLES.items()])


@lru_cache(maxsize=int(settings.get("memo_entries")))
def field_label(text: str) -> tuple[str, str] | None:
    """(field key, inline value) when the cell starts with a field label, else None."""
    key = label_key(text)
    if _ANY_FIELD.match(key) is None:
        return None
    for pattern, field in _FIELD_PATTERNS:
        match = pattern.match(key)
        if match is None:
            continue
        rest = key[match.end() :]
        rest = re.sub(r"^\((万元|元)\)", "", rest)
        if (
            rest
            and not rest.startswith((":", "："))
            and field not in ("money_unit", "review", "year", "attachment")
        ):
            continue
        return field, rest.lstrip(":")
    return None


@lru_cache(maxsize=int(settings.get("memo_entries")))
def section_heading(text: str) -> str | None:
    key = label_key(text).rstrip(":：")
    key = _CHINESE_NUMBERING.sub("", key)
    for pattern, section in _SECTION_PATTERNS:
        if pattern.match(key):
            return section
    return None


def _first_role(text: str, roles: _Roles) -> str | None:
    """The role of the first pattern that matches a column title (colon and spaces ignored)."""
    match = roles.pattern.match(label_key(text).rstrip(":："))
    return None if match is None else roles.roles[match.lastgroup]


@lru_cache(maxsize=int(settings.get("memo_entries")))
def header_role(text: str) -> str | None:
    return _first_role(text, _HEADER_PATTERNS)


@lru_cache(maxsize=int(settings.get("memo_entries")))
def goal_column(text: str) -> str | None:
    """``goal`` or ``actual`` for a self-evaluation goal table's column title."""
    return _first_role(text, _GOAL_COLUMN_PATTERNS)


@lru_cache(maxsize=int(settings.get("memo_entries")))
def flat_role(text: str) -> str | None:
    """The role of a flat export's unit or project column (单位名称, 项目名称, 预算数…)."""
    return _first_role(text, _FLAT_PATTERNS)


@lru_cache(maxsize=int(settings.get("memo_entries")))
def is_title(text: str) -> bool:
    key = label_key(text)
    key = _NUMBERING.sub("", key)
    return bool(TITLE.search(key)) and len(key) <= 60


# ---- the content reader's words (lib/readers/pipeline.py) ------------------------------------
# Web-page chrome around a copied form: navigation, the 索引号/发布机构 table, 来源/浏览次数,
# "字体: 大 中 小", share and footer lines. A cell matching one is never an indicator.
CHROME = re.compile(
    r"^(?:首页|当前位置|您当前所在位置|索引号|主题分类|体裁分类|发文字号|成文日期|发布日期|有效性|公文时效"
    r"|信息分类|内容分类|发文日期|生成日期|生效时间|废止时间|发表时间|发布时间|信息来源|来源|作者|编辑"
    r"|阅读次数|阅读人次|浏览次数|访问量|点击数|字体|【字体|打印|关闭|分享|扫一扫|相关解读|文件下载|政策咨询"
    r"|标签|搜索热词|长者模式|关怀版|无障碍|本网站|保护视力色|我要纠错|资源ID|资源大小|资源格式|下载积分"
    r"|友情提示|最新资讯|全部留言|评论|有用|微信公众号|上一篇|下一篇)"
)
# Cells that close an indicator table: sign-off lines, totals, notes, review blocks.
TABLE_END = re.compile(
    r"^(?:经办人|填表人|联系人|联系电话|上报时间|填报日期|总分|合计|注[:：]|注\d|说明[:：]|财政部门审核意见"
    r"|主管部门审核意见|评价结论|存在问题|改进措施|项目负责人[:：]|财务负责人|单位负责人|附件\d*[:：]?$|附表)"
)
# A cell that explains an indicator rather than naming one (指标解释 columns).
DESCRIPTION_START = re.compile(r"^(?:反映|考核|用于反映|衡量)")
# A level label the taxonomy does not know (实施效果指标, 过程管理指标, 资金管理指标).
OTHER_LEVEL_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}指标$")
# A score printed with or instead of a level-1 label: (50分), 产出指标(50分), (0-20)分.
SCORE_ONLY = re.compile(r"^[(（]\s*[\d.\-~]+\s*分?\s*[)）]\s*分?$")
# Place names as column titles (one target column per township or county).
PLACE_COLUMN = re.compile(r"(?:街道办事处|街道办|街道|镇|乡|区|县|市|村|社区)")
# The unit a form is filled for, by label (strongest first), and a notice's signature line.
UNIT_LABELS = (
    r"(绩效)?编制单位",
    r"填报单位(\(盖章\))?",
    r"(项目)?实施单位(\(盖章\))?",
    r"预算部门",
    r"(部门|主管部门)(\(单位\))?名称",
    r"单位名称",
    r"下达地方或单位",
    r"预算单位",
    r"项目单位",
    r"发布机构",
)
# Budget totals, by label (strongest first); the amount is in 万元 unless the label says 元.
BUDGET_LABELS = (
    r"年度资金总额",
    r"项目资金总额",
    r"资金总额",
    r"年初预算数?",
    r"总额",
    r".*预算金额",
    r"本次下达.*投资",
    r"年度预算(数|金额)?",
    r"合计",
    r"项目资金",  # a self-evaluation's 项目资金(万元) row: 年初预算数, 全年预算数, 执行数 follow
)
# A year the form is for: (2022年度), 2022年度, (2020)年度.
YEAR_OF_FORM = re.compile(r"[(（]\s*(20\d{2})\s*年?度?\s*[)）]\s*年?度?|(20\d{2})\s*年度")
YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年")
FORM_TITLE_WORDS = re.compile(r"绩效目标|绩效自评|自评表|绩效评价|目标表|申报表")

_LEVEL_WORDS = (
    "服务对象满意度指标|社会公众或服务对象满意度指标|满意度指标|产出指标|效益指标|成本指标|数量指标|质量指标"
    "|时效指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|经济成本指标|社会成本指标|生态环境成本指标"
)
_HEADER_WORDS = (
    "绩效指标|一级指标|二级指标|三级指标|指标解释|指标方向|年度指标值|全年实际值|实际完成值|指标值|分值|得分"
    "|未完成原因及拟采取的改进措施|偏差原因分析及改进措施|绩效标准|当年预期实现值|区域目标值|保障绩效目标实现措施"
)
_FIELD_WORDS = (
    "项目名称|主管部门\\(单位\\)名称|主管部门|实施单位|部门\\(单位\\)名称|部门预算编码|资金情况\\(万元\\)|年度资金总额[:：]?"
    "|资金总额[:：]?|其中[:：]本年财政拨款|其中[:：]财政拨款|其他资金|总体目标|年度总体目标|年初设定目标"
    "|年度总体目标完成情况综述|项目负责人及电话|全年预算数\\(A\\)|全年执行数\\(B\\)|执行率\\(B/A\\)|总分|合计|注[:：]"
    "|部门名称|单位名称|填报日期|年度预算申请|基本支出[:：]?|项目支出[:：]?|部门职能概述|年度绩效目标"
)
_FUSED_LABEL = re.compile(rf"(?:{_LEVEL_WORDS})(?:[(（]\d+分[)）])?|{_HEADER_WORDS}|{_FIELD_WORDS}")
# A self-evaluation row run together: points, target, the same actual value, points got
# (10≥266米≥266米10, 20100%100%20, 10显著提升显著提升10). Only a repeated value is split.
SELF_EVAL_RUN = re.compile(
    r"(?P<full>\d{1,2}(?:\.\d)?)"
    r"(?P<value>(?:[≥≤><=]|>=|<=)\d{1,12}(?:\.\d{1,6})?(?:%|[^\d\s≥≤><=()（）,，。;；:：]{1,3})?"
    r"|\d{1,12}(?:\.\d{1,6})?(?:%|[^\d\s≥≤><=()（）,，。;；:：]{1,3})|[\u4e00-\u9fff]{2,6}?)"
    r"(?P=value)(?P<got>\d{1,2}(?:\.\d)?)"
)
# Values that stand alone once the labels are cut out: ≥95%, >=95%, 100%, ≥19719份, ≥1044元/户
# (the longest unit the forms use, with ``/unit``), a deadline (2022年4月30日前) and a 定性 phrase
# (an adverb and a verb: 稳步提升, 进一步提高; 效果明显). A number with no operator and no % stays in
# the text around it: 培训人数25人 may be a name (新建3座桥梁) — see ``BARE_QUANTITY``.
SPELLED_PERCENT = ("百分百",)
_FUSED_UNIT = "|".join(
    re.escape(unit) for unit in sorted({*REAL_UNITS, *MEASURE_WORDS, *SPELLED_PERCENT}, key=len, reverse=True)
)
FUSED_VALUE = re.compile(  # numbers bounded: a hostile line of 20,000 digits is not searched for long
    rf"(?:[≥≤><=﹦]|>=|<=)\d{{1,12}}(?:\.\d{{1,6}})?(?:%|(?:{_FUSED_UNIT})(?:/(?:{_FUSED_UNIT}))?)?"
    rf"|(?<!\d)\d{{1,12}}(?:\.\d{{1,6}})?%"
)
FUSED_DEADLINE = re.compile(r"20\d{2}年\d{1,2}月\d{1,2}日(?:之前|以前|前)")
QUALITATIVE_ADVERBS = ("进一步", "明显", "显著", "稳步", "逐步", "不断", "持续", "大幅", "有所")
QUALITATIVE_PHRASE = re.compile(
    rf"(?:{'|'.join(QUALITATIVE_ADVERBS)})(?:{'|'.join(QUALITATIVE_VERBS)})"
    rf"|效果(?:明显|显著|良好)"
    r"|不超(?:过)?(?:年度)?预算|控制在预算(?:范围)?内"  # a cost indicator's 定性 target
)
# A number and unit between two runs of text in a fused line: a value or part of a name
# (新建3座桥梁), so it is not cut; where it ends a piece (before a label) it is a value.
BARE_QUANTITY = re.compile(
    rf"(?<=[\u4e00-\u9fff])\d+(?:\.\d+)?(?!年|月|日)(?:{_FUSED_UNIT})(?=[\u4e00-\u9fff])"
)  # a date's parts (2026年12月底) are no quantity
TRAILING_QUANTITY = re.compile(rf"(?<=[\u4e00-\u9fff])\d+(?:\.\d+)?(?:{_FUSED_UNIT})$")
_DESCRIPTION_SPAN = re.compile(r"反映.{2,40}?情况")


def fused_label_count(text: str) -> int:
    """How many of the forms' labels a separator-less line holds."""
    return len(_FUSED_LABEL.findall(text))


def fused_boundaries(text: str) -> list[re.Match[str]]:
    """Matches whose ends are cell boundaries in a fused line: labels, descriptions, values."""
    found = list(_FUSED_LABEL.finditer(text)) + list(_DESCRIPTION_SPAN.finditer(text))
    found += list(SELF_EVAL_RUN.finditer(text))
    taken = [m.span() for m in found]
    for pattern in (FUSED_VALUE, FUSED_DEADLINE, QUALITATIVE_PHRASE):
        for match in pattern.finditer(text):
            if not any(a <= match.start() < b for a, b in taken):
                found.append(match)
                taken.append(match.span())
    return found


# Units that make a number a score (分值, 得分), never a target.
SCORE_UNITS = frozenset({"分"})

# Level 2 and level 1 read from an indicator's name when the form prints no level labels.
NAME_LEVEL_HINTS: tuple[tuple[str, str, str], ...] = (
    (r"满意", "服务对象满意度指标", "满意度指标"),
    (r"及时|按时|按期|时限|时间|期限|工作日|完成时", "时效指标", "产出指标"),
    (r"成本|补助标准|单价|费用|投资额", "成本指标", "成本指标"),
    (r"合格率|质量|达标|验收", "质量指标", "产出指标"),
    (r"", "数量指标", "产出指标"),
)
# A budget table's row label, never an indicator's name (年度资金总额, 其中:当年财政拨款).
MONEY_ROW = re.compile(
    r"^(?:其中[:：])?(?:项目|年度|当年|本年)?(?:资金总额|财政拨款|财政资金|其他资金|上年结转资金|预算总额)[:：]?$"
)
BUDGET_LINE = re.compile(r"资金总额|总额|预算金额|预算数|下达.*投资|总投资|合计")
BUDGET_IN_SENTENCE = re.compile(
    r"(?:项目总投资|总投资|资金总额|投资总额)[:：]?\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)"
)
YUAN_PER_WAN = 10000
BREADCRUMB_PLACE = re.compile(r"(?:^|>)\s*([\u4e00-\u9fff]{2,6}(?:镇|乡|街道))\s*(?=>|$)")
TOWNSHIP_AFTER_COUNTY = re.compile(r"[县区市旗]([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))")
UNIT_ENDING = r"(?:局|委员会|委|政府|中心|办公室|办|处|所|站|院|镇|乡|街道|公司|队|会|部|室|馆|校|社区|村|团)"
SIGNATURE_UNIT = re.compile(rf"^[\u4e00-\u9fff()（） ]{{3,40}}{UNIT_ENDING}$")
UNIT_VALUE = re.compile(rf"^[\u4e00-\u9fff()（）\d]{{2,40}}{UNIT_ENDING}(?:本级|\([^()]{{1,8}}\))?$")
DATE_LINE = re.compile(r"^20\d{2}年\d{1,2}月\d{1,2}日$")


def level_from_name(name: str) -> tuple[str, str]:
    """(level 2, level 1) an indicator's name suggests."""
    key = label_key(name)
    return next((l2, l1) for pattern, l2, l1 in NAME_LEVEL_HINTS if re.search(pattern, key))


# ---- indicators listed in sentences (a 公示 notice, :mod:`lib.readers.sentence_lists`) -------
# Items of a list are split by ；or ; and its sentences by 。; a sentence may open with a heading
# before ：(产出指标中数量指标：); what a notice writes between a name and its value is a lead-in.
LIST_ITEM_END = re.compile(r"[；;。]")
LIST_HEADING = re.compile(r"^(?P<heading>[^：:；;。，,]{2,24})[：:]")
LEVEL_PAIR = re.compile(
    r"^(?P<level1>[\u4e00-\u9fff]{2,5}指标)(?:中|的|之|[-—/·]|[(（])(?P<level2>[\u4e00-\u9fff]{2,10}指标)[)）]?$"
)
VALUE_LEAD_INS = ("目标值为", "指标值为", "目标值", "指标值", "计划达到", "预期达到", "达到")
# A value that ends an item: ≥33公里, ≥1044元/户, 25人, 8个, 2022年4月30日前.
ITEM_OPERATOR_VALUE = re.compile(
    r"(?:[≥≤><=﹦≧≦]|>=|<=)\s*\d+(?:\.\d+)?\s*(?:%|[^\W\d_]{1,4}(?:/[^\W\d_]{1,2})?)?$"
)
ITEM_TRAILING_QUANTITY = re.compile(r"\d+(?:\.\d+)?(?:%|[^\W\d_]{1,3}(?:/[^\W\d_]{1,2})?)?$")
ITEM_TRAILING_DATE = re.compile(r"20\d{2}年\d{1,2}月(?:\d{1,2}日)?(?:前|之前|以前|底)?$")
