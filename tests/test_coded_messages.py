"""Why a file was refused (FormError) and what a reader noticed (warnings) are codes with
parameters; their words come from the catalogue, in Chinese and in English.

The first test reads the source of ``lib/`` for every ``FormError(source, "code", …)`` and every
``form.warn("code", …)``, so a new code without its catalogue entries fails here, before a user
sees a bare code.
"""

from __future__ import annotations

import ast
import importlib
import pickle
import re
from pathlib import Path

import pytest

from lib.errors import FormError
from lib.i18n import CATALOGUE
from lib.model import Form
from lib.normalize.money import normalise_amounts
from lib.readers import parse_bytes
from lib.readers.indicators import VALUE_WARNINGS

LIB = Path(__file__).resolve().parent.parent / "lib"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Codes given by a variable rather than written at the call: what the variable can hold.
DYNAMIC_WARNINGS = {"issue": sorted(VALUE_WARNINGS)}
UNIT_SUSPECT_VARIANTS = ("read_as_yuan", "read_as_wan", "project_read_as_yuan", "project_read_as_wan")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(LIB.parent).with_suffix("").parts).removesuffix(".__init__")


def _code(node: ast.expr, module: str) -> list[str]:
    """The codes an argument can hold: a literal, a module constant, or a known variable."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in DYNAMIC_WARNINGS:
        return DYNAMIC_WARNINGS[node.id]
    if isinstance(node, ast.Name):
        value = getattr(importlib.import_module(module), node.id, None)
        if isinstance(value, str):
            return [value]
    raise AssertionError(
        f"{module}: a code that is neither a literal nor a known constant: {ast.unparse(node)}"
    )


def _keys_used() -> set[str]:
    """Every catalogue key a FormError or a warning in lib/ can ask for."""
    keys: set[str] = set()
    for path in sorted(set(LIB.rglob("*.py")) - {LIB / "errors.py"}):  # errors.py only rebuilds one
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "FormError" and len(node.args) >= 2:
                prefix, code_arg = "reason", node.args[1]
            elif isinstance(func, ast.Attribute) and func.attr == "warn" and node.args:
                prefix, code_arg = "warning", node.args[0]
            else:
                continue
            variants = [
                k.value.value
                for k in node.keywords
                if k.arg == "variant" and isinstance(k.value, ast.Constant)
            ]
            for code in _code(code_arg, module):
                if code == "unit_suspect":
                    keys |= {f"warning.unit_suspect.{variant}" for variant in UNIT_SUSPECT_VARIANTS}
                keys |= {f"{prefix}.{code}.{v}" for v in variants} or {f"{prefix}.{code}"}
    return keys


def test_every_code_raised_or_warned_in_lib_has_chinese_and_english_words() -> None:
    keys = _keys_used()
    assert len({k for k in keys if k.startswith("reason.")}) > 30 and len(keys) > 50  # the scan found them
    missing = sorted(k for k in keys if k not in CATALOGUE)
    assert not missing, f"codes without catalogue entries: {missing}"
    for key in keys:
        zh, en = CATALOGUE[key]
        assert CJK.search(zh), f"{key}: the Chinese text has no Chinese"
        assert zh != en and en.strip(), key


def test_every_coded_entry_in_the_catalogue_is_used() -> None:
    used = _keys_used() | {"warning.unit_suspect"}  # the plain one: a reading with nothing to say
    unused = sorted(k for k in CATALOGUE if k.split(".")[0] in ("reason", "warning") and k not in used)
    assert not unused, f"catalogue entries no reader uses: {unused}"


def test_a_refusal_is_said_in_the_language_asked_and_names_the_file() -> None:
    with pytest.raises(FormError) as caught:
        parse_bytes(b"", "empty.txt")
    error = caught.value
    assert (error.code, error.params) == ("empty", {})
    assert error.text("zh") == "文件是空的" and error.text("en") == "the file is empty"
    assert str(error) == "empty.txt: the file is empty"


def test_a_refusal_crosses_a_process_boundary_whole() -> None:
    error = FormError("big.xlsx", "sheet_rows", sheet="表1", rows=90000, limit=5000)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.source, copy.code, copy.params) == (error.source, error.code, error.params)
    assert "90000" in copy.text("zh") and "表1" in copy.text("en")


def test_a_warning_keeps_its_code_and_parameters_and_reads_in_either_language() -> None:
    form = Form(form_id="f", source="x.txt", format="txt", layout="table")
    form.warn("missing_name", source_ref="line 9 cell 7", seq=3)
    [warning] = form.warnings
    assert warning.params == {"seq": 3}
    assert warning.message == warning.text("zh") == "指标3缺少三级指标名称"
    assert warning.text("en") == "indicator 3 has no name"
    stored = Form.from_dict(form.to_dict())
    assert stored.warnings[0].text("en") == "indicator 3 has no name"
    assert form.to_dict()["warnings"][0] == {
        "code": "missing_name",
        "message": "指标3缺少三级指标名称",
        "source_ref": "line 9 cell 7",
        "params": {"seq": 3},
    }


def test_a_warning_stored_before_parameters_existed_says_its_own_message() -> None:
    old = Form.from_dict(
        {"form_id": "f", "source": "x", "format": "txt", "layout": "table",
         "warnings": [{"code": "missing_name", "message": "指标3缺少三级指标名称 / no indicator name"}]}
    )  # fmt: skip
    assert old.warnings[0].text("en") == "指标3缺少三级指标名称 / no indicator name"


def test_a_source_reference_in_a_reason_is_said_in_the_language_asked() -> None:
    error = FormError("x.txt", "truncated_row", ref="line 9 cell 7")
    assert "第9行第7格" in error.text("zh") and "line 9 cell 7" in error.text("en")


def test_an_old_call_with_a_message_fails_loudly() -> None:
    form = Form(form_id="f", source="x.txt", format="txt", layout="table")
    with pytest.raises(TypeError):
        form.warn("placeholder", "指标值是未填写的模板占位符 / an unfilled placeholder")  # type: ignore[misc]


def test_the_unit_suspect_warning_says_the_figures_in_either_language() -> None:
    reading = normalise_amounts({"total": 2887.86941}, "元")
    form = Form(form_id="f", source="x.txt", format="txt", layout="table")
    form.warn("unit_suspect", **reading.warning("乙项目"))
    [warning] = form.warnings
    assert "项目“乙项目”" in warning.text("zh") and "2887.87" in warning.text("zh")
    assert "乙项目" in warning.text("en") and "read as 10k yuan" in warning.text("en")
