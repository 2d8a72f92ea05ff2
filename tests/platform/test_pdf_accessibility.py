"""Every kind of PDF the portal makes is PDF/UA-1, checked with pikepdf on the whole demo: an
action plan (adopted and draft plans share the template and the renderer), published minutes, the
annual report and a preview of one of its sections.

And their extracted text keeps words whole: no line ends in a hyphen the source text did not
have (automatic hyphenation splits a word in two for anyone who copies or listens to the text).
"""

import io
import re

import pikepdf
import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from meetings.models import Meeting
from reports.models import AnnualReport
from tests.conftest import struct_types

PDF_KINDS = ["action plan", "minutes", "annual report", "section preview"]


@pytest.fixture(scope="module")
def demo_pdfs(demo_db, django_db_blocker, tmp_path_factory):
    """One PDF of each kind from the demo, with the source text it was made from:
    {kind: (PDF bytes, source text)}."""
    from django.conf import settings
    from django.test import Client

    from actionplans.export import plan_html
    from meetings.minutes import minutes_html
    from reports.pdf import published_sections, render_report_pdf, report_html
    from reports.services import report_build_pdf

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    client = Client()
    pdfs = {}
    with django_db_blocker.unblock():
        plan = ActionPlan.objects.get(body__slug="nosam-gbg-sydvast", period="2024")
        pdfs["action plan"] = (client.get(plan.url("plan_pdf")).getvalue(), plan_html(plan))
        meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("pk").first()
        pdfs["minutes"] = (
            client.get(reverse("meetings:meeting_pdf", args=[meeting.pk])).getvalue(),
            minutes_html(meeting),
        )
        report = report_build_pdf(report_id=AnnualReport.objects.get(year=2024).pk)
        sections = published_sections(report)
        with report.pdf.open("rb") as file:
            pdfs["annual report"] = (file.read(), report_html(report, sections))
        pdfs["section preview"] = (
            render_report_pdf(report, sections[:1], preview=True)[0],
            report_html(report, sections[:1], preview=True),
        )
    return pdfs


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_every_pdf_kind_is_pdf_ua_1_with_title_language_bookmarks_and_tagged_tables(demo_pdfs, db, kind):
    body, source = demo_pdfs[kind]
    with pikepdf.open(io.BytesIO(body)) as pdf:
        catalog = pdf.Root
        assert "/StructTreeRoot" in catalog, "no structure tree: the PDF is untagged"
        assert bool(catalog.MarkInfo.Marked)
        assert bool(catalog.ViewerPreferences.DisplayDocTitle)
        assert str(catalog.Lang) == "sv"
        xmp = pdf.open_metadata()
        assert xmp.get("pdfuaid:part") == "1" and xmp.get("dc:title")
        assert str(pdf.docinfo.Title).strip()
        assert len(pdf.open_outline().root) > 0, "no bookmarks"
    types = struct_types(body)
    assert ("<table" in source) == (kind != "minutes"), "the demo's minutes have no table, the others have"
    if "<table" in source:
        assert {"/Table", "/TR", "/TH", "/TD"} <= types.keys(), f"tables are not tagged: {sorted(types)}"
        tables = table_parts(body)
        assert all(tables), f"{tables.count(False)} of {len(tables)} tagged tables have no header row"
    if kind == "action plan":  # the demo's plan has tables that run over a page break
        assert len(table_parts(body)) > source.count("<table")


def table_parts(body):
    """For each /Table in the tag tree, whether it has a header cell (/TH) of its own.

    WeasyPrint tags each page's part of a table that runs over a page break as a /Table of its own
    (Kozea/WeasyPrint#2903, open in WeasyPrint 70, the latest release); the accessibility statement
    says so. The header row repeats on every page (``thead``), so each part is still a table with
    its column headers for a screen reader."""

    def elements(node):  # the structure elements directly under a node (/K: one, an array or none)
        kids = node.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]

    def has_header(node):
        return any(kid.S == "/TH" or has_header(kid) for kid in elements(node))

    parts = []

    def walk(node):
        for kid in elements(node):
            if kid.S == "/Table":
                parts.append(has_header(kid))
            else:
                walk(kid)

    with pikepdf.open(io.BytesIO(body)) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return parts


def words(text):
    return set(re.findall(r"\w+", text))


def split_words(body, source):
    """The source's words that a line break of the PDF's extracted text splits (pypdf reads it as
    a screen reader or a copy would): ``head-|tail`` where the source has ``headtail``, with an
    automatic hyphen (WeasyPrint writes U+2010), or without one where a half is no word of its own
    in the source."""
    from pypdf import PdfReader

    known = words(source)
    split = []
    for page in PdfReader(io.BytesIO(body)).pages:
        lines = page.extract_text().splitlines()
        for line, following in zip(lines, lines[1:], strict=False):
            head = re.search(r"(\w+)([-\u2010\u00ad]?)$", line.rstrip())
            tail = re.match(r"\s*(\w+)", following)
            if not (head and tail) or head[1] + tail[1] not in known:
                continue
            if head[2] or not {head[1], tail[1]} <= known:
                split.append(f"{head[1]}{head[2]}|{tail[1]}")
    return split


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_extracted_text_keeps_words_whole(demo_pdfs, db, kind):
    split = split_words(*demo_pdfs[kind])
    assert not split, f"{len(split)} words split at a line end: {split[:10]}"


def top_level_tags(body):
    """The structure types directly under /Document, a run of /Table taken as one table
    (WeasyPrint tags each page's part of a table as a /Table of its own: Kozea/WeasyPrint#2903)."""
    with pikepdf.open(io.BytesIO(body)) as pdf:
        (document,) = pdf.Root.StructTreeRoot.K
        kinds = [str(kid.S) for kid in document.K if isinstance(kid, pikepdf.Dictionary)]
    return [kind for i, kind in enumerate(kinds) if not (kind == "/Table" and kinds[i - 1 : i] == ["/Table"])]


def test_every_demo_plan_is_tagged_keeps_words_whole_and_prints_no_empty_table(demo_db, db):
    """All of the demo's plans (the checker found 13 of 13 untagged): one table per focus area
    with goals (and the appendix), none for a focus area without."""
    from actionplans.export import plan_html
    from actionplans.queries import PlanRows
    from samverkan.pdf import render_pdf

    plans = list(ActionPlan.objects.select_related("body", "collaboration_plan"))
    assert len(plans) >= 13
    empty_areas = 0
    for plan in plans:
        source = plan_html(plan)
        body = render_pdf(source)
        rows = PlanRows(plan)
        tables = sum(1 for s in rows.sections if s["goals"]) + bool(rows.appendix)
        assert top_level_tags(body).count("/Table") == tables, plan
        assert not split_words(body, source), plan
        empty_areas += sum(1 for s in rows.sections if not s["goals"])
    assert empty_areas, "some demo plan has a focus area without goals"
