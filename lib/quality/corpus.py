"""What the corpus says about each form: copied rows and blocks, stock wording, carry-over.

Rows are compared as normalised text (name, plus the description when it adds anything).
A row counts as *copied* from another unit when a near-identical row stands in that unit's
form and the wording is specific (long enough, and used by few units), or when it sits in a
run of consecutive rows copied from the same form. Wording most units share is standard
vocabulary, not copying.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lib import settings
from lib.model import Form, Indicator
from lib.normalize.text import match_key
from lib.quality.phrases import Phrase, generic_matches, stock_phrases
from lib.quality.results import Finding

RowId = tuple[str, int]  # (form_id, seq)
RowText = tuple[str, int, str]  # (form_id, seq, the row's text, :func:`row_key`)
_YEAR = re.compile(r"20\d{2}")


def row_key(indicator: Indicator) -> str:
    """The text a row is compared by: its name (its description only when it has none).

    Descriptions and scoring rules are often boilerplate shared across units; added to the
    name they would swamp it, making different indicators look alike.
    """
    return match_key(indicator.name or "") or match_key(indicator.description or "")


def unit_key(form: Form) -> str:
    return unit_key_of(form.form_id, form.unit_name)


def unit_key_of(form_id: str, unit_name: str | None) -> str:
    """The unit a form belongs to: its unit's name as a match key (the form alone when it has none)."""
    return match_key(unit_name) if unit_name else f"form:{form_id}"


def row_texts(forms: Iterable[Form]) -> Iterator[RowText]:
    """Every row that is compared with other rows (its text two characters or more), in form order."""
    return ((form_id, seq, text) for form_id, seq, text, _ in named_row_texts(forms))


def named_row_texts(forms: Iterable[Form]) -> Iterator[tuple[str, int, str, bool]]:
    """:func:`row_texts`, each saying whether its text is its name's (stock phrases are learnt
    from names): what a scoring run stores of each row."""
    for form in forms:
        for indicator in form.indicators:
            key = row_key(indicator)
            if len(key) >= 2:
                yield form.form_id, indicator.seq, key, bool(match_key(indicator.name or ""))


@dataclass(frozen=True)
class CopyBlock:
    """A run of consecutive rows of one form standing, in order, in another unit's form."""

    form_id: str
    seqs: tuple[int, ...]
    other_form_id: str
    other_seqs: tuple[int, ...]


@dataclass
class CorpusView:
    """Per-form evidence from the whole corpus."""

    copies: dict[RowId, tuple[RowId, float]] = field(default_factory=dict)
    blocks: list[CopyBlock] = field(default_factory=list)
    generic: dict[RowId, Phrase] = field(default_factory=dict)
    carried: dict[RowId, RowId] = field(default_factory=dict)
    carry_share: dict[str, float] = field(default_factory=dict)  # form_id → share of rows carried over
    phrases: list[Phrase] = field(default_factory=list)


class _Rows:
    """The corpus's rows, grouped by their distinct text; ``texts`` are those judged (all by default).

    ``unit_of`` names every form's unit; ``rows`` must hold every row of each text judged and
    of each text near one, in form order (form_id, then seq), as :func:`row_texts` gives them.
    """

    def __init__(self, unit_of: dict[str, str], rows: Iterable[RowText], texts: Iterable[str] | None = None):
        self.unit_of = unit_of
        self.rows_of: dict[str, list[RowId]] = defaultdict(list)
        for form_id, seq, text in rows:
            self.rows_of[text].append((form_id, seq))
        self.texts = sorted(self.rows_of if texts is None else set(texts))
        self.units_of = {t: {self.unit_of[f] for f, _ in rows} for t, rows in self.rows_of.items()}


def build_view(forms: list[Form], pairs: list[tuple[str, str, float]]) -> CorpusView:
    """Evidence for every form, from the near-duplicate text pairs the matcher found."""
    rows = _Rows({f.form_id: unit_key(f) for f in forms}, row_texts(forms))
    view = CorpusView()
    view.copies, view.blocks = _copy_evidence(rows, pairs, None)
    view.phrases = stock_phrases(
        names_by_unit(rows.unit_of, ((f.form_id, i.name) for f in forms for i in f.indicators))
    )
    view.generic = _generic_rows(forms, view.phrases)
    view.carried, view.carry_share = _carried_over(forms)
    return view


def build_partial_view(
    forms: list[Form],
    same_units: list[Form],
    unit_of: dict[str, str],
    rows: list[RowText],
    pairs: list[tuple[str, str, float]],
    phrases: list[Phrase],
) -> CorpusView:
    """The evidence for ``forms`` alone, equal to what :func:`build_view` gives them over the corpus.

    ``unit_of`` names the unit of every form of the corpus; ``rows`` are every row of the
    corpus whose text stands in one of ``forms`` or is near such a text, and ``pairs`` every
    pair touching those texts of ``forms``; ``same_units`` are all forms of the units of
    ``forms`` (for carry-over); ``phrases`` the corpus's stock phrases (:func:`stock_phrases`).
    """
    only = {f.form_id for f in forms}
    texts = {text for form_id, _, text in rows if form_id in only}
    view = CorpusView(phrases=phrases)
    view.copies, view.blocks = _copy_evidence(_Rows(unit_of, rows, texts), pairs, only)
    view.generic = _generic_rows(forms, phrases)
    carried, shares = _carried_over(same_units)
    view.carried = {row: other for row, other in carried.items() if row[0] in only}
    view.carry_share = {form_id: share for form_id, share in shares.items() if form_id in only}
    return view


def _copy_evidence(
    rows: _Rows, pairs: list[tuple[str, str, float]], only: set[str] | None
) -> tuple[dict[RowId, tuple[RowId, float]], list[CopyBlock]]:
    """Copied rows and blocks of the rows of ``rows.texts`` (of the forms ``only``, if given)."""
    copies, matched = _copied_rows(rows, _neighbours(rows, pairs), only)
    blocks = _blocks(rows, matched)
    for block in blocks:
        for seq, other in zip(block.seqs, block.other_seqs, strict=True):
            copies[(block.form_id, seq)] = ((block.other_form_id, other), 100.0)
    return copies, blocks


def copy_caps(units_total: int) -> tuple[float, float]:
    """How many units may share a wording for it to count as rare (copied), and as a block's row."""
    share, ceiling = settings.get("copy_rare_units_share"), settings.get("copy_max_units")
    return min(ceiling, max(2, share * units_total)), min(ceiling, max(5, share * units_total))


def _neighbours(rows: _Rows, pairs: list[tuple[str, str, float]]) -> dict[str, list[tuple[str, float]]]:
    """Each text's near-duplicates (itself first, at 100, then in text order), for the texts only one unit uses.

    Wording several units share is judged on its exact text (see :func:`_copied_rows`), so
    its near-duplicates are not gathered. Text order makes ties between equally near rows of
    other forms resolve the same way whatever order the matcher found the pairs in.
    """
    found: dict[str, list[tuple[str, float]]] = {
        t: [(t, 100.0)] for t in rows.texts if len(rows.units_of[t]) == 1
    }
    known = rows.units_of
    for a, b, score in pairs:
        if a in found and b in known:
            found[a].append((b, score))
        if b in found and a in known:
            found[b].append((a, score))
    for near in found.values():
        near[1:] = sorted(near[1:])
    return found


def _copied_rows(rows: _Rows, neighbours: dict[str, list[tuple[str, float]]], only: set[str] | None):
    """Rows with a near-identical row in another unit; the specific ones count as copied.

    Rarity is judged on the exact wording when other units share it exactly (a row naming
    another town's village, word for word, is rare however common the template is), and on
    the near-duplicates when the wording is the unit's own. Wording spread over many units is
    standard vocabulary: it is neither a copy nor evidence of a copied block, and is skipped
    before any pairing (which keeps the work linear). With ``only``, rows of other forms are skipped.
    """
    rare_cap, block_cap = copy_caps(len(set(rows.unit_of.values())))
    min_chars = settings.get("copy_min_chars")
    copies: dict[RowId, tuple[RowId, float]] = {}
    matched: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for text in rows.texts:
        near = neighbours.get(text, [(text, 100.0)])
        spread = _spread(rows, near, block_cap)
        if len(spread) < 2 or len(spread) > block_cap:
            continue
        specific = len(text) >= min_chars and len(spread) <= rare_cap
        best = _best_by_form(rows, near)
        for row in rows.rows_of[text]:
            if only is not None and row[0] not in only:
                continue
            unit = rows.unit_of[row[0]]
            partners = [found for form_id, found in best.items() if rows.unit_of[form_id] != unit]
            for partner, _ in partners:
                matched[(row[0], partner[0])].add((row[1], partner[1]))
            if specific and partners:
                copies[row] = max(partners, key=lambda item: item[1])
    return copies, matched


def _spread(rows: _Rows, near: list[tuple[str, float]], cap: int) -> set[str]:
    """The units using any of the texts, counted until there are more than ``cap``."""
    units: set[str] = set()
    for text, _ in near:
        units |= rows.units_of[text]
        if len(units) > cap:
            break
    return units


def _best_by_form(rows: _Rows, near: list[tuple[str, float]]) -> dict[str, tuple[RowId, float]]:
    """In each form, the best-scoring row among a text's near-duplicates (a copy, not its siblings)."""
    best: dict[str, tuple[RowId, float]] = {}
    for text, score in near:
        for other in rows.rows_of[text]:
            kept = best.get(other[0])
            if kept is None or score > kept[1] or (score == kept[1] and other[1] < kept[0][1]):
                best[other[0]] = (other, score)
    return best


def _blocks(rows: _Rows, matched: dict[tuple[str, str], set[tuple[int, int]]]) -> list[CopyBlock]:
    """Runs of at least ``copy_block_rows`` consecutive rows matched, in order, to one other form."""
    minimum = settings.get("copy_block_rows")
    blocks = []
    for (form_id, other_id), seq_pairs in sorted(matched.items()):
        for start, other_start in sorted(seq_pairs):
            if (start - 1, other_start - 1) in seq_pairs:
                continue
            length = 1
            while (start + length, other_start + length) in seq_pairs:
                length += 1
            if length >= minimum:
                blocks.append(
                    CopyBlock(
                        form_id,
                        tuple(range(start, start + length)),
                        other_id,
                        tuple(range(other_start, other_start + length)),
                    )
                )
    return blocks


def names_by_unit(unit_of: dict[str, str], names: Iterable[tuple[str, str | None]]) -> dict[str, set[str]]:
    """Each unit's indicator names (the stock phrases are learnt from them), every unit of ``unit_of``
    (form_id → unit) present; ``names`` are (form_id, indicator name)."""
    found: dict[str, set[str]] = {unit: set() for unit in unit_of.values()}
    for form_id, name in names:
        if name:
            found[unit_of[form_id]].add(name)
    return found


def _generic_rows(forms: list[Form], phrases: list[Phrase]) -> dict[RowId, Phrase]:
    keys = {(f.form_id, i.seq): match_key(i.name) for f in forms for i in f.indicators if i.name}
    stock = generic_matches(list(keys.values()), phrases)
    return {row: stock[key] for row, key in keys.items() if key in stock}


def _carried_over(forms: list[Form]) -> tuple[dict[RowId, RowId], dict[str, float]]:
    """Rows unchanged but for the year from the same unit's form of the year before."""
    by_unit: dict[str, dict[int, Form]] = defaultdict(dict)
    for form in forms:
        if form.unit_name and form.year:
            by_unit[unit_key(form)][form.year] = form
    carried: dict[RowId, RowId] = {}
    shares: dict[str, float] = {}
    for years in by_unit.values():
        for year, form in years.items():
            previous = years.get(year - 1)
            if previous is None or not form.indicators:
                continue
            earlier = {
                _YEAR.sub("", row_key(i)) + "|" + _YEAR.sub("", i.value_raw or ""): i.seq
                for i in previous.indicators
            }
            for indicator in form.indicators:
                key = _YEAR.sub("", row_key(indicator)) + "|" + _YEAR.sub("", indicator.value_raw or "")
                if key in earlier:
                    carried[(form.form_id, indicator.seq)] = (previous.form_id, earlier[key])
            count = sum(1 for i in form.indicators if (form.form_id, i.seq) in carried)
            shares[form.form_id] = count / len(form.indicators)
    return carried, shares


def corpus_findings(form: Form, view: CorpusView, names: dict[str, str]) -> list[Finding]:
    """Findings for one form from the corpus view; ``names`` maps form_id → a label for messages."""
    findings = _copy_findings(form, view, names)
    generic = [i for i in form.indicators if (form.form_id, i.seq) in view.generic]
    if generic:
        shown = "、".join(f"“{i.name[:16]}”" for i in generic[:3]) + (
            f"等{len(generic)}项" if len(generic) > 3 else ""
        )
        findings.append(
            Finding(
                "generic_wording",
                "medium",
                f"{shown}是通用套话，适用于任何乡镇和项目，应写明本单位的具体内容。",
                [i.seq for i in generic],
            )
        )
    share = view.carry_share.get(form.form_id, 0.0)
    if share >= settings.get("yoy_flag_share"):
        seqs = [i.seq for i in form.indicators if (form.form_id, i.seq) in view.carried]
        findings.append(
            Finding(
                "carried_over",
                "medium",
                f"{share:.0%}的指标与上年表一字不差（仅年份不同），目标未随年度更新。",
                seqs,
            )
        )
    return findings


def _copy_findings(form: Form, view: CorpusView, names: dict[str, str]) -> list[Finding]:
    by_source: dict[str, list[int]] = defaultdict(list)
    for indicator in form.indicators:
        copy = view.copies.get((form.form_id, indicator.seq))
        if copy is not None:
            by_source[copy[0][0]].append(indicator.seq)
    return [
        Finding(
            "copied_rows",
            "high",
            f"{len(seqs)}个指标与{names.get(other, other)}的表几乎一字不差，疑似照抄他单位。",
            seqs,
        )
        for other, seqs in sorted(by_source.items(), key=lambda item: -len(item[1]))
    ]
