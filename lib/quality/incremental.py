"""A few new forms into a scored store: only the forms they touch are judged again (issue 14).

Scoring the whole store reads every form, rebuilds the corpus view from every row and pair and
judges every form again. When a few forms are added to a store scored by the same engine and
settings, most of that cannot change. What can:

- the new forms' texts meet stored ones: they are matched against every text (as a full run
  matches texts it has not seen), and a form whose rows use a new form's text, or a text near
  one, may gain or lose copied rows and blocks;
- the forms of a new form's unit may gain or lose rows carried over from the year before;
- a township new to its county is another township's name in the forms that mention it;
- the number of units sets how widely shared a wording may be to count as copied, and which
  names are stock phrases: when either changes, every form may change, and the whole store is
  scored again.

Those forms are judged again with the rest of the corpus read as rows (form, row, text, from
the ``row_texts`` table every scoring run writes) and pairs, not as forms; their results are
what a full run gives them (``tests/test_incremental.py`` checks it), the others' stay stored.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from itertools import chain

from lib.model import Form
from lib.quality.corpus import (
    RowText,
    build_partial_view,
    copy_caps,
    named_row_texts,
    unit_key_of,
)
from lib.quality.engine import (
    CorpusContext,
    Progress,
    cached_rules,
    engine_key,
    form_label,
    quality_results,
    score_form,
    score_store,
    stand_ins_of,
    text_pairs,
    townships_by_county,
)
from lib.quality.phrases import Phrase, phrases_in_band, with_seeds
from lib.quality.rules import run_rules
from lib.store import FormPlace, Store

MAX_NEW_FORMS = 20
"""More new forms than this are scored with the whole store (they touch most of it anyway)."""


def score_added(store: Store, progress: Progress | None = None) -> int:
    """Score the forms added since the store was last scored; the number of forms judged.

    Only the forms the new ones touch are judged again when the store was scored by this
    engine and these settings and nothing else changed since; otherwise the whole store is.
    """
    judged = add_incrementally(store, progress)
    return len(score_store(store, progress)) if judged is None else judged


def add_incrementally(store: Store, progress: Progress | None = None) -> int | None:
    """Judge the unscored forms and the forms they touch; None when the whole store must be scored."""
    report = progress or (lambda share, message: None)
    version, key = store.data_version(), engine_key()
    engine, scored = store.scored_with()
    new_ids = store.unscored_form_ids()
    if engine != key or scored != store.count_scored() or len(new_ids) > MAX_NEW_FORMS:
        return None
    if not new_ids:
        return 0
    report(0.1, "loading")
    places = store.form_places()
    unit_of = {p.form_id: unit_key_of(p.form_id, p.unit_name) for p in places}
    new_forms = store.forms_by_id(new_ids)
    corpus = _Corpus(store.row_texts(), list(named_row_texts(new_forms)), unit_of)
    phrases = _same_globals(store, corpus)
    if phrases is None:
        return None
    report(0.3, "matching")
    new_texts, new_pairs = _match(store, corpus)
    if new_texts is None:
        return None
    report(0.6, "corpus")
    judged = _touched_forms(store, places, new_forms, corpus, new_pairs)
    units = {unit_of[f] for f in judged}
    forms = store.forms_by_id(sorted(p.form_id for p in places if unit_of[p.form_id] in units))
    chosen = [f for f in forms if f.form_id in judged]
    texts = {text for form_id, _, text in corpus.rows if form_id in judged}
    pairs = store.text_pairs_of(sorted(texts)) + new_pairs
    near = texts | _partners(pairs)
    rows = sorted(row for row in corpus.rows if row[2] in near)  # in form order, as a full run reads them
    view = build_partial_view(chosen, forms, unit_of, rows, pairs, phrases)
    cached = cached_rules(store, key, sorted(judged))
    fresh_rules = {f.form_id: run_rules(f) for f in chosen if f.form_id not in cached}  # the new forms'
    per_form = cached | fresh_rules
    context = CorpusContext(view, {p.form_id: form_label(p) for p in places}, townships_by_county(places))
    dismissals = store.dismissals()
    scores = [score_form(f, per_form[f.form_id], context, dismissals.get(f.form_id, {})) for f in chosen]
    report(0.9, "saving")
    results = quality_results(scores, view, fresh_rules, key)
    results.new_texts, results.new_pairs, results.row_texts = new_texts, new_pairs, corpus.new_rows
    results.only, results.data_version = sorted(judged), version
    if not store.save_quality(results):
        return None  # another process changed the store meanwhile
    report(1.0, "done")
    return len(chosen)


class _Corpus:
    """Every row of the corpus as (form_id, seq, text), which units use each text before and after
    the new forms, and which use each name key (stock phrases are learnt from them)."""

    def __init__(
        self,
        stored: list[tuple[str, int, str, bool]],
        new_rows: list[tuple[str, int, str, bool]],
        unit_of: dict[str, str],
    ) -> None:
        self.new_rows, self.unit_of = new_rows, unit_of
        self.new_ids = {row[0] for row in new_rows}
        self.new_texts = {row[2] for row in new_rows}
        self.rows: list[RowText] = [row[:3] for row in chain(stored, new_rows)]  # unordered
        self.units_before: dict[str, set[str]] = defaultdict(set)
        self.units_of_name: dict[str, set[str]] = defaultdict(set)
        for form_id, _, text, named in stored:
            unit = unit_of[form_id]
            self.units_before[text].add(unit)
            if named and len(text) >= 4:
                self.units_of_name[text].add(unit)
        self.units_after = defaultdict(set, {text: set(units) for text, units in self.units_before.items()})
        for form_id, _, text, named in new_rows:
            self.units_after[text].add(unit_of[form_id])
            if named and len(text) >= 4:
                self.units_of_name[text].add(unit_of[form_id])

    def units(self, before: bool) -> int:
        forms = (f for f in self.unit_of if not before or f not in self.new_ids)
        return len({self.unit_of[f] for f in forms})


def _same_globals(store: Store, corpus: _Corpus) -> list[Phrase] | None:
    """The corpus's stock phrases, when neither they nor the copy thresholds changed with the new
    forms (None when either did: every form may then change). Phrases are learnt from the name
    keys stored with the rows (:func:`learned_phrases` over the names gives the same)."""
    caps: Callable[[int], list[int]] = lambda units: [math.floor(c) for c in copy_caps(units)]  # noqa: E731
    if caps(corpus.units(before=True)) != caps(corpus.units(before=False)):
        return None
    shown = store.phrase_texts()
    phrases = with_seeds(phrases_in_band(corpus.units_of_name, shown, corpus.units(before=False)))
    return phrases if {p.key for p in phrases} == shown.keys() else None


def _match(store: Store, corpus: _Corpus) -> tuple[list[str] | None, list[tuple[str, str, float]]]:
    """The new forms' texts not matched before and their pairs with every text, as a full run finds
    them (every other text is matched: the store was scored)."""
    texts = sorted(corpus.units_after)
    known = store.known_texts(sorted(corpus.new_texts))
    fresh = [i for i, text in enumerate(texts) if text in corpus.new_texts and text not in known]
    if not fresh:
        return [], []
    if len(fresh) == len(texts):  # a first match is a whole corpus's: the full run's
        return None, []
    stand_ins = stand_ins_of(corpus.units_after)
    return [texts[i] for i in fresh], text_pairs(texts, fresh, (), stand_ins)


def _touched_forms(
    store: Store,
    places: list[FormPlace],
    new_forms: list[Form],
    corpus: _Corpus,
    new_pairs: list[tuple[str, str, float]],
) -> set[str]:
    """The forms whose results the new forms can change (the new ones among them).

    The rows of a text can change only when the text is a new form's, or near one and one unit's
    own (a wording several units share is judged on its exact text, which the new forms do not
    use), and then only if they count as copied or in a block before or after: a wording that
    several units share, or that one unit writes among near texts of too many units, is standard
    vocabulary both times (more units use it after), and one no other unit uses or nears is its
    unit's own both times. Besides: the forms of the new forms' units (carry-over), and the
    county's forms that name a township new to it.
    """
    before, after, texts = corpus.units_before, corpus.units_after, corpus.new_texts
    near = _partners(store.text_pairs_of(sorted(texts)) + new_pairs) - texts  # their units are as they were:
    near_own = {t for t in near if len(before.get(t, ())) == 1}  # only one unit's own text meets its near
    candidates = sorted((texts & before.keys()) | near_own)
    near_before, near_after = defaultdict(set), defaultdict(set)
    for a, b, _ in store.text_pairs_of(candidates):
        near_before[a].add(b)
        near_before[b].add(a)
    for a, b, _ in new_pairs:
        near_after[a].add(b)
        near_after[b].add(a)
    cap = copy_caps(corpus.units(before=True))[1]
    changing = {
        t
        for t in candidates
        if not _skipped(t, near_before[t], before, cap)
        or not _skipped(t, near_before[t] | near_after[t], after, cap)
    }
    touched = corpus.new_ids | {form_id for form_id, _, text in corpus.rows if text in changing}
    units = {corpus.unit_of[f] for f in corpus.new_ids}
    touched |= {form_id for form_id, unit in corpus.unit_of.items() if unit in units}
    known = townships_by_county(p for p in places if p.form_id not in corpus.new_ids)
    for form in new_forms:
        if form.county and form.township and form.township not in known.get(form.county, set()):
            touched |= set(store.forms_mentioning(form.county, form.township))
    return touched


def _partners(pairs: list[tuple[str, str, float]]) -> set[str]:
    return {a for a, _, _ in pairs} | {b for _, b, _ in pairs}


def _skipped(text: str, near: set[str], units_of: dict[str, set[str]], cap: float) -> bool:
    """Whether the text's rows are neither copies nor in blocks (see ``corpus._copied_rows``): the
    units using it, or (when one unit alone does) it and its near texts, are one or more than ``cap``."""
    units = set(units_of.get(text, ()))
    if len(units) == 1:
        for other in near:
            units |= units_of.get(other, set())
            if len(units) > cap:
                break
    return len(units) < 2 or len(units) > cap
