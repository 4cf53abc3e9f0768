"""The content reader: any arrangement of a form's text → one normalised form.

The stages, in order (each a module with its own tests):

1. :mod:`script` — traditional characters and pinyin glosses → a simplified reading;
2. :mod:`blocks` — text → a stream of cells, the separator inferred line by line;
3. :mod:`tokens` — cells → typed tokens (labels, header titles, values, operators, units …);
4. :mod:`indicator_rows` — tokens → indicator rows (a name plus its values, levels carried down);
5. :mod:`form_fields` — tokens → unit, year, budget and kind; rows → indicators with confidence.

It reads what the table-walking :class:`~lib.readers.interpret.Interpreter` refuses or reads
poorly (see :mod:`lib.readers.form_reading`), so no form that shows indicators is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lib import settings
from lib.model import Form, Indicator, Note
from lib.normalize.values import bracket_unit
from lib.readers import blocks, form_fields, indicator_rows, tokens, vocab
from lib.readers.indicator_rows import RowDraft
from lib.readers.indicators import Place, RowTexts, add_indicator
from lib.readers.tokens import Token

# The order the stages run in; each takes the previous one's output.
STAGES: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("text → cells (script, separators)", blocks.text_cells),
    ("cells → typed tokens", tokens.tokenize),
    ("tokens → indicator rows", lambda stream: (stream, indicator_rows.RowReader().read(stream))),
)

BUDGET_LOOKAHEAD_LINES = 4
BUDGET_LABEL_LINES = 8  # a form states its total near the top; later mentions are its tables
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A fused name that runs over a number and unit (培训人数25人青石…面积 ≥510亩): where one indicator
# ends is not clear, so the value is kept aside (as a remark) rather than given to the wrong name.
FUSED_AMBIGUOUS = "fused_ambiguous"
LOW_REASONS = frozenset(
    {
        "region_values_differ",
        "points_only",
        "truncated",
        "no_value",
        "implausible_rate",
        "money_row",
        FUSED_AMBIGUOUS,
    }
)
MEDIUM_REASONS = frozenset(
    {
        "level_inferred",
        "value_split_from_fused_cells",
        "unit_from_name",
        "columns_shifted",
        "value_from_name",
        "value_from_sentence",
        "traditional_script",
    }
)


def read_text(text: str, source: str, fmt: str) -> Form:
    """The form a text holds, read stage by stage."""
    value: Any = text
    for _, stage in STAGES:
        value = stage(value)
    stream, rows = value
    return build_form(stream, rows, Form("", source, fmt, "content"))


def budget_of_text(text: str) -> float | None:
    """The budget total alone, read from the lines around a budget label (a cheap second look)."""
    lines = text.splitlines()
    wanted = [i for i, line in enumerate(lines) if vocab.BUDGET_LINE.search(line)][:BUDGET_LABEL_LINES]
    picked = sorted({j for i in wanted for j in range(i, min(i + BUDGET_LOOKAHEAD_LINES, len(lines)))})
    if not picked:
        return None
    return form_fields.budget_total(tokens.tokenize(blocks.text_cells("\n".join(lines[j] for j in picked))))


def read_cells(cells: list[list[str]], source: str, fmt: str) -> Form:
    """The same reading for rows already split into cells (a workbook, a Word table)."""
    stream = tokens.tokenize(blocks.rows_cells(cells))
    rows = indicator_rows.RowReader().read(stream)
    return build_form(stream, rows, Form("", source, fmt, "content"))


def build_form(stream: list[Token], rows: list[RowDraft], form: Form) -> Form:
    """Stage 5: the form's fields and its indicators, each with its confidence."""
    form.unit_name = form_fields.unit_name(stream)
    form.year = form_fields.form_year(stream)
    form.form_kind = form_fields.form_kind(stream)
    total = form_fields.budget(stream)
    if total is not None:
        form.budget.total, form.budget.unit_raw = total.total_wan, total.unit_raw
        form.budget.unit_suspect = total.suspect is not None
        if total.suspect is not None:
            form.warn("unit_suspect", **total.suspect)
    truncated = _ends_inside_table(stream)
    for row in rows:
        if not _is_indicator(row):
            continue
        indicator = _add(form, row)
        if row is rows[-1] and truncated:
            indicator.confidence_reasons.append("truncated")
            _settle_confidence(indicator)
    if truncated and form.indicators:
        form.warn("truncated")
    used = {id(row.name.cell) for row in rows}
    form.unparsed = [
        Note(t.cell.ref, t.cell.written) for t in stream if t.kind == tokens.TEXT and id(t.cell) not in used
    ][: int(settings.get("max_unparsed_notes"))]
    return form


def _is_indicator(row: RowDraft) -> bool:
    name = vocab.label_key(row.name.text)
    if (
        len(_HAN.findall(name)) < 2
        or vocab.CHROME.match(name)
        or vocab.field_label(row.name.text) is not None
    ):
        return False
    return row.value_text is not None or len(name) <= 60


def _add(form: Form, row: RowDraft) -> Indicator:
    reasons = list(row.reasons)
    level1, level2, inferred = row.level1, row.level2, row.level_inferred
    if level1 is None and level2 is None:
        level2, level1 = vocab.level_from_name(row.name.text)
        inferred = True
    if inferred:
        reasons.append("level_inferred")
    value_text, texts_by_role = row.value_text, dict(row.texts)
    if row.name.cell.fused and vocab.BARE_QUANTITY.search(row.name.text):
        reasons.append(FUSED_AMBIGUOUS)
        if value_text is not None:
            texts_by_role["remark"], value_text = value_text, None
        form.warn(FUSED_AMBIGUOUS, source_ref=row.name.cell.ref, name=row.name.cell.written)
    if value_text is None:
        reasons.append("no_value")
    if row.name.cell.converted:
        reasons.append("traditional_script")
    texts = RowTexts(
        row.name.cell.written.strip(),
        value_text,
        row.name.cell.ref,
        row.operator_hint,
        row.unit_hint,
        texts_by_role,
    )
    indicator = add_indicator(form, texts, Place(level1, inferred, level2, row.group, None), scored=False)
    unit_written = bool(row.unit_hint) or (
        row.value_text and indicator.unit and indicator.unit in row.value_text
    )
    if indicator.unit and not unit_written and indicator.unit == bracket_unit(indicator.name):
        reasons.append("unit_from_name")
    if _implausible_rate(indicator):
        indicator.target = None  # 292% for a 合格率: a misread sign (≥ read as 2), not a target
        reasons.append("implausible_rate")
    indicator.confidence_reasons = list(dict.fromkeys(reasons))
    _settle_confidence(indicator)
    return indicator


def _implausible_rate(indicator: Indicator) -> bool:
    """A rate (…率) above 100 percent."""
    name = vocab.label_key(indicator.name or "")
    return indicator.unit == "%" and (indicator.target or 0) > 100 and name.endswith(("率", "率(%)"))


def _settle_confidence(indicator: Indicator) -> None:
    reasons = set(indicator.confidence_reasons)
    if reasons & LOW_REASONS:
        indicator.confidence = "low"
    elif reasons & MEDIUM_REASONS:
        indicator.confidence = "medium"
    else:
        indicator.confidence = "high"


def _ends_inside_table(stream: list[Token]) -> bool:
    """Does the text stop in the indicator table (no total, sign-off or footer after it)?"""
    for token in reversed(stream):
        if token.kind in (tokens.END, tokens.CHROME):
            return False
        if token.cell.listed:
            return token is stream[-1]  # a sentence list ends with its sentence, text may follow
        if token.kind in (tokens.LEVEL1, tokens.LEVEL2, tokens.COST, tokens.HEADER):
            return True
    return False
