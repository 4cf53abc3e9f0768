"""Nothing is lost: every piece of text in a source lands in a field or in ``unparsed``.

The check is independent of the reader's own bookkeeping: each source line is cut into runs
of text at punctuation and spaces, and every run must be found in the form's values, be a
label of the form's vocabulary (a heading the reader recognised), or be a figure the form
holds after unit conversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lib.model import Form
from lib.normalize.names import split_unit_name
from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.normalize.text import clean_cell, match_key
from lib.readers import parse_file, vocab
from lib.samples import sample_file, sample_files

# list markers and export artefacts the reader removes on purpose
_MARKER = re.compile(r"^(绩效目标内容\d+$|(目标|职能|指标)?\d{1,2}(?=[\u4e00-\u9fff]|$)|绩效目标(?=.))")
_RUN_SPLIT = re.compile(r"[\s，。、；;：:,.（）()【】“”\"'《》！？?!·…\-—/=≥≤><%％*]+")


def strings_of(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        yield str(value)


def figures_of(form: Form) -> set[float]:
    numbers = [
        v
        for v in (form.budget.total, form.budget.basic, form.budget.project, form.budget.other)
        if v is not None
    ]
    numbers += list(form.budget.sources.values())
    for project in form.projects:
        numbers += [v for v in [project.budget, *project.sources.values()] if v is not None]
    return {round(n, 4) for n in numbers} | {round(n * 10000, 2) for n in numbers}


def is_label(run: str) -> bool:
    return any(
        (
            vocab.field_label(run),
            vocab.section_heading(run),
            vocab.header_role(run),
            vocab.is_title(run),
            normalize_level1(run),
            normalize_level2(run),
            vocab.SEQ_MARK.match(run),
            run in STRUCTURAL,
        )
    )


STRUCTURAL = {"其中", "单位", "元", "万元", "盖章", "年", "月", "日", "指标", "绩效指标", "部门"}


def unaccounted(path: Path) -> list[str]:
    [form] = parse_file(path)
    keys = [match_key(s) for s in strings_of(form.to_dict())]
    figures = figures_of(form)
    missing = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for cell in line.split("\t"):
            text = clean_cell(cell)
            if not text or _is_figure(text, figures) or is_label(text) or _is_unit(text, form):
                continue
            for run in _RUN_SPLIT.split(text):
                run = _MARKER.sub("", run)
                if len(run) < 2 or run.isdigit() and len(run) <= 2 or is_label(run) or _is_year(run, form):
                    continue
                key = match_key(run)
                if key and not any(key in k for k in keys):
                    missing.append(f"line {number}: {run}")
    return missing


def _is_unit(text: str, form: Form) -> bool:
    """The unit's name as printed (code + name + 本级): kept as unit_code, unit_name and extra."""
    parts = split_unit_name(text)
    return parts.unit_name == form.unit_name and parts.unit_code == form.unit_code


def _is_year(run: str, form: Form) -> bool:
    return re.fullmatch(r"(20\d{2})年度?", run) is not None and int(run[:4]) == form.year


def _is_figure(text: str, figures: set[float]) -> bool:
    match = re.fullmatch(r"[\d,]+(?:\.\d+)?", text.strip())
    return bool(match) and round(float(text.replace(",", "")), 2) in {round(f, 2) for f in figures}


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name[:3])
def test_every_source_line_is_accounted_for(path: Path) -> None:
    assert unaccounted(path) == []


def test_a_dropped_cell_is_noticed(tmp_path: Path) -> None:
    """The check itself can fail: text the reader cannot place must show up somewhere."""
    source = sample_file("000").read_text(encoding="utf-8")
    odd = "\t完全无关的一段附注文字\n\n"
    path = tmp_path / "odd.txt"
    path.write_text(source.replace("\t 部门职能概述", odd + "\t 部门职能概述"), encoding="utf-8")
    [form] = parse_file(path)
    assert any("完全无关的一段附注文字" in note.text for note in form.unparsed)
    assert "unparsed" in {w.code for w in form.warnings}
