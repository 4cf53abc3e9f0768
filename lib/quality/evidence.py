"""Evidence a reviewer can trust: each finding quotes its rows, says where they were read, and is
phrased 请核实 when it rests on a guess (a level label the reader inferred, a low-confidence reading).

Also the reviewer's side: a finding's stable ``key`` (so a dismissal survives a rescore) and the
findings and flags that still count once the dismissed ones are left out.
"""

from __future__ import annotations

import hashlib

from lib.model import Form, Indicator
from lib.quality.results import Evidence, Finding
from lib.quality.rules import RULES, row_text

VERIFY = "请核实："
INFERRED_LEVEL = "所涉指标的一级指标是读表时根据版式推断的，原表未写明"
LOW_CONFIDENCE = "所涉指标的读取置信度为{confidence}（{reasons}），可能读错"


def finding_key(finding: Finding) -> str:
    """Stable across rescoring: the rule and the rows (or, for a form-wide finding, its text)."""
    if finding.seqs:
        return f"{finding.code}:{','.join(map(str, finding.seqs))}"
    return f"{finding.code}:{hashlib.sha256(finding.message.encode()).hexdigest()[:10]}"


def annotate(form: Form, findings: list[Finding], dismissed: dict[str, str]) -> list[Finding]:
    """Each finding with its criterion, its rows quoted, its doubt, its key and any dismissal."""
    by_seq = {i.seq: i for i in form.indicators}
    for finding in findings:
        rule = RULES.get(finding.code)
        rows = [by_seq[s] for s in finding.seqs if s in by_seq]
        finding.criterion = rule.criterion if rule else None
        finding.evidence = [Evidence(i.seq, row_text(i), i.source_ref) for i in rows]
        finding.key = finding_key(finding)
        finding.verify = doubt(form, rows, bool(rule and rule.reads_level))
        if finding.verify and not finding.message.startswith(VERIFY):
            finding.message = f"{VERIFY}{finding.message}（{finding.verify}）"
        finding.dismissed = dismissed.get(finding.key)
    return findings


def doubt(form: Form, rows: list[Indicator], reads_level: bool) -> str | None:
    """Why a finding rests on a guess, or None when it rests on what the form says."""
    leaning_on = rows or (form.indicators if reads_level else [])
    if reads_level and any(i.level1_inferred for i in leaning_on):
        return INFERRED_LEVEL
    unsure = [i for i in rows if i.confidence != "high"]
    if unsure:
        worst = "low" if any(i.confidence == "low" for i in unsure) else "medium"
        reasons = sorted({r for i in unsure for r in i.confidence_reasons}) or ["—"]
        return LOW_CONFIDENCE.format(
            confidence={"low": "低", "medium": "中"}[worst], reasons="、".join(reasons)
        )
    return None


def without_dismissed(
    findings: list[Finding], flags: dict[str, list[str]]
) -> tuple[list[Finding], dict[str, list[str]]]:
    """The findings that still count, and the row flags their rules raise."""
    kept = [f for f in findings if not f.dismissed]
    dropped = [(RULES[f.code].flag, f.seqs) for f in findings if f.dismissed and f.code in RULES]
    kept_flags = {seq: list(values) for seq, values in flags.items()}
    for flag, seqs in dropped:
        for seq in seqs if flag else []:
            kept_flags[str(seq)] = [v for v in kept_flags.get(str(seq), []) if v.split(":")[0] != flag]
    return kept, {seq: values for seq, values in kept_flags.items() if values}
