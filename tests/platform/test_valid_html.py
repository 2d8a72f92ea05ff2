"""Every kind of page is valid HTML by the Nu Html Checker (vnu), an independent validator.

The demo data is loaded, a visitor and several members crawl the portal from its start pages by
following links, and one page of each kind (URL name × visitor/member: the one with the most forms)
is kept. All of them go to one ``vnu`` run (one JVM start). Any error fails the test; warnings and
notes do not.

The checker is the npm package ``vnu-jar``, installed by ``make test`` into ``.venv/vnu``
(``VNU_JAR`` points elsewhere); it needs Java. Without them the test skips on a developer machine
and fails in CI (``REQUIRE_SERVICES=1``).
"""

import json
import os
import re
import shutil
import subprocess
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from actionplans.models import ActionPlan
from governance.models import Body
from samverkan.richtext import render_markdown
from tests.conftest import require

VNU_JAR = Path(
    os.environ.get("VNU_JAR") or Path(settings.BASE_DIR) / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
)
# The visitor, then members: the editors of a NOSAM and a theme group, LGS's process leader
# (meetings, the annual report's review) and the site administrator (every group's forms).
CRAWLERS = [None, "processledare", "processledare-lgs", "admin"]
START = ["/mina-sidor/", "/att-gora/", "/", "/sok/?q=samverkan"]
# Pages of one kind whose links are followed, per crawler: enough to reach pages that only some
# states show (a draft meeting's editors, an open report section's form).
FOLLOWED_PER_KIND = 2
# Not the portal's own pages: Django's admin, the language switch, logging out.
OUTSIDE = ("/admin/", "/i18n/", "/konto/logout/", "/oidc/", "/flode/", "/media/")
NOT_HTML = (".pdf", ".ics", ".xlsx", "/pdf/")
# Kinds the crawl must reach, or it has lost its way (the editors are where most markup is).
MUST_HAVE = {
    "home",
    "governance:body_detail",
    "actionplans:plan_detail",
    "actionplans:plan_edit",
    "actionplans:goal_edit",
    "actionplans:plan_history",
    "meetings:meeting_detail",
    "meetings:agenda",
    "meetings:minutes",
    "reports:section_detail",
    "reports:section_edit",
}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _internal(href):
    url = urldefrag(href).url
    parts = urlsplit(url)
    path = parts.path
    if (
        parts.scheme
        or parts.netloc
        or not path.startswith("/")
        or path.startswith(OUTSIDE)
        or path.endswith(NOT_HTML)
    ):
        return None
    return url


def _richness(html):
    """Of two pages of one kind the one with more forms and in-place controls is kept."""
    return (html.count("<form"), html.count("data-hx-"), len(html))


def _crawl(client, crawler, pages, start):
    """Breadth first from ``start``, following links and redirects, fetching at most
    FOLLOWED_PER_KIND pages of each URL name; ``pages`` keeps the richest page of each kind."""
    fetched = Counter()
    queue, visited = deque(start), set()
    while queue:
        url = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if fetched[name] >= FOLLOWED_PER_KIND:
            continue
        fetched[name] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(_internal(response.url) or "/")
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        kept = pages.get((name, crawler))
        if kept is None or _richness(html) > _richness(kept[1]):
            pages[(name, crawler)] = (url, html)
        parser = Links()
        parser.feed(html)
        queue.extend(link for link in map(_internal, parser.hrefs) if link and link not in visited)


def _page(files, message):
    """The page a message is about (vnu names the file it was given)."""
    url = message.get("url", "")
    return files.get(url.rsplit("/", 1)[-1], url)


@pytest.mark.django_db
def test_every_kind_of_page_is_valid_html(client, django_user_model, tmp_path, demo_users):
    java = shutil.which("java")
    require(java and VNU_JAR.exists(), f"the Nu Html Checker needs Java and {VNU_JAR} (make test)")
    pages = {}
    for username in CRAWLERS:
        client.logout()
        start = list(START)
        if username:
            client.force_login(django_user_model.objects.get(username=username))
            # A member starts from the groups they sit in, where their editors are.
            own = Body.objects.filter(memberships__person__user__username=username).distinct()
            start[:0] = [body.get_absolute_url() for body in own]
            # The demo follows the calendar: a plan being written now is one of several of its
            # group, so start from it to reach its editors.
            drafts = ActionPlan.objects.filter(body__in=own, status=ActionPlan.Status.DRAFT)
            start[:0] = [plan.get_absolute_url() for plan in drafts]
        _crawl(client, "member" if username else "visitor", pages, start)
    names = {name for name, _ in pages}
    assert MUST_HAVE <= names, f"the crawl missed {MUST_HAVE - names}"

    files = {}
    for index, ((name, crawler), (url, html)) in enumerate(sorted(pages.items())):
        path = tmp_path / f"{index:03}-{crawler}-{name.replace(':', '-')}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = f"{url} ({crawler}, {name})"
    command = [
        java,
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--stdout",
        *sorted(map(str, tmp_path.iterdir())),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    errors = [
        f"{_page(files, message)}, line {message.get('lastLine')}: {message['message']}"
        f" [{message.get('extract', '').strip()}]"
        for message in json.loads(result.stdout)["messages"]
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert not errors, f"{len(errors)} Nu errors on {len(files)} pages:\n" + "\n".join(errors)


def test_markdown_headings_start_at_h3_and_skip_no_level():
    """Section texts are shown under an h2; an author who starts at "####" or jumps levels
    gets an outline without gaps."""
    html = render_markdown("#### Först\n\ntext\n\n###### Under\n\n# Sist\n\n### Sedan")
    assert re.findall(r"<h(\d)>", html) == ["3", "4", "3", "4"]
    assert "<h3>Först</h3>" in html and "</h4>" in html
