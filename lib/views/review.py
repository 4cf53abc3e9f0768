"""The reviewer's view of one form: findings with their review state, what each row earned per
dimension, the reviews kept, and the choices offered for dismissal (pure functions of the tables)."""

from __future__ import annotations

import pandas as pd

from lib.i18n import has, label, t
from lib.model import Form
from lib.quality.results import Finding
from lib.quality.rules import row_text
from lib.quality.scoring import ROW_SCORED, form_credits, row_credits
from lib.views.data import SEVERITIES

FINDING_COLUMNS = ["criterion", "code", "severity", "message", "rows_text", "reviewed"]
CREDIT_COLUMNS = ["seq", "text", "source_ref", "credit", "why"]
REVIEW_COLUMNS = ["at", "action", "finding", "text"]


def form_findings(findings: pd.DataFrame, form_id: str, lang: str) -> pd.DataFrame:
    """One form's findings, most severe first, with their criterion and review state in words."""
    own = findings[findings["form_id"] == form_id]
    rank = {name: n for n, name in enumerate(SEVERITIES)}
    own = own.assign(_rank=own["severity"].map(rank)).sort_values(["_rank", "idx"])
    return pd.DataFrame(
        {
            "criterion": own["criterion"].map(lambda c: label("criterion", c, lang)),
            "code": own["code"],
            "severity": own["severity"],
            "message": own["message"],
            "rows_text": own["rows"].map(lambda rows: "、".join(map(str, rows))),
            "reviewed": own["dismissed"].map(
                lambda reason: "" if pd.isna(reason) else t("review.dismissed", lang, reason=reason)
            ),
            "finding_key": own["finding_key"],
            "idx": own["idx"],
        }
    ).reset_index(drop=True)


def findings_of(findings: pd.DataFrame, form_id: str) -> list[Finding]:
    """The stored findings of one form as the engine's records (for the per-row credit)."""
    own = findings[findings["form_id"] == form_id]
    return [
        Finding(code, "", "", list(rows), dismissed=None if pd.isna(reason) else reason)
        for code, rows, reason in zip(own["code"], own["rows"], own["dismissed"], strict=True)
    ]


def flags_of(flags: pd.DataFrame, form_id: str) -> dict[str, list[str]]:
    own = flags[flags["form_id"] == form_id]
    found: dict[str, list[str]] = {}
    for seq, flag in zip(own["seq"], own["flag"], strict=True):
        found.setdefault(str(int(seq)), []).append(flag)
    return found


def credit_table(
    form: Form, findings: pd.DataFrame, flags: pd.DataFrame, dimension: str, lang: str
) -> pd.DataFrame:
    """The rows a dimension is computed from: each row's text, where it was read, what it earned
    (0–100) and why it lost points. Rows that lost points come first. For 完整性 and 相关性, the
    parts instead: each required category, each goal, each money check (— when not checkable)."""
    if dimension not in ROW_SCORED:
        return _parts_table(form, findings, dimension, lang)
    by_seq = {i.seq: i for i in form.indicators}
    credits = [
        c
        for c in row_credits(form, findings_of(findings, form.form_id), flags_of(flags, form.form_id))
        if c[0] == dimension
    ]
    rows = [
        {
            "seq": seq,
            "text": row_text(by_seq[seq]),
            "source_ref": by_seq[seq].source_ref,
            "credit": round(100 * credit),
            "why": "；".join(_reason(code, lang) for code in reasons),
        }
        for _, seq, credit, reasons in credits
    ]
    frame = pd.DataFrame(rows, columns=CREDIT_COLUMNS)
    return frame.sort_values(["credit", "seq"], kind="stable").reset_index(drop=True)


def _parts_table(form: Form, findings: pd.DataFrame, dimension: str, lang: str) -> pd.DataFrame:
    kept = [f for f in findings_of(findings, form.form_id) if not f.dismissed]
    rows = [
        {
            "seq": None,
            "text": label("finding", what, lang) if what == code else what,
            "source_ref": None,
            "credit": None if credit is None else round(100 * credit),
            "why": t("not_checkable", lang) if credit is None else "" if credit else _reason(code, lang),
        }
        for what, credit, code in form_credits(form, kept, dimension)
    ]
    frame = pd.DataFrame(rows, columns=CREDIT_COLUMNS)
    return frame.sort_values("credit", kind="stable", na_position="first").reset_index(drop=True)


def _reason(code: str, lang: str) -> str:
    """A reason code in words: a credit note, a rule's name or a flag's name."""
    return next((t(f"{p}.{code}", lang) for p in ("credit", "finding", "flag") if has(f"{p}.{code}")), code)


def dismissal_choices(table: pd.DataFrame) -> dict[str, str]:
    """finding key → a short line to pick it by (findings not yet dismissed)."""
    open_ones = table[table["reviewed"] == ""]
    return {
        key: f"{message[:60]}"
        for key, message in zip(open_ones["finding_key"], open_ones["message"], strict=True)
    }


def reviews_table(reviews: pd.DataFrame, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reviewer's dismissals and remarks on a form, oldest first, in words."""
    names = dict(zip(table["finding_key"], table["code"], strict=True))
    return pd.DataFrame(
        {
            "at": reviews["at"],
            "action": reviews["action"].map(
                lambda a: t("review.dismiss_done" if a == "dismiss" else "review.remark", lang)
            ),
            "finding": reviews["finding_key"].map(
                lambda k: "" if pd.isna(k) else label("finding", names.get(k, str(k).split(":")[0]), lang)
            ),
            "text": reviews["text"],
        },
        columns=REVIEW_COLUMNS,
    ).reset_index(drop=True)
