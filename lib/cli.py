"""The command line, ``python -m lib COMMAND``: the stable interface outside checks call.

Each command is a ``_add_<name>`` function that registers its subparser and sets ``run`` to
the function carrying it out, which returns the exit code. Output is UTF-8 whatever the locale.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from lib import settings
from lib.errors import FormError
from lib.i18n import t
from lib.ingest import escaped, iter_ingest, parse_source, unexpected
from lib.model import Form
from lib.quality.engine import score_store
from lib.quality.incremental import score_added
from lib.quality.results import FormScore
from lib.store import STORE_ERRORS, Store, open_store, store_problem

_NONE = "—"
PROGRESS_EVERY = 100  # files between the progress lines ingest prints on stderr


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except STORE_ERRORS as error:  # a damaged, read-only or locked store, met after it opened
        return _store_failure(getattr(args, "db", None), error)
    except KeyboardInterrupt:
        return _fail(args.command, "interrupted")
    except Exception as error:  # noqa: BLE001 - a bug still ends in one line, never a traceback
        return _fail(args.command, unexpected(args.command, error).reason, code=1)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lib", description="Target Lens: township performance-target forms."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db", help="the store (SQLite file); default: $TARGETLENS_DB, else data/targetlens.sqlite"
    )
    _add_parse(commands)
    _add_ingest(commands, db_option)
    _add_score(commands, db_option)
    _add_export(commands, db_option)
    _add_brief(commands, db_option)
    _add_letter(commands, db_option)
    _add_demo(commands)
    return parser


def _add_parse(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("parse", help="read one file and print its form")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the normalised form as JSON")
    _add_message_lang(parser)
    parser.set_defaults(run=_run_parse)


def _add_ingest(commands: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("ingest", parents=[db_option], help="add files and folders to the store")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--no-score", action="store_true", help="do not rescore the store after adding forms")
    _add_message_lang(parser)
    parser.set_defaults(run=_run_ingest)


def _add_message_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="en",
        help="why a file was refused, and the readers' warnings, in English (default) or Chinese",
    )


def _add_score(commands: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "score", parents=[db_option], help="judge every stored form and print the scores"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per form (a JSON list)")
    parser.add_argument(
        "--best-first", action="store_true", help="list the best form first (default: the worst)"
    )
    parser.set_defaults(run=_run_score)


def _run_parse(args: argparse.Namespace) -> int:

    try:
        forms = parse_source(args.file)
    except FormError as error:
        return _fail(args.file, error.text(args.lang))
    if args.json:
        print(forms[0].to_json() if len(forms) == 1 else _json_list(forms))
    else:
        print("\n\n".join(summary(form, args.lang) for form in forms))
    return 0


def _add_export(commands: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("export", parents=[db_option], help="write the briefing workbook (.xlsx)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    for name, flag in (
        ("year", "--year"),
        ("county", "--county"),
        ("form_kind", "--kind"),
        ("stage", "--stage"),
        ("grade", "--grade"),
    ):
        parser.add_argument(
            flag,
            dest=name,
            action="append",
            default=[],
            metavar="VALUE",
            help="keep only these (repeat, or separate with commas), as the sidebar filter",
        )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="titles in Chinese (default) or English"
    )
    parser.set_defaults(run=_run_export)


def _add_brief(commands: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "brief",
        parents=[db_option],
        help="write the printable one-page brief of a form, or with --county the brief of a county's forms",
    )
    parser.add_argument("form_id", metavar="FORM_ID", nargs="?")
    parser.add_argument(
        "--county", action="append", default=[], metavar="NAME", help="a county brief (repeat for several)"
    )
    parser.add_argument("--year", action="append", default=[], metavar="YEAR", help="keep only these years")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.set_defaults(run=_run_brief)


def _add_letter(commands: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "letter", parents=[db_option], help="write the return letter (审核意见书) of a form (.docx)"
    )
    parser.add_argument("form_id", metavar="FORM_ID")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.docx")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.set_defaults(run=_run_letter)


def _add_demo(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("demo", help="write a synthetic corpus (marked 合成示例) with its manifest")
    parser.add_argument("--forms", type=int, required=True, metavar="N")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument(
        "--wild", action="store_true", help="also write the families of forms copied from web pages"
    )
    parser.add_argument(
        "--years",
        type=int,
        default=3,
        metavar="Y",
        help="spread the forms over Y years ending in 2024 (default 3; 4,000 units at most, so 20,000 forms need 5)",
    )
    parser.set_defaults(run=_run_demo)


def _run_ingest(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2

    failed = added = False
    started = time.perf_counter()
    with store:
        for done, result in enumerate(iter_ingest(args.paths, store), 1):
            print(result.line(args.lang), flush=True)
            failed |= result.status == "error"
            added |= result.status == "added"
            if done % PROGRESS_EVERY == 0:
                rate = done / (time.perf_counter() - started)
                print(f"{done} files read ({rate:.0f} files/s)", file=sys.stderr, flush=True)
        if not args.no_score and (added or store.count_unscored()):  # repairs a crashed or concurrent run
            started = time.perf_counter()
            judged = score_added(store)
            print(f"scored {judged} forms in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 1 if failed else 0


def _run_score(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2
    with store:
        scores = sorted(score_store(store), key=lambda s: (s.score, s.form_id), reverse=args.best_first)
    if args.json:
        print(json.dumps([s.to_dict() for s in scores], ensure_ascii=False, indent=2))
    else:
        print(ranking_table(scores))
    return 0


def _run_export(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2
    from lib.filters import FIELDS as FILTER_FIELDS  # imported by the commands that use them: start-up time
    from lib.filters import Filters

    bad = Filters.bad_years(args.year)
    if bad:
        store.close()
        return _fail("--year", f"not a year (four digits 0-9): {', '.join(map(repr, bad))}")

    from lib.export.workbook import build_workbook

    filters = Filters.from_query({name: getattr(args, name) for name in FILTER_FIELDS})
    with store:
        if store.count_unscored():
            score_added(store)
        data = build_workbook(store, filters, args.lang)
    return _write(args.out, data, f" ({len(data) // 1024} KB)")


def _run_brief(args: argparse.Namespace) -> int:
    if bool(args.form_id) == bool(args.county):
        return _fail("brief", "give either a FORM_ID or --county NAME")
    store = _open(args.db)
    if store is None:
        return 2
    with store:
        if args.form_id and not store.has_form(args.form_id):
            return _fail(args.form_id, "no such form in the store")
        if store.count_unscored():
            score_added(store)
        if args.form_id:
            from lib.export.brief import brief_html

            page = brief_html(store, args.form_id, args.lang)
        else:
            from lib.export.county_brief import county_brief_html
            from lib.filters import Filters

            filters = Filters.from_query({"county": args.county, "year": args.year})
            if filters.apply(store.forms_frame()).empty:
                return _fail(",".join(args.county), "no form of this county in the store")
            page = county_brief_html(store, filters, args.lang)
    return _write(args.out, page.encode("utf-8"))


def _run_letter(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2
    with store:
        if not store.has_form(args.form_id):
            return _fail(args.form_id, "no such form in the store")
        if store.count_unscored():
            score_added(store)
        from lib.export.letter import letter_docx

        document = letter_docx(store, args.form_id, args.lang)
    return _write(args.out, document)


def _run_demo(args: argparse.Namespace) -> int:
    if args.forms < 1:
        return _fail("--forms", "must be at least 1")
    if not 1 <= args.years <= 30:
        return _fail("--years", "must be from 1 to 30")
    try:
        from lib.demo.build import make_corpus
        from lib.demo.params import DEFAULT_LAYOUTS, READ_LAYOUTS, WILD_LAYOUTS, CorpusParams

        layouts = READ_LAYOUTS + WILD_LAYOUTS if args.wild else DEFAULT_LAYOUTS
        years = tuple(range(2025 - args.years, 2025))
        manifest = make_corpus(args.forms, args.out, args.seed, CorpusParams(layouts=layouts, years=years))
    except (OSError, ValueError) as error:
        return _fail(args.out, str(error))
    print(f"wrote {args.forms} synthetic forms and {manifest}")
    return 0


def ranking_table(scores: list[FormScore]) -> str:
    """The forms ranked from worst to best, one line each; — where a criterion could not be checked."""
    columns = ("completeness", "relevance", "appropriateness", "feasibility", "specificity")
    titles = " ".join(f"{name[:6]:>6}" for name in columns)
    header = f"{'score':>6} {'grade':<5} {titles} {'boiler':>7} {'findings':>8}  unit / year"
    lines = [header]
    for s in scores:
        high = sum(f.severity == "high" for f in s.findings)
        values = " ".join(_dimension(s.dimensions.get(name)) for name in columns)
        lines.append(
            f"{s.score:6.1f} {s.grade:<5} {values} {s.boilerplate_share:7.0%} "
            f"{len(s.findings):4d}/{high:<3d}  {s.unit_name or s.form_id} {s.year or ''}"
        )
    return "\n".join(lines)


def _dimension(value: float | None) -> str:
    return f"{'—':>6}" if value is None else f"{value:6.0f}"


def _open(db: str | None) -> Store | None:
    try:
        return open_store(db or settings.default_db_path())
    except STORE_ERRORS as error:
        _store_failure(db, error)
        return None


def _store_failure(db: str | None, error: BaseException) -> int:
    """``error: STORE: what is wrong (detail)``, exit 2."""
    detail = " ".join(str(error).rsplit("': ", 1)[-1].split()) or type(error).__name__  # not pandas' SQL
    return _fail(
        db or settings.default_db_path(), f"{t(f'error.store_{store_problem(error)}', 'en')} ({detail})"
    )


def _write(out: Path, data: bytes, note: str = "") -> int:
    """Write an export to ``out`` and say so (with ``note``); a file that cannot be written is an error."""
    try:
        out.write_bytes(data)
    except OSError as error:
        return _fail(out, error.strerror or str(error))
    print(escaped(f"wrote {out}{note}"))
    return 0


def _fail(subject: object, reason: str, code: int = 2) -> int:
    print(escaped(f"error: {subject}: {reason}"), file=sys.stderr)
    return code


def _json_list(forms: list[Form]) -> str:
    return json.dumps([form.to_dict() for form in forms], ensure_ascii=False, indent=2)


def summary(form: Form, lang: str) -> str:
    """A human-readable account of one form, for ``parse`` without ``--json``."""
    lines = [
        escaped(f"{form.source}  (form {form.form_id}, {form.format}, {form.layout})"),
        f"unit:       {_text(form.unit_name)}" + (f"  [{form.unit_code}]" if form.unit_code else ""),
        f"place:      {_text(form.county)} / {_text(form.township)}",
        f"year:       {_text(form.year)}",
        f"kind:       {_text(form.form_kind)} / {_text(form.stage)}",
        f"budget:     {_budget(form)}",
        f"contents:   {len(form.functions)} functions, {len(form.goals)} goals, "
        f"{len(form.projects)} projects, {len(form.indicators)} indicators",
        "indicators by level:",
        *_level_counts(form),
        f"warnings:   {len(form.warnings)}",
        *(
            f"  {w.code}: {w.text(lang)}" + (f" ({w.source_ref})" if w.source_ref else "")
            for w in form.warnings
        ),
        f"unparsed:   {len(form.unparsed)}",
    ]
    return "\n".join(lines)


def _budget(form: Form) -> str:
    budget = form.budget
    if budget.is_empty():
        return _NONE
    parts = ", ".join(
        f"{label} {_money(value)}"
        for label, value in (
            ("total", budget.total),
            ("basic", budget.basic),
            ("project", budget.project),
            ("other", budget.other),
        )
    )
    notes = f"written in {_text(budget.unit_raw)}" + ("; unit suspect" if budget.unit_suspect else "")
    return f"{parts} 万元  ({notes})"


def _level_counts(form: Form) -> list[str]:
    counts = Counter((_text(i.level1), _text(i.level2)) for i in form.indicators)
    return [f"  {level1} / {level2}: {n}" for (level1, level2), n in sorted(counts.items())] or ["  (none)"]


def _money(value: float | None) -> str:
    return _NONE if value is None else f"{value:,.2f}"


def _text(value: object) -> str:
    return _NONE if value is None else str(value)
