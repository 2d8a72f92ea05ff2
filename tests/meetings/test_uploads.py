"""An upload is parsed only for someone who may upload: the permission check comes first."""

import pytest
from django.urls import reverse

from tests.platform.test_bounded_input import MB, post_claiming


@pytest.mark.parametrize("who, status", [("outsider", 404), ("member", 403)])
def test_an_upload_without_the_right_is_refused_before_the_body_is_read(client, meetings, who, status):
    client.force_login(meetings.s.outsider if who == "outsider" else meetings.member)
    url = reverse("meetings:item_edit", args=[meetings.draft.pk, meetings.draft_item.pk])
    assert post_claiming(client, url, 5 * MB).status_code == status
