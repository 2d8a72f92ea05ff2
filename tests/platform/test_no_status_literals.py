"""Templates ask the model (``{% can %}``, ``meeting.is_published``); they never compare a
lifecycle state with a string, which would restate a rule the model declares."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPARISON = re.compile(r"\b\w*(status|outcome)\s*(==|!=|in|not in)\s*['\"]")


def _templates():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        yield from folder.rglob("*.html")


def test_no_template_compares_a_state_with_a_string():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if COMPARISON.search(line)
    ]
    assert found == []


def test_the_check_sees_a_comparison():
    assert COMPARISON.search('{% if meeting.status == "planned" %}')
    assert COMPARISON.search("{% if report.pdf_status != 'done' %}")
    assert not COMPARISON.search("{% can meeting 'publish' as may_publish %}")
