"""A bounded fuzz run over the readers: mutated real files must read or fail with FormError.

Mutations of the bundled samples and of one synthetic form per web family (bytes flipped, lines
dropped, duplicated or swapped, tabs and operators sprinkled in, truncation), and of their generated .docx/.xlsx renditions (bytes
overwritten, dropped or cut), drive every reader through the dispatcher. Any input that
ever broke a reader is kept in REGRESSIONS below and replayed here.
Set ``TARGETLENS_FUZZ_EXAMPLES`` to run longer locally.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.demo.generate import generate
from lib.demo.office import blocks_of, docx_bytes, xlsx_bytes
from lib.demo.params import WILD_LAYOUTS, CorpusParams
from lib.demo.render import render
from lib.errors import FormError
from lib.readers import parse_bytes

ROOT = Path(__file__).resolve().parent
SEEDS = [p.read_bytes() for p in sorted((ROOT.parent / "data" / "samples").glob("*.txt"))]
WILD = [layout for layout, _ in WILD_LAYOUTS]


@cache
def wild_file(layout: str) -> tuple[bytes, str]:
    """One synthetic form of a family copied from web pages (pipe, space, one per line, fused, …):
    (bytes, suffix). Built when a test first needs it, not when the tests are collected."""
    return render(generate(1, seed=7, settings=CorpusParams(layouts=((layout, 1.0),)))[0])


@cache
def text_seeds() -> list[bytes]:
    return SEEDS + [data for data, suffix in map(wild_file, WILD) if suffix == ".txt"]


@cache
def office_seeds() -> list[bytes]:
    """Generated .docx/.xlsx renditions of four samples and the web families' Office files."""
    return (
        [docx_bytes(blocks_of(seed.decode("utf-8"))) for seed in SEEDS[:2]]
        + [xlsx_bytes({"表": blocks_of(seed.decode("utf-8"))}) for seed in SEEDS[2:4]]
        + [data for data, suffix in map(wild_file, WILD) if suffix != ".txt"]
    )


_TABLE = (
    "绩效指标\t一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释\t评（扣）分标准\t备注\n"
)
# Inputs that once broke a reader, kept as they were found (add new finds here).
REGRESSIONS: dict[str, bytes] = {
    # refused as truncated: a tab-rows table followed directly by a 填表日期 line
    "table_then_filled_on.txt": (
        "部门（单位）整体支出绩效目标表\n\n2024 年度\n\n甲县乙镇人民政府\n"
        + _TABLE
        + "产出指标\t数量指标\t\t巡查次数\t≥\t12\t次\t\t得2分\t\n\n填表日期：2023.12.01\n"
    ).encode(),
    # a qualitative name (按时完成) read as the target of its row
    "qualitative_name.txt": (
        "\t部门名称\n\t甲县乙镇人民政府\n\n\t绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t说明\n\n"
        "\t\n\t产出指标\n\t时效指标\n\t按时完成\n\t≥90%\n\t按时完成\n"
    ).encode(),
    "header_only.txt": ("甲县乙镇人民政府\n" + _TABLE).encode(),
    "utf16_odd_length.txt": "\t部门名称\n\t甲县乙镇人民政府\n".encode("utf-16-le")[:-1],
}
EXAMPLES = int(os.environ.get("TARGETLENS_FUZZ_EXAMPLES", "300"))
NOISE = [
    "\t",
    "\n",
    "\n\n",
    "≥",
    "<=",
    "%",
    "指标1:",
    "一级指标",
    "产出指标",
    "元",
    "万元",
    "**",
    "<p>",
    "\x00",
    "\ufeff",
]


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        forms = parse_bytes(data, name)
    except FormError as error:
        assert error.reason and str(error).startswith(f"{name}: ")
        return
    assert forms


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(text_seeds())).split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "swap", "noise", "flip", "cut"]))
        if action == "drop":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "noise":
            lines[at] += draw(st.sampled_from(NOISE)).encode("utf-8")
        elif action == "flip" and lines[at]:
            byte = draw(st.integers(0, len(lines[at]) - 1))
            lines[at] = (
                lines[at][:byte]
                + bytes([lines[at][byte] ^ draw(st.integers(1, 255))])
                + lines[at][byte + 1 :]
            )
        elif action == "cut":
            lines = lines[:at]
    return b"\n".join(lines)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_samples_read_or_fail_cleanly(data: bytes) -> None:
    read_or_refuse(data, "mutated.txt")


@st.composite
def mutated_office(draw: st.DrawFn) -> bytes:
    """A generated .docx/.xlsx with bytes overwritten, dropped or cut (inside the zip's entries too)."""
    data = bytearray(draw(st.sampled_from(office_seeds())))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["overwrite", "drop", "cut"]))
        if action == "overwrite":
            data[at] = draw(st.integers(0, 255))
        elif action == "drop":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            del data[at:]
        if not data:
            break
    return bytes(data)


@settings(
    max_examples=EXAMPLES // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_office())
def test_mutated_office_files_read_or_fail_cleanly(data: bytes) -> None:
    read_or_refuse(data, "mutated.docx")


@pytest.mark.parametrize("layout", WILD)
def test_the_web_families_read_or_fail_cleanly(layout: str) -> None:
    data, suffix = wild_file(layout)
    read_or_refuse(data, f"{layout}{suffix}")


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_kept_regressions(name: str) -> None:
    read_or_refuse(REGRESSIONS[name], name)


def test_the_regressions_read_as_they_should_now() -> None:
    [form] = parse_bytes(REGRESSIONS["table_then_filled_on.txt"], "x.txt")
    assert form.filled_on == "2023-12-01" and form.indicators[0].target == 12
    [form] = parse_bytes(REGRESSIONS["qualitative_name.txt"], "x.txt")
    assert (form.indicators[0].name, form.indicators[0].target) == ("按时完成", 90)
