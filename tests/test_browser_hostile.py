"""Every page opened in a real browser with each bad URL value of issue 15: never an exception box.

The values are those of test_pages_hostile.py (D5 years that ``str.isdigit()`` accepts, D6 a form
twice, D8 huge values, garbage ids); there Streamlit's AppTest runs the pages, here a browser
sends the URL to a served dashboard, as a user pasting a link does (the query string goes
through the browser, the server's routing and the URL sync the pages do on every run). Huge
values are just over ``max_url_param_chars`` here: the web server itself answers 400 to a
request line over 16 KB (h11's limit) before the app sees it.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from test_browser import CHROMIUM, Session, browser, server, store_path  # noqa: F401  (fixtures)
from test_pages_hostile import BAD_URLS

from lib import settings
from lib.i18n import t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="make test installs Chromium from Debian's packages"),
]
OVER_LIMIT = "x" * (int(settings.get("max_url_param_chars")) + 1)
URLS = {name: query for name, query in BAD_URLS.items() if name != "huge-values"} | {
    "over-limit-values": {name: OVER_LIMIT for name in BAD_URLS["huge-values"]}
}
TITLES = {  # the page's path → its title, shown once the page has run
    "": "title.overview",
    "budget": "title.budget",
    "structure": "title.structure",
    "quality": "title.quality",
    "compare": "title.compare",
    "drill": "title.drill",
    "import_forms": "title.import",
}


@pytest.fixture(scope="module")
def visitor(browser, server) -> Session:  # noqa: F811  (browser and server are the imported fixtures)
    visitor = Session(browser, server)
    yield visitor
    visitor.context.close()


@pytest.mark.parametrize("case", list(URLS))
def test_every_page_with_a_bad_url_value_shows_no_exception(visitor: Session, case: str) -> None:
    for path, title in TITLES.items():
        visitor.open(f"{path}?{urlencode(URLS[case])}", expect=t(title, "zh"))
        visitor.check(f"bad-url-{case}-{path or 'overview'}")
