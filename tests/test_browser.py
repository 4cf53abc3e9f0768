"""The whole path in a real browser: Streamlit served on a free localhost port, driven by Playwright.

Uses Debian's Chromium (``/usr/bin/chromium``, installed by ``make test``; never a downloaded
browser). The store holds the bundled samples and a form whose text carries script, image,
link and Markdown payloads; the test fails on any Streamlit exception box, any browser console
error, or any payload that runs. Screenshots of each step go to test-artifacts/browser/.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from docx import Document
from quality_forms import GOOD_ROWS, form_from_rows

from lib.ingest import ingest_paths
from lib.quality.engine import score_store
from lib.samples import SAMPLES_DIR, sample_file
from lib.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PAYLOADS = [
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "[点我](javascript:window.__xss='link')",
    "![图](javascript:window.__xss='markdown-image')",
    '=HYPERLINK("http://evil.example")',
]
WORST = hashlib.sha256((ROOT / "data" / "samples" / "002_450f3943667c7c22.txt").read_bytes()).hexdigest()[:16]
HOSTILE_UNIT = "合成恶意县<img src=x onerror=\"window.__xss='unit'\">镇人民政府"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="make test installs Chromium from Debian's packages"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hostile_form():
    rows = [
        (level2, PAYLOADS[n % len(PAYLOADS)] + name, value)
        for n, (level2, name, value) in enumerate(GOOD_ROWS)
    ]
    return form_from_rows(rows, unit=HOSTILE_UNIT, descriptions=[PAYLOADS[1]] * len(rows))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "store.sqlite"
    with open_store(db) as store:
        ingest_paths([SAMPLES_DIR], store)
        store.add_form(hostile_form())
        score_store(store)
    return db


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """A fresh Streamlit server on the store at db; yields its base URL."""
    port = free_port()
    log_path = db.parent / f"streamlit-{port}.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, "TARGETLENS_DB": str(db)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log_path)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    with serve(store_path) as url:
        yield url


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not come up:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


class Session:
    """One browser page on the app, collecting console errors and dialogs, saving screenshots."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type == "error" and _counts(m.text) else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def open(self, path: str = "", expect: str | None = None) -> None:
        self.page.goto(f"{self.base}/{path}")
        self.settle(expect)

    def settle(self, expect: str | None = None) -> None:
        """Wait for the app to finish running, and for a text to show if one is expected."""
        self.page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
        if expect:  # the app reruns (URL parameters are synchronised), so wait on the text itself
            self.page.wait_for_function(
                "text => document.body.textContent.includes(text)", arg=expect, timeout=90_000
            )
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
        )

    def text(self) -> str:
        return self.page.text_content("body") or ""

    def check(self, name: str) -> None:
        """No exception box, no console error, no payload ran; then a screenshot."""
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        exceptions = self.page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert self.errors == [], self.errors
        assert self.dialogs == []
        assert self.page.evaluate("() => window.__xss") is None


def _counts(text: str) -> bool:
    """Console errors that are the app's own (not the closed network refusing a connection)."""
    return "net::ERR" not in text and "Failed to load resource" not in text


@pytest.fixture(scope="module")
def session(browser, server) -> Iterator[Session]:
    session = Session(browser, server)
    yield session
    session.context.close()


def test_overview_shows_the_samples(session: Session) -> None:
    session.open("", expect="绩效目标总览")
    session.page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    values = session.page.get_by_test_id("stMetricValue").all_inner_texts()
    assert values[:3] == ["6", "6", "4"]  # forms, townships, years: the five samples and the hostile form
    session.check("overview")


def test_language_switch_and_back(session: Session) -> None:
    session.open("", expect="绩效目标总览")
    session.page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    session.settle("Forms")
    assert "lang=en" in session.page.url
    session.check("overview-en")
    session.page.get_by_test_id("stSidebar").get_by_text("中文", exact=True).click()
    session.settle("绩效目标总览")
    session.check("overview-zh")


def test_filter_by_year_in_the_sidebar(session: Session) -> None:
    session.open("", expect="绩效目标总览")
    session.page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    session.page.get_by_role("option", name="2024").click()
    session.page.keyboard.press("Escape")
    session.page.wait_for_function("() => location.search.includes('year=2024')", timeout=60_000)
    session.settle("绩效目标总览")
    session.page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]')?.textContent.trim() === '3'",
        timeout=60_000,
    )
    session.check("overview-2024-clicked")


def test_filter_by_year_in_the_url(session: Session) -> None:
    session.open("?year=2024", expect="绩效目标总览")
    session.page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    assert (
        session.page.get_by_test_id("stMetricValue").all_inner_texts()[0] == "3"
    )  # 000, 001 and the hostile form
    session.check("overview-2024")


@pytest.mark.parametrize("page", ["budget", "structure", "quality", "compare", "import_forms"])
def test_every_page_renders(session: Session, page: str) -> None:
    session.open(page)
    session.check(page)


def test_drill_down_by_link_shows_the_flagged_rows_the_brief_and_the_letter(session: Session) -> None:
    session.open(f"drill?form={WORST}&seq=60", expect="第 60 项指标")
    text = session.text()
    findings = re.search(r"本表问题（(\d+) 条）", text)
    about_row = re.search(r"涉及本指标的问题：(\d+) 条", text)
    assert findings and int(findings.group(1)) > 10 and about_row and int(about_row.group(1)) >= 1
    session.check("drill-worst")
    with session.page.expect_download() as download:
        session.page.get_by_role("button").filter(has_text="简报").first.click()
    brief = Path(download.value.path()).read_text(encoding="utf-8")
    assert "玉田县林南仓镇人民政府" in brief and "@page { size: A4" in brief
    with session.page.expect_download() as download:
        session.page.get_by_role("button").filter(has_text="审核意见书").first.click()
    letter = Document(download.value.path())
    paragraphs = [p.text for p in letter.paragraphs]
    assert "玉田县林南仓镇人民政府：" in paragraphs and "审核结论：退回重报" in paragraphs


def test_a_deep_link_is_the_first_request_to_a_fresh_server(browser, store_path: Path) -> None:
    """Streamlit runs pages/drill.py itself on a fresh server's first deep link; the router takes over."""
    with serve(store_path) as url:
        fresh = Session(browser, url)
        try:
            fresh.open(f"drill?form={WORST}&seq=60", expect="第 60 项指标")
            assert "指标结构" in fresh.page.get_by_test_id("stSidebarNav").inner_text()  # the router's menu
            fresh.check("drill-fresh-server")
        finally:
            fresh.context.close()


def test_the_hostile_form_is_shown_as_text(session: Session) -> None:
    hostile = hostile_form().form_id
    session.open(f"drill?form={hostile}", expect="HYPERLINK")
    assert "<img src=x" in session.text()  # shown as the characters it is
    session.check("drill-hostile")


RECORD_TABLE_WIDTHS = """() => {  // [width of the columns, width of the table] of each table from the record down
  const record = document.getElementById('record');
  return Array.from(document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller'))
    .filter(grid => record && (record.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING))
    .map(grid => [grid.scrollWidth, grid.clientWidth]);
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_drill_down_record_needs_no_sideways_scrolling(browser, server: str, lang: str) -> None:
    """At 1440×900 the record's tables fit their width, and each finding's message is shown whole."""
    screen = Session(browser, server)
    screen.page.set_viewport_size({"width": 1440, "height": 900})
    try:
        screen.open(f"drill?form={WORST}&seq=60{'&lang=en' if lang == 'en' else ''}", expect="English")
        screen.page.get_by_test_id("stDataFrame").last.wait_for(timeout=60_000)
        screen.page.wait_for_timeout(2000)  # the grids size their columns
        widths = screen.page.evaluate(RECORD_TABLE_WIDTHS)
        assert len(widths) >= 2 and all(columns <= table + 1 for columns, table in widths), widths
        message_end = "明显套用模板"  # the end of a finding's long message: a table cell cut it off
        shown_whole = screen.page.get_by_test_id("stText").all_inner_texts()
        assert any(message_end in text for text in shown_whole), shown_whole
        screen.check(f"drill-record-{lang}")
    finally:
        screen.context.close()


def test_upload_a_form_and_see_it_in_the_overview(session: Session, tmp_path: Path) -> None:
    upload = tmp_path / "上传测试.txt"
    source = sample_file("000").read_text(encoding="utf-8")
    upload.write_text(source.replace("养龙司镇", "合成上传镇"), encoding="utf-8")
    session.open("import_forms")
    session.page.locator('input[type="file"]').set_input_files(str(upload))
    session.settle("合成上传镇")
    session.page.get_by_role("button").filter(has_text="重新评分").first.click()
    session.settle()
    session.open("", expect="合成上传镇")
    session.check("after-upload")


NAV = {  # page → its name in the sidebar menu, in Chinese and in English (lib/i18n.py: nav.*)
    "budget": ("预算构成", "Budget"),
    "structure": ("指标结构", "Indicator structure"),
    "quality": ("雷同与质量", "Boilerplate & quality"),
    "compare": ("乡镇对比", "Compare"),
    "drill": ("下钻明细", "Drill-down"),
    "import_forms": ("导入", "Import"),
    "overview": ("总览", "Overview"),
}
SELECTION = {  # the caption naming the selection's size (caption.selection)
    "zh": re.compile(r"^筛选后 \d+ 张表（共 \d+ 张）"),
    "en": re.compile(r"^\d+ of \d+ forms selected"),
}


def click_through_menu(session: Session, param: str, value: str, name: str, lang: str = "en") -> None:
    """Open each page of the sidebar menu in turn (in ``lang``, with a filter ``param`` on): after each click the
    URL keeps the language and the filter, the switch stays on the language, the filter shows its value and the
    selection's size is unchanged."""
    caption = session.page.get_by_text(SELECTION[lang]).first.inner_text()
    switch = "English" if lang == "en" else "中文"
    for page, titles in NAV.items():
        session.page.get_by_test_id("stSidebarNav").get_by_text(titles[lang == "en"], exact=True).click()
        session.page.wait_for_function(
            "path => location.pathname.endsWith('/' + path)",
            arg=page if page != "overview" else "",
            timeout=60_000,
        )
        session.settle("English")
        session.page.wait_for_function(
            "expected => expected.every(part => location.search.includes(part))",
            arg=[f"{param}=", *(["lang=en"] if lang == "en" else [])],
            timeout=60_000,
        )
        if lang == "zh":
            assert "lang=" not in session.page.url, page
        sidebar = session.page.get_by_test_id("stSidebar")
        assert sidebar.get_by_role("radio", name=switch).is_checked(), page
        # the sidebar's filters are drawn after its language switch: wait for the one that holds the value
        filters = sidebar.get_by_test_id("stMultiSelect").filter(has_text=value)
        filters.first.wait_for(state="visible", timeout=30_000)
        assert value in "".join(filters.all_inner_texts()), page
        if page != "import_forms":
            session.settle(caption)
        session.check(f"{name}-{page}")


def test_language_and_filter_survive_every_sidebar_click(session: Session) -> None:
    """In English with a year filter on, each page of the sidebar menu keeps both, in the page and in the URL."""
    session.open("?lang=en&year=2024", expect="forms selected")
    click_through_menu(session, "year", "2024", "nav-en")


def test_chinese_and_a_filter_survive_every_sidebar_click(browser, server: str) -> None:
    """The same in Chinese, with a county filter on (a new visitor: nothing remembered)."""
    visitor = Session(browser, server)
    try:
        visitor.open("?county=玉田县", expect="筛选后")
        click_through_menu(visitor, "county", "玉田县", "nav-zh", lang="zh")
    finally:
        visitor.context.close()


def _click_first_row(session: Session, table, position: int = 0) -> None:
    """Tick a data row (the first unless ``position``) of an st.dataframe (a canvas grid: the row-selection box
    sits at the left; rows are 35 px)."""
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    session.page.mouse.click(box["x"] + 18, box["y"] + 35 * (position + 1) + 17)


def first_finding_with_rows(db: Path, form_id: str) -> int:
    """Where, in the drill-down's findings table, the first finding that names rows of the form stands."""
    from lib.views.data import findings_table
    from lib.views.review import form_findings

    with open_store(db) as store:
        listed = form_findings(findings_table(store), form_id, "zh")
    return next(n for n, rows in enumerate(listed["rows_text"]) if rows)


def test_the_worst_form_is_one_click_from_the_overview(browser, server: str) -> None:
    """A new visitor (a fresh browser context: no filter remembered from earlier tests)."""
    visitor = Session(browser, server)
    try:
        visitor.open("", expect="质量排名")
        ranking = visitor.page.get_by_test_id("stDataFrame").nth(1)  # after the forms to return
        _click_first_row(visitor, ranking)
        visitor.page.wait_for_function("() => location.pathname.endsWith('/drill')", timeout=60_000)
        visitor.settle("本表问题")
        assert WORST in visitor.page.url
        visitor.check("overview-worst-clicked")
    finally:
        visitor.context.close()


def test_a_finding_clicked_in_the_drill_down_filters_the_grid(browser, server: str, store_path: Path) -> None:
    """A new visitor (a fresh browser context: no selection remembered from earlier tests)."""
    visitor = Session(browser, server)
    try:
        visitor.open(f"drill?form={WORST}", expect="本表问题")
        findings = visitor.page.get_by_test_id("stExpander").get_by_test_id("stDataFrame").first
        _click_first_row(visitor, findings, first_finding_with_rows(store_path, WORST))
        visitor.page.wait_for_function("() => location.search.includes('finding=')", timeout=60_000)
        visitor.settle("只显示所选问题涉及的")
        visitor.check("drill-finding-clicked")
    finally:
        visitor.context.close()


def test_the_county_brief_downloads_from_the_overview(session: Session) -> None:
    session.open("", expect="县级简报")
    with session.page.expect_download() as download:
        session.page.get_by_role("button").filter(has_text="县级简报").first.click()
    brief = Path(download.value.path()).read_text(encoding="utf-8")
    assert "县级绩效目标简报" in brief and "@page { size: A4" in brief and "退回清单" in brief


SCREEN_PAGES = {
    "overview": "",
    "budget": "budget",
    "structure": "structure",
    "quality": "quality",
    "compare": "compare",
    "drill": f"drill?form={WORST}&seq=60",
    "import": "import_forms",
}
CHROME = (  # where the app's own words are drawn (tables and chart legends carry form text instead)
    '[data-testid="stSidebarNav"], h1, h2, h3, [data-testid="stCaptionContainer"], '
    '[data-testid="stWidgetLabel"], [data-testid="stMetricLabel"], [data-testid="stAlert"], '
    '[data-testid="stExpander"] summary, [data-baseweb="tab"], .gtitle, .xtitle, .ytitle, .cbtitle, '
    'button:not([data-testid="stFileUploader"] button)'
)
LATIN_ALLOWED = {  # the switch's own name, units, file types, the app's name and its command line
    *("Language", "English", "MB", "PDF", "xlsx", "Target", "Lens", "python", "lib", "demo"),
    *("Word", "Excel", "WPS", "CSV", "docx", "doc", "xls", "wps", "et", "txt", "md"),
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3400-\u9fff]")


def _chrome_text(session: Session, selector: str = CHROME) -> str:
    return session.page.evaluate(
        """sel => Array.from(document.querySelectorAll(sel)).map(e => {
            const copy = e.cloneNode(true);  // icons are drawn from ligature words (account_balance): leave them out
            copy.querySelectorAll('[data-testid*="Icon"]').forEach(icon => icon.remove());
            return copy.textContent;
        }).join('\\n')""",
        selector,
    )


def screens(session: Session, name: str, most: int = 6) -> None:
    """Screenshots of a page a screen at a time (the app scrolls inside its main area, not the window)."""
    for number in range(1, most + 1):
        session.page.screenshot(path=str(ARTIFACTS / f"{name}-{number}.png"))
        moved = session.page.evaluate(
            """() => { const main = document.querySelector('[data-testid="stMain"]');
                if (!main || main.scrollTop + main.clientHeight >= main.scrollHeight - 4) return false;
                main.scrollBy(0, main.clientHeight - 80); return true; }"""
        )
        if not moved:
            break
        session.page.wait_for_timeout(800)
    session.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollTo(0, 0)")


def one_language(screen: Session, name: str, lang: str) -> None:
    """The app's own words on this page are in ``lang`` only (beyond the allow-list)."""
    if lang == "zh":  # the pickers too: their placeholders, and values that are Chinese words here
        text = _chrome_text(screen, CHROME + ', [data-baseweb="select"]')
        stray = set(LATIN_WORD.findall(text)) - LATIN_ALLOWED
        assert not stray, (name, sorted(stray))
    else:
        text = _chrome_text(screen)
        bilingual = text.replace("中文", "").replace("语言", "")  # the switch names both languages
        assert not CJK.search(bilingual), (name, CJK.findall(bilingual)[:20])


def screen_pages(browser, url: str, pages: dict[str, str], lang: str, prefix: str) -> None:
    """Each page at 1440×900 in ``lang``, screenshots kept, checked, its words in one language."""
    screen = Session(browser, url)
    screen.page.set_viewport_size({"width": 1440, "height": 900})
    try:
        for name, path in pages.items():
            query = "lang=en" if lang == "en" else ""
            joined = f"{path}{'&' if '?' in path else '?'}{query}" if query else path
            screen.open(joined, expect="English")
            screen.page.wait_for_timeout(3000)  # tables and charts finish drawing
            screens(screen, f"{prefix}-{name}-{lang}")
            screen.check(f"{prefix}-{name}-{lang}-full")
            one_language(screen, name, lang)
    finally:
        screen.context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_one_language_with_screenshots(browser, server, lang: str) -> None:
    """Every page at 1440×900, screenshot kept; the app's own words in one language only."""
    screen_pages(browser, server, SCREEN_PAGES, lang, "page")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    """300 synthetic forms (lib.demo's generator) over several counties and years, scored."""
    from lib.demo.generate import generate

    db = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with open_store(db) as store:
        for synthetic in generate(300, seed=3):
            store.add_form(synthetic.form)
        score_store(store)
    return db


def test_a_300_form_store_deep_link_first_then_every_page_keeps_language_and_filter(
    browser, demo_store
) -> None:
    """A fresh server on 300 forms: a deep link first, then every page of the menu in English with a grade
    filter on and in Chinese with a county filter on; the worst form one click from the overview, and a
    finding clicked there narrowing its grid; the county brief downloaded; the overview and the copy groups in both languages, screenshots kept."""
    with open_store(demo_store) as store:
        scores = store.scores_frame()
    county = sorted(scores["county"].dropna().unique())[0]
    with serve(demo_store) as url:
        demo = Session(browser, url)
        try:
            demo.open("drill?lang=en&grade=差", expect="Drill-down")
            demo.page.get_by_text(re.compile(r"^\d+ of 300 forms selected")).first.wait_for()
            click_through_menu(demo, "grade", "D", "demo-en")
        finally:
            demo.context.close()
        chinese = Session(browser, url)
        try:
            chinese.open(f"?county={county}", expect="筛选后")
            click_through_menu(chinese, "county", county, "demo-zh", lang="zh")
            chinese.open(f"?county={county}", expect="县级简报")
            with chinese.page.expect_download() as download:
                chinese.page.get_by_role("button").filter(has_text="县级简报").first.click()
            brief = Path(download.value.path()).read_text(encoding="utf-8")
            assert f"<h1>{county}</h1>" in brief and "退回清单" in brief and "审核结论" in brief
        finally:
            chinese.context.close()
        visitor = Session(browser, url)
        try:
            visitor.open("", expect="质量排名")
            _click_first_row(visitor, visitor.page.get_by_test_id("stDataFrame").nth(1))
            visitor.page.wait_for_function("() => location.search.includes('form=')", timeout=60_000)
            visitor.settle("本表问题")
            opened = re.search(r"form=([0-9a-f]+)", visitor.page.url).group(1)
            assert scores.set_index("form_id").loc[opened, "score"] == scores["score"].min()
            visitor.check("demo-worst-clicked")
            findings = visitor.page.get_by_test_id("stExpander").get_by_test_id("stDataFrame").first
            _click_first_row(
                visitor, findings, first_finding_with_rows(demo_store, opened)
            )  # narrows the grid
            visitor.page.wait_for_function("() => location.search.includes('finding=')", timeout=60_000)
            visitor.settle("只显示所选问题涉及的")
            visitor.check("demo-finding-clicked")
        finally:
            visitor.context.close()
        for lang in ("zh", "en"):
            screen_pages(browser, url, {"overview": "", "quality": "quality"}, lang, "demo")


def test_a_county_clicked_on_the_map_filters_to_it(browser, server: str) -> None:
    """The samples span three real counties: a click on one's dot puts it in the sidebar's county filter."""
    visitor = Session(browser, server)
    try:
        visitor.open("", expect="各县得分中位数")
        chart = visitor.page.get_by_test_id("stPlotlyChart").filter(has_text="各县得分中位数")
        chart.scroll_into_view_if_needed()
        dot = chart.locator("g.scatterlayer g.trace").last.locator("path.point").first
        box = dot.bounding_box()
        assert box is not None
        visitor.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        visitor.page.wait_for_function("() => location.search.includes('county=')", timeout=60_000)
        visitor.settle("筛选后")
        chosen = visitor.page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").nth(1).inner_text()
        assert any(name in chosen for name in ("息烽县", "玉田县", "绥宁县")), chosen
        visitor.check("map-county-clicked")
    finally:
        visitor.context.close()
