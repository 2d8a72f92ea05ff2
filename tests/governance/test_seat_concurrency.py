"""Twenty people (or one double click) appoint a vice chair at the same moment: there is one.

PostgreSQL only (SQLite serialises writers): every thread logs in and loads the form first, as a
browser would, then all POST together through the whole stack.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from governance.models import Membership, Person
from tests.conftest import require

Role = Membership.Role
THREADS = 20

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_concurrent_seat_posts_make_exactly_one_vice_chair(structure):
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    appointer = structure.seat(structure.lgs, Role.PROCESS_LEADER, username="lgs-pl")
    candidates = [
        Person.objects.create(first_name=f"Kandidat{i}", last_name="Vice", organisation=structure.town)
        for i in range(THREADS)
    ]
    url = reverse("governance:membership_add", args=[structure.theme.slug])
    barrier = threading.Barrier(THREADS)
    answers = []

    def appoint(person):
        try:
            client = Client()
            client.cookies["django_language"] = "sv"
            client.force_login(appointer)
            barrier.wait(timeout=30)
            response = client.post(
                url, {"person": person.pk, "role": "vice_chair", "start_date": "2024-03-01"}
            )
            answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=appoint, args=[person]) for person in candidates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(answers) == THREADS
    assert Membership.objects.filter(body=structure.theme, role=Role.VICE_CHAIR).count() == 1
    assert sorted(status for status, _ in answers) == [200] * (THREADS - 1) + [302]
    refusals = [page for status, page in answers if status == 200]
    assert all("har redan en vice ordförande under den här perioden" in page for page in refusals)
    assert Membership.history.filter(body=structure.theme, role=Role.VICE_CHAIR).count() == 1
