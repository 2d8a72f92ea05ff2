"""Full-text search over published minutes: the SQLite fallback always, Swedish stemming on
PostgreSQL (required in CI)."""

import datetime
import time

from django.db import connection
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.search import search
from tests.conftest import require
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401


def test_it_finds_published_minutes_and_never_drafts(meetings):
    results = search("vårdövergång")
    assert [m.pk for m in results.meetings] == [meetings.published.pk]
    assert "<mark>" in results.meetings[0].snippet.lower()
    assert search("utkast").total == 0


def test_filters_by_body_and_year(meetings):
    assert search("vårdövergång", body_slug=meetings.body.slug, year=2024).total == 1
    assert search("vårdövergång", year=2023).total == 0
    assert search("vårdövergång", body_slug="lgs").total == 0


def test_snippets_are_escaped(meetings):
    meetings.item.minutes = "<script>alert(1)</script> vårdövergång"
    meetings.item.save()
    from meetings.services import reindex

    reindex(meetings.published)
    snippet = str(search("vårdövergång").meetings[0].snippet)
    assert "<script>" not in snippet


def test_a_decision_that_repeats_its_proposal_is_indexed_once(meetings):
    """A decision is often its proposal word for word, and the minutes say it again: a snippet
    shows the sentence once, and the ranking counts it once."""
    from meetings.services import reindex

    item = meetings.published.items.exclude(decision=None).select_related("decision").first()
    sentence = "Samverkansrutinen för trygg hemgång fastställs."
    item.minutes = sentence
    item.save()
    item.decision.proposal = item.decision.text = sentence
    item.decision.save()
    reindex(meetings.published)
    meetings.published.refresh_from_db()
    assert meetings.published.search_document.count(sentence) == 1
    assert str(search("hemgång").meetings[0].snippet).count("trygg") == 1


def test_the_search_page(client, meetings):
    html = client.get(reverse("meetings:search"), {"q": "vårdövergång"}).content.decode()
    assert "1 träff" in html or "En träff" in html
    assert meetings.published.get_absolute_url() in html


def test_swedish_stemming_and_prefixes_on_postgresql(meetings):
    require(connection.vendor == "postgresql", "Swedish full-text search needs PostgreSQL")
    assert [m.pk for m in search("vårdövergångarna").meetings] == [meetings.published.pk]
    assert search("vårdöver").total == 1  # a partial word
    assert search("rutiner").total == 1  # "rutin" inflected
    assert search("utkast").total == 0


def test_title_hits_rank_above_text_hits_on_postgresql(meetings):
    require(connection.vendor == "postgresql", "ranking needs PostgreSQL")
    other = meetings.meeting(datetime.date(2024, 4, 2))
    item = meetings.add_item(other, AgendaItem.Kind.INFORMATION, "Budget")
    item.minutes = "Kort om SIP och samordnad plan."
    item.save()
    meetings.publish(other)
    third = meetings.meeting(datetime.date(2024, 4, 9))
    meetings.add_item(third, AgendaItem.Kind.INFORMATION, "SIP i Göteborgsområdet")
    meetings.publish(third)
    assert [m.pk for m in search("SIP").meetings] == [third.pk, other.pk]


def test_search_uses_the_gin_index_on_postgresql(meetings):
    require(connection.vendor == "postgresql", "GIN index needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'meeting_search_vector'")
        assert "gin" in cursor.fetchone()[0].lower()


def test_search_time_with_many_minutes_on_postgresql(meetings, capsys):
    require(connection.vendor == "postgresql", "timing the PostgreSQL search")
    from meetings.models import Meeting
    from meetings.services import reindex

    for day in range(200):
        m = Meeting.objects.create(
            body=meetings.body,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day),
            start_time=datetime.time(13),
            end_time=datetime.time(15),
            status=Meeting.Status.PUBLISHED,
        )
        AgendaItem.objects.create(
            meeting=m, title=f"Punkt {day}", minutes="Samverkan om vårdövergångar och SIP. " * 30
        )
        reindex(m)
    started = time.perf_counter()
    results = search("vårdövergångarna")
    elapsed = time.perf_counter() - started
    assert results.total == 201 and len(results.meetings) == 20
    assert elapsed < 1.0
    with capsys.disabled():
        print(f"\nsearch over 201 matching minutes: {elapsed * 1000:.1f} ms")


def test_a_common_word_ranks_only_the_newest_matches_and_says_so_on_postgresql(meetings, monkeypatch, client):
    """However many minutes match, only the ``RANKED`` newest are ranked and paged through; the total
    is still exact, and the page suggests narrowing by group or year (which reaches older ones)."""
    require(connection.vendor == "postgresql", "bounded ranking needs PostgreSQL")
    from meetings import search as search_module

    monkeypatch.setattr(search_module, "RANKED", 2)
    monkeypatch.setattr(search_module, "PAGE_SIZE", 1)
    older = []
    for day in (2, 9):
        meeting = meetings.meeting(datetime.date(2023, 4, day))
        meetings.add_item(meeting, AgendaItem.Kind.INFORMATION, "Vårdövergång i äldre protokoll")
        meetings.publish(meeting)
        older.append(meeting.pk)
    results = search("vårdövergång")
    assert results.total == 3 and results.ranked == 2 and results.pages == 2 and results.truncated
    shown = {m.pk for page in (1, 2) for m in search("vårdövergång", page=page).meetings}
    assert shown == {meetings.published.pk, older[1]}  # the newest two
    assert search("vårdövergång", year=2023).ranked == 2  # narrowing reaches the oldest
    assert older[0] in {m.pk for m in search("vårdövergång", year=2023, page=2).meetings}
    html = client.get(reverse("meetings:search"), {"q": "vårdövergång"}).content.decode()
    assert "De bäst matchande av de 2 senaste träffarna visas" in html


def test_the_fallback_stem_strips_swedish_endings():
    from meetings.search import fallback_stem

    assert fallback_stem("Vårdövergångarna") == "vårdövergång"
    assert fallback_stem("minnesanteckningar") == "minnesanteckning"
    assert fallback_stem("rutiner") == "rutin"
    assert fallback_stem("SIP") == "sip", "short words keep their letters"


def test_the_fallback_finds_inflected_words_too(meetings, monkeypatch):
    """The embedded SQLite mode's search; forced here so that it also runs on PostgreSQL in CI."""
    monkeypatch.setattr("meetings.search.full_text", lambda: False)
    assert [m.pk for m in search("vårdövergångarna").meetings] == [meetings.published.pk]
    assert "<mark>vårdövergång</mark>" in str(search("vårdövergångarna").meetings[0].snippet).lower()
    assert search("rutiner").total == 1
    assert search("utkasten").total == 0
