"""The county brief: many forms on one printable A4 page (``python -m lib brief --county 息烽县``).

The summary paragraph, the townships compared (league table), the grade distribution, the
commonest problems and the forms to return, with the date and the selection it covers. Built
from the same views as the dashboard's overview (:mod:`lib.views.briefing`), styled like the
one-form brief; every piece of form text is HTML-escaped.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.export.brief import CSS, FONT, escape, more, rows_table, section
from lib.filters import Filters
from lib.i18n import display, label, t
from lib.store import Store
from lib.views import briefing, overview
from lib.views.data import GRADES, load_table

TOP_PROBLEMS = 8
RETURN_ROWS = 30
LEAGUE_ROWS = 40


def county_brief_html(store: Store, filters: Filters, lang: str = "zh", today: date | None = None) -> str:
    """The brief of every form the selection keeps (a county: ``Filters(county=("息烽县",))``)."""
    forms = filters.apply(load_table(store, "forms"))
    findings = load_table(store, "findings")
    findings = findings[findings["form_id"].isin(forms["form_id"])]
    colon, semicolon = ("：", "；") if lang == "zh" else (": ", "; ")
    described = filters.describe()
    covers = semicolon.join(f"{t(f'col.{k}', lang)}{colon}{v}" for k, v in described) or t(
        "overview.all", lang
    )
    body = "".join(
        [
            f'<button class="print" onclick="window.print()">{escape(t("brief.print", lang))}</button>',
            f"<h1>{escape(' · '.join(filters.county) or t('county.title', lang))}</h1>",
            f'<div class="sub">{escape(t("county.title", lang))} · {escape(t("county.covers", lang))}{colon}{escape(covers)} · '
            f"{escape(t('county.date', lang))}{colon}{(today or date.today()).isoformat()}</div>",
            f"<p>{escape(briefing.summary(forms, findings, lang))}</p>",
            section("county.league", lang, _league(forms, lang)),
            section("county.grades", lang, _grades(forms, lang)),
            section("county.problems", lang, _problems(forms, findings, lang)),
            section("briefing.to_return", lang, _to_return(forms, findings, lang)),
            f'<p class="foot">{escape(t("brief.source", lang))}</p>',
        ]
    )
    return (
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<title>{escape(t('county.title', lang))}</title><style>{CSS % {'font': FONT}}</style></head>"
        f"<body>{body}</body></html>"
    )


def _league(forms: pd.DataFrame, lang: str) -> str:
    table = briefing.league(forms, by="place")
    columns = list(table.columns)
    rows = [
        [display(c, v, lang) for c, v in zip(columns, row, strict=True)]
        for row in table.head(LEAGUE_ROWS).values
    ]
    headers = [t("col.place" if c == "place" else f"col.{c}", lang) for c in columns]
    return rows_table(headers, rows, lang) + more(len(table) - LEAGUE_ROWS, lang)


def _grades(forms: pd.DataFrame, lang: str) -> str:
    counts = forms["grade"].value_counts()
    rows = [[label("grade", g, lang), int(counts.get(g, 0))] for g in GRADES]
    return rows_table([t("col.grade", lang), t("col.forms", lang)], rows, lang)


def _problems(forms: pd.DataFrame, findings: pd.DataFrame, lang: str) -> str:
    top = overview.top_findings(forms, findings, limit=TOP_PROBLEMS)
    rows = [
        [label("finding", r.code, lang), label("severity", r.severity, lang), int(r.forms), int(r.findings)]
        for r in top.itertuples()
    ]
    headers = [t(k, lang) for k in ("col.code", "col.severity", "col.forms", "col.findings")]
    return rows_table(headers, rows, lang) + more(findings["code"].nunique() - len(top), lang)


def _to_return(forms: pd.DataFrame, findings: pd.DataFrame, lang: str) -> str:
    returned = briefing.to_return(forms, findings)
    rows = [
        [
            r.label,
            display("score", r.score, lang),
            label("grade", r.grade, lang),
            label("verdict", r.verdict, lang),
            briefing.reason(r.gates, r.codes, lang),
        ]
        for r in returned.head(RETURN_ROWS).itertuples()
    ]
    headers = [t(k, lang) for k in ("col.label", "col.score", "col.grade", "col.verdict", "col.reason")]
    return rows_table(headers, rows, lang) + more(len(returned) - RETURN_ROWS, lang)
