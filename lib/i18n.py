"""Every word the dashboard shows, in Simplified Chinese and English: one catalogue, one lookup.

``t(key, lang, **fmt)`` gives a string; ``label(prefix, value, lang)`` names a coded value
(``grade.差`` → 差 / D, ``finding.no_target``, ``flag.copied``) and falls back to the value itself;
``term(value, lang)`` does the same for the forms' official vocabulary (数量指标 → Quantity).
Page code holds no user-facing text of its own (tests/test_i18n.py checks).
"""

from __future__ import annotations

import math
import re

from lib.quality.results import DIMENSIONS

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

CATALOGUE: dict[str, tuple[str, str]] = {
    # ---- the briefing exports (lib/export) ----
    "sheet.overview": ("概览", "Overview"),
    "sheet.ranking": ("排名", "Ranking"),
    "sheet.findings": ("问题清单", "Findings"),
    "sheet.indicators": ("指标明细", "Indicators"),
    "sheet.budget": ("预算", "Budget"),
    "sheet.pairs": ("雷同对", "Similar pairs"),
    "overview.title": ("绩效目标透视 · 简报数据", "Target Lens · briefing data"),
    "overview.generated": ("生成时间", "Generated"),
    "overview.filters": ("筛选条件", "Filters"),
    "overview.all": ("全部", "all"),
    "overview.empty": ("所选范围内没有已评分的表。", "No scored forms in this selection."),
    "overview.notes": ("说明", "Notes"),
    "overview.truncated": ("单元格超出Excel上限被截断", "cell cut at Excel's limit"),
    "overview.budget_chart": ("各乡镇预算构成（万元）", "Budget composition per township (10k yuan)"),
    "overview.grade_chart": ("等级分布", "Grade distribution"),
    "headline.forms": ("表数", "Forms"),
    "headline.townships": ("乡镇数", "Townships"),
    "headline.years": ("年度数", "Years"),
    "headline.budget_total": ("预算总额（万元）", "Total budget (10k yuan)"),
    "headline.median_score": ("得分中位数", "Median score"),
    "headline.forms_flagged_high": ("有高风险问题的表", "Forms with high-severity findings"),
    "headline.indicators": ("指标数", "Indicators"),
    "col.form_id": ("表编号", "Form id"),
    "col.place_year": ("乡镇·年度", "Township · year"),
    "col.arithmetic_gap": ("分项合计与总额之差（万元）", "Parts minus total (10k yuan)"),
    "col.finding_rows": ("涉及指标序号", "Rows"),
    "col.other_form_id": ("相似表编号", "Other form id"),
    "col.other_place": ("相似乡镇·年度", "Other township · year"),
    "col.examples": ("雷同指标示例", "Shared rows (examples)"),
    "col.grade_name": ("等级", "Grade"),
    "brief.title": ("绩效目标简报", "Performance-target brief"),
    "brief.headline": ("基本情况", "Headline"),
    "brief.budget": ("预算构成", "Budget composition"),
    "brief.scores": ("四项得分与所选范围中位数", "The four scores against the selection's median"),
    "brief.this_form": ("本表", "This form"),
    "brief.median": ("中位数", "Median"),
    "brief.findings": ("主要问题", "Top findings"),
    "brief.copied": ("雷同指标", "Most copied rows"),
    "brief.none": ("无", "None"),
    "brief.high_findings": ("高风险问题数", "High-severity findings"),
    "brief.no_budget": ("表中没有预算数据。", "The form states no budget."),
    "brief.print": ("打印 / 另存为PDF", "Print / save as PDF"),
    "brief.source": ("数据来源：绩效目标透视 Target Lens", "Source: Target Lens"),
    "brief.copied_from": ("与之雷同", "Same as"),
    # ---- the app and its pages
    "app.title": ("绩效目标透视", "Target Lens"),
    "app.synthetic": (
        "合成示例数据：本库 {share:.0%} 的表由 python -m lib demo 生成，乡镇和数字均为虚构，不是真实的表。",
        "Synthetic demo data: {share:.0%} of these forms were made by python -m lib demo; "
        "the townships and figures are invented, not real forms.",
    ),
    "nav.overview": ("总览", "Overview"),
    "nav.budget": ("预算构成", "Budget"),
    "nav.structure": ("指标结构", "Indicator structure"),
    "nav.quality": ("雷同与质量", "Boilerplate & quality"),
    "nav.compare": ("乡镇对比", "Compare"),
    "nav.drill": ("下钻明细", "Drill-down"),
    "nav.import": ("导入", "Import"),
    "title.overview": ("绩效目标总览", "Performance targets at a glance"),
    "title.budget": ("预算构成", "Budget composition"),
    "title.structure": ("指标结构", "Indicator structure"),
    "title.quality": ("雷同与质量", "Boilerplate and quality"),
    "title.compare": ("乡镇对比", "Compare forms"),
    "title.drill": ("下钻明细", "Drill-down"),
    "title.import": ("导入绩效目标表", "Import forms"),
    "lang.zh": ("中文", "中文"),
    "lang.en": ("English", "English"),
    # ---- sidebar
    "sidebar.language": ("语言 · Language", "Language · 语言"),
    "sidebar.filters": ("筛选", "Filters"),
    "sidebar.reset": ("清除筛选", "Clear filters"),
    "filter.year": ("年度", "Year"),
    "filter.county": ("县（区）", "County"),
    "filter.form_kind": ("表类型", "Kind of form"),
    "filter.stage": ("阶段", "Stage"),
    "filter.grade": ("等级", "Grade"),
    "caption.all": ("共 {total} 张表。", "{total} forms."),
    "caption.selection": ("筛选后 {shown} 张表（共 {total} 张）。", "{shown} of {total} forms selected."),
    "caption.top_n": ("仅显示前 {shown} 张（共 {total} 张）。", "Showing the first {shown} of {total}."),
    "info.no_selection": (
        "当前筛选条件下没有表，请放宽左侧的筛选。",
        "No form matches these filters; widen them in the sidebar.",
    ),
    "status.scoring": ("正在评分…", "Scoring…"),
    "step.loading": ("读取表", "Reading forms"),
    "step.rules": ("逐表审核", "Checking each form"),
    "step.matching": ("比对文字", "Matching wording"),
    "step.corpus": ("跨表比对", "Comparing across forms"),
    "step.saving": ("保存结果", "Saving results"),
    "step.done": ("完成", "Done"),
    # ---- first run
    "firstrun.intro": (
        "数据库里还没有绩效目标表。先载入一些表，各页面就会显示分析结果。",
        "The store holds no performance-target forms yet. Load some and every page fills in.",
    ),
    "firstrun.ways": (
        "三种方式：\n\n"
        "1. 点击下面的按钮，载入项目自带的 5 张真实样例表（`make run` 也会在数据库为空时自动载入）；\n"
        "2. 在命令行运行 `python -m lib ingest 路径`，导入文件或整个文件夹，然后刷新本页；\n"
        "3. 打开“导入”页，上传文件，预览无误后再入库。",
        "Three ways:\n\n"
        "1. Press the button below to load the five real sample forms bundled with the project "
        "(`make run` also loads them into an empty store);\n"
        "2. On the command line, `python -m lib ingest PATH` adds files or whole folders; then reload this page;\n"
        "3. Open the Import page, upload files, check the preview, then commit them.",
    ),
    "firstrun.load": ("载入自带样例表", "Load the bundled samples"),
    "firstrun.loading": ("正在载入样例表并评分…", "Loading the samples and scoring them…"),
    "firstrun.loaded": ("样例表已载入", "Samples loaded"),
    "firstrun.to_import": ("去导入页上传文件", "Go to the Import page"),
    # ---- overview
    "figure.forms": ("表数", "Forms"),
    "figure.forms.help": ("所选范围内的绩效目标表张数。", "Performance-target forms in the selection."),
    "figure.townships": ("乡镇数", "Townships"),
    "figure.townships.help": (
        "表所属的乡镇（无乡镇名时按单位）个数。",
        "Distinct townships (or units) the forms belong to.",
    ),
    "figure.years": ("年度数", "Years"),
    "figure.years.help": ("表所属的预算年度个数。", "Distinct budget years."),
    "figure.budget_total": ("预算总额（万元）", "Total budget (10k yuan)"),
    "figure.budget_total.help": (
        "各表资金总额之和，单位万元；未填预算的表不计入。",
        "Sum of the forms' total budgets, in 10,000 yuan; forms stating none are left out.",
    ),
    "figure.median_score": ("得分中位数", "Median score"),
    "figure.median_score.help": ("质量得分（0–100）的中位数。", "Median of the quality scores (0–100)."),
    "figure.flagged_high": ("有高风险问题的表", "Forms with high-severity findings"),
    "figure.flagged_high.help": (
        "至少有一条高严重度问题的表张数。",
        "Forms with at least one high-severity finding.",
    ),
    "overview.behind": ("查看数字背后的明细", "Show the rows behind a figure"),
    "overview.ranking": ("质量排名", "Ranking by quality"),
    "overview.ranking_help": ("点击一行，打开该表的明细。", "Click a row to open that form."),
    "overview.no_budget": (
        "{count} 张表未填预算，未画入气泡图：",
        "{count} forms state no budget and are not drawn:",
    ),
    "overview.findings_help": (
        "点击一条，查看该类问题的全部清单。",
        "Click a bar to list every finding of that kind.",
    ),
    "chart.bubbles": ("预算与得分（气泡大小 = 指标数）", "Budget against score (bubble size = indicators)"),
    "chart.top_findings": ("最常见的五类问题（涉及表数）", "The five commonest findings (forms concerned)"),
    # ---- budget
    "budget.view": ("显示方式", "View"),
    "budget.view.absolute": ("金额（万元）", "Amounts (10k yuan)"),
    "budget.view.percent": ("占比（100%）", "Shares (100%)"),
    "budget.none": ("所选的表都没有预算数据。", "None of the selected forms states a budget."),
    "budget.no_projects": (
        "所选的表没有列出带金额的项目。",
        "The selected forms list no projects with a budget.",
    ),
    "budget.reference": ("每 {wan:g} 万元应设 1 个指标", "one indicator per {wan:g} × 10k yuan"),
    "budget.suspect_help": (
        "⚠ 表示金额存疑：分项之和与总额不符，或金额单位与数额矛盾。点击一行打开该表。",
        "⚠ marks questionable money: parts that do not add up, or a unit the figures contradict. "
        "Click a row to open the form.",
    ),
    "part.basic": ("基本支出", "Basic"),
    "part.project": ("项目支出", "Projects"),
    "part.other": ("其他", "Other"),
    "part.unspecified": ("未列明", "Not broken down"),
    "chart.budget": ("各表预算构成", "Budget composition per form"),
    "chart.suspect": ("金额存疑", "Money questionable"),
    "chart.percent": ("占比（%）", "Share (%)"),
    "chart.projects": ("项目预算（乡镇 → 项目，万元）", "Project budgets (form → project, 10k yuan)"),
    "chart.per_indicator": ("每个指标对应的资金（万元）", "Money per indicator (10k yuan)"),
    # ---- structure
    "structure.none": ("所选的表没有指标。", "The selected forms have no indicators."),
    "structure.coverage_help": (
        "数字为各类指标个数；红色表示按规定必须有而缺少的类别（成本指标自2022年起）。显示缺项最多的 {shown} 张（共 {total} 张）。",
        "Numbers count indicators; red marks a category the form must have and lacks (cost indicators from 2022). "
        "The {shown} forms with most gaps of {total} are shown.",
    ),
    "structure.targets": ("同类指标的目标值分布", "Targets set for one category"),
    "structure.targets_help": (
        "按设定该目标值的乡镇数排列，例如满意度定为≥90%还是100%。",
        "Ranked by how many townships set each target, e.g. satisfaction at ≥90% or at 100%.",
    ),
    "chart.sunburst": ("指标构成：一级 → 二级 → 定量/定性", "Indicators: level 1 → level 2 → kind"),
    "chart.coverage": ("各表二级指标覆盖情况", "Level-2 categories covered by each form"),
    "chart.quantitative": ("定量指标占比", "Share of quantitative indicators"),
    "chart.operators": ("运算符分布", "Operators used"),
    "chart.units": ("计量单位分布（前15）", "Units used (top 15)"),
    "chart.targets": ("{level2}：各目标值的乡镇数", "{level2}: townships per target"),
    # ---- quality
    "quality.matrix": ("表与表之间的雷同程度", "How much forms copy each other"),
    "quality.no_copies": (
        "所选的表之间没有发现雷同（互相照抄的具体指标）。",
        "No copying between the selected forms was found.",
    ),
    "quality.matrix_help": (
        "颜色越深，两表互相雷同的指标越多；相近的表排在一起。点击方格或下表一行，查看两表逐行对照。",
        "Darker means more rows copied between the two; similar forms sit together. "
        "Click a square or a row below to see the two side by side.",
    ),
    "quality.matrix_cut": (
        "矩阵显示雷同最多的 {shown} 张（共 {total} 张有雷同）。",
        "The matrix shows the {shown} most-copied forms of {total}.",
    ),
    "quality.pair": ("两表逐行对照", "Two forms, row by row"),
    "quality.form_a": ("表 A", "Form A"),
    "quality.form_b": ("表 B", "Form B"),
    "quality.pair_needs_two": ("至少需要两张表才能对照。", "Comparing needs at least two forms."),
    "quality.pair_same": ("请选择两张不同的表。", "Choose two different forms."),
    "quality.pair_none": ("这两张表没有相近的指标。", "These two forms have no similar rows."),
    "quality.pair_help": (
        "深色为两表一字不差（{same}/{total} 行），浅色为几乎相同；【】内是两表共有的文字。",
        "Dark shading: identical in both ({same} of {total} rows); light: nearly so. "
        "Text in 【】 is shared by both.",
    ),
    "quality.boilerplate": ("套话比例排名", "Boilerplate share, by form"),
    "quality.phrases": ("跨乡镇重复最多的表述", "Wording reused across the most units"),
    "quality.phrases_help": (
        "“套话库”标记的是系统认定的通用套话。",
        "“Stock” marks wording the engine treats as stock phrases.",
    ),
    "quality.findings": ("问题清单", "Findings"),
    "quality.findings_count": (
        "共 {count} 条。点击一行打开该表。",
        "{count} findings. Click one to open the form.",
    ),
    "quality.findings_cut": (
        "共 {count} 条，按严重程度显示前 {shown} 条，可用上面的筛选缩小范围。点击一行打开该表。",
        "{count} findings; the {shown} most severe are listed, narrow them with the filters above. "
        "Click one to open the form.",
    ),
    "quality.messages_in_chinese": (
        "问题说明是可直接写入退回函的中文表述。",
        "The finding text is the Chinese sentence for the return letter, kept as evidence.",
    ),
    "quality.carry": (
        "逐年照抄：每年的表与上年相同的比例",
        "Year on year: share of each form repeated from the year before",
    ),
    "quality.no_carry": (
        "所选单位没有连续年度的表，无法比较逐年变化。",
        "No unit in the selection has forms for consecutive years.",
    ),
    "chart.matrix": ("表 × 表雷同矩阵", "Form × form similarity"),
    "chart.carry": ("与上年表相同的指标比例", "Rows unchanged from the previous year"),
    # ---- compare
    "compare.choose": ("选择 2–4 张表", "Choose 2–4 forms"),
    "compare.need_two": ("请至少选择两张表。", "Choose at least two forms."),
    "compare.aligned": ("指标逐行对照", "Indicators aligned row by row"),
    "compare.aligned_help": (
        "按名称相近程度对齐；灰色空格表示该表没有对应的指标。",
        "Aligned by similar wording; a grey blank means that form has no such indicator.",
    ),
    "chart.radar": ("二级指标覆盖", "Level-2 coverage"),
    "chart.dimensions": ("四项得分与总分", "The four dimension scores and the total"),
    # ---- drill-down
    "drill.form": ("表", "Form"),
    "drill.findings": ("本表问题（{count} 条）", "Findings on this form ({count})"),
    "drill.functions": ("部门职能", "Functions"),
    "drill.goals": ("年度目标", "Goals"),
    "drill.projects": ("项目", "Projects"),
    "drill.indicators": ("绩效指标", "Indicators"),
    "drill.section": ("所属职能 / 目标 / 项目", "Function / goal / project"),
    "drill.all_sections": ("全部", "All"),
    "drill.search": ("搜索指标", "Search indicators"),
    "drill.search_hint": ("名称、指标值或说明中的文字", "Text in a name, value or description"),
    "drill.pick_row": (
        "点击表中一行，查看该指标的完整记录。",
        "Click a row to see the indicator's full record.",
    ),
    "drill.record": ("第 {seq} 项指标", "Indicator {seq}"),
    "drill.row_findings": ("涉及本指标的问题：{count} 条", "Findings about this indicator: {count}"),
    "drill.nearest": ("其他表中最相近的指标（点击打开）", "Closest rows in other forms (click to open)"),
    # ---- import
    "import.files": ("选择要导入的文件（可多选）", "Files to import (several at once)"),
    "import.files_help": (
        "可读取 Word（.docx/.doc）、Excel（.xlsx/.xls）、WPS（.wps/.et）、CSV、PDF 和文本导出（.txt/.md）；"
        "系统根据内容而不是文件名识别格式和版式。",
        "Word (.docx/.doc), Excel (.xlsx/.xls), WPS (.wps/.et), CSV, PDF and text exports (.txt/.md) are "
        "read; the format and layout are recognised from the content, not the name.",
    ),
    "import.limit": (
        "每个文件不超过 {mb} MB。文件先预览，确认后才入库。",
        "Up to {mb} MB per file. Files are previewed first and stored only when you commit them.",
    ),
    "import.hint": (
        "上传后，这里会逐个显示读取结果。",
        "After uploading, each file's reading is shown here.",
    ),
    "import.file": ("文件 {number}：{name}（{kb:.1f} KB）", "File {number}: {name} ({kb:.1f} KB)"),
    "import.failed": (
        "无法读取此文件，不会入库。原因：",
        "This file cannot be read and will not be stored. Reason:",
    ),
    "import.present": (
        "此表已在数据库中，不会重复导入。",
        "This form is already in the store; it will not be added twice.",
    ),
    "import.tab_indicators": ("指标（{count}）", "Indicators ({count})"),
    "import.tab_warnings": ("提示（{count}）", "Warnings ({count})"),
    "import.tab_unparsed": ("未识别文字（{count}）", "Unplaced text ({count})"),
    "import.summary": (
        "可导入 {ready} 个文件，失败 {failed} 个，其中新表 {new} 张。",
        "{ready} files readable, {failed} failed; {new} new forms.",
    ),
    "import.commit": ("导入 {count} 张新表并重新评分", "Store {count} new forms and rescore"),
    "import.committing": ("正在入库并评分…", "Storing and scoring…"),
    "import.added": ("已导入 {name}（{form_id}）", "added {name} ({form_id})"),
    "import.already": ("已存在 {name}（{form_id}）", "already present {name} ({form_id})"),
    "import.done": ("完成：新增 {count} 张表，评分已更新。", "Done: {count} forms added, scores refreshed."),
    "import.to_overview": ("查看总览", "Open the overview"),
    # ---- exports
    "export.workbook": ("下载简报工作簿（.xlsx）", "Download the briefing workbook (.xlsx)"),
    "export.brief": ("打印简报", "Print brief"),
    # ---- column titles
    "col.rank": ("名次", "Rank"),
    "col.label": ("表", "Form"),
    "col.place": ("乡镇", "Township"),
    "col.places": ("乡镇数", "Townships"),
    "col.place_count": ("乡镇数", "Townships"),
    "col.year_count": ("年度数", "Years"),
    "col.county": ("县（区）", "County"),
    "col.township": ("乡镇", "Township"),
    "col.unit_name": ("单位", "Unit"),
    "col.year": ("年度", "Year"),
    "col.form_kind": ("表类型", "Kind"),
    "col.stage": ("阶段", "Stage"),
    "col.score": ("得分", "Score"),
    "col.grade": ("等级", "Grade"),
    "col.completeness": ("完整性", "Completeness"),
    "col.measurability": ("可衡量性", "Measurability"),
    "col.specificity": ("具体性", "Specificity"),
    "col.consistency": ("一致性", "Consistency"),
    "col.boilerplate_share": ("套话比例", "Boilerplate share"),
    "col.carry_share": ("与上年相同比例", "Repeated from last year"),
    "col.indicator_count": ("指标数", "Indicators"),
    "col.quantitative_share": ("定量指标占比", "Quantitative share"),
    "col.budget_total": ("预算总额（万元）", "Total budget (10k yuan)"),
    "col.budget_basic": ("基本支出（万元）", "Basic (10k yuan)"),
    "col.budget_project": ("项目支出（万元）", "Projects (10k yuan)"),
    "col.budget_other": ("其他（万元）", "Other (10k yuan)"),
    "col.budget_unit_raw": ("表上所写金额单位", "Money unit as written"),
    "col.budget_unit_suspect": ("单位存疑", "Unit questionable"),
    "col.budget": ("预算（万元）", "Budget (10k yuan)"),
    "col.total": ("总额（万元）", "Total (10k yuan)"),
    "col.per_indicator": ("每个指标对应资金（万元）", "10k yuan per indicator"),
    "col.forms": ("表数", "Forms"),
    "col.findings": ("问题数", "Findings"),
    "col.code": ("问题类型", "Finding"),
    "col.severity": ("严重程度", "Severity"),
    "col.message": ("问题说明", "What the reviewer would write"),
    "col.rows_text": ("涉及指标序号", "Rows"),
    "col.label_a": ("表 A", "Form A"),
    "col.label_b": ("表 B", "Form B"),
    "col.rows": ("雷同指标数", "Rows copied"),
    "col.share": ("雷同比例", "Share copied"),
    "col.seq_a": ("A 序号", "A row"),
    "col.name_a": ("A 指标", "A indicator"),
    "col.value_a": ("A 指标值", "A value"),
    "col.seq_b": ("B 序号", "B row"),
    "col.name_b": ("B 指标", "B indicator"),
    "col.value_b": ("B 指标值", "B value"),
    "col.ratio": ("相似度", "Similarity"),
    "col.common": ("共有文字（【】内）", "Shared text (in 【】)"),
    "col.text": ("表述", "Wording"),
    "col.units": ("使用单位数", "Units using it"),
    "col.stock": ("套话库", "Stock"),
    "col.field": ("项目", "Field"),
    "col.value": ("内容", "Value"),
    "col.seq": ("序号", "Row"),
    "col.level1": ("一级指标", "Level 1"),
    "col.level2": ("二级指标", "Level 2"),
    "col.name": ("三级指标", "Indicator"),
    "col.value_raw": ("指标值（原文）", "Value as written"),
    "col.operator": ("运算符", "Operator"),
    "col.target": ("目标值", "Target"),
    "col.unit": ("计量单位", "Unit"),
    "col.kind": ("性质", "Kind"),
    "col.flags": ("标记", "Flags"),
    "col.copied_from": ("雷同来源", "Copied from"),
    "col.group_name": ("所属职能/目标", "Function / goal"),
    "col.project": ("项目", "Project"),
    "col.source_ref": ("原文位置", "Where in the source"),
    "col.description": ("指标解释", "Description"),
    "col.scoring": ("评分标准", "Scoring rule"),
    "col.basis": ("确定依据", "Basis"),
    "col.direction": ("指标方向", "Direction"),
    "col.weight": ("权重", "Weight"),
    "col.parent_seq": ("所属上级指标序号", "Sub-item of row"),
    "col.actual_raw": ("实际完成值", "Actual"),
    "col.points": ("得分/分值", "Points got/full"),
    "col.warning": ("提示", "Warning"),
    "col.warning_count": ("提示数", "Warnings"),
    "col.unparsed_count": ("未识别文字段数", "Unplaced pieces"),
    "col.project_code": ("项目编码", "Project code"),
    # ---- coded values
    "grade.优": ("优", "A"),
    "grade.良": ("良", "B"),
    "grade.中": ("中", "C"),
    "grade.差": ("差", "D"),
    "severity.high": ("高", "high"),
    "severity.medium": ("中", "medium"),
    "severity.low": ("低", "low"),
    "kind.department": ("部门整体", "Department"),
    "kind.project": ("项目", "Project"),
    "kind.self_eval": ("自评", "Self-evaluation"),
    "bool.true": ("是", "yes"),
    "bool.false": ("否", "no"),
    "flag.copied": ("与他表雷同", "copied"),
    "flag.carried_over": ("照抄上年", "same as last year"),
    "flag.generic": ("通用套话", "stock phrase"),
    "flag.same_value": ("同值模板", "same value everywhere"),
    "flag.repeated_in_form": ("表内重复", "repeated in form"),
    "flag.name_is_description": ("解释同名称", "description repeats name"),
    "finding.missing_category": ("缺少必备类别", "Required category missing"),
    "finding.fewer_than_three": ("指标少于3个", "Fewer than three indicators"),
    "finding.too_few_for_money": ("指标数与资金规模不匹配", "Too few indicators for the money"),
    "finding.goal_without_indicator": ("目标无对应指标", "Goal without an indicator"),
    "finding.no_target": ("未设指标值", "No target"),
    "finding.vague_target": ("目标表述模糊", "Vague target"),
    "finding.qualitative_target": ("定性指标值", "Qualitative target"),
    "finding.junk_unit": ("计量单位不规范", "Number followed by a non-unit"),
    "finding.placeholder": ("模板占位符未填写", "Template placeholder left in"),
    "finding.input_as_output": ("以投入代替产出", "Input written as output"),
    "finding.satisfaction_as_benefit": ("满意度未列入满意度指标", "Satisfaction filed outside satisfaction"),
    "finding.name_is_description": ("指标解释照抄名称", "Description repeats the name"),
    "finding.same_value_everywhere": ("全表同一指标值", "One value on nearly every row"),
    "finding.repeated_rows": ("表内重复指标", "Repeated rows"),
    "finding.budget_arithmetic": ("预算分项之和与总额不符", "Budget parts do not add up"),
    "finding.money_unit_suspect": ("金额单位存疑", "Money unit questionable"),
    "finding.project_budgets_mismatch": ("项目预算合计不符", "Project budgets do not add up"),
    "finding.percent_over_100": ("百分比超过100%", "Percentage over 100"),
    "finding.zero_count_target": ("数量目标为0", "Count target of zero"),
    "finding.copied_rows": ("照抄其他单位", "Rows copied from another unit"),
    "finding.generic_wording": ("通用套话", "Stock wording"),
    "finding.carried_over": ("照抄上年", "Carried over from last year"),
    # ---- the forms' own vocabulary (shown as is in Chinese)
    "term.产出指标": ("产出指标", "Output"),
    "term.效益指标": ("效益指标", "Benefit"),
    "term.满意度指标": ("满意度指标", "Satisfaction"),
    "term.成本指标": ("成本指标", "Cost"),
    "term.数量指标": ("数量指标", "Quantity"),
    "term.质量指标": ("质量指标", "Quality"),
    "term.时效指标": ("时效指标", "Timeliness"),
    "term.经济成本指标": ("经济成本指标", "Economic cost"),
    "term.社会成本指标": ("社会成本指标", "Social cost"),
    "term.生态环境成本指标": ("生态环境成本指标", "Environmental cost"),
    "term.经济效益指标": ("经济效益指标", "Economic benefit"),
    "term.社会效益指标": ("社会效益指标", "Social benefit"),
    "term.生态效益指标": ("生态效益指标", "Ecological benefit"),
    "term.可持续影响指标": ("可持续影响指标", "Sustainable impact"),
    "term.服务对象满意度指标": ("服务对象满意度指标", "Beneficiary satisfaction"),
    "term.定量": ("定量", "quantitative"),
    "term.定性": ("定性", "qualitative"),
    "term.时间": ("时间", "date"),
    "term.未标注": ("未标注", "not labelled"),
    "term.申报": ("申报", "submitted"),
    "term.批复": ("批复", "approved"),
    # ---- judging as a finance-bureau reviewer does (issue 12): rules, criteria, gates, the letter
    "finding.satisfaction_at_100": ("满意度目标定为100%", "Satisfaction target at 100%"),
    "finding.pseudo_quantified": (
        "伪量化（非比率却用百分比）",
        "Pseudo-quantified (a % on something that is no rate)",
    ),
    "finding.staff_satisfaction": (
        "满意度调查对象为本单位人员",
        "Satisfaction asked of the unit's own staff",
    ),
    "finding.no_budget": ("表中无预算金额", "No budget figures on the form"),
    "finding.project_without_indicators": ("项目资金无项目指标", "Project money with no project indicators"),
    "finding.cost_not_money": ("成本指标不是金额", "Cost indicator not in money"),
    "finding.timeliness_without_time": ("时效指标无时间", "Timeliness indicator with no time"),
    "finding.count_misfiled": ("工作数量错列为质量或效益", "A count filed as quality or benefit"),
    "finding.past_tense_target": ("以工作总结代替目标", "Past achievements written as a target"),
    "finding.other_township_name": ("出现其他乡镇名称", "Another township's name in the text"),
    "finding.stock_phrase_inside": ("名称中套用通用表述", "Stock phrase inside a name"),
    "finding.target_contradicts_scoring": ("目标值与评分标准矛盾", "Target contradicts its scoring rule"),
    "finding.outdated_term": ("使用过时提法", "Term outdated for the form's year"),
    "finding.count_without_unit": ("数量无计量单位", "Count with no unit"),
    "finding.bundled_activities": ("一个指标并列多项工作", "Several activities in one indicator"),
    "finding.near_duplicate_projects": ("项目指标雷同", "Near-duplicate projects"),
    "finding.weights_not_100": ("权重合计不为100", "Weights do not add up to 100"),
    "advice.missing_category": ("补充缺少的指标类别。", "Add the missing indicator categories."),
    "advice.fewer_than_three": (
        "指标过少，无法全面反映绩效。",
        "Too few indicators to show the performance.",
    ),
    "advice.too_few_for_money": ("指标数量与资金规模不匹配。", "Too few indicators for the money."),
    "advice.goal_without_indicator": ("部分年度目标没有对应指标。", "Some yearly goals have no indicator."),
    "advice.no_target": ("未设定指标值，无法衡量。", "No target value: nothing to measure."),
    "advice.vague_target": ("目标为模糊表述，应量化。", "Vague targets: quantify them."),
    "advice.qualitative_target": (
        "定性指标值应细化为可衡量目标。",
        "Qualitative targets: make them measurable.",
    ),
    "advice.junk_unit": (
        "数字后不是计量单位，请规范单位。",
        "A number followed by a non-unit: use a real unit.",
    ),
    "advice.placeholder": ("模板占位符未填写。", "Template placeholders left unfilled."),
    "advice.input_as_output": ("投入或现状不是产出。", "Inputs or standing facts are not outputs."),
    "advice.satisfaction_as_benefit": (
        "满意度应列入满意度指标。",
        "Satisfaction belongs under satisfaction.",
    ),
    "advice.name_is_description": ("指标解释照抄名称，未作说明。", "The explanation repeats the name."),
    "advice.same_value_everywhere": (
        "大量指标同一指标值，套用模板。",
        "One value on nearly every row: a template.",
    ),
    "advice.repeated_rows": ("表内指标重复。", "Rows repeated within the form."),
    "advice.budget_arithmetic": ("预算分项之和与总额不符。", "Budget parts do not add up to the total."),
    "advice.money_unit_suspect": ("金额单位与数额不符，请核实。", "Money unit contradicted by the figures."),
    "advice.project_budgets_mismatch": ("项目预算合计与项目支出不符。", "Project budgets do not add up."),
    "advice.percent_over_100": ("百分比目标超过100%。", "Percentage target over 100."),
    "advice.satisfaction_at_100": (
        "满意度目标定为100%，缺乏合理性。",
        "Satisfaction at 100% is not a sensible target.",
    ),
    "advice.zero_count_target": ("数量目标为0。", "A count target of zero."),
    "advice.pseudo_quantified": (
        "非比率指标以百分比设定目标，属伪量化。",
        "A percentage on something with no denominator is not a measurement.",
    ),
    "advice.staff_satisfaction": (
        "满意度应调查服务对象，而非本单位人员。",
        "Satisfaction should be asked of the people served, not the unit's staff.",
    ),
    "advice.no_budget": (
        "表中无预算金额，资金匹配无法核验。",
        "No budget on the form: whether targets match the money cannot be checked.",
    ),
    "advice.project_without_indicators": (
        "安排资金的项目应设项目绩效指标。",
        "Projects with money need their own indicators.",
    ),
    "advice.cost_not_money": ("成本指标应以金额计。", "Cost indicators must be in money."),
    "advice.timeliness_without_time": (
        "时效指标应写明时间或期限。",
        "Timeliness indicators need a time or deadline.",
    ),
    "advice.count_misfiled": ("工作数量应列入数量指标。", "Counts of work belong under quantity."),
    "advice.past_tense_target": (
        "已完成的工作不是本年度目标。",
        "Work already done is not this year's target.",
    ),
    "advice.other_township_name": (
        "表中出现其他乡镇名称，请核实是否照搬。",
        "Another township's name appears: check whether the text was copied.",
    ),
    "advice.stock_phrase_inside": ("名称套用通用表述。", "Names built on stock phrases."),
    "advice.target_contradicts_scoring": (
        "目标值与评分标准或指标解释矛盾。",
        "The target contradicts its own scoring rule or explanation.",
    ),
    "advice.outdated_term": ("使用了已过时的政策提法。", "Policy terms outdated for the form's year."),
    "advice.count_without_unit": ("数量指标值缺少计量单位。", "Counts with no unit."),
    "advice.bundled_activities": (
        "一个指标并列多项工作，应拆分。",
        "Several activities in one indicator: split them.",
    ),
    "advice.near_duplicate_projects": (
        "不同项目的指标几乎相同。",
        "Different projects carry nearly the same indicators.",
    ),
    "advice.weights_not_100": ("指标权重合计应为100。", "Weights should add up to 100."),
    "advice.copied_rows": (
        "指标与其他单位的表几乎一字不差。",
        "Rows nearly identical to another unit's form.",
    ),
    "advice.generic_wording": ("通用套话，应写明本单位具体内容。", "Stock wording that fits any township."),
    "advice.carried_over": ("指标照抄上年，未随年度更新。", "Rows carried over unchanged from last year."),
    "criterion.completeness": ("完整性", "Completeness"),
    "criterion.relevance": ("相关性", "Relevance"),
    "criterion.appropriateness": ("适当性", "Appropriateness"),
    "criterion.feasibility": ("可行性", "Feasibility"),
    "criterion.specificity": ("具体性", "Specificity"),
    "criterion.consistency": ("资金匹配（预算金额的核对）", "Money checks (the budget figures)"),
    "criterion.measurability": ("可衡量性", "Measurability"),
    "col.relevance": ("相关性", "Relevance"),
    "col.appropriateness": ("适当性", "Appropriateness"),
    "col.feasibility": ("可行性", "Feasibility"),
    "col.score_before_review": ("复核前得分", "Score before review"),
    "col.grade_before_review": ("复核前等级", "Grade before review"),
    "col.criterion": ("审核要点", "Criterion"),
    "col.reviewed": ("复核", "Review"),
    "gate.missing_core_category": ("缺少核心指标类别", "A core indicator category is missing"),
    "gate.missing_core_categories": (
        "缺少两类及以上核心指标（如只有产出、没有效益和满意度）",
        "Two or more core categories missing (outputs only, no outcome or satisfaction)",
    ),
    "gate.under_half_measurable": ("可衡量指标不足一半", "Under half of the indicators measurable"),
    "gate.template_filled": ("套用模板填报", "Filled from a template"),
    "not_checkable": ("无法核验", "Not checkable"),
    "verdict.通过": ("通过", "Approved"),
    "verdict.修改后通过": ("修改后通过", "Approved after revision"),
    "verdict.退回修改": ("退回修改", "Returned for revision"),
    "verdict.退回重报": ("退回重报", "Returned: resubmit"),
    "review.reviewed": ("已复核", "Reviewed"),
    "review.dismissed": ("已复核：不予采纳（{reason}）", "Reviewed: dismissed ({reason})"),
    "review.remark": ("复核意见", "Reviewer's remark"),
    "review.dismiss": ("不予采纳所选问题", "Dismiss the chosen finding"),
    "review.pick": ("选择问题", "Finding"),
    "review.reason": ("理由", "Reason"),
    "review.add_remark": ("添加复核意见", "Add the remark"),
    "review.saved": ("已保存，并已重新评分。", "Saved, and the scores are refreshed."),
    "review.scores": (
        "复核前 {before}（{grade_before}） / 复核后 {after}（{grade_after}）",
        "Before review {before} ({grade_before}) / after review {after} ({grade_after})",
    ),
    "review.title": ("复核", "Review"),
    "letter.download": ("下载审核意见书（Word）", "Download the review letter (Word)"),
    "letter.title": ("绩效目标审核意见书", "Review of the performance targets"),
    "letter.to": ("{unit}：", "To {unit}:"),
    "letter.opening": (
        "经审核，你单位报送的{year}年度绩效目标表（{source}）审核意见如下。",
        "We have reviewed your performance-target form for {year} ({source}). Our findings follow.",
    ),
    "letter.verdict": ("审核结论：{verdict}", "Verdict: {verdict}"),
    "letter.score": ("综合得分 {score}（{grade}）。", "Overall score {score} ({grade})."),
    "letter.score_reviewed": (
        "综合得分 {score}（{grade}）；复核前 {before}（{grade_before}）。",
        "Overall score {score} ({grade}); before review {before} ({grade_before}).",
    ),
    "letter.gates": ("未能通过的基本要求：{gates}。", "Basic requirements not met: {gates}."),
    "letter.findings": ("一、存在的问题", "1. Problems found"),
    "letter.none": ("未发现问题。", "No problem found."),
    "letter.rows": ("涉及指标：", "Rows concerned: "),
    "letter.more_rows": ("另有{count}项，详见问题清单。", "{count} more rows; see the findings list."),
    "letter.not_checkable": ("二、无法核验的内容", "2. What could not be checked"),
    "letter.not_checkable_line": (
        "{criterion}：表中缺少所需内容，无法核验。",
        "{criterion}: the form lacks what the check needs.",
    ),
    "letter.nothing_unchecked": ("各项均已核验。", "Everything could be checked."),
    "letter.strengths": ("三、值得肯定的方面", "3. What the form does well"),
    "letter.no_strengths": ("暂无。", "None yet."),
    "letter.remarks": ("四、复核意见", "4. Reviewer's remarks"),
    "letter.closing": (
        "请按上述意见修改完善后重新报送。",
        "Please revise the form as above and submit it again.",
    ),
    "letter.closing_pass": ("请按上述意见执行。", "Please proceed as above."),
    "letter.dismissed_note": ("（复核后不予采纳：{reason}）", "(dismissed on review: {reason})"),
    "strength.complete": (
        "指标类别齐全，涵盖产出、效益、满意度等各类指标。",
        "Every required category of indicator is present.",
    ),
    "strength.measurable": (
        "{share}的指标设定了可衡量的目标值，如{examples}。",
        "{share} of the indicators carry measurable targets, e.g. {examples}.",
    ),
    "strength.basis": (
        "{count}个指标写明了评分标准或指标解释。",
        "{count} indicators state a scoring rule or an explanation.",
    ),
    "strength.own_words": (
        "指标表述具体，基本没有套话。",
        "The indicators are in the unit's own words, with little stock wording.",
    ),
    "strength.money": ("预算数据完整，分项与总额相符。", "The budget is complete and its parts add up."),
    "strength.goals": (
        "每项年度目标都有对应的绩效指标。",
        "Every yearly goal has indicators speaking to it.",
    ),
    "review.dismiss_done": ("不予采纳", "Dismissed"),
    "review.remark_at": ("已复核：复核意见（{at}）", "Reviewed: remark ({at})"),
    "finding.review_remark": ("复核意见", "Reviewer's remark"),
    "finding.not_checkable": ("无法核验", "Could not be checked"),
    "advice.not_checkable": (
        "表中缺少核验所需的内容，相应维度无法核验。",
        "The form lacks what some checks need; those dimensions could not be checked.",
    ),
    "drill.dimensions": (
        "各维度得分明细（哪些指标得分、哪些失分）",
        "Per dimension: which rows earned and which lost points",
    ),
    "drill.dimension": ("维度", "Dimension"),
    "drill.dimension_value": ("{dimension}：{value}", "{dimension}: {value}"),
    "drill.gates": ("等级上限为“中”，因为：{gates}", "Graded at most C because: {gates}"),
    "drill.not_checkable": ("无法核验：{names}", "Not checkable: {names}"),
    "credit.not_measurable": ("目标不可衡量", "Target not measurable"),
    "credit.no_basis": ("未写明评分标准或依据（扣四分之一）", "No scoring rule or basis (a quarter off)"),
    "col.credit": ("得分（0–100）", "Credit (0–100)"),
    "col.why": ("失分原因", "Why points were lost"),
    "col.at": ("时间", "Time"),
    "col.action": ("操作", "Action"),
    "col.finding": ("问题", "Finding"),
    "letter.error.missing": ("库中没有这张表：{form_id}", "No such form in the store: {form_id}"),
    # ---- review and corrections (import page warnings, editable indicators, 人工更正 in the drill-down)
    "import.warn_low": (
        "文件 {number}：有 {count} 行指标识读把握不大（置信度低），请在上方指标表中核对、更正。",
        "File {number}: the reader was unsure of {count} indicator rows (low confidence); check and "
        "correct them in the table above.",
    ),
    "import.warn_unplaced": (
        "文件 {number}：{share:.0%} 的文字未能归入任何字段（超过 {limit:.0%}），可能漏读了指标，请查看“未识别文字”。",
        "File {number}: {share:.0%} of its text could not be placed (more than {limit:.0%}); indicators "
        "may have been missed. See Unplaced text.",
    ),
    "import.warn_same_file": (
        "文件 {number} 与库中已有的这张表内容完全相同（同一文件，可能换了名字），不会重复导入：",
        "File {number} has the same content as this form already in the store (the same file, perhaps "
        "renamed); it will not be stored twice:",
    ),
    "import.warn_same_place": (
        "文件 {number} 所属乡镇和年度在库中已有这张表，导入后同一乡镇同一年度将有两张表：",
        "File {number} is for a township and year that already has this form in the store; storing it "
        "gives that township two forms for the year:",
    ),
    "import.warn_same_upload": (
        "文件 {number} 与本次上传的文件 {other} 内容完全相同。",
        "File {number} has the same content as file {other} of this upload.",
    ),
    "import.warn_same_place_upload": (
        "文件 {number} 与本次上传的文件 {other} 属于同一乡镇、同一年度。",
        "File {number} is for the same township and year as file {other} of this upload.",
    ),
    "import.edit_hint": (
        "可直接在表中更正一级指标、二级指标、名称、运算符、目标值和计量单位；勾选“删除”去掉不是指标的行。"
        "更正随表保存（记录原文位置、时间和原识读结果），同一文件再次导入时自动套用，可在“逐表查看”中撤销。",
        "Correct level 1, level 2, name, operator, target and unit in the table; tick Drop for a row "
        "that is not an indicator. Corrections are stored with the form (with the source line, the time "
        "and the original reading), applied again when the same file is imported again, and can be "
        "undone in the drill-down.",
    ),
    "import.pending": (
        "已做 {count} 处人工更正，点击下方按钮保存。",
        "{count} corrections made; store them with the button below.",
    ),
    "import.corrected": ("保存了 {count} 处人工更正", "{count} corrections stored"),
    "col.dropped": ("删除", "Drop"),
    "col.confidence": ("识读把握", "Confidence"),
    "col.confidence_reasons": ("把握不足的原因", "Why not sure"),
    "col.row_name": ("原识读名称", "Name as read"),
    "col.original": ("原识读结果", "As read"),
    "col.corrected": ("更正为", "Corrected to"),
    "col.made_at": ("更正时间", "When"),
    "confidence.high": ("高", "high"),
    "confidence.medium": ("中", "medium"),
    "confidence.low": ("低", "low"),
    "flag.corrected": ("人工更正", "corrected by hand"),
    "drill.corrections": ("人工更正（{count} 处）", "Corrections by hand ({count})"),
    "drill.row_corrections": ("本指标的人工更正：{count} 处", "Corrections of this indicator: {count}"),
    "drill.undo_pick": ("要撤销的更正", "Correction to undo"),
    "drill.undo": ("撤销此更正，恢复原识读结果", "Undo it, restoring the original reading"),
    "drill.undone": (
        "已撤销，已恢复原识读结果并重新评分。",
        "Undone: the original reading is back and the scores are refreshed.",
    ),
    "drill.dropped_row": ("（已删除此行）", "(row dropped)"),
    # ---- hardening (issue 15): store problems, URL values, reading budgets, background scoring
    "error.store_corrupt": (
        "数据库文件已损坏，无法读取。请从备份恢复，或删除后重新导入。",
        "The database file is damaged and cannot be read. Restore it from a copy, or delete it and import again.",
    ),
    "error.store_readonly": (
        "数据库文件或其所在文件夹只读，无法写入。",
        "The database file or its folder is read-only; nothing can be written.",
    ),
    "error.store_locked": (
        "数据库正被其他程序占用，请稍后再试。",
        "The database is busy with another program; try again in a moment.",
    ),
    "error.store_unusable": ("无法打开数据库。", "The database cannot be opened."),
    "import.reading": (
        "正在读取第 {number}/{total} 个文件：{name}",
        "Reading file {number} of {total}: {name}",
    ),
    "status.scoring_background": (
        "正在后台评分，以下仅显示已评分的表…",
        "Scoring in the background; the pages show the forms already scored…",
    ),
    "url.ignored": (
        "链接中的参数 {param} 过长或无效，已忽略。",
        "The link's parameter {param} was too long or not valid and was ignored.",
    ),
    # ---- briefing: worst first, forms to return, county roll-up, summary (dashboard issue) ----
    "briefing.reason_more": ("{named}（另 {more} 类）", "{named} (+{more} more)"),
    "briefing.summary": (
        "本次共 {forms} 张表，涉及 {townships} 个乡镇；中位得分 {median}，{poor} 张为“差”。",
        "{forms} forms from {townships} townships; median score {median}, {poor} graded D.",
    ),
    "briefing.summary_return": (
        "建议退回 {count} 张（退回重报 {refile} 张、退回修改 {revise} 张）。",
        "{count} to return ({refile} to resubmit, {revise} to revise).",
    ),
    "briefing.summary_none": ("无需退回的表。", "None to return."),
    "briefing.summary_problems": ("主要问题为{problems}。", "Commonest problems: {problems}."),
    "briefing.summary_empty": (
        "所选 {forms} 张表尚未评分。",
        "The {forms} forms selected are not scored yet.",
    ),
    "briefing.order": ("排序", "Order"),
    "briefing.worst_first": ("最差在前", "Worst first"),
    "briefing.best_first": ("最好在前", "Best first"),
    "briefing.to_return": ("退回清单", "Forms to return"),
    "briefing.to_return_help": (
        "审核结论为“退回修改”或“退回重报”的表（与审核意见书的结论一致），最差在前；每张先列未通过的基本要求，再列主要问题。",
        "Forms whose verdict is to revise or to resubmit (the verdict of the review letter), worst first; "
        "each with the basic requirements it fails, then its main problems.",
    ),
    "briefing.none_to_return": (
        "所选范围内没有需要退回的表。",
        "No form in this selection is to be returned.",
    ),
    "briefing.league": ("各县对比", "Counties compared"),
    "briefing.trend": ("各乡镇历年得分", "Each township's score over the years"),
    "briefing.trend_place": ("突出显示的乡镇", "Township highlighted"),
    "briefing.county_brief": ("县级简报", "County brief"),
    "briefing.county_pick": ("简报所涉县", "County for the brief"),
    "col.reason": ("主要问题", "Main problems"),
    "col.median_score": ("得分中位数", "Median score"),
    "col.poor_share": ("“差”占比", "Share graded D"),
    "col.to_return": ("退回数", "To return"),
    "col.codes": ("问题", "Problems"),
    "col.other_rows": ("反向雷同行数", "Rows the other way"),
    "sheet.to_return": ("退回清单", "To return"),
    "overview.summary": ("摘要", "Summary"),
    "brief.and_more": ("{shown} 等（另有 {count} 项）", "{shown} … ({count} more)"),
    "brief.more_rows": ("另有 {count} 条未列出。", "{count} more not listed."),
    "county.title": ("县级绩效目标简报", "County performance-target brief"),
    "county.covers": ("范围", "Covers"),
    "county.date": ("生成日期", "Date"),
    "county.league": ("各乡镇对比", "Townships compared"),
    "county.grades": ("等级分布", "Grade distribution"),
    "county.problems": ("主要问题", "Commonest problems"),
    "drill.finding_help": (
        "点击一条问题，下方指标表只显示它涉及的指标。",
        "Click a finding to show only its rows in the table below.",
    ),
    "drill.only_finding": (
        "只显示所选问题涉及的 {count} 项指标。",
        "Showing only the {count} rows of the finding picked.",
    ),
    "drill.all_rows": ("显示全部指标", "Show every row"),
    "drill.flag": ("标记", "Flag"),
    "drill.all_flags": ("全部", "All"),
    "ref.line": ("第{n}行", "line {n}"),
    "ref.lines": ("第{n}行", "lines {n}"),
    "ref.cell": ("第{n}格", "cell {n}"),
    "ref.page": ("第{n}页", "page {n}"),
    "ref.row": ("第{n}行", "row {n}"),
    "ref.table": ("表{n}", "table {n}"),
    "ref.paragraph": ("第{n}段", "paragraph {n}"),
    "term.not_a_unit": ("不是计量单位", "not a unit"),
    "quality.matrix_unlabelled": (
        "超过 {most} 张表时坐标轴不列表名（悬停可见），相互雷同的表按组相邻排列。",
        "Over {most} forms the axes name none (hover to see); forms that copy each other sit together in groups.",
    ),
    "caption.top_rows": ("仅显示前 {shown} 项（共 {total} 项）。", "Showing the first {shown} of {total}."),
    "widget.all": ("全部", "All"),
    "widget.separator": ("、", ", "),
    "widget.choose": ("请选择", "Choose"),
    # ---- dashboard briefing (issue 13, rest): verdicts, copy clusters, county map
    "col.verdict": ("审核结论", "Verdict"),
    "drill.whole_form_finding": (
        "所选问题针对整张表，不涉及具体指标；下表仍显示全部指标。",
        "The finding picked is about the whole form and names no row; every row is shown.",
    ),
    # a gate named in the 退回清单's one-line reason (short: the line must fit its column)
    "briefing.gate.missing_core_category": ("缺核心指标类别", "Core category missing"),
    "briefing.gate.missing_core_categories": ("缺两类以上核心指标", "Core categories missing"),
    "briefing.gate.under_half_measurable": ("可衡量指标不足一半", "Under half measurable"),
    "briefing.gate.template_filled": ("套用模板", "Template-filled"),
    "col.townships": ("乡镇数", "Townships"),
    "col.median_share": ("雷同度中位数", "Median similarity"),
    "col.max_share": ("最高雷同度", "Highest similarity"),
    "col.cluster": ("组", "Group"),
    "col.named_places": ("所涉乡镇", "Townships named"),
    "quality.clusters": (
        "相互雷同的表共 {count} 组（{forms} 张表）。点击一组，矩阵只显示该组的表。",
        "{count} groups of forms that copy each other ({forms} forms). Click a group to draw its matrix.",
    ),
    "quality.cluster_matrix": (
        "矩阵只显示第 {number} 组的 {forms} 张表。",
        "The matrix shows the {forms} forms of group {number}.",
    ),
    "quality.all_clusters": ("显示全部组", "Show every group"),
    "map.title": ("各县得分中位数", "Median score by county"),
    "map.help": (
        "点击一个县，侧栏只选该县。县按行政区划代码定位；装有县界数据时画出县界，否则以圆点标出县的位置。",
        "Click a county to filter to it. Counties are placed by their administrative code; outlines are drawn "
        "where the boundary data is installed, else a dot marks each county.",
    ),
    "map.unplaced": (
        "{count} 个县未能在地图上定位（名称不在行政区划表中，或有重名）：",
        "{count} counties not placed on the map (name not in the code list, or shared by several):",
    ),
    # ---- code health (issue 16): why a file was refused (FormError codes) and what a reader noticed
    # (warning codes), rendered where shown: lib.i18n.coded_text, FormError.text, Warning.text
    "reason.file_too_large": (
        "文件大于 {limit_mb} MB 的上限（{size_mb:.1f} MB）",
        "larger than the {limit_mb} MB limit ({size_mb:.1f} MB)",
    ),
    "reason.cannot_open": ("无法打开（{detail}）", "cannot be opened ({detail})"),
    "reason.text_too_long": ("文字超过 {limit} 个字符", "more than {limit} characters of text"),
    "reason.unexpected": ("意外错误：{kind}: {detail}", "unexpected error: {kind}: {detail}"),
    "reason.no_form": ("文件中没有找到绩效目标表", "no form found in the file"),
    "reason.too_many_indicators": (
        "表“{form}”有 {count} 条指标，超过 {limit} 条的上限（设置 max_indicators_per_form）",
        "form “{form}” has {count} indicators, more than the {limit} a form may have (setting max_indicators_per_form)",
    ),
    "reason.over_time": (
        "读取超时：超过 {cpu_s} 秒的读取 CPU 时间上限（设置 read_cpu_seconds）",
        "reading needed more than the {cpu_s} s CPU-time limit (setting read_cpu_seconds)",
    ),
    "reason.over_wall_time": (
        "读取超时：超过 {wall_s:g} 秒仍未读完（设置 read_wall_seconds）",
        "reading took longer than the {wall_s:g} s limit (setting read_wall_seconds)",
    ),
    "reason.over_memory": (
        "内存超限：读取需要超过 {memory_mb} MB 内存（设置 read_memory_mb）",
        "reading needed more than the {memory_mb} MB memory limit (setting read_memory_mb)",
    ),
    "reason.duplicate_ids": (
        "两张表的编号相同（{ids}），文件未导入",
        "two forms of this file share the id {ids}: nothing was stored rather than drop one",
    ),
    "reason.no_text": ("文档中没有文字", "the document holds no text"),
    "reason.not_a_form": (
        "不是绩效目标表：没有找到指标表、预算、职能或目标",
        "not a performance-target form: no indicator table, budget, functions or goals found",
    ),
    "reason.nothing_found": (
        "不是绩效目标表：没有找到指标表、预算、职能或目标（查找了一级/二级/三级指标表头、产出指标或数量指标等"
        "层级名称，以及“满意度≥95%”这类带值的指标名称）",
        "not a performance-target form: no indicator table, budget, functions or goals found "
        "(looked for 一级/二级/三级指标 headers, level labels such as 产出指标 or 数量指标, "
        "and names with values such as 满意度≥95%)",
    ),
    "reason.truncated_row": (
        "文件在一行指标中间结束（{ref}），似乎不完整",
        "the file ends in the middle of an indicator row ({ref}): it looks truncated",
    ),
    "reason.header_without_rows": (
        "有指标表表头，其后却没有指标行（文件似乎不完整）",
        "an indicator table header with no indicator rows after it (the file looks truncated)",
    ),
    "reason.flat_header_without_rows": (
        "平铺导出表的表头下没有指标行（文件似乎不完整）",
        "a flat export's header with no indicator rows under it (the file looks truncated)",
    ),
    "reason.encrypted": (
        "文件设有密码（已加密）：请在 {program} 中去掉密码、保存后再试",
        "the file is password-protected (encrypted): remove the password in {program}, save, and try again",
    ),
    "reason.zip_not_office": (
        "是 zip 压缩包，但既不是 .docx 也不是 .xlsx 文档",
        "a zip archive that is neither a .docx nor a .xlsx document",
    ),
    "reason.zip_damaged": (
        "Office 文件已损坏或不完整（不是完整的 zip 压缩包：{detail}）",
        "the Office file is damaged or truncated (not a complete zip archive: {detail})",
    ),
    "reason.zip_too_many_parts": (
        "Office 文件含 {count} 个部件，超过文档应有的 {limit} 个（设置 max_zip_entries）",
        "the Office file holds {count} parts, more than the {limit} a document has (setting max_zip_entries)",
    ),
    "reason.zip_too_large": (
        "Office 文件解压后有 {unpacked_mb:.0f} MB，超过 {limit_mb} MB 的上限（压缩炸弹，或不是表）",
        "the Office file would unpack to {unpacked_mb:.0f} MB, more than the {limit_mb} MB limit "
        "(a zip bomb, or not a form)",
    ),
    "reason.zip_ratio": (
        "Office 文件压缩了 {ratio:.0f} 倍，超过 {limit} 倍的上限（压缩炸弹？）",
        "the Office file is compressed {ratio:.0f}-fold, more than the {limit}-fold limit (a zip bomb?)",
    ),
    "reason.xml_entities": (
        "{what} 文件定义了 XML 实体（XML 炸弹？），拒绝读取",
        "the {what} file defines XML entities (an XML bomb?): refused",
    ),
    "reason.password_protected": (
        "{what} 文件设有密码：请去掉密码后重新保存",
        "the {what} file is password-protected: remove the password and save it again",
    ),
    "reason.damaged": (
        "{what} 文件已损坏或名不副实（{detail}）",
        "the {what} file is damaged or not what it claims to be ({detail})",
    ),
    "reason.too_many_strings": (
        "工作簿含超过 {limit} 段不同的文字，多于一张表应有的（设置 max_shared_strings）",
        "the workbook holds more than {limit} distinct texts, more than a form has (setting max_shared_strings)",
    ),
    "reason.docx_too_many_elements": (
        "文档的段落、表格行和单元格超过 {limit} 个，多于一张表应有的（设置 max_docx_elements）",
        "the document has more than {limit} paragraphs, table rows and cells, more than a form has "
        "(setting max_docx_elements)",
    ),
    "reason.sheet_rows_over": (
        "工作表“{sheet}”太大，不像一张表：超过 {limit} 行（设置 max_sheet_rows、max_sheet_cols、max_sheet_cells）",
        "sheet “{sheet}” is too large for a form: more than {limit} rows "
        "(settings max_sheet_rows, max_sheet_cols, max_sheet_cells)",
    ),
    "reason.sheet_rows": (
        "工作表“{sheet}”太大，不像一张表：{rows} 行，最多 {limit} 行（设置 max_sheet_rows、max_sheet_cols、"
        "max_sheet_cells）",
        "sheet “{sheet}” is too large for a form: {rows} rows, at most {limit} allowed "
        "(settings max_sheet_rows, max_sheet_cols, max_sheet_cells)",
    ),
    "reason.sheet_columns": (
        "工作表“{sheet}”太大，不像一张表：{columns} 列，最多 {limit} 列（设置 max_sheet_rows、max_sheet_cols、"
        "max_sheet_cells）",
        "sheet “{sheet}” is too large for a form: {columns} columns, at most {limit} allowed "
        "(settings max_sheet_rows, max_sheet_cols, max_sheet_cells)",
    ),
    "reason.sheet_column_value": (
        "工作表“{sheet}”太大，不像一张表：第 {column} 列有值，最多 {limit} 列（设置 max_sheet_rows、"
        "max_sheet_cols、max_sheet_cells）",
        "sheet “{sheet}” is too large for a form: a value in column {column}, at most {limit} columns allowed "
        "(settings max_sheet_rows, max_sheet_cols, max_sheet_cells)",
    ),
    "reason.sheet_merges": (
        "工作表“{sheet}”太大，不像一张表：合并区域超过 {limit} 个（设置 max_sheet_merges）",
        "sheet “{sheet}” is too large for a form: more than {limit} merged ranges (setting max_sheet_merges)",
    ),
    "reason.sheet_cells": (
        "工作表“{sheet}”太大，不像一张表：{rows} 行 × {columns} 列，超过 {limit} 个单元格（设置 max_sheet_cells）",
        "sheet “{sheet}” is too large for a form: {rows} rows × {columns} columns, more than {limit} cells "
        "(setting max_sheet_cells)",
    ),
    "reason.sheet_merged_cells": (
        "工作表“{sheet}”太大，不像一张表：合并区域覆盖 {area} 个单元格，超过 {limit} 个（设置 max_sheet_cells）",
        "sheet “{sheet}” is too large for a form: merged ranges covering {area} cells, more than {limit} "
        "(setting max_sheet_cells)",
    ),
    "reason.word_damaged.no_stream": (
        "Word 文件已损坏（缺少 {stream} 流）",
        "the Word file is damaged (its {stream} stream is missing)",
    ),
    "reason.word_damaged.no_header": (
        "Word 文件已损坏（WordDocument 流中没有 Word 文件头）",
        "the Word file is damaged (no Word header in its WordDocument stream)",
    ),
    "reason.word_damaged.header_short": (
        "Word 文件已损坏（文件头太短）",
        "the Word file is damaged (its header is too short)",
    ),
    "reason.word_damaged.header_truncated": (
        "Word 文件已损坏（文件头不完整）",
        "the Word file is damaged (its header is truncated)",
    ),
    "reason.word_damaged.no_piece_table": (
        "Word 文件已损坏（没有文本片段表）",
        "the Word file is damaged (no piece table)",
    ),
    "reason.word_damaged.piece_table_malformed": (
        "Word 文件已损坏（文本片段表格式错误）",
        "the Word file is damaged (its piece table is malformed)",
    ),
    "reason.word_damaged.piece_table_backwards": (
        "Word 文件已损坏（文本片段表顺序颠倒）",
        "the Word file is damaged (its piece table runs backwards)",
    ),
    "reason.word_damaged.chpx_malformed": (
        "Word 文件已损坏（字符属性页格式错误）",
        "the Word file is damaged (a character-properties page is malformed)",
    ),
    "reason.word_damaged.papx_malformed": (
        "Word 文件已损坏（段落属性页格式错误）",
        "the Word file is damaged (a paragraph-properties page is malformed)",
    ),
    "reason.word_damaged.outside_stream": (
        "Word 文件已损坏（某部分指向流之外）",
        "the Word file is damaged (a part points outside its stream)",
    ),
    "reason.word_too_old": (
        "是 Word 6/95 文档，早于 Word 97：请在 Word/WPS 中打开并重新保存",
        "a Word 6/95 document, older than Word 97: open it in Word/WPS and save it again",
    ),
    "reason.word_too_long": (
        "Word 文件声称有 {chars} 个字符，超过允许的 {limit} 个（设置 max_text_chars）",
        "the Word file claims {chars} characters of text, more than the {limit} allowed (setting max_text_chars)",
    ),
    "reason.ole_damaged": (
        "旧版 Office 文件已损坏或不完整（{detail}）",
        "the old Office file is damaged or truncated ({detail})",
    ),
    "reason.ole_not_office": (
        "是 OLE 复合文件，但既不是 Excel 工作簿也不是 Word 文档（PowerPoint、Works 或其他程序的文件）",
        "an OLE compound file that is neither an Excel workbook nor a Word document "
        "(a PowerPoint, Works or other program's file)",
    ),
    "reason.ole_stream_too_large": (
        "旧版 Office 文件声称“{name}”流有 {declared_mb:.0f} MB，而文件只有 {size_mb:.1f} MB（已损坏，或意在耗尽内存）",
        "the old Office file declares a stream “{name}” of {declared_mb:.0f} MB in a file of {size_mb:.1f} MB "
        "(damaged, or built to exhaust memory)",
    ),
    "reason.ole_chain_loop": (
        "旧版 Office 文件已损坏：“{name}”的扇区链自我循环",
        "the old Office file is damaged: the sector chain of “{name}” loops back on itself",
    ),
    "reason.ole_chain_outside": (
        "旧版 Office 文件已损坏：“{name}”指向文件之外",
        "the old Office file is damaged: “{name}” points outside the file",
    ),
    "reason.empty": ("文件是空的", "the file is empty"),
    "reason.binary": (
        "是二进制数据，不是文本导出（请把表另存为 .txt、.docx 或 .xlsx）",
        "binary data, not a text export (save the form as .txt, .docx or .xlsx)",
    ),
    "reason.no_chinese": (
        "没有中文文字：不是表，或编码不是 UTF-8、GB18030、UTF-16",
        "no Chinese text found: not a form, or an encoding other than UTF-8, GB18030 or UTF-16",
    ),
    "reason.unknown_encoding": (
        "文字编码既不是 UTF-8、GB18030，也不是 UTF-16",
        "the text is neither UTF-8, GB18030 nor UTF-16",
    ),
    "reason.bad_encoding": (
        "不是有效的 {encoding} 文字（第 {at} 字节：{detail}）",
        "not valid {encoding} text ({detail} at byte {at})",
    ),
    "reason.pdf_too_many_pages": (
        "PDF 有 {pages} 页，超过一张表最多的 {limit} 页",
        "the PDF has {pages} pages, more than the {limit} a form can have",
    ),
    "reason.pdf_no_text": (
        "没有文字层（扫描件？）——暂不支持文字识别（OCR）",
        "no text layer (scanned?) — OCR is not supported yet",
    ),
    "reason.pdf_no_unicode": (
        "PDF 的文字无法解码（字体没有 Unicode 映射）：暂不支持文字识别（OCR）",
        "the PDF's text cannot be decoded (its fonts carry no Unicode map): OCR is not supported yet",
    ),
    "reason.pdf_stream_too_large": (
        "PDF 的压缩内容解压后超过 {limit_mb} MB（压缩炸弹？设置 max_pdf_stream_mb）",
        "the PDF's compressed contents inflate to more than {limit_mb} MB (a compression bomb?; setting "
        "max_pdf_stream_mb)",
    ),
    "ingest.added": ("已导入 {source}（{indicators} 条指标）", "added {source} ({indicators} indicators)"),
    "ingest.present": ("已在库中 {source}", "already present {source}"),
    "ingest.error": ("未导入 {source}：{reason}", "error {source}: {reason}"),
    "warning.second_unit": ("表中出现另一单位名称：{unit}", "another unit named: {unit}"),
    "warning.placeholder.goal": (
        "项目绩效目标未填写（{text}）",
        "project goal left as template text ({text})",
    ),
    "warning.placeholder.name": (
        "指标名称“{label}”中有未填写的模板占位符，已去除",
        "indicator “{label}”: an unfilled template slot was removed from its name",
    ),
    "warning.placeholder.value": (
        "{label}：指标值“{value}”中有未填写的模板占位符，已去除",
        "{label}: an unfilled template slot was removed from the value “{value}”",
    ),
    "warning.placeholder.unfilled": (
        "{label}：{value} — 指标值是未填写的模板占位符",
        "{label}: {value} — the value is an unfilled template placeholder",
    ),
    "warning.implicit_operator": (
        "{label}：{value} — 指标值未写运算符号，按“=”读取",
        "{label}: {value} — no operator written, read as '='",
    ),
    "warning.junk_unit": (
        "{label}：{value} — 数字后所跟文字不是计量单位",
        "{label}: {value} — the text after the number is not a unit",
    ),
    "warning.range": (
        "{label}：{value} — 指标值是区间，取第一个界值",
        "{label}: {value} — a range: the first bound was read",
    ),
    "warning.operator_conflict": (
        "{label}：{value} — 运算符列与指标值不一致，以运算符列为准",
        "{label}: {value} — the operator column and the value disagree; the operator column wins",
    ),
    "warning.overflow": (
        "{label}：{value} — 数值过大，无法读取",
        "{label}: {value} — the number is too large to read",
    ),
    "warning.missing_name": ("指标{seq}缺少三级指标名称", "indicator {seq} has no name"),
    "warning.taxonomy_remapped": (
        "“{name}”按现行分类由{heading}归入{level1}",
        "“{name}” moved from {heading} to {level1} (today's taxonomy)",
    ),
    "warning.unit_suspect": ("金额单位与数额不符", "the money unit contradicts the figures"),
    "warning.unit_suspect.read_as_yuan": (
        "单位存疑：表上写“{stated}”，但最大数额 {largest:g} 万元不合常理，已按元折算为 {as_wan:.4g} 万元",
        "Unit suspect: the form says {stated}, but {largest:g} (10k yuan) is implausible; read as yuan ({as_wan:.4g} 10k yuan)",
    ),
    "warning.unit_suspect.read_as_wan": (
        "单位存疑：表上写“{stated}”，但最大数额 {largest:g} 元仅合 {as_wan:.4g} 万元，不合常理，已按万元读取",
        "Unit suspect: the form says {stated}, but {largest:g} yuan would be only {as_wan:.4g} 10k yuan; read as 10k yuan",
    ),
    "warning.unit_suspect.project_read_as_yuan": (
        "项目“{project}”：单位存疑：表上写“{stated}”，但最大数额 {largest:g} 万元不合常理，已按元折算为 {as_wan:.4g} 万元",
        "project “{project}”: unit suspect: the form says {stated}, but {largest:g} (10k yuan) is implausible; "
        "read as yuan ({as_wan:.4g} 10k yuan)",
    ),
    "warning.unit_suspect.project_read_as_wan": (
        "项目“{project}”：单位存疑：表上写“{stated}”，但最大数额 {largest:g} 元仅合 {as_wan:.4g} 万元，不合常理，已按万元读取",
        "project “{project}”: unit suspect: the form says {stated}, but {largest:g} yuan would be only "
        "{as_wan:.4g} 10k yuan; read as 10k yuan",
    ),
    "warning.text_cleaned": (
        "已删除控制字符或文字方向控制符：{chars}",
        "removed control or bidi characters: {chars}",
    ),
    "warning.unparsed": (
        "{count}段文字未能归入任何字段，见“未识别文字”",
        "{count} pieces of text could not be placed (see Unplaced text)",
    ),
    "warning.script_converted": (
        "文本为繁体字，已按简体识读；名称与指标值保留原文",
        "the text is in traditional characters: read on its simplified form, names and values kept as written",
    ),
    "warning.truncated": ("文本在指标表中途结束，已读到此处", "the text stops inside the indicator table"),
    "warning.fused_ambiguous": (
        "连排文字“{name}”中含数量，无法确定指标的分界，未取指标值",
        "the run-together text “{name}” holds a quantity, so where one indicator ends is unclear: no target taken",
    ),
    "warning.correction_unmatched": (
        "人工更正未能应用：第{seq}行已不存在（{field}）",
        "correction not applied: row {seq} ({field}) not found",
    ),
    # export speed (issue 14): a sheet longer than Excel allows
    "overview.rows_cut": (
        "工作表“{sheet}”超出Excel的行数上限，只列出前 {shown} 行（共 {total} 行）",
        "sheet “{sheet}” is longer than Excel allows: the first {shown} of {total} rows are listed",
    ),
}


def display_width(text: str) -> int:
    """Columns a text takes on screen or in a spreadsheet: a CJK character is twice as wide as a Latin one."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def has(key: str) -> bool:
    return key in CATALOGUE


def t(key: str, lang: str, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (Chinese unless ``en``), with ``fmt`` filled in."""
    zh, en = CATALOGUE[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def coded_text(prefix: str, code: str, params: dict[str, object], lang: str, fallback: str = "") -> str:
    """The words for a reader's coded message (``reason.<code>`` of a FormError, ``warning.<code>``
    of a form's warning), with its parameters filled in; a ``variant`` parameter picks a wording
    (``warning.placeholder.goal``) and a ``ref`` parameter is a source reference (:func:`source_ref`).
    ``fallback`` (a stored warning's own message) when the catalogue cannot say it."""
    variant = params.get("variant")
    key = f"{prefix}.{code}.{variant}" if variant else f"{prefix}.{code}"
    if key not in CATALOGUE:
        return fallback or code
    filled = {**params, "ref": source_ref(params["ref"], lang)} if "ref" in params else params
    zh, en = CATALOGUE[key]
    try:
        return (en if lang == "en" else zh).format(**filled)
    except (KeyError, IndexError, ValueError):  # a stored warning from before its parameters existed
        return fallback or code


def label(prefix: str, value: object, lang: str) -> str:
    """The name of a coded value (``grade``, ``severity``, ``kind``, ``finding``, ``flag``), else the value."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in CATALOGUE else str(value)


_REF_PART = re.compile(r"\b(lines|line|cell|page|row|table|paragraph) (\d+(?:-\d+)?)")


def source_ref(ref: object, lang: str) -> str:
    """Where a piece of a form was read, as the readers record it (``line 9 cell 7``, ``page 2 line 4``,
    ``Sheet1!B3``), in ``lang``: 第9行第7格 / line 9 cell 7. Parts it does not know stay as they are."""
    if not isinstance(ref, str):
        return ""
    parts = _REF_PART.findall(ref)
    if not parts or _REF_PART.sub("", ref).strip():
        return ref
    joiner = "" if lang == DEFAULT_LANG else " "
    return joiner.join(t(f"ref.{word}", lang, n=number.replace("-", "–")) for word, number in parts)


def term(value: object, lang: str) -> str:
    """A word of the forms' vocabulary (levels, kinds, stages) in ``lang``; other text unchanged."""
    return label("term", value, lang)


MONEY_FIELDS = frozenset(
    {"budget_total", "budget_basic", "budget_project", "budget_other", "budget", "per_indicator", "total"}
)
"""Columns in 万元: two decimals (and the accounting format in the pages' tables)."""
SHARE_FIELDS = frozenset(
    {"boilerplate_share", "carry_share", "share", "poor_share", "median_share", "max_share"}
)
"""Columns holding a share between 0 and 1: shown as a percentage."""
SCORE_FIELDS = frozenset({"score", "score_before_review", "median_score", *DIMENSIONS, "ratio"})
"""Columns on a 0–100 scale (scores, similarity ratios): one decimal."""


def display(field: str, value: object, lang: str) -> str:
    """A stored value as text for a headline table: money with two decimals, shares as %, codes named."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return t(f"bool.{str(value).lower()}", lang)
    if field in MONEY_FIELDS:
        return f"{float(value):,.2f}"
    if field in SHARE_FIELDS:
        return f"{float(value):.0%}"
    if field in SCORE_FIELDS:
        return f"{float(value):.1f}"
    if field == "year" or field.endswith("_count"):
        return f"{int(value)}"
    if field == "grade":
        return label("grade", value, lang)
    if field == "form_kind":
        return label("kind", value, lang)
    return term(value, lang)
