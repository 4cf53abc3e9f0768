"""The forms' own vocabulary: field labels, section headings and table-header titles.

Kept as data so a clerk's new wording is taught here, in one place, not in reader logic.
Every pattern is matched against a cell with spaces removed and full-width characters
folded (see :func:`label_key`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lib import settings
from lib.normalize.text import to_halfwidth

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
    r"一级指标": "level1",
    r"二级指标": "level2",
    r"三级指标|指标名称|绩效指标名称|绩效指标内容|绩效指标": "name",
    r"绩效指标描述|指标解释|指标说明|说明|指标描述|指标内涵": "description",
    r"指标值类型|计算符号|指标性质|运算符|运算符号": "operator",
    r"(年度|全年)?指标值(\(包含数字及计量单位\))?|(年度|年初|全年|预期)?目标值": "value",
    r"计量单位|度量单位|单位": "unit",
    r"评\(扣\)分标准|评分标准|评分规则": "scoring",
    r"指标值确定依据|确定依据|依据": "basis",
    r"备注": "remark",
    r"权重": "weight",
    r"分值": "points_full",
    r"指标方向性|方向": "direction",
    r"实际完成值|完成值|(全年)?实际(完成)?值": "actual",
    r"得分": "got",
    r"(偏差|未完成)原因(分析)?(及改进措施)?": "deviation",
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


@lru_cache(maxsize=int(settings.get("memo_entries")))
def label_key(text: str) -> str:
    """A cell folded for label matching: half-width, no spaces."""
    return re.sub(r"\s+", "", to_halfwidth(text))


def _compile(table: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(f"^(?:{pattern})"), key) for key, pattern in table.items()]


_FIELD_PATTERNS = _compile(FIELD_LABELS)
_SECTION_PATTERNS = [(re.compile(f"^(?:{p})"), key) for p, key in SECTION_HEADINGS.items()]
_HEADER_PATTERNS = [(re.compile(f"^(?:{p})$"), role) for p, role in HEADER_ROLES.items()]
_GOAL_COLUMN_PATTERNS = [(re.compile(f"^(?:{p})$"), role) for p, role in GOAL_COLUMNS.items()]
_FLAT_PATTERNS = [(re.compile(f"^(?:{p})$"), role) for role, p in FLAT_ROLES.items()]


@lru_cache(maxsize=int(settings.get("memo_entries")))
def field_label(text: str) -> tuple[str, str] | None:
    """(field key, inline value) when the cell starts with a field label, else None."""
    key = label_key(text)
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
    key = re.sub(r"^[一二三四五六七八九十]+、", "", key)
    for pattern, section in _SECTION_PATTERNS:
        if pattern.match(key):
            return section
    return None


def _first_role(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str | None:
    """The role of the first pattern that matches a column title (colon and spaces ignored)."""
    key = label_key(text).rstrip(":：")
    return next((role for pattern, role in patterns if pattern.match(key)), None)


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
    key = re.sub(r"^[\d.．、]+", "", key)
    return bool(TITLE.search(key)) and len(key) <= 60
