"""Forms for the quality tests, built by code from compact rows (level 2, name, value)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from lib.demo.generate import indicator as stated_indicator
from lib.model import Budget, Form, Indicator

Row = tuple[str, str, str]  # (level 2, name, value as written)

GOOD_ROWS: list[Row] = [
    ("数量指标", "农村公路日常养护里程", "≥126公里"),
    ("数量指标", "开展安全生产执法检查次数", "≥200次"),
    ("数量指标", "完成林下可燃物清理面积", "≥400亩"),
    ("数量指标", "人民调解员培训人数", "20人"),
    ("质量指标", "纠纷调解成功率", "≥98%"),
    ("质量指标", "重大动物疫病免疫密度", "≥95%"),
    ("时效指标", "防汛物资储备完成时间", "2024年5月31日前"),
    ("经济效益指标", "柑橘产业带动农户增收", "≥800元/户"),
    ("社会效益指标", "辖区较大及以上安全事故起数", "0起"),
    ("生态效益指标", "农村生活垃圾无害化处理率", "≥90%"),
    ("服务对象满意度指标", "辖区群众对综治工作满意度", "≥92%"),
    ("经济成本指标", "单位整体支出控制数", "≤2887.87万元"),
]

TEMPLATE_ROWS: list[Row] = [
    ("数量指标", "资金按时拨付", "≥90百分百"),
    ("质量指标", "按成本控制", "≥90百分百"),
    ("经济效益指标", "促进乡镇经济发展", "≥90百分百"),
    ("社会效益指标", "保障社会稳定发展", "≥90百分百"),
    ("服务对象满意度指标", "乡镇群众满意度", "≥90百分百"),
]


def indicator(seq: int, row: Row, description: str | None = None) -> Indicator:
    level2, name, raw = row
    return replace(stated_indicator(level2, name, raw, description, seq), source_ref=f"line {seq}")


def form_from_rows(
    rows: list[Row],
    unit: str = "示例县甲镇人民政府",
    year: int = 2024,
    total: float | None = 2887.87,
    descriptions: list[str | None] | None = None,
) -> Form:
    """A department form holding these rows; its form_id is derived from its content."""
    descriptions = descriptions or [None] * len(rows)
    indicators = [indicator(n, row, d) for n, (row, d) in enumerate(zip(rows, descriptions, strict=True), 1)]
    digest = hashlib.sha256(repr((unit, year, rows, descriptions)).encode()).hexdigest()[:16]
    budget = Budget(
        "万元",
        total,
        None if total is None else round(total * 0.6, 2),
        None if total is None else round(total * 0.4, 2),
        0.0 if total is not None else None,
    )
    return Form(
        form_id=digest,
        source=f"{unit}{year}.txt",
        format="txt",
        layout="test",
        unit_name=unit,
        county=unit[:3],
        township=unit[3:6],
        year=year,
        form_kind="department",
        budget=budget,
        goals=["加强安全生产监管，做好森林防火和防汛工作"],
        indicators=indicators,
    )
