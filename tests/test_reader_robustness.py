"""The reader returns a form or raises the project's own clear error, whatever it is fed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.errors import FormError
from lib.model import Form
from lib.readers import parse_bytes, parse_file
from lib.samples import sample_file, sample_files

SEEDS = [p.read_bytes() for p in sample_files()]


def outcome(data: bytes) -> list[Form] | FormError:
    try:
        forms = parse_bytes(data, "fuzz.txt")
    except FormError as error:
        assert str(error).startswith("fuzz.txt: ") and error.reason
        return error
    assert forms and all(isinstance(f, Form) for f in forms)
    return forms


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    outcome(text.encode("utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(range(len(SEEDS))), st.floats(0, 1))
def test_seed_cut_anywhere(index: int, share: float) -> None:
    data = SEEDS[index]
    outcome(data[: int(len(data) * share)])


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(range(len(SEEDS))), st.lists(st.tuples(st.floats(0, 1), st.text(max_size=8)), max_size=5)
)
def test_seed_with_noise(index: int, edits: list[tuple[float, str]]) -> None:
    text = SEEDS[index].decode("utf-8")
    for where, noise in edits:
        cut = int(len(text) * where)
        text = text[:cut] + noise + text[cut:]
    outcome(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"It was a bright cold day in April, and the clocks were striking thirteen.\n" * 50, "Chinese"),
        ("从前有座山，山里有座庙，庙里有个老和尚在讲故事。\n".encode() * 30, "not a performance-target form"),
        ("品名,单价\n苹果,5.5元\n香蕉,3.2元\n".encode(), "not a performance-target form"),
    ],
    ids=["empty", "blank", "binary", "english-novel", "chinese-novel", "price-csv"],
)
def test_bad_input_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(FormError) as caught:
        parse_bytes(data, "bad.txt")
    assert reason in caught.value.reason
    assert str(caught.value).startswith("bad.txt: ")


def test_gb18030_and_utf16_read_like_utf8(tmp_path: Path) -> None:
    source = sample_file("000")
    [reference] = parse_file(source)
    text = source.read_text(encoding="utf-8")
    for encoding in ("gb18030", "utf-16", "utf-8-sig"):
        path = tmp_path / f"000-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        [form] = parse_file(path)
        assert form.unit_name == reference.unit_name
        assert [i.name for i in form.indicators] == [i.name for i in reference.indicators]


def test_form_cut_inside_a_row_is_read_up_to_the_cut_and_marked_truncated() -> None:
    text = SEEDS[0].decode("utf-8")
    cut = text.index("清扫面积") + len("清扫面积")
    [form] = parse_bytes(text[:cut].encode("utf-8"), "half.txt")
    before_cut = [i for i in form.indicators if i.name == "拆除违法违章建筑覆盖村数量"]
    assert before_cut and before_cut[0].target == 18
    assert "truncated" in {w.code for w in form.warnings}
    last = form.indicators[-1]
    assert last.confidence == "low" and "truncated" in last.confidence_reasons


def test_form_cut_between_rows_keeps_what_was_read() -> None:
    text = SEEDS[0].decode("utf-8")
    cut = text.index("\t清扫面积")
    [form] = parse_bytes(text[:cut].encode("utf-8"), "half.txt")
    assert form.unit_name == "息烽县养龙司镇人民政府"
    assert form.indicators[-1].name == "拆除违法违章建筑覆盖村数量"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FormError, match="nothing.txt: cannot be opened"):
        parse_file(tmp_path / "nothing.txt")
