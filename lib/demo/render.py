"""Write synthetic forms as files in the real layouts, and the manifest of what was planted.

Layouts follow the bundled samples: *cell-per-line* (one table cell per line, as 000),
*tab-rows* (tab-separated rows with an operator column, as 003) and *narrative* (numbered
paragraphs, as 004); *docx* and *xlsx* hold the cell-per-line form as Word and Excel do (merged
cells included), *csv* the tab-rows form as a comma-separated export, and *flat-csv* the budget
system's flat export (one row per indicator; the unit's money is its one project's budget).
Every file carries the 合成示例 marker in its title.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from lib.demo.generate import SyntheticForm
from lib.demo.office import blocks_of, csv_text, docx_bytes, xlsx_bytes
from lib.demo.params import MARKER, CorpusParams
from lib.model import Form, Indicator

SCORING = "达到计划值得满分，否则按实际值/计划值*指标分值计分。"
_CN = "一二三四五六七八九十"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _money(synthetic: SyntheticForm) -> tuple[str, Callable[[float | None], str]]:
    """The unit label the file states, and how its figures are written."""
    if synthetic.budget_unit == "元×10000":
        return "元", lambda v: "" if v is None else f"{v * 10000:.2f}"
    return synthetic.budget_unit, lambda v: "" if v is None else f"{v:.2f}"


def _title(form: Form) -> str:
    return f"{MARKER}·{form.year}年部门整体支出绩效目标{form.stage or ''}表"


def _levels(rows: list[Indicator]) -> list[tuple[str, str, Indicator]]:
    """Each row with the level labels a merged table shows: only where the level changes."""
    shown, last1, last2 = [], None, None
    for row in rows:
        level1 = row.level1 if row.level1 != last1 else ""
        level2 = row.level2 if (row.level2 != last2 or level1) else ""
        last1, last2 = row.level1, row.level2
        shown.append((level1 or "", level2 or "", row))
    return shown


def cell_per_line(synthetic: SyntheticForm) -> str:
    """One cell per line behind a tab, rows between blank lines (the layout of sample 000)."""
    form = synthetic.form
    unit, written = _money(synthetic)
    budget = form.budget
    rows: list[list[str]] = [
        [_title(form)],
        ["部门名称", form.unit_name or "", f"填报日期：{(form.filled_on or '').replace('-', '.')}"],
        [f"部门（单位）总体资金情况({unit})：", "资金总额：", written(budget.total)],
        ["", "基本支出", written(budget.basic)],
        ["", "项目支出", written(budget.project)],
        ["", "其他", written(budget.other)],
        ["部门职能概述", "；".join(f"{n}.{f}" for n, f in enumerate(form.functions, 1))],
        ["部门绩效目标", "；".join(f"{n}.{g}" for n, g in enumerate(form.goals, 1))],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "说明"],
    ]
    rows += [
        ["", level1, level2, row.name or "", row.value_raw or "", row.description or ""]
        for level1, level2, row in _levels(form.indicators)
    ]
    return "\n\n".join("\n".join(f"\t{cell}" for cell in row) for row in rows) + "\n"


def _operator_cells(row: Indicator) -> tuple[str, str, str]:
    """(operator column, value column, unit column) as a form with an operator column writes them."""
    if row.kind == "定量" and row.target is not None:
        return (row.operator or "="), _number(row.target), row.unit or ""
    return "定性", row.value_raw or "", ""


def tab_rows(synthetic: SyntheticForm) -> str:
    """Tab-separated rows with an operator column (the layout of sample 003)."""
    form = synthetic.form
    unit, written = _money(synthetic)
    budget = form.budget
    lines = [
        f"{MARKER}·部门（单位）整体支出绩效目标表",
        "",
        f"{form.year} 年度",
        "",
        form.unit_name or "",
        "",
        f"部门（单位）名称\t{form.unit_name}",
        f"年度预算申请（{unit}）\t资金总额：{written(budget.total)}\t基本支出：{written(budget.basic)}"
        f"\t项目支出：{written(budget.project)}\t其他资金：{written(budget.other)}",
        "部门（单位）职责\t" + " ".join(f"<p>({_CN[n]}) {f}</p>" for n, f in enumerate(form.functions)),
        "年度履职目标\t" + " ".join(f"<p>{_CN[n]}、{g}</p>" for n, g in enumerate(form.goals)),
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释\t评（扣）分标准\t备注",
    ]
    for level1, level2, row in _levels(form.indicators):
        operator, value, unit_cell = _operator_cells(row)
        lines.append(
            "\t".join(
                [
                    level1,
                    level2,
                    "",
                    row.name or "",
                    operator,
                    value,
                    unit_cell,
                    row.description or "",
                    SCORING,
                    "",
                ]
            )
        )
    lines += ["", f"填表日期：{(form.filled_on or '').replace('-', '.')}", ""]
    return "\n".join(lines)


def narrative(synthetic: SyntheticForm) -> str:
    """Numbered paragraphs under 产出/效益 headings (the layout of sample 004)."""
    form = synthetic.form
    unit, written = _money(synthetic)
    outputs = [r for r in form.indicators if r.level1 == "产出指标"]
    benefits = [r for r in form.indicators if r.level1 != "产出指标"]
    prefix = {"满意度指标": "社会公众或服务对象满意度指标"}
    cells = [
        [_title(form)],
        ["部门名称", form.unit_name or ""],
        [f"年度预算申请\n（{unit}）", f"资金总额：{written(form.budget.total)}"],
        ["", f"其中： 基本支出：{written(form.budget.basic)}", f"项目支出：{written(form.budget.project)}"],
        ["部门职能职责概述", "\n".join(f"{n}、{f}" for n, f in enumerate(form.functions, 1))],
        [
            "部门整体支出年度绩效指标",
            f"绩效目标内容1：\n{form.goals[0]}",
            "产出指标：\n" + "\n".join(f"{n}、{r.name}。" for n, r in enumerate(outputs, 1)),
        ],
        [
            "",
            "",
            "效益指标：\n"
            + "\n".join(
                f"{n}、{prefix.get(r.level1, r.level2)}：{r.name}。" for n, r in enumerate(benefits, 1)
            ),
        ],
    ]
    return "\n\n".join("\n".join(f"\t{cell}" for cell in row) for row in cells) + "\n"


FLAT_COLUMNS = (
    "单位名称",
    "项目名称",
    "预算数(万元)",
    "年度目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "指标方向性",
)
FLAT_PROJECT = "部门整体运转"


def flat_csv(synthetic: SyntheticForm) -> str:
    """The budget system's flat export: one row per indicator, the unit and project on the first row."""
    form = synthetic.form
    rows = [list(FLAT_COLUMNS)]
    for number, (level1, level2, row) in enumerate(_levels(form.indicators)):
        operator, value, unit_cell = _operator_cells(row)
        owner = (
            [form.unit_name or "", FLAT_PROJECT, f"{form.budget.total:.2f}", form.goals[0]]
            if number == 0
            else [""] * 4
        )
        rows.append(owner + [level1, level2, row.name or "", operator, value, unit_cell, "正向"])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return f"{MARKER}·{form.year}年度项目支出绩效目标表\n" + buffer.getvalue()


TEXT_RENDERERS: dict[str, Callable[[SyntheticForm], str]] = {
    "cell-per-line": cell_per_line,
    "tab-rows": tab_rows,
    "narrative": narrative,
    "flat-csv": flat_csv,
}


def render(synthetic: SyntheticForm) -> tuple[bytes, str]:
    """The file's bytes and suffix: a text layout, or a text layout as Word, Excel or CSV holds it."""
    layout = synthetic.layout
    if layout == "docx":
        return docx_bytes(blocks_of(cell_per_line(synthetic))), ".docx"
    if layout == "xlsx":
        return xlsx_bytes({"绩效目标表": blocks_of(cell_per_line(synthetic))}), ".xlsx"
    if layout == "csv":
        return csv_text(blocks_of(tab_rows(synthetic))).encode("utf-8"), ".csv"
    return TEXT_RENDERERS[layout](synthetic).encode("utf-8"), ".csv" if layout == "flat-csv" else ".txt"


def write_corpus(made: list[SyntheticForm], out: Path, seed: int, settings: CorpusParams) -> Path:
    """Write every form and ``manifest.json`` (the planted truth, by file and form_id); its path."""
    out.mkdir(parents=True, exist_ok=True)
    file_ids: dict[str, tuple[str, str]] = {}  # generator id → (file name, form_id of the file's bytes)
    entries = []
    for number, synthetic in enumerate(made, 1):
        data, suffix = render(synthetic)
        name = f"{number:05d}_{synthetic.form.year}_{synthetic.layout}{suffix}"
        (out / name).write_bytes(data)
        file_ids[synthetic.form.form_id] = (name, hashlib.sha256(data).hexdigest()[:16])
        entries.append((name, synthetic))
    manifest = {
        "marker": MARKER,
        "seed": seed,
        "params": asdict(settings),
        "forms": [_entry(name, synthetic, file_ids) for name, synthetic in entries],
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _entry(name: str, synthetic: SyntheticForm, file_ids: dict[str, tuple[str, str]]) -> dict[str, object]:
    form, planted = synthetic.form, synthetic.planted
    return {
        "file": name,
        "form_id": file_ids[form.form_id][1],
        "layout": synthetic.layout,
        "form_kind": "project" if synthetic.layout == "flat-csv" else form.form_kind,
        "unit_name": form.unit_name,
        "county": form.county,
        "township": form.township,
        "year": form.year,
        "indicators": len(form.indicators),
        "budget_wan": asdict(form.budget),
        "money_written_in": synthetic.budget_unit,
        "problems": planted.problems,
        "carried_from": file_ids[planted.carried_from][0] if planted.carried_from else None,
        "copied_blocks": [
            {
                "seqs": block["seqs"],
                "source_file": file_ids[block["source_form_id"]][0],
                "source_form_id": file_ids[block["source_form_id"]][1],
                "source_seqs": block["source_seqs"],
            }
            for block in planted.copied_blocks
        ],
        "names": [i.name for i in form.indicators],
        "signals": {
            code: [i.seq for i in form.indicators if i.name in names]
            for code, names in sorted(planted.signals.items())
            if any(i.name in names for i in form.indicators)
        },
    }
