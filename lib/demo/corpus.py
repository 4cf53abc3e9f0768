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

    Recall: of the rows a copier took, the share flagged as copied from the donor's unit.
    Precision: of all rows flagged as copied, the share where the two units are a planted
    pair and the row is one of the block's texts (both sides are copies of each other, and the
    donor may carry the same rows in its other years' forms).
    """
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entries = {e["form_id"]: e for e in manifest["forms"]}
    pair_texts: dict[frozenset[str], set[str]] = {}
    taken: dict[tuple[str, int], str] = {}
    for entry in manifest["forms"]:
        for block in entry["copied_blocks"]:
            donor = entries[block["source_form_id"]]
            units = frozenset((entry["unit_name"], donor["unit_name"]))
            texts = pair_texts.setdefault(units, set())
            for seq, source_seq in zip(block["seqs"], block["source_seqs"], strict=True):
                texts.update({match_key(entry["names"][seq - 1]), match_key(donor["names"][source_seq - 1])})
                taken[(entry["form_id"], seq)] = donor["unit_name"]
    flagged = {
        (s.form_id, int(seq)): entries[flag.split(":", 1)[1].split("#")[0]]["unit_name"]
        for s in scores for seq, flags in s.indicator_flags.items() for flag in flags if flag.startswith("copied:")
    }
    right = sum(
        1 for (form_id, seq), other in flagged.items()
        if match_key(entries[form_id]["names"][seq - 1])
        in pair_texts.get(frozenset((entries[form_id]["unit_name"], other)), set())
    )
    found = sum(1 for row, donor_unit in taken.items() if flagged.get(row) == donor_unit)
    by_id = {s.form_id: s for s in scores}
    templates = [e["form_id"] for e in manifest["forms"] if "template" in e["problems"]]
    return DetectorQuality(
        copied_precision=right / len(flagged) if flagged else 1.0,
        copied_recall=found / len(taken) if taken else 1.0,
        planted_rows=len(taken), flagged_rows=len(flagged), template_forms=len(templates),
        template_forms_graded_worst=sum(by_id[f].grade == "差" for f in templates if f in by_id),
    )
