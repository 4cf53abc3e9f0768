"""Unit names: split a government unit's name into code, county and township."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.normalize.text import clean_cell, to_halfwidth


@dataclass(frozen=True)
class UnitName:
    unit_name: str | None
    unit_code: str | None
    county: str | None
    township: str | None


NO_NAME = UnitName(None, None, None, None)

# Labels that may precede the name in the same cell: 部门名称：…, 填报单位（盖章）：…
_LABEL = re.compile(
    r"^(?:部门\(单位\)|部门|单位|填报单位|预算单位|主管部门)(?:\(盖章\))?(?:名称)?(?:\(盖章\))?[:：]"
)
_STAMP = re.compile(r"\(盖章\)|\(本级\)")
_CODE = re.compile(r"^(?P<code>\d{3,})")
_QUALIFIER = "本级"
_PARTY_PREFIX = "中共"
UNIT_SUFFIXES = ("人民政府", "政府", "办事处", "委员会", "本级", "党委", "党工委", "管委会", "财政所", "苏木")
_UNIT_NAME_MAX_CHARS = 40
_NOT_IN_NAMES = frozenset("。；;、，,")

ETHNIC_GROUPS = [
    "民族",
    "苗族",
    "土家族",
    "回族",
    "侗族",
    "瑶族",
    "壮族",
    "彝族",
    "藏族",
    "蒙古族",
    "满族",
    "白族",
    "布依族",
    "哈尼族",
    "傣族",
    "黎族",
    "畲族",
    "朝鲜族",
    "维吾尔族",
    "哈萨克族",
    "羌族",
    "仡佬族",
    "水族",
    "纳西族",
    "土族",
    "傈僳族",
    "佤族",
    "拉祜族",
    "景颇族",
    "达斡尔族",
    "锡伯族",
    "鄂温克族",
    "鄂伦春族",
    "仫佬族",
    "毛南族",
    "京族",
    "怒族",
    "普米族",
    "独龙族",
    "撒拉族",
    "东乡族",
    "保安族",
    "裕固族",
    "柯尔克孜族",
    "塔吉克族",
]
_ETHNIC = "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
_TOWNSHIP = re.compile(
    rf"(?P<stem>[\u4e00-\u9fff]{{1,30}}?)(?P<ethnic>(?:{_ETHNIC}){{1,3}})?(?P<kind>镇|乡|街道|苏木)"
    rf"(?=人民政府|政府|办事处|委员会|党委|党工委|机关|财政所|$)"
)
_COUNTY_ENDS = "县旗区市"
_SEGMENT_ENDS = _COUNTY_ENDS + "省州盟"
_NEXT_ENDS = tuple(_SEGMENT_ENDS)  # 杭州市: a name end followed by another is one segment
_COUNTY_CHARS = (2, 5)
_AUTONOMOUS_COUNTY_MAX_CHARS = 10
_TOWN_STEM_CHARS = (2, 4)
_TOWN_STEM_KEEP = 3


def split_unit_name(text: str | None) -> UnitName:
    """Unit name (label, code, stamp and 本级 removed), code, county and township."""
    name = _bare_name(text or "")
    if not name:
        return NO_NAME
    code = _CODE.match(name)
    if code is not None:
        name = name[code.end() :]
    name = name.removesuffix(_QUALIFIER) or name
    county, township = _county_and_township(name)
    return UnitName(name or None, code["code"] if code else None, county, township)


def looks_like_unit_name(text: str) -> bool:
    """A government unit's name: short, no sentence punctuation, ends like 人民政府/办事处/本级."""
    name = _bare_name(text)
    if not name or len(name) > _UNIT_NAME_MAX_CHARS or any(c in _NOT_IN_NAMES for c in name):
        return False
    return name.endswith(UNIT_SUFFIXES)


def _bare_name(text: str) -> str:
    """The cell folded, spaces, a leading label and the 盖章 stamp removed."""
    name = "".join(to_halfwidth(clean_cell(text)).split())
    name = _LABEL.sub("", name)
    return _STAMP.sub("", name)


def _county_and_township(name: str) -> tuple[str | None, str | None]:
    if len(name) > _UNIT_NAME_MAX_CHARS:
        return None, None
    match = _TOWNSHIP.search(name.removeprefix(_PARTY_PREFIX))
    if match is None:
        return None, None
    county, stem = _split_county(match["stem"])
    if len(stem) > _TOWN_STEM_CHARS[1]:
        stem = stem[-_TOWN_STEM_KEEP:]
    if len(stem) < _TOWN_STEM_CHARS[0] and not match["ethnic"]:
        return county, None
    return county, f"{stem}{match['ethnic'] or ''}{match['kind']}"


def _split_county(stem: str) -> tuple[str | None, str]:
    """(county, township stem): cut after the last place name that leaves ≥ 2 characters."""
    segment_start, county, town_start = 0, None, 0
    for i, char in enumerate(stem):
        if char not in _SEGMENT_ENDS or i + 1 - segment_start < 2 or stem[i + 1 : i + 2] in _NEXT_ENDS:
            continue
        segment = stem[segment_start : i + 1]
        if len(stem) - (i + 1) >= _TOWN_STEM_CHARS[0]:
            county = segment if _is_county(segment) else None
            town_start = i + 1
        segment_start = i + 1
    return county, stem[town_start:]


def _is_county(segment: str) -> bool:
    if segment[-1] not in _COUNTY_ENDS:
        return False
    longest = _AUTONOMOUS_COUNTY_MAX_CHARS if "自治" in segment else _COUNTY_CHARS[1]
    return _COUNTY_CHARS[0] <= len(segment) <= longest
