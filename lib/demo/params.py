"""The synthetic corpus's parameters: proportions, ranges and vocabulary, kept apart from the
quality engine's thresholds so the detector is measured on data it was not tuned on.

Change these, not the detector, to make a different corpus; and never tune the two in the
same change.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKER = "合成示例"  # stands in every file the generator writes, and in every unit's name

READ_LAYOUTS: tuple[tuple[str, float], ...] = (
    ("cell-per-line", 0.27),
    ("tab-rows", 0.22),
    ("narrative", 0.08),
    ("docx", 0.15),
    ("xlsx", 0.15),
    ("csv", 0.07),
    ("flat-csv", 0.06),
)
"""The layouts of the bundled samples and their Office renditions (with weights): today's reader reads them."""
WILD_LAYOUTS: tuple[tuple[str, float], ...] = (
    ("web-page", 0.05),
    ("pipe-rows", 0.05),
    ("space-rows", 0.05),
    ("value-per-line", 0.04),
    ("fused", 0.03),
    ("traditional", 0.04),
    ("notice", 0.04),
    ("xlsx-lines", 0.03),
    ("docx-lines", 0.03),
)
"""The families of forms copied from public web pages (lib.demo.render says what each looks like).
Only those the reader reads back as generated are in the default mix (READ_WILD, issue 11); ask
for all of them with ``CorpusParams(layouts=READ_LAYOUTS + WILD_LAYOUTS)`` or
``python -m lib demo --wild``."""
READ_WILD = ("traditional", "web-page", "space-rows", "value-per-line", "xlsx-lines", "docx-lines")
"""Web families read back as generated (``tests/test_demo.py``): they join the default mix. The
others are read, but not yet exactly as generated: pipe rows whose name is a 定性 phrase
(按时完成 | ≥90%) lose the name to the value, fused rows split where the split is ambiguous, and
a notice's manifest lists its indicators in another order than its sentences."""
DEFAULT_LAYOUTS = READ_LAYOUTS + tuple((name, weight) for name, weight in WILD_LAYOUTS if name in READ_WILD)


@dataclass(frozen=True)
class CorpusParams:
    years: tuple[int, ...] = (2022, 2023, 2024)
    counties: int = 8
    indicators: tuple[int, int] = (20, 120)
    budget_wan: tuple[float, float] = (300.0, 5000.0)
    basic_share: tuple[float, float] = (0.35, 0.8)
    # planted problems: the share of forms that carry each
    template_share: float = 0.10
    copied_block_share: float = 0.15
    copied_block_rows: tuple[int, int] = (6, 12)
    copied_edit_share: float = 0.3  # of the copied rows, the share with one character changed
    vague_share: float = 0.15
    vague_rows: float = 0.4  # in a vague form, the share of rows whose target is 定性 or vague
    missing_category_share: float = 0.12
    broken_arithmetic_share: float = 0.08
    unit_mislabelled_share: float = 0.06  # figures in 万元 under a 元 label
    carried_over_share: float = 0.15  # forms that repeat their unit's previous year but for the year
    yuan_share: float = 0.3  # forms whose money is written in 元 (correctly)
    signal_share: float = 0.5  # forms that carry rows a reviewer would query (SIGNAL_ROWS)
    signals_per_form: tuple[int, int] = (2, 6)
    # how the files are written (weights): the layouts the reader reads back as generated
    layouts: tuple[tuple[str, float], ...] = DEFAULT_LAYOUTS


COUNTY_STEMS = (
    "云岭",
    "青岚",
    "墨川",
    "松洮",
    "苇塘",
    "栖霞",
    "砚溪",
    "桐岗",
    "榆渚",
    "蘅皋",
    "鸥汀",
    "枫隰",
)
# Towns are three invented characters (one name per unit across the whole corpus, as real
# townships rarely share names); the 合成 prefix of every county marks them synthetic.
TOWN_FIRST = "青白柳杏石棠芦枣竹菱桂梅藕荻橘杉槐苍麦葵"
TOWN_SECOND = "石沙湾林门梨荡岭坞塘坪岙池港洲湖市梧垄坡"
TOWN_THIRD = "溪岗坝渚畈埠桥口铺垸"
VILLAGES = ("上庄", "下湾", "前岭", "后坝", "东岗", "西畈", "南坳", "北垸")

# Specific indicators a township would write: (level 2, name template, unit, operator, low, high)
# {town} and {village} are filled with the unit's own names, which makes the wording its own.
SPECIFIC_ROWS: tuple[tuple[str, str, str, str, float, float], ...] = (
    ("数量指标", "{town}镇{village}村农村公路日常养护里程", "公里", "≥", 5, 80),
    ("数量指标", "{town}镇开展安全生产执法检查次数", "次", "≥", 24, 240),
    ("数量指标", "{village}村森林防火宣传资料印发数量", "份", "≥", 500, 20000),
    ("数量指标", "{town}镇人民调解员培训人数", "人", "=", 10, 60),
    ("数量指标", "{town}镇动物防疫涵盖村数量", "个", "=", 5, 30),
    ("数量指标", "{village}村林下可燃物清理面积", "亩", "≥", 50, 800),
    ("数量指标", "{town}镇禁毒宣传活动场次", "场", "≥", 4, 48),
    ("数量指标", "{village}村生活垃圾清运量", "吨", "≥", 100, 3000),
    ("数量指标", "{town}镇河长制巡河次数", "次", "≥", 12, 365),
    ("质量指标", "{town}镇纠纷调解成功率", "%", "≥", 85, 99),
    ("质量指标", "{village}村重大动物疫病免疫密度", "%", "≥", 90, 100),
    ("质量指标", "{town}镇基础设施维护完成率", "%", "≥", 80, 98),
    ("质量指标", "{village}村农村改厕验收合格率", "%", "≥", 85, 99),
    ("时效指标", "{town}镇防汛物资储备完成时间", "", "date", 4, 6),
    ("时效指标", "{village}村危房改造竣工时间", "", "date", 9, 12),
    ("经济效益指标", "{village}村集体经济经营性收入", "万元", "≥", 5, 60),
    ("经济效益指标", "{town}镇特色种植带动农户增收", "元/户", "≥", 300, 2000),
    ("社会效益指标", "{town}镇较大及以上安全生产事故起数", "起", "=", 0, 0),
    ("社会效益指标", "{village}村刑事案件发案数下降率", "%", "≥", 3, 15),
    ("生态效益指标", "{village}村生活垃圾无害化处理率", "%", "≥", 85, 99),
    ("生态效益指标", "{town}镇森林覆盖率", "%", "≥", 40, 75),
    ("可持续影响指标", "{town}镇长效管护机制覆盖村数", "个", "=", 5, 30),
    ("服务对象满意度指标", "{town}镇群众对综治工作满意度", "%", "≥", 85, 95),
    ("服务对象满意度指标", "{village}村村民对人居环境整治满意度", "%", "≥", 85, 95),
    ("经济成本指标", "{town}镇单位整体支出控制数", "万元", "≤", 0, 0),
)
# Rows every unit writes alike: standard vocabulary, not copying.
STANDARD_ROWS: tuple[tuple[str, str, str, str, float, float], ...] = (
    ("服务对象满意度指标", "社会公众满意度", "%", "≥", 90, 90),
    ("时效指标", "工作完成及时率", "%", "=", 100, 100),
)
# What a template-filled form is made of (the textbook boilerplate of the real forms), with what
# a reviewer would query in each row besides the template itself: a percentage on a name that is
# no rate, a cost that is not money.
TEMPLATE_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("数量指标", "资金按时拨付", ("pseudo_quantified",)),
    ("质量指标", "工作顺利开展", ("pseudo_quantified",)),
    ("时效指标", "按时完成", ("pseudo_quantified",)),
    ("成本指标", "按成本控制", ("pseudo_quantified", "cost_not_money")),
    ("经济效益指标", "促进乡镇经济发展", ("pseudo_quantified",)),
    ("社会效益指标", "保障社会稳定发展", ("pseudo_quantified",)),
    ("生态效益指标", "促进乡镇生态环境改善", ("pseudo_quantified",)),
    ("可持续影响指标", "促进乡镇各方面均衡发展", ("pseudo_quantified",)),
    ("服务对象满意度指标", "乡镇群众满意度", ()),
)
# Rows a reviewer would query, one kind per rule of the second edition: (rule code, level 2,
# name template, value template, description or ""). {village} is one of the unit's villages,
# {other} another town of the same county, {n} a number. The names are short stock wording
# (under the copy detector's 10 characters) unless they name a place, so that units writing the
# same defect are not mistaken for units copying each other.
SIGNAL_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("pseudo_quantified", "质量指标", "政策宣传家喻户晓", "≥{n}%", ""),
    ("pseudo_quantified", "数量指标", "履行法定职责", "=100%", ""),
    ("pseudo_quantified", "质量指标", "民生实事办理到位", "≥{n}%", ""),
    ("satisfaction_at_100", "服务对象满意度指标", "道路养护满意度", "=100%", ""),
    ("satisfaction_at_100", "服务对象满意度指标", "便民服务满意度", "100%", ""),
    ("staff_satisfaction", "服务对象满意度指标", "机关干部满意度", "≥{n}%", ""),
    ("staff_satisfaction", "服务对象满意度指标", "村两委成员满意度", "≥{n}%", ""),
    ("cost_not_money", "经济成本指标", "办公用房维修面积", "≤{n}平方米", ""),
    ("timeliness_without_time", "时效指标", "改厕工程验收合格率", "≥{n}%", ""),
    ("count_misfiled", "质量指标", "应急演练开展次数", "≥{n}次", ""),
    ("count_misfiled", "社会效益指标", "政策宣讲场次", "≥{n}场", ""),
    ("past_tense_target", "数量指标", "签订了{n}份合同", "{n}份", ""),
    ("past_tense_target", "数量指标", "已建成{n}个网点", "{n}个", ""),
    ("other_township_name", "数量指标", "{other}镇{village}村道路巡查次数", "≥{n}次", ""),
    ("stock_phrase_inside", "质量指标", "资金按时拨付到位率", "≥{n}%", ""),
    ("stock_phrase_inside", "质量指标", "日常办公正常运转率", "≥{n}%", ""),
    (
        "target_contradicts_scoring",
        "质量指标",
        "隐患整改完成率",
        "≥{n}%",
        "整改完成率达到100%得满分，每低1%扣0.5分",
    ),
    ("outdated_term", "社会效益指标", "脱贫攻坚巩固户数", "≥{n}户", ""),
    ("outdated_term", "数量指标", "四项手术落实例数", "≥{n}例", ""),
    ("count_without_unit", "数量指标", "综治宣传覆盖人数", "≥{n}000", ""),
    ("bundled_activities", "数量指标", "防汛、防火、禁毒宣传", "≥{n}次", ""),
    ("input_as_output", "数量指标", "在职人员数", "={n}人", ""),
    ("input_as_output", "数量指标", "发放补贴资金", "≥{n}万元", ""),
    ("satisfaction_as_benefit", "社会效益指标", "村容村貌满意度", "≥{n}%", ""),
)
# The rule each planted kind of row is truth for, and the layouts it cannot be read from.
SIGNALS_NEED_DESCRIPTION = ("target_contradicts_scoring",)
LAYOUTS_WITHOUT_DESCRIPTION = ("flat-csv", "pipe-rows", "space-rows", "value-per-line", "fused", "notice")
TEMPLATE_VALUE = "≥90百分百"
VAGUE_VALUES = ("效果明显", "持续推动", "明显提升", "进一步提高", "稳步提升")
FUNCTIONS = (
    "贯彻执行党和国家各项方针政策，落实上级党委、政府的决策部署",
    "制定并组织实施本镇经济和社会发展规划，促进产业结构调整",
    "负责辖区安全生产、森林防火、防汛抗旱等应急管理工作",
    "负责农村人居环境整治、基础设施建设与管护",
    "负责社会治安综合治理、矛盾纠纷排查调处和信访维稳",
    "负责教育、卫生、民政、社会保障等公共服务工作",
)
