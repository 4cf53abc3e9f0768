"""Stage 3 of the content reader: typed tokens → indicator rows.

A name followed by values makes an indicator wherever the two stand: on one line, on
consecutive lines, or cut out of a fused line. Level labels carry down until the next label.
A header run (一级指标 … 指标值 … 得分) says which of the values after a name is the target:
self-evaluation tables put 分值, 实际完成值 and 得分 beside it, and merged cells drop some of
them, so typed values (a unit, a percent, an operator) are preferred to bare numbers, and a
trailing pair of bare numbers under 分值/得分 is points, not a target. A form with one target
column per township gives a target only when every column agrees. Operators and units in
their own cells (指标性质 ﹦, 度量单位 %) are hints for the value beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.normalize.taxonomy import infer_level1
from lib.normalize.values import MEASURE_WORDS, REAL_UNITS, is_real_unit, parse_operator
from lib.readers import sentence_lists, vocab
from lib.readers import tokens as tk
from lib.readers.tokens import Token

MAX_HEADER_TITLES = 40
VALUE_ROLES = ("value", "actual", "points_full", "got", "weight")
TEXT_ROLES = ("description", "basis", "scoring", "remark", "deviation")
_OPERATOR_NUMBER = re.compile(
    r"(?P<op>≥|≤|>=|<=|≧|≦|﹦|=|>|<|大于等于|不低于|不少于|不超过|小于等于)\s*(?P<num>\d{1,12}(?:\.\d{1,6})?)"
)
_CLAUSE_START = re.compile(r"[,，;；。:：、\n]")
_TRAILING_VALUE = re.compile(r"(?<![\d.])(?P<num>\d{1,12}(?:\.\d{1,6})?)\s*(?P<unit>%|[^\d\s]{1,3})$")


@dataclass
class RowDraft:
    """An indicator as read from the stream, before its value is normalised."""

    name: Token
    level1: str | None
    level2: str | None
    group: str | None
    level_inferred: bool
    values: list[Token] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    value_text: str | None = None
    operator_hint: str | None = None
    unit_hint: str | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Header:
    roles: list[str]  # column roles after the name column, in order
    regions: int = 0


class RowReader:
    """Walks the tokens once, keeping the levels and the header in force."""

    def __init__(self) -> None:
        self.rows: list[RowDraft] = []
        self.header: _Header | None = None
        self.level1: str | None = None
        self.level2: str | None = None
        self.group: str | None = None
        self.in_table = False
        self.current: RowDraft | None = None
        self.header_run: list[str] | None = None
        self.closed = False  # after 注:, 总分 or 合计 nothing is an indicator until a new header
        # Level-1 labels side by side as column titles (绩效目标 | 产出指标 | 效益指标 | 满意度指标):
        # the rows below hold each level's indicators inside sentences, one cell per level.
        self.level_columns: list[str] = []
        self.previous: Token | None = None
        self.cells_in_row: tuple[int, int] = (-1, 0)  # (row, indicator-bearing cells seen in it)
        self.list_line: int | None = None  # the line of the sentence list being read

    def read(self, stream: list[Token]) -> list[RowDraft]:
        for index, token in enumerate(stream):
            following = stream[index + 1] if index + 1 < len(stream) else None
            self._token(token, following)
        self._close()
        return self.rows

    # ---- one token ------------------------------------------------------------------
    def _token(self, token: Token, following: Token | None) -> None:
        self._track_level_columns(token)
        self._end_list(token)
        self.previous = token if token.kind != tk.CHROME else self.previous
        kind = token.kind
        if kind != tk.HEADER and self.header_run is not None and self._region(token):
            return
        if kind != tk.HEADER:
            self.header_run = None
        if kind == tk.CHROME:
            return
        if kind == tk.HEADER:
            self._header(token)
        elif kind in (tk.LEVEL1, tk.LEVEL2, tk.COST, tk.OTHER_LEVEL, tk.SCORE):
            self._close()
            if self.closed and (token.cell.fused or kind != tk.LEVEL1):
                return  # level words inside a note (注: 产出指标50分…) are not labels
            self.closed = False
            self._level(token, following)
            self.in_table = True
        elif kind == tk.END:
            self._close()
            self.in_table = False
            self.closed = True
        elif kind == tk.SEQ:
            self._close()
        elif kind == tk.TEXT:
            self._text(token)
        elif self.current is not None:
            self.current.values.append(token)
        elif self.in_table and kind == tk.VALUE and following is not None and following.kind == tk.VALUE:
            self._open(token)  # a value standing where a name should (成本指标 | 20万元 | 100%)

    def _end_list(self, token: Token) -> None:
        """A sentence list's table ends with its sentences: the next line opens no row by place."""
        if token.cell.listed:
            self.list_line = token.cell.line
        elif self.list_line is not None and token.cell.line != self.list_line:
            self._close()
            self.in_table, self.list_line = False, None

    def _region(self, token: Token) -> bool:
        """A place-name column title inside a header run (one target column per township)."""
        if token.kind != tk.TEXT or len(token.key) > 24 or not vocab.PLACE_COLUMN.search(token.key):
            return False
        count = len(vocab.PLACE_COLUMN.findall(token.key)) if token.cell.fused else 1
        self.header.regions += count
        self.header.roles.extend(["region"] * count)
        return True

    def _header(self, token: Token) -> None:
        self._close()
        if self.header_run is None:
            self.header_run = []
            self.header = _Header([])
        if len(self.header_run) >= MAX_HEADER_TITLES:
            return  # no real header has this many titles: a run of them is noise
        self.header_run.append(token.role or "")
        roles = self.header_run
        last_name = max((i for i, r in enumerate(roles) if r == "name"), default=-1)
        if any(r in ("name", "value") for r in roles):
            self.header.roles = roles[last_name + 1 :] + ["region"] * self.header.regions
            self.in_table, self.closed = True, False
        elif not any(r in ("level1", "level2") for r in roles):
            self.header.roles = []  # a money or allocation table's titles (分值, 备注): not indicators'
        if any(r in ("level1", "level2") for r in roles) and not self.closed:
            self.in_table = True

    def _level(self, token: Token, following: Token | None) -> None:
        kind, role = token.kind, token.role
        if kind == tk.LEVEL1:
            self.level1, self.level2, self.group = role, None, None
        elif kind == tk.SCORE:
            self.level1, self.level2 = None, None
        elif kind == tk.COST:
            if self.level1 == "产出指标":
                self.level2 = role
            else:
                self.level1, self.level2 = role, None
        elif kind == tk.LEVEL2:
            self.level2 = role
            if self.level1 is None or infer_level1(role) not in (None, self.level1):
                self.level1 = infer_level1(role)
        elif following is not None and following.kind in (tk.LEVEL1, tk.LEVEL2, tk.COST, tk.OTHER_LEVEL):
            self.group, self.level1, self.level2 = role, None, None
        else:
            self.level2 = role

    def _track_level_columns(self, token: Token) -> None:
        previous = self.previous
        if token.kind == tk.LEVEL1 and previous is not None and previous.kind == tk.LEVEL1:
            if not self.level_columns:
                self.level_columns = [previous.role]
            self.level_columns.append(token.role)
        elif token.kind in (tk.LEVEL2, tk.COST) or token.kind == tk.HEADER and token.role == "name":
            self.level_columns = []

    def _column_cell(self, token: Token) -> None:
        """A cell under level columns: its sentences' indicators belong to the next level column."""
        found = sentence_rows(token, None, None) or quantity_rows(token)
        if not found:
            return
        row, seen = self.cells_in_row
        seen = seen if row == token.cell.row else 0
        level1 = self.level_columns[min(seen, len(self.level_columns) - 1)]
        self.cells_in_row = (token.cell.row, seen + 1)
        for draft in found:
            draft.level1, draft.level_inferred = level1, False
        self.rows.extend(found)

    def _text(self, token: Token) -> None:
        if self.level_columns:
            self._column_cell(token)
            return
        current = self.current
        if is_sentence_with_values(token) and not (current and self._expects_text(current, token)):
            self._close()
            self.rows.extend(sentence_rows(token, self.level1, self.level2))
            return
        if current is not None and self._expects_text(current, token):
            role = self._next_text_role(current) or "description"
            current.texts[role] = token.text
            return
        self._close()
        if vocab.field_label(token.text) is not None or vocab.section_heading(token.text) is not None:
            self.in_table = False
            return
        if self.in_table or token.cell.listed == sentence_lists.NAME:
            self._open(token)  # a sentence list's name opens its row even outside a table

    def _expects_text(self, current: RowDraft, token: Token) -> bool:
        if vocab.DESCRIPTION_START.match(token.key):
            return True
        if current.values and (token.cell.fused or _row_done(current, token)):
            return False  # a text after a whole row of values starts the next row
        roles = self.header.roles if self.header else []
        position = len(current.values) + len(current.texts)
        return (
            position < len(roles) and roles[position] in TEXT_ROLES and roles[position] not in current.texts
        )

    def _next_text_role(self, current: RowDraft) -> str | None:
        roles = self.header.roles if self.header else []
        return next((r for r in roles if r in TEXT_ROLES and r not in current.texts), None)

    def _open(self, token: Token) -> None:
        if self.closed:
            return
        level1, inferred = self.level1, False
        if level1 is None and self.level2:
            level1, inferred = infer_level1(self.level2), True
        self.current = RowDraft(token, level1, self.level2, self.group, inferred)
        if token.cell.listed == sentence_lists.NAME:
            self.current.reasons.append("value_from_sentence")

    def _close(self) -> None:
        if self.current is not None:
            resolve(self.current, self.header)
            self.rows.append(self.current)
        self.current = None


def _row_done(current: RowDraft, token: Token) -> bool:
    """The name and its values stood on one line and this text stands on another."""
    last = current.values[-1].cell
    return last.row == current.name.cell.row and token.cell.row != last.row


# ---- which value is the target -------------------------------------------------------------
def resolve(row: RowDraft, header: _Header | None) -> None:
    """Pick the target among the values after the name, with the reasons for any doubt."""
    cells = list(row.values)
    for token in cells:
        if token.kind == tk.OPERATOR and row.operator_hint is None:
            row.operator_hint = token.text
        elif token.kind == tk.UNIT and row.unit_hint is None:
            row.unit_hint = token.text
    if row.unit_hint is not None and vocab.label_key(row.unit_hint) in vocab.SCORE_UNITS:
        row.reasons.append("points_only")  # 85 | 分: a score, not a target
        return
    values = [t for t in cells if t.kind in (tk.VALUE, tk.NUMBER)]
    units = [t for t in cells if t.kind == tk.UNIT]
    if any(t.cell.fused for t in cells):
        row.reasons.append("value_split_from_fused_cells")
    roles = header.roles if header else []
    if header and header.regions and values:
        _region_target(row, values, header.regions, "direction" in roles)
    elif row.operator_hint is not None and values:
        row.value_text = values[0].cell.written
    elif values and roles:
        _by_header(row, values, [r for r in roles if r in VALUE_ROLES])
    elif values:
        row.value_text = values[0].cell.written
    elif units:
        row.value_text = units[0].cell.written  # a unit with no number: a template never filled
        row.unit_hint = None
    if row.value_text is None:
        _value_in_name(row)


def _by_header(row: RowDraft, values: list[Token], roles: list[str]) -> None:
    if "value" not in roles or len(values) >= len(roles):
        index = roles.index("value") if "value" in roles and roles.index("value") < len(values) else 0
        row.value_text = values[index].cell.written
        return
    typed = [t for t in values if t.kind == tk.VALUE]
    if typed:
        row.value_text = typed[0].cell.written
        return
    has_points = "points_full" in roles or "got" in roles
    if has_points and len(values) <= 2:
        row.reasons.append("points_only")  # 分值 and 得分 with no target left by merged cells
        return
    row.value_text = values[0].cell.written
    row.reasons.append("columns_shifted")


def _region_target(row: RowDraft, values: list[Token], regions: int, has_direction: bool) -> None:
    """One column per township: a target only when every column holds the same value."""
    texts = [vocab.label_key(t.text) for t in values]
    if has_direction and texts and (op := re.match(r"^(≥|≤|>=|<=|>|<|=)", texts[0])):
        row.operator_hint = row.operator_hint or op[1]
        texts[0] = texts[0][op.end() :]
        texts = [t[op.end() :] if t.startswith(op[1]) else t for t in texts]
    if len(texts) == 1 and regions > 1 and texts[0].isdigit() and len(texts[0]) % regions == 0:
        size = len(texts[0]) // regions
        texts = [texts[0][i : i + size] for i in range(0, len(texts[0]), size)]
        row.reasons.append("value_split_from_fused_cells")
    texts = [t for t in texts if t]
    if texts and len(set(texts)) == 1:
        row.value_text = texts[0]
        if len(texts) < regions:
            row.reasons.append("truncated")
    else:
        row.reasons.append("region_values_differ")


def _value_in_name(row: RowDraft) -> None:
    """A name that ends in its own target (年度资金支付完成率100%) gives it, at medium confidence."""
    match = _TRAILING_VALUE.search(vocab.label_key(row.name.text))
    if (
        match
        and (match["unit"] == "%" or is_real_unit(match["unit"]))
        and set(row.reasons) <= {"points_only"}
    ):
        row.value_text = match[0]
        row.reasons.append("value_from_name")


# ---- indicators inside sentences ------------------------------------------------------------
def sentence_rows(token: Token, level1: str | None, level2: str | None) -> list[RowDraft]:
    """受益户数≥200户,受益脱贫户数≥15户; 道路硬化≥0.565km: each name-operator-number is a row."""
    text = token.cell.written
    simplified = token.text
    rows = []
    last_end = 0
    for match in _OPERATOR_NUMBER.finditer(simplified):
        start = max(
            (m.end() for m in _CLAUSE_START.finditer(simplified, last_end, match.start())), default=last_end
        )
        name = text[start : match.start()].strip(" ()（）")
        unit = _unit_after(simplified, match.end())
        last_end = match.end() + len(unit)
        if len(name) < 2 or len(name) > 30 or not re.search(r"[\u4e00-\u9fff]", name):
            continue
        cell = tk.TextCell(
            name, simplified[start : match.start()].strip(" ()（）"), token.cell.line, token.cell.row
        )
        row = RowDraft(Token(tk.TEXT, cell), level1, level2, None, True)
        row.value_text = text[match.start() : last_end]
        row.reasons.append("value_from_sentence")
        rows.append(row)
    return rows


_QUANTITY_ITEM = re.compile(
    r"^(?:.*(?:购买|采购|购置|新建|建设|配备|安装))?(?P<name>.{2,14}?)"
    r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十])"
    r"(?P<unit>台|套|辆|个|座|处|条|间|栋|口|眼|头|只|亩|米|公里|平方米|平米|户|人|次|项|批|架|艘|棵|株)"
    r"(?:[(（][^()（）]*[)）])?(?:等.*)?[。.]?$"
)
_CHINESE_DIGITS = dict(zip("一二两三四五六七八九十", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))
_ITEM_SEPARATORS = re.compile(r"[,，;；]")
_MIN_ITEMS = 2


def quantity_rows(token: Token) -> list[RowDraft]:
    """农用拖拉机2台(含开沟机),收割机1台,自走式高速插秧机一台: a list of counted items, one row each."""
    rows = []
    for clause in _ITEM_SEPARATORS.split(token.cell.written):
        match = _QUANTITY_ITEM.match(clause.strip())
        if match is None or not re.search(r"[\u4e00-\u9fff]{2}", match["name"]):
            continue
        number = match["num"]
        count = str(_CHINESE_DIGITS[number]) if number in _CHINESE_DIGITS else number
        cell = tk.TextCell(match["name"], match["name"], token.cell.line, token.cell.row)
        row = RowDraft(Token(tk.TEXT, cell), None, None, None, True)
        row.value_text = f"{count}{match['unit']}"
        row.reasons.append("value_from_sentence")
        rows.append(row)
    return rows if len(rows) >= _MIN_ITEMS else []


def _unit_after(text: str, start: int) -> str:
    """The unit written after a number in a sentence: a listed unit, else one measure word."""
    for size in (4, 3, 2, 1):
        candidate = text[start : start + size]
        if candidate == "%" or candidate in REAL_UNITS:
            return candidate
    return text[start] if start < len(text) and text[start] in MEASURE_WORDS else ""


def is_sentence_with_values(token: Token) -> bool:
    return (
        token.kind == tk.TEXT
        and bool(_OPERATOR_NUMBER.search(token.text))
        and parse_operator(token.text) is None
    )
