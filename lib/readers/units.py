"""The rows of one file → its forms: a flat export, or one form per unit the file holds.

A flat export (unit and project columns beside the indicator columns) goes to
:mod:`lib.readers.flat`, which makes a form per unit. Otherwise a file read in several parts
(the sheets of a workbook) is grouped by the unit each part names, first reading each part
alone to learn its unit; a part naming none (a project sheet, a sheet of notes) belongs with
the part before it. Each group is read as one form, so a workbook holding a department sheet
and its project sheets is one form with its projects, and one holding two units is two forms.
"""

from __future__ import annotations

from lib.errors import FormError
from lib.model import Form
from lib.readers.flat import find_header, read_flat
from lib.readers.grid import Row, reset_used
from lib.readers.interpret import Interpreter


def read_forms(parts: list[list[Row]], source: str, fmt: str) -> list[Form]:
    """Every form in the file's parts (form ids are set by the caller)."""
    parts = [part for part in parts if part]
    rows = [row for part in parts for row in part]
    if not rows:
        raise FormError(source, "the document holds no text")
    header = find_header(rows)
    if header is not None:
        return read_flat(rows, header, source, fmt)
    groups = _unit_groups(parts, source, fmt) if len(parts) > 1 else [rows]
    return [Interpreter(Form("", source, fmt, "")).read(group) for group in groups]


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
