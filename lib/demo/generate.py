"""Synthetic forms with planted quality problems, and the ground truth of what was planted.

Each synthetic form is built as the normalised :class:`~lib.model.Form` it should read back
to; :mod:`lib.demo.render` writes it in one of the real layouts. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from lib.demo import params as vocab
from lib.demo.params import MARKER, CorpusParams
from lib.model import Budget, Form, Indicator
from lib.normalize.taxonomy import infer_level1
from lib.normalize.values import parse_value

LEVEL1_ORDER = ("产出指标", "效益指标", "满意度指标", "成本指标")


@dataclass
class Planted:
    """What was planted in one form: the manifest entry's truth."""

    problems: list[str] = field(default_factory=list)
    copied_blocks: list[dict[str, object]] = field(default_factory=list)  # seqs, source form_id, source seqs
    carried_from: str | None = None
    signals: dict[str, list[str]] = field(
        default_factory=dict
    )  # rule code → names of the rows planted for it

    def signal(self, code: str, name: str | None) -> None:
        names = self.signals.setdefault(code, [])
        if name and name not in names:
            names.append(name)


@dataclass
class SyntheticForm:
    form: Form
    layout: str
    budget_unit: str  # how the money is labelled in the file (元 or 万元)
    planted: Planted


@dataclass(frozen=True)
class Unit:
    county: str
    town: str

    @property
    def name(self) -> str:
        return f"{self.county}{self.town}人民政府"


def units_for(count: int, settings: CorpusParams) -> list[Unit]:
    """Invented units, one invented town each, in counties clearly marked synthetic (合成…县)."""
    counties = [f"合成{stem}县" for stem in vocab.COUNTY_STEMS[: settings.counties]]
    towns = [f"{a}{b}{c}镇" for c in vocab.TOWN_THIRD for a in vocab.TOWN_FIRST for b in vocab.TOWN_SECOND]
    if count > len(towns):
        raise ValueError(f"at most {len(towns)} synthetic units; ask for fewer forms or more years")
    return [Unit(counties[n % len(counties)], town) for n, town in enumerate(towns[:count])]


def generate(count: int, seed: int = 1, settings: CorpusParams | None = None) -> list[SyntheticForm]:
    """``count`` synthetic forms over several years, with their planted problems."""
    settings = settings or CorpusParams()
    rng = random.Random(seed)
    years = settings.years
    units = units_for(-(-count // len(years)), settings)
    made: list[SyntheticForm] = []
    previous: dict[Unit, SyntheticForm] = {}
    towns_of = {u.county: [v.town.removesuffix("镇") for v in units if v.county == u.county] for u in units}
    for year in years:
        for unit in units:
            if len(made) == count:
                break
            earlier = previous.get(unit)
            neighbours = [t for t in towns_of[unit.county] if t != unit.town.removesuffix("镇")]
            synthetic = _one_form(rng, settings, unit, year, earlier, neighbours)
            previous[unit] = synthetic
            made.append(synthetic)
    _plant_copied_blocks(rng, settings, made)
    return made


def _one_form(
    rng: random.Random,
    settings: CorpusParams,
    unit: Unit,
    year: int,
    earlier: SyntheticForm | None,
    neighbours: list[str],
) -> SyntheticForm:
    planted = Planted()
    layout = _weighted(rng, settings.layouts)
    clean_before = earlier is not None and not earlier.planted.problems and not earlier.planted.signals
    if clean_before and rng.random() < settings.carried_over_share:
        indicators = [
            replace(i, name=(i.name or "").replace(str(year - 1), str(year))) for i in earlier.form.indicators
        ]
        planted.carried_from = earlier.form.form_id
        planted.problems.append("carried_over")
    elif rng.random() < settings.template_share:
        indicators = _template_rows(rng, planted)
        planted.problems.append("template")
    else:
        indicators = _specific_rows(rng, settings, unit, year, planted)
        if layout != "narrative" and not planted.problems and rng.random() < settings.signal_share:
            indicators = _signal_rows(rng, settings, unit, layout, neighbours, indicators, planted)
    if layout == "narrative" and "template" not in planted.problems:
        indicators = _narrative(indicators)
        planted.problems.append("narrative")
    budget, label = _budget(rng, settings, planted, layout != "flat-csv")
    form = Form(
        form_id=f"{rng.getrandbits(64):016x}",
        source="",
        format="txt",
        layout=layout,
        unit_name=unit.name,
        county=unit.county,
        township=unit.town,
        year=year,
        form_kind="department",
        stage=rng.choice(["批复", "申报"]),
        filled_on=f"{year - 1}-12-{rng.randint(10, 28):02d}",
        budget=budget,
        functions=rng.sample(vocab.FUNCTIONS, 4),
        goals=[
            f"{year}年完成{unit.town}安全生产、森林防火和人居环境整治各项任务",
            f"{year}年推进{unit.town}特色产业发展，带动农户增收",
        ],
        indicators=_numbered(indicators),
    )
    return SyntheticForm(
        form, layout if "template" not in planted.problems else _table_layout(layout), label, planted
    )


def _narrative(rows: list[Indicator]) -> list[Indicator]:
    """What numbered paragraphs read back to: no targets, no level 2 under 产出, no cost rows."""
    kept = [r for r in rows if r.level1 in ("产出指标", "效益指标", "满意度指标")]
    return [
        Indicator(
            seq=0,
            name=r.name,
            value_raw=None,
            level1=r.level1,
            level1_inferred=r.level1 == "满意度指标",
            level2=None if r.level1 == "产出指标" else r.level2,
        )
        for r in kept
    ]


def _table_layout(layout: str) -> str:
    """Template forms are tables (a narrative form has no values to template)."""
    return "cell-per-line" if layout == "narrative" else layout


def _weighted(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def indicator(
    level2: str, name: str, value_raw: str, description: str | None = None, seq: int = 0
) -> Indicator:
    """An indicator as a form states it (its 二级指标, name and value as written), read the way the
    reader reads one: level 1 from level 2, the value parsed."""
    value = parse_value(value_raw)
    return Indicator(
        seq=seq,
        name=name,
        value_raw=value_raw,
        level1=infer_level1(level2),
        level2=level2,
        description=description,
        operator=value.operator,
        operator_implicit=value.operator_implicit,
        target=value.target,
        unit=value.unit,
        kind=value.kind,
    )


def _specific_rows(
    rng: random.Random, settings: CorpusParams, unit: Unit, year: int, planted: Planted
) -> list[Indicator]:
    wanted = rng.randint(*settings.indicators)
    stem = unit.town.removesuffix("镇")
    names: set[str] = set()
    rows: list[Indicator] = []
    templates = list(vocab.SPECIFIC_ROWS)
    for attempt in range(wanted * 4):
        level2, template, unit_text, operator, low, high = (
            templates[attempt % len(templates)] if attempt < len(templates) else rng.choice(templates)
        )
        name = template.format(town=stem, village=stem[:2] + rng.choice(vocab.VILLAGES))
        if name in names:
            continue
        names.add(name)
        rows.append(indicator(level2, name, _value(rng, operator, low, high, unit_text, year)))
        if len(rows) >= wanted:
            break
    rows += [
        indicator(level2, name, _value(rng, op, low, high, u, year))
        for level2, name, u, op, low, high in vocab.STANDARD_ROWS
    ]
    if rng.random() < settings.vague_share:
        rows = _vague(rng, settings, rows, planted)
        planted.problems.append("vague")
    if rng.random() < settings.missing_category_share:
        missing = rng.choice(["效益指标", "满意度指标", "成本指标"])
        rows = [r for r in rows if r.level1 != missing]
        planted.problems.append(f"missing:{missing}")
    return sorted(rows, key=lambda r: LEVEL1_ORDER.index(r.level1 or "产出指标"))


def _value(rng: random.Random, operator: str, low: float, high: float, unit: str, year: int) -> str:
    if operator == "date":
        return f"{year}年{rng.randint(int(low), int(high))}月{rng.choice([15, 30])}日前"
    number = rng.randint(int(low), int(high)) if high > low else int(low)
    written = "" if operator == "=" and rng.random() < 0.3 else operator
    return f"{written}{number}{unit}"


def _vague(
    rng: random.Random, settings: CorpusParams, rows: list[Indicator], planted: Planted
) -> list[Indicator]:
    """Some rows' targets replaced by vague words; a cost row so written is no longer money."""
    made = []
    for row in rows:
        if rng.random() < settings.vague_rows:
            row = indicator(row.level2, row.name, rng.choice(vocab.VAGUE_VALUES))
            if row.level1 == "成本指标":
                planted.signal("cost_not_money", row.name)
        made.append(row)
    return made


def _template_rows(rng: random.Random, planted: Planted) -> list[Indicator]:
    projects = rng.randint(3, 8)
    rows = [
        indicator(level2, name, vocab.TEMPLATE_VALUE, description=name)
        for _ in range(projects)
        for level2, name, _ in vocab.TEMPLATE_ROWS
    ]
    for _, name, codes in vocab.TEMPLATE_ROWS:
        for code in codes:
            planted.signal(code, name)
    return sorted(rows, key=lambda r: LEVEL1_ORDER.index(r.level1 or "产出指标"))


def _signal_rows(
    rng: random.Random,
    settings: CorpusParams,
    unit: Unit,
    layout: str,
    neighbours: list[str],
    rows: list[Indicator],
    planted: Planted,
) -> list[Indicator]:
    """A few rows a reviewer would query (vocab.SIGNAL_ROWS), each recorded as its rule's truth."""
    kinds = [
        k
        for k in vocab.SIGNAL_ROWS
        if not (layout in vocab.LAYOUTS_WITHOUT_DESCRIPTION and k[0] in vocab.SIGNALS_NEED_DESCRIPTION)
        and (neighbours or k[0] != "other_township_name")
    ]
    stem = unit.town.removesuffix("镇")
    added = []
    for code, level2, name_template, value_template, description in rng.sample(
        kinds, rng.randint(*settings.signals_per_form)
    ):
        n = rng.randint(85, 98) if "%" in value_template else rng.randint(2, 60)
        village = stem[:2] + rng.choice(vocab.VILLAGES)
        other = rng.choice(neighbours) if neighbours else stem
        name = name_template.format(town=stem, village=village, other=other, n=n)
        if any(r.name == name for r in rows + added):
            continue
        added.append(indicator(level2, name, value_template.format(n=n), description or None))
        planted.signal(code, name)
    return sorted(rows + added, key=lambda r: LEVEL1_ORDER.index(r.level1 or "产出指标"))


def _budget(rng: random.Random, settings: CorpusParams, planted: Planted, split: bool) -> tuple[Budget, str]:
    """The unit's budget; ``split`` when the layout states 基本/项目/其他 (a flat export does not)."""
    total = round(rng.uniform(*settings.budget_wan), 2)
    basic = round(total * rng.uniform(*settings.basic_share), 2)
    project, other = round(total - basic, 2), 0.0
    if not split:
        return Budget("万元", total, basic, project, other), "万元"
    if rng.random() < settings.broken_arithmetic_share:
        project = round(project + rng.uniform(20, 200), 2)
        planted.problems.append("broken_arithmetic")
    budget = Budget("万元", total, basic, project, other)
    if rng.random() < settings.unit_mislabelled_share:
        planted.problems.append("unit_mislabelled")
        return replace(budget, unit_raw="元", unit_suspect=True), "元"
    if rng.random() < settings.yuan_share:
        return replace(budget, unit_raw="元"), "元×10000"
    return budget, "万元"


def _numbered(rows: list[Indicator]) -> list[Indicator]:
    return [replace(row, seq=n) for n, row in enumerate(rows, 1)]


def _plant_copied_blocks(rng: random.Random, settings: CorpusParams, made: list[SyntheticForm]) -> None:
    """Copy a run of rows from another unit's form into a share of the forms, with small edits."""
    donors = [
        s
        for s in made
        if not s.planted.problems
        and not s.planted.signals
        and len(s.form.indicators) >= settings.copied_block_rows[1] + 2
    ]
    for target in made:
        if (
            target.planted.problems
            or target.layout == "narrative"
            or rng.random() >= settings.copied_block_share
        ):
            continue
        others = [d for d in donors if d.form.unit_name != target.form.unit_name and d is not target]
        if not others:
            continue
        donor = rng.choice(others)
        length = rng.randint(*settings.copied_block_rows)
        start = rng.randrange(len(donor.form.indicators) - length)
        at = rng.randrange(max(1, len(target.form.indicators) - length))
        block = [_edited(rng, settings, row) for row in donor.form.indicators[start : start + length]]
        rows = target.form.indicators[:at] + block + target.form.indicators[at + length :]
        target.form.indicators = _numbered(rows)
        target.planted.problems.append("copied_block")
        if donor.form.county == target.form.county:  # the copied rows name the donor's town
            for row in block:
                if donor.form.township and donor.form.township in (row.name or ""):
                    target.planted.signal("other_township_name", row.name)
        target.planted.copied_blocks.append(
            {
                "seqs": list(range(at + 1, at + length + 1)),
                "source_form_id": donor.form.form_id,
                "source_seqs": list(range(start + 1, start + length + 1)),
            }
        )


def _edited(rng: random.Random, settings: CorpusParams, row: Indicator) -> Indicator:
    """The row as copied: sometimes one character of its name changed, as a clerk would."""
    name = row.name or ""
    if rng.random() < settings.copied_edit_share and len(name) > 8:
        at = rng.randrange(len(name) // 2, len(name) - 1)
        name = name[:at] + rng.choice("的和及与等") + name[at + 1 :]
    return replace(row, name=name)


__all__ = ["MARKER", "SyntheticForm", "generate"]
