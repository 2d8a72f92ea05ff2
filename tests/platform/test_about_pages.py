"""The accessibility statement and the personal data page: public, linked from every page's
footer, and true about what they promise (the contact address, the supervisory authority, how
long login records are kept)."""

import datetime

from axes.models import AccessAttempt, AccessLog
from django.urls import reverse
from django.utils import timezone

from samverkan.tasks import purge_spent_keys


def test_the_accessibility_statement_names_its_conformance_contact_and_authority(client, settings):
    settings.CONTACT_EMAIL = "tillganglighet@example.se"
    page = client.get(reverse("accessibility"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Tillgänglighetsredogörelse för Samverkansportalen</h1>" in html
    assert "WCAG 2.1" in html and "delvis förenlig" in html and "Innehåll som inte är tillgängligt" in html
    assert 'href="mailto:tillganglighet@example.se"' in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html and "Digg" in html
    assert '<time datetime="2026-12-07">' in html
    # The known gap of the PDFs (Kozea/WeasyPrint#2903, tests/platform/test_pdf_accessibility.py).
    assert "en skärmläsare presenterar delarna som separata tabeller" in html
    assert 'lang="sv"' in html  # Swedish content, also when the interface is English


def test_the_personal_data_page_says_what_is_kept_why_and_how_long(client, settings):
    settings.CONTACT_EMAIL = "dataskydd@example.se"
    settings.LOGIN_RECORDS_DAYS = 60
    page = client.get(reverse("personal_data"))
    assert page.status_code == 200
    html = page.content.decode()
    for kept in ("Namn, titel och organisation", "E-postadress", "Inloggning", "IP-adress", "Historik"):
        assert kept in html, kept
    assert "60 dagar" in html and "inga patientuppgifter" in html
    assert 'href="mailto:dataskydd@example.se"' in html and "https://www.imy.se/" in html


def test_both_pages_are_linked_from_every_page_footer_in_both_languages(client, structure):
    pages = [
        reverse("home"),
        reverse("governance:organisation_chart"),
        reverse("governance:body_detail", args=[structure.nosam.slug]),
        reverse("meetings:archive"),
        reverse("reports:arshjul"),
        reverse("login"),
        reverse("accessibility"),
    ]
    for language, labels in (("sv", ("Tillgänglighetsredogörelse", "Personuppgifter")), ("en", ())):
        client.cookies["django_language"] = language
        for url in pages:
            html = client.get(url).content.decode()
            footer = html[html.index('<footer class="site-footer">') :]
            assert f'href="{reverse("accessibility")}"' in footer, url
            assert f'href="{reverse("personal_data")}"' in footer, url
            for label in labels:
                assert label in footer
    english = client.get(reverse("home")).content.decode()
    assert "Accessibility statement" in english and "Personal data" in english
    own = client.get(reverse("accessibility")).content.decode()
    assert f'href="{reverse("accessibility")}" aria-current="page"' in own


def test_login_records_are_purged_after_their_keeping_time(db, settings):
    old = timezone.now() - datetime.timedelta(days=settings.LOGIN_RECORDS_DAYS + 1)
    for username, when in (("old", old), ("new", timezone.now())):
        log = AccessLog.objects.create(username=username, ip_address="192.0.2.1", user_agent="Firefox")
        attempt = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.1", user_agent="Firefox", failures_since_start=1
        )
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=when)
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
    counts = purge_spent_keys.delay().get()
    assert (counts["login log"], counts["failed logins"]) == (1, 1)
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["new"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["new"]
