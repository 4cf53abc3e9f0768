"""The indicator taxonomy: clerks' level-1 and level-2 labels to the official names."""

from __future__ import annotations

import re
from functools import lru_cache

from lib import settings
from lib.normalize.text import clean_cell, to_halfwidth

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)

# Spellings (spaces, decorations and trailing colon already removed) → official level-1 name.
LEVEL1_SYNONYMS: dict[str, str] = {
    "产出指标": "产出指标",
    "产出": "产出指标",
    "效益指标": "效益指标",
    "效益": "效益指标",
    "效果指标": "效益指标",
    "满意度指标": "满意度指标",
    "满意度": "满意度指标",
    "成本指标": "成本指标",
    "成本": "成本指标",
}

# Spellings → official level-2 name. 社会公众满意度 without 指标 is left out on purpose:
# it is a common level-3 indicator name, not a label.
LEVEL2_SYNONYMS: dict[str, str] = {
    "数量指标": "数量指标",
    "数量": "数量指标",
    "质量指标": "质量指标",
    "质量": "质量指标",
    "时效指标": "时效指标",
    "时效": "时效指标",
    "时间指标": "时效指标",
    "成本指标": "成本指标",
    "成本": "成本指标",
    "经济成本指标": "经济成本指标",
    "经济成本": "经济成本指标",
    "社会成本指标": "社会成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本指标": "生态环境成本指标",
    "生态环境成本": "生态环境成本指标",
    "生态成本指标": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
    "经济效益指标": "经济效益指标",
    "经济效益": "经济效益指标",
    "社会效益指标": "社会效益指标",
    "社会效益": "社会效益指标",
    "生态效益指标": "生态效益指标",
    "生态效益": "生态效益指标",
    "生态环境效益指标": "生态效益指标",
    "可持续影响指标": "可持续影响指标",
    "可持续影响": "可持续影响指标",
    "服务对象满意度指标": "服务对象满意度指标",
    "服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "社会公众或服务对象满意度": "服务对象满意度指标",
    "社会公众满意度指标": "服务对象满意度指标",
}

# Level 2 → the level 1 it belongs to (the bare 成本指标 is both).
LEVEL1_OF_LEVEL2: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "成本指标": "成本指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
}

_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]+\)|\d+[、.])")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_SCORE = re.compile(r"[\d.\-~]*分$")
_MAX_LABEL_CHARS = 60


def normalize_level1(text: str | None) -> str | None:
    """The official level-1 name, or None when the cell is not a level-1 label."""
    return LEVEL1_SYNONYMS.get(_label_key(text))


def normalize_level2(text: str | None) -> str | None:
    """The official level-2 name, or None when the cell is not a level-2 label."""
    return LEVEL2_SYNONYMS.get(_label_key(text))


def infer_level1(level2: str | None) -> str | None:
    """The level 1 a level-2 label settles, or None."""
    return LEVEL1_OF_LEVEL2.get(normalize_level2(level2) or "")


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _label_key(text: str | None) -> str:
    """The cell without spaces, numbering, bracketed notes, a score or a trailing colon."""
    if not text or len(text) > _MAX_LABEL_CHARS:
        return ""
    key = "".join(to_halfwidth(clean_cell(text)).split())
    key = _LEADING_NUMBER.sub("", key)
    key = _BRACKETS.sub("", key).rstrip(":;,.")
    return _SCORE.sub("", key).rstrip(":;,.")
