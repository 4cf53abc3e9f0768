"""Small valid forms built by code, for tests that need a form but not a parser."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lib.model import Budget, Extra, Form, Indicator, Note, Points, Project, Warning


def make_form(**overrides: Any) -> Form:
    """A two-project department form with four indicators; keyword arguments replace fields."""
    form = Form(
        form_id="0123456789abcdef",
        source="测试镇_2024.txt",
        format="txt",
        layout="cell-per-line",
        unit_name="测试县测试镇人民政府",
        unit_code="483001",
        county="测试县",
        township="测试镇",
        year=2024,
        form_kind="department",
        stage="批复",
        filled_on="2023-12-19",
        budget=Budget(
            unit_raw="元",
            total=2887.86941,
            basic=1581.34671,
            project=1306.5227,
            other=0.0,
            unit_suspect=True,
            sources={"财政拨款": 2887.86941},
        ),
        functions=["贯彻执行党和国家各项方针、政策", "搞好城镇规划建设"],
        goals=["完成村级垃圾清运"],
        projects=[
            Project(
                code="13022923P00JXC415564L",
                name="村级垃圾清运",
                budget=21.98,
                goal="清运垃圾",
                sources={"财政资金": 21.98},
            ),
            Project(name="道路维护"),
        ],
        indicators=[
            Indicator(
                1,
                "垃圾清运量",
                "≥10000吨",
                group="完成村级垃圾清运",
                level1="产出指标",
                level2="数量指标",
                operator="≥",
                target=10000.0,
                unit="吨",
                kind="定量",
                source_ref="line 40",
            ),
            Indicator(
                2,
                "其中：焚烧量",
                "≥2000吨",
                level1="产出指标",
                level1_inferred=True,
                level2="数量指标",
                operator="≥",
                target=2000.0,
                unit="吨",
                kind="定量",
                parent_seq=1,
                source_ref="line 41",
            ),
            Indicator(
                3,
                "环境改善",
                "效果明显",
                level1="效益指标",
                level2="生态效益指标",
                kind="定性",
                operator="定性",
                direction="正向",
                source_ref="line 42",
            ),
            Indicator(
                4,
                "群众满意度",
                "95",
                level1="满意度指标",
                level2="服务对象满意度指标",
                operator="=",
                operator_implicit=True,
                target=95.0,
                kind="定量",
                weight=10.0,
                actual_raw="96",
                points=Points(full=10.0, got=8.0),
                source_ref="line 43",
            ),
        ],
        extra=[Extra("联系人", "张三", "line 3")],
        unparsed=[Note("line 50", "备注：无")],
        warnings=[Warning("unit_suspect", "预算单位写作元，但数额像万元", "line 5")],
    )
    return replace(form, **overrides)
