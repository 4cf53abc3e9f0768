"""Matching by template: masks, groups, and the same pairs as exact all-pairs on template-heavy text."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from quality_forms import form_from_rows

from lib.model import Form
from lib.quality.matching import exact_pairs, similar_pairs
from lib.quality.templates import PlaceMask, place_names

TOWNS = [a + b + c for a in "青白柳杏石" for b in "沙湾林门梨" for c in "溪岗坝"]
VILLAGES = ("上庄", "下湾", "前岭", "后坝")
TEMPLATES = (
    "{town}镇开展安全生产执法检查次数",
    "{village}村生活垃圾清运量",
    "{town}镇{village}村农村公路日常养护里程",
    "{village}村村民对人居环境整治满意度",
    "{town}镇防汛物资储备完成时间",
)


def template_texts(seed: int) -> list[str]:
    """Texts the way counties write them: templates filled with a town's names, some edited, some numbered."""
    rng = random.Random(seed)
    texts = set()
    for town in TOWNS:
        for template in TEMPLATES:
            village = town[:2] + rng.choice(VILLAGES)
            text = template.format(town=town, village=village)
            if rng.random() < 0.2:  # a clerk's edit: one character changed, or a number added
                spot = rng.randrange(len(text))
                text = text[:spot] + rng.choice("甲乙丙") + text[spot + 1 :]
            if rng.random() < 0.2:
                text += f"{rng.randint(1, 300)}次"
            texts.add(text)
    return sorted(texts)


def unit_form(name: str) -> Form:
    """A form whose county and town are read from its unit's name, as the readers do."""
    return replace(form_from_rows([], unit=name), county=None, township=None)


def test_place_names_come_from_the_units_and_their_stems() -> None:
    names = place_names([unit_form("合成云岭县柳荡溪镇人民政府")])
    assert {"柳荡溪", "柳荡", "荡溪", "云岭"} <= names
    assert "人民" not in names and "镇" not in names


def test_masks_keep_length_and_make_one_key_per_template() -> None:
    mask = PlaceMask({"柳荡溪", "柳荡", "青石溪", "青石"})
    first, second = (
        mask.key("柳荡溪镇柳荡上庄村农村公路养护12公里"),
        mask.key("青石溪镇青石上庄村农村公路养护30公里"),
    )
    assert first == second == "□□□镇□□上庄村农村公路养护##公里"
    assert len(first) == len("柳荡溪镇柳荡上庄村农村公路养护12公里")
    assert mask.key("社会公众满意度") == "社会公众满意度"


def test_template_matching_finds_what_exact_all_pairs_finds() -> None:
    texts = template_texts(3)
    forms = [unit_form(f"合成县{town}镇人民政府") for town in TOWNS]
    mask = PlaceMask(place_names(forms))
    assert len({mask.key(t) for t in texts}) < len(texts) / 3  # the templates are found
    exact = exact_pairs(texts, 0.9)
    grouped = similar_pairs(texts, 0.9, mask=mask)
    assert len(exact) > len(texts)  # template wording: many near-duplicates
    assert {(a, b): round(score, 3) for a, b, score in grouped} == {
        (a, b): round(score, 3) for a, b, score in exact
    }


@pytest.mark.parametrize("brute_force_cells", [0, 10**9], ids=["index", "every-pair"])
def test_only_pairs_touching_the_new_texts_are_matched(brute_force_cells, monkeypatch) -> None:
    monkeypatch.setenv("TARGETLENS_MATCH_BRUTE_FORCE_CELLS", str(brute_force_cells))
    texts = template_texts(4)
    mask = PlaceMask(place_names([unit_form(f"合成县{town}镇人民政府") for town in TOWNS]))
    new = set(range(0, len(texts), 37))
    expected = {(a, b) for a, b, _ in exact_pairs(texts, 0.9) if a in new or b in new}
    found = similar_pairs(texts, 0.9, involving=sorted(new), mask=mask)
    assert expected and {(a, b) for a, b, _ in found} == expected
