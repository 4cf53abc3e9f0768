"""``python -m lib demo``: write a synthetic corpus, and judge the detector against its manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lib.demo.generate import generate
from lib.demo.params import CorpusParams
from lib.demo.render import write_corpus
from lib.normalize.text import match_key
from lib.quality.results import FormScore


def make_corpus(count: int, out: Path, seed: int = 1, settings: CorpusParams | None = None) -> Path:
    """Write ``count`` synthetic forms and their manifest into ``out``; the manifest's path."""
    settings = settings or CorpusParams()
    return write_corpus(generate(count, seed, settings), out, seed, settings)


@dataclass(frozen=True)
class DetectorQuality:
    """How the copy detector and the grades fare against what was planted."""

    copied_precision: float
    copied_recall: float
    planted_rows: int
    flagged_rows: int
    template_forms: int
    template_forms_graded_worst: int


def detector_quality(manifest_path: Path, scores: list[FormScore]) -> DetectorQuality:
    """Precision and recall of rows flagged as copied, against the planted copied blocks.

    Planted copying makes clusters: a donor's row and every copy of it, in every unit that took
    it (two towns may copy one donor, and the donor repeats its rows in other years). Recall: of
    the rows copiers took, the share flagged as copied from a unit of the row's cluster.
    Precision: of all rows flagged as copied, the share whose row and flagged unit both belong to
    the cluster of the row's text.
    """
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entries = {e["form_id"]: e for e in manifest["forms"]}
    cluster: dict[str, set[str]] = {}  # donor text → the units holding it through planted copying
    text_of: dict[tuple[str, int], str] = {}  # a planted row (copied or edited) → its donor text
    for entry in manifest["forms"]:
        for block in entry["copied_blocks"]:
            donor = entries[block["source_form_id"]]
            for seq, source_seq in zip(block["seqs"], block["source_seqs"], strict=True):
                key = match_key(donor["names"][source_seq - 1])
                cluster.setdefault(key, set()).update({donor["unit_name"], entry["unit_name"]})
                text_of[(entry["form_id"], seq)] = key
    flagged = {
        (s.form_id, int(seq)): entries[flag.split(":", 1)[1].split("#")[0]]["unit_name"]
        for s in scores
        for seq, flags in s.indicator_flags.items()
        for flag in flags
        if flag.startswith("copied:")
    }

    def members(row: tuple[str, int]) -> set[str]:
        key = text_of.get(row) or match_key(entries[row[0]]["names"][row[1] - 1])
        return cluster.get(key, set())

    right = sum(1 for row, other in flagged.items() if {entries[row[0]]["unit_name"], other} <= members(row))
    found = sum(1 for row in text_of if flagged.get(row) in members(row))
    by_id = {s.form_id: s for s in scores}
    templates = [e["form_id"] for e in manifest["forms"] if "template" in e["problems"]]
    return DetectorQuality(
        copied_precision=right / len(flagged) if flagged else 1.0,
        copied_recall=found / len(text_of) if text_of else 1.0,
        planted_rows=len(text_of),
        flagged_rows=len(flagged),
        template_forms=len(templates),
        template_forms_graded_worst=sum(by_id[f].grade == "差" for f in templates if f in by_id),
    )


@dataclass(frozen=True)
class RuleAgreement:
    """One rule against the rows planted for it."""

    code: str
    planted: int
    flagged: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.planted if self.planted else 1.0


def signal_agreement(manifest_path: Path, scores: list[FormScore]) -> dict[str, RuleAgreement]:
    """Per rule with planted truth: rows planted, rows the rule's findings name, rows both."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    truth: dict[str, set[tuple[str, int]]] = {}
    for entry in manifest["forms"]:
        for code, seqs in entry["signals"].items():
            truth.setdefault(code, set()).update((entry["form_id"], seq) for seq in seqs)
    found: dict[str, set[tuple[str, int]]] = {code: set() for code in truth}
    for score in scores:
        for finding in score.findings:
            if finding.code in found:
                found[finding.code].update((score.form_id, seq) for seq in finding.seqs)
    return {
        code: RuleAgreement(code, len(truth[code]), len(found[code]), len(truth[code] & found[code]))
        for code in sorted(truth)
    }
