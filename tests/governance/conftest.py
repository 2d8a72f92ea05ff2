"""People who manage seats: a site administrator and the editor of the body above."""

import pytest
from django.contrib.auth import get_user_model

from governance.models import Membership


@pytest.fixture
def site_admin(db):
    return get_user_model().objects.create_superuser("webbadmin", "webbadmin@example.se", "pw-Samverkan-1")


@pytest.fixture
def lgs_process_leader(structure):
    """The process leader of LGS, the body the NOSAM and the theme group report to."""
    return structure.seat(structure.lgs, Membership.Role.PROCESS_LEADER, username="lgs-pl")
