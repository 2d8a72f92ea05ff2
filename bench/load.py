"""Load benchmark: the portal's pages against the floor (a trivial view), served the way production
serves them, in one run.

Run (the data first: ``manage.py load_demo`` and ``manage.py generate_scale_data --factor N``):
    DATABASE_URL=postgres://…/db .venv/bin/python bench/load.py [--duration 10] [--output FILE]
    .venv/bin/python bench/load.py --quick     (a temporary PostgreSQL database with one generated
                                                year of one sub-region; a few minutes at most)
    .venv/bin/python bench/load.py --table bench/results/a.json b.json c.json   (Markdown table)

Starts gunicorn (2 sync workers, production settings: DEBUG=0, collected static files, Redis as
the cache; plain HTTP on loopback, so no HTTPS redirect or Secure cookies) on a free port with
``bench/settings.py``, which adds the floor to the portal's URLs: ``/bench/floor``, a view that
returns two bytes through every middleware, with no database, template or cache behind it. The
cache's page entries are removed first (``--cache-url``, Redis DB 8 by default; the keys are this
database's own, see bench/settings.py), every page is warmed up, then for each page wrk (Debian's
package) runs at 8 connections first against the floor and then against the page, interleaved, so
that both see the same load on a shared machine: anonymous public pages are so measured as
visitors get them, from the cache. Member pages are requested with the cookies of a logged-in
member's browser (session and CSRF; the process leader of the first generated sub-region), and so
are their pages from the cache, as are the searches. The queries of each page are counted once
in-process, by rendering it (before anything is cached). Afterwards the annual report's PDF is
built (``bench/report_pdf.py``'s measurement).

Writes ``bench/results/<date>.json``: {"floor": {"p50_ms", "p95_ms", "rps"}, "pages": [{"name",
"kind", "queries", "p50_ms", "p95_ms", "p99_ms", "rps", "errors", "ratio_p95"}], "pdf": {"pages",
"seconds", "weasyprint_only_seconds", "ratio"}}. The floor is the median of its interleaved runs;
``ratio_p95`` is a page's p95 over the floor's. Exits non-zero when a request failed.
"""

import argparse
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "wrk_report.lua"
PYTHON = sys.executable
# Issue 12's goals at 10× data: a page's p95 over the floor's, per kind; the PDF's build over
# WeasyPrint's own time. ``--check`` fails the run when one is missed.
GOALS = {"public": 2.0, "member": 8.0, "search": 15.0}
PDF_GOAL = 1.3

# Production settings, on plain HTTP over loopback (TLS is the proxy's in production).
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-" + "k" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    # Each process's connection pool, as docker-compose.yml gives the web service (DB_POOL_MAX_SIZE).
    "DB_POOL_MAX_SIZE": "2",
}
PAGE_KEYS = "*-page*"  # samverkan/pagecache.py: the pages (public, members') and their generations


@dataclass
class Page:
    name: str
    kind: str  # public, member or search
    url: str


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(*args, env):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


# --- Data ------------------------------------------------------------------------------------


class QuickDatabase:
    """A temporary PostgreSQL database beside DATABASE_URL's, with one generated year."""

    def __init__(self, url):
        parts = urlsplit(url)
        self.name = f"samverkan_bench_{os.getpid()}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin = urlunsplit(parts._replace(path="/postgres"))

    def _sql(self, statement):
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as connection:
            connection.execute(statement)

    def create(self, env):
        self._sql(f'CREATE DATABASE "{self.name}"')
        env = {**env, "DATABASE_URL": self.url, "DEBUG": "1"}
        manage("migrate", "-v0", env=env)
        manage("generate_scale_data", "--factor=1", "--first-year=2026", "--last-year=2026", env=env)

    def drop(self):
        self._sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# ``--quick`` (the CI test) measures one page of each kind: enough to prove the whole path works.
QUICK_PAGES = {"Start page", "Minutes", "Plan editor", "Search: common word"}


def choose_pages(quick=False):
    """The pages to measure, chosen from the data (the first generated sub-region's groups and the
    largest of each kind), and the cookies (session, CSRF) of the member who reads the member pages."""
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from actionplans.models import ActionPlan, CollaborationPlan
    from governance.models import Body, Membership
    from meetings.models import Meeting
    from reports.models import AnnualReport

    leadership = Body.objects.get(parent__slug="skala-1")
    groups = Body.objects.filter(parent=leadership)
    leader = (
        Membership.objects.filter(body=leadership, role=Membership.Role.PROCESS_LEADER)
        .select_related("person__user")
        .get()
        .person.user
    )
    plan = (
        ActionPlan.objects.current()
        .filter(status=ActionPlan.Status.ADOPTED)
        .annotate(n=Count("activities"))
        .order_by("-n", "pk")
        .first()
    )
    draft = ActionPlan.objects.open().filter(body__in=groups).order_by("pk").first()
    published = Meeting.objects.published().filter(body=leadership).order_by("-date").first()
    drafted = Meeting.objects.filter(body=leadership, status=Meeting.Status.MINUTES_DRAFTED).first()
    report = AnnualReport.objects.filter(status=AnnualReport.Status.ADOPTED).order_by("-year").first()
    collaboration = CollaborationPlan.objects.order_by("-period").first()
    pages = [
        Page("Start page", "public", "/"),
        Page("Organisation", "public", reverse("governance:organisation_chart")),
        Page("Group page", "public", leadership.get_absolute_url()),
        Page("Group's meetings", "public", reverse("meetings:body_meetings", args=[leadership.slug])),
        Page("Action plan", "public", plan.get_absolute_url()),
        Page("Red thread", "public", reverse("actionplans:red_thread", args=[collaboration.period])),
        Page("Lägesbild", "public", reverse("actionplans:status_overview")),
        Page("Minutes archive", "public", reverse("meetings:archive")),
        Page("Minutes", "public", published.get_absolute_url()),
        Page("Årshjul", "public", reverse("reports:arshjul")),
        *(
            [Page("Annual report", "public", reverse("reports:report_detail", args=[report.year]))]
            if report
            else []
        ),
        Page("Atom feed", "public", reverse("meetings:minutes_feed")),
        Page("Calendar (all meetings)", "public", reverse("meetings:calendar_all")),
        Page("Sitemap index", "public", reverse("sitemap")),
        Page("Sitemap: minutes", "public", reverse("sitemap_section", args=["minutes"])),
        Page("My groups", "member", reverse("governance:my_groups")),
        Page("Group page (member)", "member", leadership.get_absolute_url()),
        Page("Plan editor", "member", draft.url("plan_edit")),
        Page("Draft minutes", "member", drafted.get_absolute_url()),
        Page("Assignments", "member", reverse("meetings:assignments", args=[leadership.slug])),
        Page("Att göra", "member", reverse("todo")),
        Page("Search: common word", "search", reverse("meetings:search") + "?q=samverkan"),
        Page(
            "Search: two words",
            "search",
            reverse("meetings:search") + "?q=trygga+v%C3%A5rd%C3%B6verg%C3%A5ngar",
        ),
        Page("Search: rare word", "search", reverse("meetings:search") + "?q=tandv%C3%A5rd"),
    ]
    if quick:
        pages = [page for page in pages if page.name in QUICK_PAGES]
    client = Client()
    client.force_login(leader)
    client.get(reverse("governance:my_groups"))  # the CSRF cookie a browser has after its first page
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    return pages, cookies, client


def count_queries(pages, member_client):
    """{name: (queries, status)} of one in-process request of each page, rendered (not from the
    page cache, which it leaves alone)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    anonymous, counts = Client(), {}
    for page in pages:
        client = member_client if page.kind == "member" else anonymous
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        counts[page.name] = (len(queries), response.status_code)
    return counts


# --- Measuring -------------------------------------------------------------------------------


def wrk(url, seconds, connections, cookie=None):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    return {
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "errors": figures["errors"],
    }


def drain(floor):
    """Wait until the requests left queued by the last wrk run are served (one floor request
    queues behind them), so that the next run does not pay for the last one's backlog."""
    with urllib.request.urlopen(floor, timeout=120) as response:
        response.read()


def flush_pages(cache_url):
    """Remove the page cache's entries of this database (bench/settings.py's key prefix): every
    page is rendered afresh once, then served from the cache."""
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(cache_url)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    keys = list(client.scan_iter(match=f"{prefix}:{PAGE_KEYS}", count=1000))
    if keys:
        client.delete(*keys)


def start_server(env, port, floor):
    command = [
        PYTHON, "-m", "gunicorn", "samverkan.wsgi", "-c", str(ROOT / "gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "/dev/null",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{floor}", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer {floor} within 60 s")


def measure_pdf(quick):
    """The demo's 2024 annual report, else the newest: the fastest of three builds, and WeasyPrint's
    time within it (``bench/report_pdf.py``); quick: one build of a one-section report (the
    temporary database's report keeps only its first section)."""
    from bench.report_pdf import measure
    from reports.models import AnnualReport, ReportSection

    report = AnnualReport.objects.filter(year=2024).first() or AnnualReport.objects.order_by("-year").first()
    if quick:
        first = report.sections.printed().order_by("order", "pk").first()
        report.sections.exclude(pk=first.pk).update(status=ReportSection.Status.NOT_APPLICABLE)
    pages, total, alone = measure(report, runs=1 if quick else 3, warm=not quick)
    return {
        "pages": pages,
        "seconds": round(total, 3),
        "weasyprint_only_seconds": round(alone, 3),
        "ratio": round(total / alone, 3),
    }


def run(args):
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("bench/load.py needs DATABASE_URL pointing at PostgreSQL")
    media = tempfile.mkdtemp(prefix="bench-load-media-")
    env = {**os.environ, **SERVER_ENV, "MEDIA_ROOT": media, "CACHE_URL": args.cache_url}
    quick = QuickDatabase(url) if args.quick and not args.data_ready else None
    try:
        if quick:
            quick.create(env)
            env["DATABASE_URL"] = quick.url
        return measure_all(args, env)
    finally:
        from django.apps import apps

        if apps.ready:  # the temporary database can be dropped only when nobody is connected
            from django.db import connection

            connection.close()
        if quick:
            quick.drop()
        shutil.rmtree(media, ignore_errors=True)


def measure_all(args, env):
    server = None
    try:
        os.environ.update(env)
        import django

        django.setup()
        from django.urls import reverse

        manage("collectstatic", "--noinput", "-v0", env=env)
        pages, cookie, member_client = choose_pages(args.quick)
        counts = count_queries(pages, member_client)
        flush_pages(args.cache_url)
        from django.db import connection

        connection.close()
        port = free_port()
        floor_path = reverse("bench_floor")
        server = start_server(env, port, floor_path)
        base = f"http://127.0.0.1:{port}"
        for page in [Page("floor", "floor", floor_path), *pages]:  # warm-up: every worker, every page
            wrk(base + page.url, 1, 2, cookie if page.kind == "member" else None)
        floors, rows = [], []
        for page in pages:
            drain(base + floor_path)
            floor = wrk(base + floor_path, args.duration, args.connections)
            drain(base + floor_path)
            figures = wrk(
                base + page.url, args.duration, args.connections, cookie if page.kind == "member" else None
            )
            floors.append(floor)
            queries, status = counts[page.name]
            if status != 200:
                figures["errors"] = max(figures["errors"], 1)
            rows.append(
                {"name": page.name, "kind": page.kind, "queries": queries, **figures, "_floor": floor}
            )
            print(
                f"{page.name:<26} {queries:>3} q  p50 {figures['p50_ms']:7.1f}  "
                f"p95 {figures['p95_ms']:7.1f} ms "
                f"(floor {floor['p95_ms']:5.1f})  {figures['rps']:7.1f}/s  errors {figures['errors']}",
                flush=True,
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
    floor = {key: statistics.median(f[key] for f in floors) for key in ("p50_ms", "p95_ms", "rps")}
    for row in rows:
        del row["_floor"]
        # No request finished within the run (a very busy machine): no ratio, not an error.
        row["ratio_p95"] = (
            round(row["p95_ms"] / floor["p95_ms"], 2) if row["rps"] and floor["p95_ms"] else None
        )
        for key in ("p50_ms", "p95_ms", "p99_ms", "rps"):
            row[key] = round(row[key], 2)
    pdf = measure_pdf(args.quick)
    result = {"floor": {k: round(v, 2) for k, v in floor.items()}, "pages": rows, "pdf": pdf}
    output = Path(args.output) if args.output else RESULTS / f"{datetime.date.today().isoformat()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(
        f"floor p95 {floor['p95_ms']:.1f} ms, {floor['rps']:.0f}/s; "
        f"PDF {pdf['ratio']}× WeasyPrint; → {output}"
    )
    failed = any(row["errors"] for row in rows)
    if args.check:
        missed = misses(result)
        for line in missed:
            print(f"goal missed: {line}")
        print("goals: all met" if not missed else f"goals: {len(missed)} missed")
        failed = failed or bool(missed)
    return 1 if failed else 0


def misses(result):
    """The goals ``result`` misses, one line each (errors, a page's ratio, the PDF's ratio)."""
    lines = []
    for row in result["pages"]:
        goal = GOALS[row["kind"]]
        if row["errors"]:
            lines.append(f"{row['name']}: {row['errors']} errors")
        if row["ratio_p95"] is None or row["ratio_p95"] > goal:
            lines.append(f"{row['name']} ({row['kind']}): p95 {row['ratio_p95']}× the floor, goal ≤ {goal}×")
    if result["pdf"]["ratio"] > PDF_GOAL:
        lines.append(f"annual report PDF: {result['pdf']['ratio']}× WeasyPrint, goal ≤ {PDF_GOAL}×")
    return lines


# --- The table for docs/performance.md -------------------------------------------------------------


def table(paths):
    """A Markdown table of the runs (one per data size, smallest first): per page the queries, p50,
    p95 and ratio of each run, and the PDF's ratio."""
    runs = [(Path(p).stem, json.loads(Path(p).read_text())) for p in paths]
    head = (
        "| Page | kind | "
        + " | ".join(f"{label}: queries, p50, p95 ms (× floor)" for label, _ in runs)
        + " |"
    )
    lines = [head, "|" + "---|" * (2 + len(runs))]
    floor = "| *floor* (`/bench/floor`) | | " + " | ".join(
        f"—, {r['floor']['p50_ms']}, {r['floor']['p95_ms']} ({r['floor']['rps']:.0f}/s)" for _, r in runs
    )
    lines.append(floor + " |")
    for page in runs[-1][1]["pages"]:
        cells = []
        for _, result in runs:
            row = next((r for r in result["pages"] if r["name"] == page["name"]), None)
            if row is None:
                cells.append("—")
            elif not row["rps"]:
                cells.append(f"{row['queries']}, no request finished within the run")
            else:
                cells.append(
                    f"{row['queries']}, {row['p50_ms']:.1f}, {row['p95_ms']:.1f} ({row['ratio_p95']}×)"
                    + (f", {row['errors']} errors" if row["errors"] else "")
                )
        lines.append(f"| {page['name']} | {page['kind']} | " + " | ".join(cells) + " |")
    lines.append(
        "| *annual report PDF* | pdf | "
        + " | ".join(
            f"{r['pdf']['pages']} pages, {r['pdf']['seconds']} s / "
            f"WeasyPrint {r['pdf']['weasyprint_only_seconds']} s"
            f" ({r['pdf']['ratio']}×)"
            for _, r in runs
        )
        + " |"
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny temporary data, one page of each kind, two seconds per page",
    )
    parser.add_argument(
        "--data-ready",
        action="store_true",
        help="with --quick: DATABASE_URL already holds the generated year (the CI test's own database)",
    )
    parser.add_argument("--duration", type=int, help="seconds per wrk run (default 10; quick: 2)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/8",
        help="the Redis the server caches pages in (default: %(default)s)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit non-zero when a page or the PDF misses issue 12's goal for its kind (GOALS)",
    )
    parser.add_argument("--output", help="the JSON file (default bench/results/<date>.json)")
    parser.add_argument("--table", nargs="+", metavar="JSON", help="print the Markdown table of these runs")
    args = parser.parse_args()
    if args.table:
        print(table(args.table))
        return 0
    args.duration = args.duration or (2 if args.quick else 10)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
