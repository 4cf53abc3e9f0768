"""The rows of one file → its forms: a flat export, one form per unit, or the content reader's form.

A flat export (unit and project columns beside the indicator columns) goes to
:mod:`lib.readers.flat`, which makes a form per unit. Otherwise a file read in several parts
(the sheets of a workbook) is grouped by the unit each part names, first reading each part
alone to learn its unit; a part naming none (a project sheet, a sheet of notes) belongs with
the part before it. Each group is read as one form by the table-walking interpreter.

The content reader (:mod:`lib.readers.pipeline`) reads the same text by what its cells are.
Its indicators replace the interpreter's when it finds clearly more of them with a value, and it
reads alone what the interpreter refuses; a file is refused only when neither finds any
indicator evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lib import settings
from lib.errors import FormError
from lib.model import Form
from lib.normalize.names import split_unit_name
from lib.normalize.values import is_value_like
from lib.readers import pipeline, vocab
from lib.readers.flat import find_header, read_flat
from lib.readers.form_ids import warn_unparsed
from lib.readers.grid import Row, reset_used
from lib.readers.interpret import Interpreter
from lib.readers.script import read_line

# The content reader's indicators replace the table walk's only when clearly more of them
# carry a value: on the forms the table walk knows, it reads every row the way the form means.
TAKEOVER = 1.5
# A table walk's reading needs no second reading when it is this whole.
COMPLETE_MIN_INDICATORS = 5
COMPLETE_VALUED_SHARE = 0.7
_HAN = re.compile(r"[\u4e00-\u9fff]")


def read_forms(parts: list[list[Row]], source: str, fmt: str, text: str | None = None) -> list[Form]:
    """Every form in the file's parts (form ids are set by the caller); ``text`` when a text file."""
    parts = [part for part in parts if part]
    rows = [row for part in parts for row in part]
    if not rows:
        raise FormError(source, "no_text")
    header = find_header(rows)
    if header is not None:
        return read_flat(rows, header, source, fmt)
    groups = _unit_groups(parts, source, fmt) if len(parts) > 1 else [rows]
    try:
        forms = [Interpreter(Form("", source, fmt, "")).read(group) for group in groups]
    except FormError as refusal:
        forms, error = [], refusal
    else:
        error = None
    for form in forms:
        _mark_money_rows(form)
    if len(forms) > 1:
        return forms
    if forms and _looks_complete(forms[0]):
        if forms[0].budget.is_empty() and text is not None:
            _fill_budget(forms[0], pipeline.budget_of_text(text))
        return forms
    content = _content_form(rows, source, fmt, text)
    if not forms:
        if not content.indicators:
            if error is not None and not error.reason.startswith("not a performance-target form"):
                raise error
            raise FormError(source, "nothing_found")
        warn_unparsed(content)
        return [content]
    return [_better(forms[0], content)]


def _content_form(rows: list[Row], source: str, fmt: str, text: str | None) -> Form:
    if text is not None:
        form = pipeline.read_text(text, source, fmt)
    else:
        form = pipeline.read_cells([[cell.raw for cell in row.cells] for row in rows], source, fmt)
    parts = split_unit_name(form.unit_name)
    form.county, form.township = parts.county, parts.township
    return form


def _valued(form: Form) -> int:
    """Indicators with a value read whose name reads as a name (not a money label, not a value)."""
    unit_chars = int(settings.get("junk_unit_max_chars"))  # what is_value_like reads a unit by
    return sum(
        1
        for i in form.indicators
        if (i.target is not None or i.kind in ("定性", "时间"))
        and i.name
        and _reads_as_name(i.name, unit_chars)
    )


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _reads_as_name(name: str, unit_chars: int) -> bool:
    """Two or more Chinese characters, and neither a value nor a field's label; memoised (by the
    unit-length setting too): a file may be read twice over, and templates repeat names."""
    return len(_HAN.findall(name)) >= 2 and not is_value_like(name) and vocab.field_label(name) is None


def _looks_complete(form: Form) -> bool:
    """A table walk that found unit, year and indicators, nearly all with a value (or narrative)."""
    indicators = len(form.indicators)
    return (
        form.unit_name is not None
        and form.year is not None
        and indicators >= COMPLETE_MIN_INDICATORS
        and (_valued(form) >= COMPLETE_VALUED_SHARE * indicators or form.layout == "narrative")
    )


def reads_whole(forms: list[Form]) -> bool:
    """Is every form of a reading whole (unit, year, and indicators nearly all with a value)?"""
    return bool(forms) and all(_looks_complete(form) for form in forms)


def _mark_money_rows(form: Form) -> None:
    """A money row the table walk took for an indicator (年度资金总额 | 1100) is low confidence."""
    for indicator in form.indicators:
        if vocab.MONEY_ROW.match(vocab.label_key(read_line(indicator.name or "").simplified)):
            indicator.confidence = "low"
            indicator.confidence_reasons = [*indicator.confidence_reasons, "money_row"]


def _fill_budget(form: Form, total: float | None) -> None:
    if total is not None:
        form.budget.total, form.budget.unit_raw = total, "万元"


def valued_count(forms: list[Form]) -> int:
    """Indicators with a value whose names read as names, over all the forms."""
    return sum(_valued(form) for form in forms)


def _better(table_form: Form, content: Form) -> Form:
    """The interpreter's form, with the content reader's indicators when they are more, and
    its unit, year and budget where the interpreter found none."""
    if _valued(content) > TAKEOVER * _valued(table_form):
        table_form.indicators = content.indicators
        table_form.warnings = [w for w in table_form.warnings if w.code != "unparsed"] + content.warnings
        table_form.layout = f"{table_form.layout}+content" if table_form.layout else "content"
    if table_form.unit_name is None and content.unit_name:
        table_form.unit_name, table_form.county, table_form.township = (
            content.unit_name,
            content.county,
            content.township,
        )
    table_form.year = table_form.year or content.year
    if table_form.budget.is_empty() and content.budget.total is not None:
        table_form.budget = content.budget
    return table_form


def _unit_groups(parts: list[list[Row]], source: str, fmt: str) -> list[list[Row]]:
    """Parts grouped by unit, in order; parts naming no unit join the unit before (or the first)."""
    units = [_unit_of(part, source, fmt) for part in parts]
    first = next((unit for unit in units if unit), None)
    groups: dict[str | None, list[Row]] = {}
    current = first
    for unit, part in zip(units, parts, strict=True):
        current = unit or current
        groups.setdefault(current, []).extend(part)
    return list(groups.values())


def _unit_of(part: list[Row], source: str, fmt: str) -> str | None:
    """The unit a part names when read alone (its cells are left unread for the real reading)."""
    form = Interpreter(Form("", source, fmt, "")).read_context(part)
    reset_used(part)
    return form.unit_name
