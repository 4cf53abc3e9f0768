"""Scoring at scale: full scoring time and peak memory, and blocked matching against exact all-pairs.

    python bench/score_bench.py [--forms 2000] [--exact-texts 3000] [--seed 1]

The corpus is built here from the bundled samples' rows: each synthetic form draws rows from
the real forms, rewrites their numbers and place names, and a share of forms copies a block of
rows from another synthetic unit, so the matcher has real work. Prints one table.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib import settings  # noqa: E402
from lib.model import Form  # noqa: E402
from lib.quality.engine import assess, corpus_texts  # noqa: E402
from lib.quality.matching import exact_pairs, similar_pairs  # noqa: E402
from lib.readers import parse_file  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
PLACES = "东西南北上下前后新老大小长安宁和平兴隆丰泰福康"


def synthetic_corpus(count: int, seed: int) -> list[Form]:
    """Forms drawn from the real forms' rows, renamed and renumbered; a fifth copy a block of rows."""
    rng = random.Random(seed)
    seeds = [parse_file(p)[0] for p in sorted(SAMPLES.glob("*.txt"))]
    pool = [i for f in seeds for i in f.indicators if i.name]
    forms: list[Form] = []
    for n in range(count):
        town = "".join(rng.choice(PLACES) for _ in range(2))
        rows = [_variant(rng.choice(pool), town, rng) for _ in range(rng.randint(20, 80))]
        if forms and rng.random() < 0.2:
            donor = rng.choice(forms).indicators
            start = rng.randrange(max(1, len(donor) - 10))
            rows[3:3] = donor[start : start + 10]
        indicators = [replace(row, seq=seq) for seq, row in enumerate(rows, 1)]
        forms.append(
            Form(
                form_id=f"{n:016x}",
                source=f"synthetic-{n}.txt",
                format="txt",
                layout="synthetic",
                unit_name=f"合成县{town}{n}镇人民政府",
                year=2024,
                indicators=indicators,
            )
        )
    return forms


def _variant(indicator, town: str, rng: random.Random):
    number = str(rng.randint(1, 500))
    name = re.sub(r"\d+", number, indicator.name)
    if rng.random() < 0.5:
        name = f"{town}{name}"
    return replace(indicator, name=name, description=None)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=2000)
    parser.add_argument(
        "--exact-texts", type=int, default=10000, help="texts in the exact-vs-blocked comparison"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    forms = synthetic_corpus(args.forms, args.seed)
    built = time.perf_counter() - started
    indicators = sum(len(f.indicators) for f in forms)

    started = time.perf_counter()
    scores, view = assess(forms)
    scoring = time.perf_counter() - started

    texts = corpus_texts(forms)
    sample = random.Random(args.seed).sample(texts, min(args.exact_texts, len(texts)))
    threshold = settings.get("copy_ratio") / 100
    started = time.perf_counter()
    exact = {(a, b) for a, b, _ in exact_pairs(sample, threshold)}
    exact_s = time.perf_counter() - started
    started = time.perf_counter()
    blocked = {(a, b) for a, b, _ in similar_pairs(sample, threshold)}
    blocked_s = time.perf_counter() - started
    recall = len(exact & blocked) / len(exact) if exact else 1.0

    print(
        f"corpus: {len(forms)} forms, {indicators} indicators, {len(texts)} distinct row texts "
        f"(built in {built:.1f} s)"
    )
    print(f"{'measure':<44}{'value':>12}")
    for label, value in [
        ("full scoring, seconds", f"{scoring:.1f}"),
        ("forms per second (scoring)", f"{len(forms) / scoring:.0f}"),
        ("copied blocks found", f"{len(view.blocks)}"),
        ("forms graded 差", f"{sum(s.grade == '差' for s in scores)}"),
        (f"exact all-pairs on {len(sample)} texts, seconds", f"{exact_s:.2f}"),
        (f"blocked on the same {len(sample)} texts, seconds", f"{blocked_s:.2f}"),
        ("exact / blocked time ratio", f"{exact_s / blocked_s:.1f}x" if blocked_s else "-"),
        ("recall of blocked vs exact pairs", f"{recall:.3f} ({len(exact)} pairs)"),
        ("peak memory, MB", f"{peak_mb():.0f}"),
    ]:
        print(f"{label:<44}{value:>12}")


if __name__ == "__main__":
    main()
