"""``bench/load.py --quick``: the load benchmark runs end to end (a temporary PostgreSQL database
with one generated year, gunicorn with production settings, wrk against the floor and every page,
the annual report's PDF) and writes its result in the recorded shape, with no failed request.
Timings are not judged here: the machine is shared; the recorded runs are in docs/performance.md."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import require
from tests.platform.test_deployment import ROOT

pytestmark = pytest.mark.services

PAGE_KEYS = {"name", "kind", "queries", "p50_ms", "p95_ms", "p99_ms", "rps", "errors", "ratio_p95"}


def test_the_quick_load_benchmark_runs_and_records_every_page(tmp_path):
    require(shutil.which("wrk"), "wrk (Debian's package) is missing")
    database = settings.DATABASES["default"]
    require(database["ENGINE"].endswith("postgresql"), "the load benchmark needs PostgreSQL")
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
    output = tmp_path / "result.json"
    run = subprocess.run(
        [sys.executable, "bench/load.py", "--quick", "--duration=1", f"--output={output}"],
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
