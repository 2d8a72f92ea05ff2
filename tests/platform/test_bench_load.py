"""``bench/load.py --quick``: the load benchmark runs end to end (one generated year, gunicorn with
production settings, wrk against the floor and one page of each kind, the annual report's PDF) and
writes its result in the recorded shape, with no failed request. The year is generated into the
test's own (already migrated, committed) database, which the flush empties afterwards; by hand,
``--quick`` makes and drops a temporary database instead. Timings are not judged here: the machine
is shared; the recorded runs are in docs/performance.md."""

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from tests.conftest import require
from tests.platform.test_deployment import ROOT

pytestmark = pytest.mark.services

PAGE_KEYS = {"name", "kind", "queries", "p50_ms", "p95_ms", "p99_ms", "rps", "errors", "ratio_p95"}


@pytest.mark.django_db(transaction=True)
def test_the_quick_load_benchmark_runs_and_records_every_page(tmp_path):
    require(shutil.which("wrk"), "wrk (Debian's package) is missing")
    database = settings.DATABASES["default"]
    require(database["ENGINE"].endswith("postgresql"), "the load benchmark needs PostgreSQL")
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
    call_command(
        "generate_scale_data", factor=1, first_year=2026, last_year=2026, force=True, stdout=io.StringIO()
    )
    connections.close_all()  # gunicorn's workers and the bench read the committed year
    output = tmp_path / "result.json"
    run = subprocess.run(
        [sys.executable, "bench/load.py", "--quick", "--data-ready", "--duration=1", f"--output={output}"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(output.read_text())
    assert set(result) == {"floor", "pages", "pdf"}
    assert set(result["floor"]) == {"p50_ms", "p95_ms", "rps"} and result["floor"]["rps"] > 0
    assert all(set(page) == PAGE_KEYS for page in result["pages"])
    assert {page["kind"] for page in result["pages"]} == {"public", "member", "search"}
    assert all(page["errors"] == 0 and page["queries"] > 0 for page in result["pages"])
    assert set(result["pdf"]) == {"pages", "seconds", "weasyprint_only_seconds", "ratio"}
    assert result["pdf"]["pages"] > 0


def test_check_names_each_page_and_the_pdf_that_miss_the_goal_of_their_kind():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import load
    finally:
        sys.path.remove(str(ROOT / "bench"))
    page = {"errors": 0, "ratio_p95": 1.0}
    result = {
        "pages": [
            {**page, "name": "Start page", "kind": "public", "ratio_p95": 1.9},
            {**page, "name": "Minutes", "kind": "public", "ratio_p95": 2.4},
            {**page, "name": "My groups", "kind": "member", "ratio_p95": 7.5},
            {**page, "name": "Search", "kind": "search", "ratio_p95": None},
            {**page, "name": "Att göra", "kind": "member", "errors": 3},
        ],
        "pdf": {"ratio": 1.31},
    }
    missed = load.misses(result)
    assert [line.split(" ")[0] for line in missed] == ["Minutes", "Search", "Att", "annual"]
    result["pages"], result["pdf"]["ratio"] = result["pages"][:1], 1.2
    assert load.misses(result) == []
