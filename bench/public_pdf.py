"""Benchmark: a public PDF's first request (the build) against the requests after it.

Run: .venv/bin/python bench/public_pdf.py   (uses a temporary SQLite database and media root)

For the demo's longest published minutes and the NOSAM GBG Sydväst plan 2024, prints the time of
the first anonymous GET (HTML, WeasyPrint, storing the file), the median of later GETs (served
from the stored file), the median of conditional GETs answered 304, and what a render per request
would cost (WeasyPrint alone on the same HTML), next to the HTML page of the same document (a
request for the stored file renders the PDF's HTML to know its current content). Fails when a
stored-file request is not at least five times faster than a render (the machine is shared).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="bench-public-pdf-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORK}/media"
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

RUNS = 20


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def measure(label, url, page_url, html):
    from django.test import Client

    from samverkan.pdf import render_pdf

    client = Client()
    first, response = timed(lambda: b"".join(client.get(url).streaming_content))
    etag = client.get(url)["ETag"]
    cached = [timed(lambda: b"".join(client.get(url).streaming_content))[0] for _ in range(RUNS)]
    revalidated = [timed(lambda: client.get(url, headers={"If-None-Match": etag}))[0] for _ in range(RUNS)]
    page = [timed(lambda: client.get(page_url))[0] for _ in range(RUNS)]
    render = min(timed(lambda: render_pdf(html))[0] for _ in range(3))
    cached_median = statistics.median(cached)
    print(f"{label} ({len(response) // 1024} KB)")
    print(f"  first request (build):        {first * 1000:8.1f} ms")
    print(f"  later requests (file), p50:   {cached_median * 1000:8.1f} ms")
    print(f"  If-None-Match → 304, p50:     {statistics.median(revalidated) * 1000:8.1f} ms")
    print(f"  the HTML page, p50:           {statistics.median(page) * 1000:8.1f} ms")
    print(f"  WeasyPrint alone (per render): {render * 1000:7.1f} ms")
    return render / cached_median


def main():
    call_command("migrate", verbosity=0)
    from samverkan.demo import load_all

    load_all()

    from django.db.models import Count

    from actionplans.export import plan_html
    from actionplans.models import ActionPlan
    from meetings.minutes import minutes_html
    from meetings.models import Meeting
    from samverkan.pdf import render_pdf

    published = Meeting.objects.public().filter(published_at__isnull=False)
    meeting = published.annotate(n=Count("items")).order_by("-n").first()
    plan = ActionPlan.objects.current().get(body__slug="nosam-gbg-sydvast", period="2024")
    render_pdf(minutes_html(meeting))  # warm fonts and caches
    ratios = [
        measure(
            f"Minutes {meeting} ({meeting.n} items)",
            f"/moten/{meeting.pk}/pdf/",
            meeting.get_absolute_url(),
            minutes_html(meeting),
        ),
        measure(
            f"Action plan {plan.period} {plan.body.name}",
            plan.url("plan_pdf"),
            plan.get_absolute_url(),
            plan_html(plan),
        ),
    ]
    return 0 if min(ratios) >= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
