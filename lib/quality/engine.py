"""Judge a set of forms: per-form rules, corpus evidence, flags, dimension scores and grades."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from lib import settings
from lib.model import Form
from lib.quality.corpus import CorpusView, build_view, named_row_texts, row_key, row_texts, unit_key
from lib.quality.evidence import annotate, without_dismissed
from lib.quality.matching import exact_pairs, similar_pairs
from lib.quality.results import SEVERITIES, Finding, FormScore
from lib.quality.rules import RULES, CorpusContext, run_corpus_rules, run_rules
from lib.quality.scoring import boilerplate_share, judge
from lib.quality.templates import PlaceMask, place_names
from lib.store import FormPlace, QualityResults, Store

Progress = Callable[[float, str], None]
_NUMBERS = re.compile(r"\d+")


def text_pairs(
    texts: list[str],
    involving: list[int] | None = None,
    places: Iterable[str] = (),
    stand_ins: dict[str, str] | None = None,
) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs among distinct row texts: exact all-pairs while cheap, by template beyond.

    ``places`` are the place names the corpus knows (:func:`place_names`), masked to find templates.
    A text with a stand-in (:func:`within_form_stand_ins`) is not matched itself: its stand-in
    is, and each pair the stand-in makes with another unit's text is checked for it too.
    """
    threshold = settings.get("copy_ratio") / 100
    stand_ins = stand_ins or {}
    kept = [text for text in texts if text not in stand_ins]
    position = {text: number for number, text in enumerate(kept)}
    wanted = (
        None
        if involving is None
        else sorted({position[stand_ins.get(texts[i], texts[i])] for i in involving})
    )
    if wanted is None and len(kept) <= settings.get("exact_pairs_max_texts"):
        pairs = exact_pairs(kept, threshold)
    else:
        pairs = similar_pairs(kept, threshold, wanted, PlaceMask(places))
    found = [(kept[a], kept[b], score) for a, b, score in pairs]
    return found + _through_stand_ins(found, stand_ins, threshold)


def _through_stand_ins(
    pairs: list[tuple[str, str, float]], stand_ins: dict[str, str], threshold: float
) -> list[tuple[str, str, float]]:
    """The pairs a stood-in text makes: with each text its stand-in pairs with, when it is as close."""
    members: dict[str, list[str]] = defaultdict(list)
    for member, stand_in in stand_ins.items():
        members[stand_in].append(member)
    found = []
    for a, b, _ in pairs:
        for member, other in [(m, b) for m in members.get(a, ())] + [(m, a) for m in members.get(b, ())]:
            score = fuzz.ratio(member, other)
            if score >= threshold * 100:
                found.append((min(member, other), max(member, other), score))
    return found


def within_form_stand_ins(forms: list[Form]) -> dict[str, str]:
    """Row texts that one unit alone uses and that are equal once their numbers are dropped
    (第1项培训人数, 第2项培训人数, …) are one group, matched through its first text.

    Pairs inside such a group say nothing about copying (that needs two units), yet a form of
    157k near-identical rows made 10^10 of them: the group is matched once, against the rest.
    """
    unit_of = {form.form_id: unit_key(form) for form in forms}
    units_of: dict[str, set[str]] = defaultdict(set)
    for form_id, _, text in row_texts(forms):
        units_of[text].add(unit_of[form_id])
    return stand_ins_of(units_of)


def stand_ins_of(units_of: dict[str, set[str]]) -> dict[str, str]:
    """:func:`within_form_stand_ins`, given the units that use each row text (of two characters or more)."""
    first: dict[tuple[str, str], str] = {}
    stand_ins = {}
    for text in sorted(units_of):
        if len(units_of[text]) == 1:
            stand_in = first.setdefault((next(iter(units_of[text])), _NUMBERS.sub("#", text)), text)
            if stand_in != text:
                stand_ins[text] = stand_in
    return stand_ins


def corpus_texts(forms: list[Form]) -> list[str]:
    return sorted({k for f in forms for k in (row_key(i) for i in f.indicators) if len(k) >= 2})


def assess(
    forms: list[Form],
    pairs: list[tuple[str, str, float]] | None = None,
    rule_findings: dict[str, list[Finding]] | None = None,
    progress: Progress | None = None,
    dismissals: dict[str, dict[str, str]] | None = None,
) -> tuple[list[FormScore], CorpusView]:
    """Score every form; ``pairs`` and ``rule_findings`` reuse earlier work when given.

    ``dismissals`` (form_id → finding key → the reviewer's reason) leave findings out of the
    score; the score before review is kept beside it.
    """
    report = progress or (lambda share, message: None)
    cached = rule_findings or {}
    report(0.1, "rules")
    per_form = {f.form_id: cached[f.form_id] if f.form_id in cached else run_rules(f) for f in forms}
    report(0.4, "matching")
    if pairs is None:
        pairs = text_pairs(
            corpus_texts(forms), places=place_names(forms), stand_ins=within_form_stand_ins(forms)
        )
    report(0.7, "corpus")
    view = build_view(forms, pairs)
    context = CorpusContext(view, {f.form_id: form_label(f) for f in forms}, townships_by_county(forms))
    scores = [
        score_form(f, per_form[f.form_id], context, (dismissals or {}).get(f.form_id, {})) for f in forms
    ]
    report(1.0, "done")
    return scores, view


def form_label(form: Form | FormPlace) -> str:
    """How a finding names a form: its unit (or file) and year."""
    return f"{form.unit_name or form.source}{f'（{form.year}年）' if form.year else ''}"


def townships_by_county(forms: Iterable[Form | FormPlace]) -> dict[str, set[str]]:
    """The townships the corpus knows, per county."""
    known: dict[str, set[str]] = {}
    for form in forms:
        if form.county and form.township:
            known.setdefault(form.county, set()).add(form.township)
    return known


def score_form(
    form: Form, findings: list[Finding], context: CorpusContext, dismissed: dict[str, str]
) -> FormScore:
    """One form's result. ``findings`` (its rules', as the rule cache keeps them) are annotated as
    copies: annotated twice, a finding's key would change (请核实 is added to its message)."""
    findings = sorted(
        annotate(form, [replace(f) for f in findings] + run_corpus_rules(form, context), dismissed),
        key=lambda f: SEVERITIES.index(f.severity),
    )
    flags = indicator_flags(form, findings, context.view)
    before = judge(form, findings, flags)
    kept, kept_flags = without_dismissed(findings, flags)
    after = judge(form, kept, kept_flags) if len(kept) < len(findings) else before
    return FormScore(
        form.form_id,
        form.unit_name,
        form.year,
        after.score,
        after.grade,
        after.dimensions,
        round(boilerplate_share(form, kept_flags), 3),
        findings,
        flags,
        after.not_checkable,
        after.gates,
        before.score,
        before.grade,
    )


def indicator_flags(form: Form, findings: list[Finding], view: CorpusView) -> dict[str, list[str]]:
    """Per row, every reason it was flagged; copies name the other form and row."""
    flags: dict[str, list[str]] = {}

    def add(seq: int, flag: str) -> None:
        flags.setdefault(str(seq), [])
        if flag not in flags[str(seq)]:
            flags[str(seq)].append(flag)

    for finding in findings:
        rule = RULES.get(finding.code)
        for seq in finding.seqs if rule and rule.flag and rule.scope == "form" else []:
            add(seq, rule.flag)
    for indicator in form.indicators:
        row = (form.form_id, indicator.seq)
        if row in view.generic:
            add(indicator.seq, "generic")
        if row in view.copies:
            (other, other_seq), _ = view.copies[row]
            add(indicator.seq, f"copied:{other}#{other_seq}")
        if row in view.carried:
            other, other_seq = view.carried[row]
            add(indicator.seq, f"carried_over:{other}#{other_seq}")
    return flags


CODE_ROOTS = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "normalize")
"""The code whose results the rule cache holds: the quality engine and the normaliser."""


def engine_key() -> str:
    """Identifies rule results: a hash of the engine's and normaliser's code, and every setting.

    Any edit to a rule, a normaliser or their data files (the stock phrases) changes the key,
    so cached findings never outlive the code that made them.
    """
    from lib.settings import SETTINGS

    values = ",".join(f"{name}={SETTINGS[name].value}" for name in sorted(SETTINGS))
    return f"{code_hash(CODE_ROOTS)}:{hashlib.sha256(values.encode()).hexdigest()[:12]}"


def code_hash(roots: tuple[Path, ...]) -> str:
    """A short hash of every source and data file under the folders (bytecode caches left out)."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".txt")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RESCORE_ROUNDS = 3
"""Scoring runs again while forms added meanwhile by another process were left unscored."""


def score_store(store: Store, progress: Progress | None = None) -> list[FormScore]:
    """Score every stored form, reusing earlier work, and store the results.

    Per-form rules run only for forms not scored by this engine and these settings; text
    matching runs only for pairs that involve a text not matched before. The corpus view
    (rarity, blocks, stock phrases) is rebuilt from the stored pairs, which costs no comparisons.

    Saving replaces every score, so a run that loaded the forms before another process added
    some (and scored them) would leave those unscored: after saving, the store is checked and
    scored again while any form lacks a score. The last run to save thus leaves none unscored.
    """
    scores = _score_once(store, progress)
    for _ in range(RESCORE_ROUNDS):
        if not store.count_unscored():
            break
        scores = _score_once(store, progress)
    return scores


def _score_once(store: Store, progress: Progress | None) -> list[FormScore]:
    report = progress or (lambda share, message: None)
    report(0.05, "loading")
    forms = store.all_forms()
    key = engine_key()
    cached = cached_rules(store, key)
    rules_done = _rules_started([f for f in forms if f.form_id not in cached])
    new_texts, new_pairs = match_new_texts(
        store, corpus_texts(forms), place_names(forms), within_form_stand_ins(forms)
    )
    pairs = store.text_pairs() + new_pairs
    fresh_rules = rules_done()
    scores, view = assess(
        forms,
        pairs,
        cached | fresh_rules,
        lambda share, message: report(0.1 + 0.8 * share, message),
        store.dismissals(),
    )
    report(0.95, "saving")
    results = quality_results(scores, view, fresh_rules, key)
    results.new_texts, results.new_pairs, results.row_texts = (
        new_texts,
        new_pairs,
        list(named_row_texts(forms)),
    )
    store.save_quality(results)
    report(1.0, "done")
    return scores


def quality_results(
    scores: list[FormScore], view: CorpusView, fresh_rules: dict[str, list[Finding]], key: str
) -> QualityResults:
    """What a scoring run saves of its scores and view (matching work and rows to be added)."""
    return QualityResults(
        scores=[s.to_dict() | {"carry_share": view.carry_share.get(s.form_id)} for s in scores],
        blocks=[(b.form_id, b.seqs[0], b.seqs[-1], b.other_form_id, b.other_seqs[0]) for b in view.blocks],
        phrases=[(p.key, p.text, p.units, p.source) for p in view.phrases],
        rule_cache={form_id: [x.to_dict() for x in found] for form_id, found in fresh_rules.items()},
        engine=key,
    )


def cached_rules(store: Store, key: str, form_ids: list[str] | None = None) -> dict[str, list[Finding]]:
    """Rule findings stored by this engine (of the forms named, or of every form)."""
    stored = store.cached_rule_findings(key, form_ids)
    return {form_id: [Finding.from_dict(f) for f in found] for form_id, found in stored.items()}


_forms_to_judge: list[Form] = []  # what a forked rules process reads (it shares the parent's memory)


def _rules_started(forms: list[Form]) -> Callable[[], dict[str, list[Finding]]]:
    """Start running the per-form rules; call the returned function for their findings.

    With many forms, two cores and no other thread in this process (the command line, not
    the dashboard's server, where forking is unsafe), the rules run in a process forked
    from this one, which shares the loaded forms without copying them, while this one
    matches texts. Otherwise, and if that process fails, they run here.
    """
    here = lambda: {f.form_id: run_rules(f) for f in forms}  # noqa: E731
    few = len(forms) < int(settings.get("fork_rules_min_forms"))
    if few or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        found = here()
        return lambda: found
    global _forms_to_judge
    _forms_to_judge = forms
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_judge_forked)

    def done() -> dict[str, list[Finding]]:
        global _forms_to_judge
        try:
            return future.result()
        except BrokenProcessPool:
            return here()
        finally:
            pool.shutdown()
            _forms_to_judge = []

    return done


def _judge_forked() -> dict[str, list[Finding]]:
    return {f.form_id: run_rules(f) for f in _forms_to_judge}


def match_new_texts(
    store: Store, texts: list[str], places: set[str], stand_ins: dict[str, str]
) -> tuple[list[str], list[tuple[str, str, float]]]:
    """Pairs that involve a text the store has not matched yet (all pairs the first time)."""
    threshold = settings.get("copy_ratio")
    if store.matching_threshold() != threshold:
        store.reset_matching(threshold)
    known = store.matched_texts()
    fresh = [i for i, text in enumerate(texts) if text not in known]
    if not fresh:
        return [], []
    pairs = text_pairs(texts, None if not known else fresh, places, stand_ins)
    return [texts[i] for i in fresh], pairs
