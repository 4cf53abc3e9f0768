"""Write synthetic forms as files in the real layouts, and the manifest of what was planted.

Layouts follow the bundled samples: *cell-per-line* (one table cell per line, as 000),
*tab-rows* (tab-separated rows with an operator column, as 003) and *narrative* (numbered
paragraphs, as 004); *docx* and *xlsx* hold the cell-per-line form as Word and Excel do (merged
cells included), *csv* the tab-rows form as a comma-separated export, and *flat-csv* the budget
system's flat export (one row per indicator; the unit's money is its one project's budget).

The families of forms copied from public web pages (``params.WILD_LAYOUTS``, see
``../shared/wild/SOURCES.md``) follow: *web-page* (the tab-rows form inside a page's navigation,
索引号/发布机构 table, 来源/浏览次数, 字体: 大 中 小 and footer), *pipe-rows* (``|`` rows whose merged
cells are lost, so rows shift left), *space-rows* (cells split by single spaces, long level-2
labels wrapped over two lines), *value-per-line* (one cell per line, nothing else), *fused* (the
table run together with no separator at all), *traditional* (the tab-rows form in traditional
characters, by OpenCC) and *notice* (a 公示 listing the indicators in sentences split by ；and 。);
*xlsx-lines* and *docx-lines* hold the cell-per-line form as a user pastes it into Excel or Word
(each line one row, cells split on tabs, nothing merged).
Their small choices (which chrome, which wording) come from the form's own id, so one seed
gives the same bytes. Every file carries the 合成示例 marker in its title.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from pathlib import Path

import opencc

from lib.demo.generate import SyntheticForm
from lib.demo.office import blocks_of, csv_text, docx_bytes, lines_as_rows, xlsx_bytes
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


# ---- the families of forms copied from public web pages --------------------------------------
def _table(synthetic: SyntheticForm) -> list[list[str]]:
    """The form as rows of cells, merged cells left empty: what the web families lay out."""
    form = synthetic.form
    unit, written = _money(synthetic)
    budget = form.budget
    rows = [
        [_title(form)],
        ["部门名称", form.unit_name or "", "填报日期", (form.filled_on or "").replace("-", ".")],
        [
            f"年度预算申请（{unit}）",
            f"资金总额：{written(budget.total)}",
            f"基本支出：{written(budget.basic)}",
            f"项目支出：{written(budget.project)}",
            f"其他资金：{written(budget.other)}",
        ],
        ["部门职能概述", "；".join(f"{n}.{f}" for n, f in enumerate(form.functions, 1))],
        ["年度绩效目标", "；".join(f"{n}.{g}" for n, g in enumerate(form.goals, 1))],
        ["一级指标", "二级指标", "三级指标", "指标值"],
    ]
    return rows + [
        [level1, level2, row.name or "", row.value_raw or ""]
        for level1, level2, row in _levels(form.indicators)
    ]


def _choices(synthetic: SyntheticForm) -> random.Random:
    """The form's own chooser of small variations: the same form, the same choices."""
    return random.Random(synthetic.form.form_id)


def _filled(cells: list[str]) -> list[str]:
    """The cells a web page keeps of a row whose merged cells were lost: the empty ones dropped."""
    return [cell for cell in cells if cell]


def pipe_rows(synthetic: SyntheticForm) -> str:
    """``|`` rows as a web table copies: merged cells lost (rows shift left), padded with ``|``."""
    table = _table(synthetic)
    width = max(len(row) for row in table)
    lines = []
    for row in table:
        cells = _filled(row)
        lines.append("| " + " | ".join(cells) + " |" + "|" * (width - len(cells)))
    return "\n".join(lines) + "\n"


def space_rows(synthetic: SyntheticForm) -> str:
    """Cells split by single spaces; a long level-2 label (经济效益指标) sometimes wrapped before 指标."""
    wrap = _choices(synthetic).random() < 0.5
    lines = []
    for row in _table(synthetic):
        cells = _filled(row)
        level2 = row[1] if len(row) == 4 and row[1].endswith("指标") and len(row[1]) >= 6 else ""
        if wrap and level2 and level2 in cells:
            at = cells.index(level2)
            lines += [" ".join([*cells[:at], level2[:-2]]), "指标", " ".join(cells[at + 1 :])]
        else:
            lines.append(" ".join(cells))
    return "\n".join(lines) + "\n"


def value_per_line(synthetic: SyntheticForm) -> str:
    """One cell per line and nothing else (no tab, no bar), rows apart, sometimes indented."""
    indent = "    " if _choices(synthetic).random() < 0.5 else ""
    rows = ["\n".join(f"{indent}{cell}" for cell in _filled(row)) for row in _table(synthetic)]
    return "\n\n".join(rows) + "\n"


def fused(synthetic: SyntheticForm) -> str:
    """A document preview's text: the title, then every cell run together with no separator."""
    title, *rows = _table(synthetic)
    return f"{title[0]}.docx\n" + "".join(cell for row in rows for cell in row) + "\n"


def traditional(synthetic: SyntheticForm) -> str:
    """The tab-rows form in traditional characters (OpenCC s2t), as some county sites publish."""
    return _to_traditional(tab_rows(synthetic))


@cache
def _to_traditional(text: str) -> str:
    return opencc.OpenCC("s2t").convert(text)


def web_page(synthetic: SyntheticForm) -> str:
    """The tab-rows form as copied from a government site: navigation, the 索引号/发布机构 table,
    来源/浏览次数, 字体: 大 中 小, and the footer around it."""
    form, choose = synthetic.form, _choices(synthetic)
    county, town = form.county or "", form.township or ""
    published = f"{(form.year or 2000) - 1}-12-{choose.randint(20, 31)}"
    index_no = f"{choose.randrange(10**17, 10**18)}X/{(form.year or 2000) - 1}-{choose.randint(1, 999):05d}"
    if choose.random() < 0.5:
        meta = [
            f"[ 索引号 ] {index_no} [ 发文字号 ]",
            "[ 主题分类 ] 财政 [ 体裁分类 ] 其他",
            f"[ 发布机构 ] {county}{town} [ 有效性 ]",
            f"[ 成文日期 ] {published} [ 发布日期 ] {published}",
        ]
    else:
        meta = [f"索引号：\t{index_no}", f"发布机构：\t{county}{town}", f"发布日期：\t{published}"]
    header = [
        f"首页 > {county} > {town} > 政务公开 > 法定主动公开内容 > 预算/决算",
        "",
        *meta,
        "",
        f"{form.unit_name}{form.year}年部门整体支出绩效目标公开",
        f"来源：{town}财政所  浏览次数：{choose.randint(12, 4000)}  字体：大 中 小",
        "",
    ]
    footer = [
        "",
        "【打印本页】 【关闭窗口】",
        f"主办：{county}人民政府办公室  版权所有  网站标识码：{choose.randrange(10**9, 10**10)}",
    ]
    return "\n".join(header) + tab_rows(synthetic) + "\n".join(footer) + "\n"


NOTICE_LEAD_INS = ("", "指标值", "目标值为", "达到")
"""What a notice puts between an indicator's name and its value (one per notice)."""


def notice(synthetic: SyntheticForm) -> str:
    """A 公示: the indicators inside sentences, one level-2 group per sentence, items split by ；."""
    form = synthetic.form
    unit, written = _money(synthetic)
    lead_in = _choices(synthetic).choice(NOTICE_LEAD_INS)
    groups: dict[tuple[str, str], list[str]] = {}
    for row in form.indicators:
        groups.setdefault((row.level1 or "", row.level2 or ""), []).append(
            f"{row.name}{lead_in}{row.value_raw or ''}"
        )
    sentences = [f"{level1}中{level2}：{'；'.join(items)}。" for (level1, level2), items in groups.items()]
    return (
        "\n".join(
            [
                f"关于{form.unit_name}{form.year}年部门整体支出绩效目标的公示（{MARKER}）",
                f"根据预算绩效管理有关规定，现将{form.unit_name}{form.year}年部门整体支出绩效目标公示如下：",
                f"一、年度预算。资金总额{written(form.budget.total)}{unit}，其中基本支出{written(form.budget.basic)}{unit}，"
                f"项目支出{written(form.budget.project)}{unit}。",
                f"二、年度绩效目标。{'；'.join(form.goals)}。",
                "三、绩效指标。" + "".join(sentences),
                f"公示期为{form.year - 1 if form.year else ''}年12月{_choices(synthetic).randint(1, 20)}日起五个工作日，"
                "如有异议，请向党政办公室反映。",
                f"{form.unit_name}",
                (form.filled_on or "").replace("-", "年", 1).replace("-", "月", 1)
                + ("日" if form.filled_on else ""),
            ]
        )
        + "\n"
    )


TEXT_RENDERERS: dict[str, Callable[[SyntheticForm], str]] = {
    "cell-per-line": cell_per_line,
    "tab-rows": tab_rows,
    "narrative": narrative,
    "flat-csv": flat_csv,
    "web-page": web_page,
    "pipe-rows": pipe_rows,
    "space-rows": space_rows,
    "value-per-line": value_per_line,
    "fused": fused,
    "traditional": traditional,
    "notice": notice,
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
    if layout == "xlsx-lines":
        return xlsx_bytes({"Sheet1": lines_as_rows(cell_per_line(synthetic))}), ".xlsx"
    if layout == "docx-lines":
        return docx_bytes(lines_as_rows(cell_per_line(synthetic))), ".docx"
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
        "values": [i.value_raw for i in form.indicators],
        "signals": {
            code: [i.seq for i in form.indicators if i.name in names]
            for code, names in sorted(planted.signals.items())
            if any(i.name in names for i in form.indicators)
        },
    }
