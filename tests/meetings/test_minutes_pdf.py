"""Published minutes as PDF: built once per state of the minutes, served as a file with an ETag.

Renders are counted around ``samverkan.pdf.render_pdf`` (the ``pdf_renders`` fixture): the PDFs
are real, and their text is read back with pypdf.
"""

import io

import pytest
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from meetings import services
from meetings.minutes import ensure_minutes_pdf
from meetings.models import MinutesCorrection
from tests.conftest import concurrent_gets, pdf_text, require, stored_pdfs


def url(meeting):
    return reverse("meetings:meeting_pdf", args=[meeting.pk])


def correct(meetings, text):
    services.minutes_correct(
        meeting=meetings.published,
        user=meetings.leader,
        item=meetings.item,
        field=MinutesCorrection.Field.MINUTES,
        text=text,
        reason="Stavfel i originalet.",
    )


def test_published_minutes_render_once_and_are_served_as_a_file(client, meetings, pdf_renders):
    first = client.get(url(meetings.published))
    second = client.get(url(meetings.published))
    assert len(pdf_renders) == 1 and len(stored_pdfs("protokoll")) == 1
    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"] and first["ETag"].startswith(f'"{meetings.published.pk}-v')
    assert first["Last-Modified"] and "public" in first["Cache-Control"]
    assert first["Content-Disposition"] == 'inline; filename="protokoll-nosam-testby-2024-03-12.pdf"'
    body = second.getvalue()
    assert first.getvalue() == body
    text = pdf_text(body)
    assert "Trygga vårdövergångar" in text and "Beslut: Rutin för vårdövergång" in text


def test_a_client_with_the_current_etag_gets_304_without_a_render(client, meetings, pdf_renders):
    etag = client.get(url(meetings.published))["ETag"]
    response = client.get(url(meetings.published), headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["ETag"] == etag and response.content == b""
    assert len(pdf_renders) == 1
    assert client.get(url(meetings.published), headers={"If-None-Match": '"1-v1-old"'}).status_code == 200


def test_a_correction_gives_a_new_file_and_a_new_etag(client, meetings, pdf_renders):
    before = client.get(url(meetings.published))
    correct(meetings, "Rättad rutin för vårdövergång.")
    after = client.get(url(meetings.published), headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    text = pdf_text(after.getvalue())
    assert "Rättad rutin för vårdövergång." in text and "Rättelser" in text
    assert len(pdf_renders) == 2 and len(stored_pdfs("protokoll")) == 1, "the earlier file is removed"


def test_the_pdf_is_tagged_pdf_ua_in_swedish_with_a_title(client, meetings):
    client.cookies["django_language"] = "en"  # the document of record is Swedish whoever asks
    body = client.get(url(meetings.published)).getvalue()
    reader = PdfReader(io.BytesIO(body))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv" and "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "NOSAM Testby 2024-03-12"
    assert "MINNESANTECKNINGAR" in pdf_text(body) and "Godkända av ordföranden" in pdf_text(body)


def test_a_pdf_built_ahead_serves_the_first_request(client, meetings, pdf_renders):
    """What a task run on publication would do: build without a request, then nothing to render."""
    ensure_minutes_pdf(meetings.published)
    assert client.get(url(meetings.published)).status_code == 200
    assert len(pdf_renders) == 1 and len(stored_pdfs("protokoll")) == 1


def test_unpublished_minutes_are_never_stored(client, meetings, pdf_renders):
    client.force_login(meetings.leader)
    assert client.get(url(meetings.draft)).status_code == 404
    with pytest.raises(ValueError):
        ensure_minutes_pdf(meetings.draft)
    assert pdf_renders == [] and stored_pdfs("protokoll") == []


def test_only_get_and_head(client, meetings):
    assert client.head(url(meetings.published)).status_code == 200
    assert client.post(url(meetings.published)).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_requests_render_once(meetings, pdf_renders):
    """Twelve anonymous visitors ask at once for minutes nobody has asked for: one render."""
    require(connection.vendor == "postgresql", "needs PostgreSQL (row locks)")
    answers = concurrent_gets(url(meetings.published), 12)
    assert len(answers) == 12 and {status for status, _etag, _body in answers} == {200}
    assert len({etag for _status, etag, _body in answers}) == 1
    assert len({body for _status, _etag, body in answers}) == 1, "nobody got half a file"
    assert len(pdf_renders) == 1 and len(stored_pdfs("protokoll")) == 1
