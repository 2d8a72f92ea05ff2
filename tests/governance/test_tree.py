"""The body tree is read in one query and walked in memory."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Body
from governance.structure import BodyTree


def test_it_nests_bodies_under_their_parents_and_finds_ancestors(structure):
    local = Body.objects.create(
        name="Lokal grupp", slug="lokal", kind=structure.local_kind, parent=structure.nosam
    )
    with CaptureQueriesContext(connection) as queries:
        tree = BodyTree()
        nested = tree.nested()
        ancestors = tree.ancestors(tree.by_id[local.pk])
    assert len(queries) == 1
    [(root, children)] = nested
    assert root == structure.lgs
    assert [child for child, _ in children] == [structure.theme, structure.nosam]
    assert [body.slug for body in ancestors] == ["lgs", "nosam-testby"]


def test_ended_bodies_can_be_left_out(structure):
    structure.theme.end_date = datetime.date(2024, 11, 30)
    structure.theme.save()
    [(_, children)] = BodyTree().nested(include_ended=False)
    assert [child for child, _ in children] == [structure.nosam]


def test_a_body_page_breadcrumb_runs_from_the_root(structure, client):
    local = Body.objects.create(
        name="Lokal grupp", slug="lokal", kind=structure.local_kind, parent=structure.nosam
    )
    page = client.get(local.get_absolute_url()).content.decode()
    crumbs = page[page.index('class="breadcrumbs') : page.index("</nav>", page.index('class="breadcrumbs'))]
    assert crumbs.index("LGS") < crumbs.index("NOSAM Testby") < crumbs.index("Lokal grupp")
