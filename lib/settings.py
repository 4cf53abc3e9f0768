"""Every limit and threshold in one place, each with a default and a line of help.

docs/settings.md's settings table is generated from this module (:mod:`lib.docgen`).
Override any of them with an environment variable ``TARGETLENS_<NAME>`` (upper case).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: float | int | str
    help: str

    @property
    def value(self) -> float | int | str:
        raw = os.environ.get(f"TARGETLENS_{self.name.upper()}")
        if raw is None:
            return self.default
        return type(self.default)(raw)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("max_file_mb", 20, "Largest source file accepted by parse, ingest and the import page (MB)."),
        Setting("max_text_chars", 5_000_000, "Largest decoded text a reader will interpret (characters)."),
        Setting(
            "max_unzipped_mb",
            50,
            "Largest total uncompressed size of a .docx/.xlsx accepted (MB); more is refused as a zip bomb.",
        ),
        Setting(
            "max_zip_ratio",
            100,
            "Largest compression ratio of a .docx/.xlsx (unpacked size / file size); more is refused as a zip bomb.",
        ),
        Setting("max_sheet_rows", 20_000, "Most rows a worksheet may have; a larger sheet is refused."),
        Setting("max_sheet_cols", 200, "Most columns a worksheet may have; a larger sheet is refused."),
        Setting(
            "max_sheet_cells",
            1_000_000,
            "Most cells (rows × columns) a worksheet may span; a larger sheet is refused.",
        ),
        Setting(
            "max_sheet_merges",
            10_000,
            "Most merged ranges a worksheet may have; more is refused before any is expanded.",
        ),
        Setting(
            "max_shared_strings",
            200_000,
            "Most distinct texts (shared strings) a workbook may hold; more is refused before they are read.",
        ),
        Setting(
            "max_zip_entries", 2_000, "Most parts a .docx/.xlsx may hold; more is refused before any is read."
        ),
        Setting(
            "max_docx_elements",
            300_000,
            "Most paragraphs, table rows and cells a .docx body may have; more is refused before it is parsed.",
        ),
        Setting(
            "max_pdf_stream_mb",
            100,
            "Largest size a PDF's compressed streams may inflate to, all together (MB); more is refused before reading.",
        ),
        Setting("max_pdf_pages", 300, "Most pages a PDF may have; a longer PDF is refused."),
        Setting(
            "read_cpu_seconds",
            12,
            "CPU time one file may take to read (in the worker process); more is refused as 读取超时.",
        ),
        Setting(
            "read_wall_seconds",
            15.0,
            "Wall-clock time one file may take to read, the worker's start included; more is refused as 读取超时 "
            "(on a busy machine a second of wall time gives less than a second of CPU).",
        ),
        Setting(
            "read_memory_mb",
            1024,
            "Memory the worker process reading one file may use (MB); more is refused as 内存超限.",
        ),
        Setting(
            "read_worker_files",
            1000,
            "Files one reading worker reads (each within its own budget) before a new worker replaces it.",
        ),
        Setting(
            "max_indicators_per_form",
            20_000,
            "Most indicators one form may have; a larger form is refused at ingest (judging it would take minutes).",
        ),
        Setting(
            "busy_timeout_ms",
            30_000,
            "How long a store connection waits for another writer before giving up (ms).",
        ),
        Setting(
            "lock_retries", 5, "Tries of a store operation while the database stays locked (waits double)."
        ),
        Setting(
            "max_url_param_chars",
            2000,
            "Longest value of one URL parameter the dashboard reads or writes; a longer one is ignored with a notice.",
        ),
        Setting("cache_entries", 16, "How many store snapshots the dashboard keeps in its cache."),
        Setting(
            "chart_max_rows",
            60,
            "Most forms drawn as bars or matrix rows in one dashboard chart; the rest are counted in a caption.",
        ),
        Setting(
            "matrix_max_forms",
            300,
            "Most forms in the dashboard's form-by-form similarity matrix; beyond, the top pairs are a table.",
        ),
        Setting(
            "align_ratio",
            60.0,
            "rapidfuzz ratio (0-100) at which rows of two forms are put side by side in the compare and pair views.",
        ),
        Setting(
            "min_plausible_wan",
            20.0,
            "A unit's total budget below this many 万元 is implausible; figures labelled 元 under it are taken as 万元.",
        ),
        Setting(
            "max_plausible_wan",
            500_000.0,
            "A unit's total budget above this many 万元 is implausible; figures labelled 万元 over it are taken as 元.",
        ),
        Setting("junk_unit_max_chars", 8, "Text after a number longer than this is not read as a unit."),
        Setting(
            "min_plausible_project_wan",
            0.1,
            "A project's budget below this many 万元 is implausible; figures labelled 元 under it are taken as 万元.",
        ),
        Setting(
            "max_plausible_project_wan",
            200_000.0,
            "A project's budget above this many 万元 is implausible; figures labelled 万元 over it are taken as 元.",
        ),
        Setting(
            "wan_per_indicator",
            250.0,
            "Budget (万元) that calls for one more indicator; fewer than total/this (at most 20) is too few for the money.",
        ),
        Setting(
            "goal_overlap_share",
            0.2,
            "A goal whose character pairs overlap the indicators' text by less than this share has no indicator speaking to it.",
        ),
        Setting(
            "same_value_share",
            0.8,
            "Share of a table's rows carrying one value that makes it a template (every row ≥90百分百).",
        ),
        Setting("same_value_min_rows", 5, "Fewest rows in a table before the same-value rule applies."),
        Setting(
            "repeated_min_places",
            3,
            "The same (name, value) in this many places of one form is a repeated row.",
        ),
        Setting(
            "generic_ratio",
            85.0,
            "rapidfuzz ratio (0-100) at which an indicator name counts as a stock phrase.",
        ),
        Setting(
            "phrase_band_low",
            0.30,
            "A name used by at least this share of units is learnt as stock wording...",
        ),
        Setting(
            "phrase_band_high", 0.75, "...unless at least this share use it (then it is standard vocabulary)."
        ),
        Setting(
            "phrase_min_units", 3, "Fewest units that must use a name before it is learnt as stock wording."
        ),
        Setting(
            "copy_ratio",
            90.0,
            "rapidfuzz ratio (0-100) at which two rows of different units are near-identical.",
        ),
        Setting(
            "copy_min_chars",
            10,
            "Shortest row text (characters) that counts as copied on its own; shorter rows count only inside a block.",
        ),
        Setting(
            "copy_rare_units_share",
            0.1,
            "A row's wording used by more than this share of units (and more than 2) is common, not copied.",
        ),
        Setting(
            "copy_max_units",
            30,
            "Wording used by more units than this is never evidence of copying between two of them.",
        ),
        Setting(
            "copy_block_rows",
            3,
            "Consecutive rows matched in order to one other form that make a copied block.",
        ),
        Setting(
            "exact_pairs_max_texts",
            3000,
            "Up to this many distinct row texts, compare all pairs exactly; beyond, use the blocked index.",
        ),
        Setting(
            "yoy_flag_share",
            0.5,
            "Share of rows unchanged from the unit's previous year that raises a carry-over finding.",
        ),
        Setting(
            "max_place_stem_chars",
            10,
            "Longest place-name stem (县/镇 names without their kind) masked when matching templates; a longer 'name' is no place.",
        ),
        Setting("weight_completeness", 0.25, "Weight of 完整性 (completeness) in the composite score."),
        Setting(
            "weight_relevance", 0.15, "Weight of 相关性 (tied to goals and money) in the composite score."
        ),
        Setting("weight_appropriateness", 0.2, "Weight of 适当性 (sensible targets) in the composite score."),
        Setting(
            "weight_feasibility", 0.25, "Weight of 可行性 (genuinely measurable) in the composite score."
        ),
        Setting("weight_specificity", 0.15, "Weight of 具体性 (not boilerplate) in the composite score."),
        Setting(
            "template_share",
            0.5,
            "Share of rows flagged as boilerplate from which a form counts as filled from a template (a gate).",
        ),
        # ---- what the dashboard shows and keeps, and how much each memoised function remembers
        Setting(
            "findings_shown",
            2000,
            "Most findings listed in the quality page's table (the most severe first; the filters narrow the rest).",
        ),
        Setting(
            "preview_rows", 200, "Most indicator rows of a read file shown in the import page's preview."
        ),
        Setting(
            "form_cache_entries",
            128,
            "How many single forms (their rows, their record) the dashboard keeps in each per-form cache.",
        ),
        Setting(
            "memo_entries",
            65_536,
            "How many distinct cell texts each memoised reader and normaliser step remembers.",
        ),
        Setting(
            "text_memo_entries",
            200_000,
            "How many distinct indicator texts match_key and the rules' value check remember (a corpus's worth).",
        ),
        Setting(
            "review_unplaced_share",
            0.10,
            "A form whose unplaced text is over this share of its text gets a warning on the import page.",
        ),
        # ---- code health (issue 16): limits that lived in the modules using them
        Setting(
            "artefact_prefix_share",
            0.8,
            "An indicator table whose names start with 绩效目标 in at least this share of its named rows "
            "(and artefact_prefix_min_rows of them) has the prefix removed as an export artefact.",
        ),
        Setting(
            "artefact_prefix_min_rows",
            3,
            "Fewest named rows a table needs before a shared 绩效目标 prefix is read as an export artefact.",
        ),
        Setting(
            "max_unparsed_notes",
            200,
            "Most pieces of unplaced text the running-text reader keeps for one form (a file of prose "
            "would keep every sentence).",
        ),
        Setting(
            "match_brute_force_cells",
            20_000_000,
            "Up to this many new × stored indicator texts every pair is scored directly; beyond it the "
            "near-duplicate search uses its index (a form or two against a corpus: no index needed).",
        ),
        Setting(
            "fork_rules_min_forms",
            200,
            "Fewest unscored forms for which the command line runs the per-form rules in a forked process "
            "beside the text matching (on two or more cores).",
        ),
        Setting(
            "letter_rows_quoted",
            20,
            "Most rows the return letter quotes for one finding; the rest are counted.",
        ),
    ]
}


def get(name: str) -> float | int | str:
    """Current value of a setting (environment override or default)."""
    return SETTINGS[name].value


def default_db_path() -> Path:
    """The store: ``TARGETLENS_DB`` if set, else ``data/targetlens.sqlite`` beside the project."""
    env = os.environ.get("TARGETLENS_DB")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data" / "targetlens.sqlite"
