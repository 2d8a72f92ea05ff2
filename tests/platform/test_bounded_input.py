"""Bounded input: the probe's reproductions (a 200 MB anonymous body, years of 99999, NUL bytes,
``next=//evil.example/``) answer 413, 404 or a form error, never 500 and never after reading."""

import io

import pytest
from django.urls import reverse

from samverkan.years import FIRST_YEAR, LAST_YEAR, parse_year
from tests.platform.test_deployment import run_manage

MB = 1024 * 1024


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_claiming(client, url, length, **extra):
    """A POST that announces ``length`` bytes whose body may not be read."""
    return client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
        **extra,
    )


def test_an_anonymous_200_mb_body_is_refused_without_reading_it(client, db):
    response = post_claiming(client, reverse("login"), 200 * MB)
    assert response.status_code == 413
    assert "större än portalen tar emot" in response.content.decode()
    assert "Logga in för att ladda upp filer" in response.content.decode()


def test_an_anonymous_upload_to_an_editing_page_is_refused_before_its_permission_check(client, structure):
    response = post_claiming(client, reverse("meetings:item_edit", args=[1, 1]), 2 * MB)
    assert response.status_code == 413


def test_a_logged_in_user_may_send_more_than_a_visitor_but_no_more_than_an_attachment(
    client, structure, settings
):
    settings.ANONYMOUS_BODY_MAX_BYTES = 100
    search, data = reverse("meetings:search"), {"q": "x" * 150}
    assert client.post(search, data).status_code == 413
    client.force_login(structure.outsider)
    assert client.post(search, data).status_code == 200
    assert post_claiming(client, search, settings.REQUEST_BODY_MAX_BYTES + 1).status_code == 413
    assert "Bifoga mindre filer" in post_claiming(client, search, 30 * MB).content.decode()


def test_the_limits_come_from_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.UPLOAD_MAX_BYTES, s.REQUEST_BODY_MAX_BYTES, s.ANONYMOUS_BODY_MAX_BYTES)",
        env={"MAX_UPLOAD_MB": "5", "ANONYMOUS_BODY_MAX_KB": "16"},
    )
    assert result.stdout.split() == [str(4 * MB), str(5 * MB), str(16 * 1024)], result.stderr


def test_a_small_anonymous_post_goes_through(client, structure):
    response = client.post(reverse("login"), {"username": "outsider", "password": "pw-Samverkan-1"})
    assert response.status_code == 302


def test_a_chunked_body_is_refused_rather_than_read_as_empty(client, db):
    response = client.generic(
        "POST", reverse("login"), b"", HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input": Unreadable()}
    )
    assert response.status_code == 411


# --- Years and numbers in URLs and query strings ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/protokoll/lgs/99999/",
        "/protokoll/lgs/0000/",
        "/protokoll/lgs/1899/",
        "/protokoll/lgs/99999999999999999999999/",
        "/arsrapport/99999/",
        "/arsrapport/0/",
        "/arsrapport/2024/avsnitt/99999999999999999999999/",
        "/moten/9223372036854775808/",
        "/grupper/%00/",
        "/grupper/lgs/handlingsplan/2024/version/99999999999999999999/",
    ],
)
def test_malformed_numbers_in_urls_are_not_found(client, structure, url):
    assert client.get(url).status_code == 404


def test_a_year_in_range_is_found(client, structure):
    assert client.get(reverse("meetings:archive_year", args=["lgs", 2024])).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "q=vård&ar=-1",
        "q=vård&ar=99999",
        "q=vård&ar=9999999999999999999999",
        "q=vård&grupp=%00",
        "q=%00",
        "q=vård&sida=0",
        "q=vård&sida=" + "9" * 5000,
        "q=" + "x" * 201,
    ],
)
def test_malformed_search_parameters_are_form_errors(client, structure, query):
    response = client.get(reverse("meetings:search") + "?" + query)
    assert response.status_code == 200
    assert "Sökningen kunde inte göras" in response.content.decode()
    assert response.context["results"] is None


def test_a_huge_page_number_shows_the_last_page(client, structure):
    response = client.get(reverse("meetings:search") + "?q=vård&sida=" + "9" * 30)
    assert response.status_code == 200 and not response.context["form"].errors


@pytest.mark.parametrize("value", ["99999", "-1", "%00", "9" * 30, "２０２４"])
def test_malformed_years_in_page_parameters_fall_back(client, structure, value):
    assert client.get(f"/grupper/lgs/?narvaroar={value}").status_code == 200
    assert client.get(f"/arshjul/?ar={value}").status_code == 200


def test_parse_year_takes_four_ascii_digits_in_range():
    assert parse_year("2024") == 2024
    assert parse_year(str(FIRST_YEAR)) == FIRST_YEAR and parse_year(str(LAST_YEAR)) == LAST_YEAR
    for value in [None, "", "-1", "99999", "1899", "2201", "２０２４", "2024\x00", " 2024", "20.4"]:
        assert parse_year(value) is None


# --- Redirects stay on the site ----------------------------------------------------------------------


OFF_SITE = ["//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_does_not_follow_next_off_the_site(client, structure, target):
    response = client.post(
        reverse("login") + "?next=" + target, {"username": "outsider", "password": "pw-Samverkan-1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("governance:my_groups")


# --- Dates the portal cannot compute with --------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])
def test_dates_at_the_edge_of_the_calendar_are_form_errors(client, structure, day):
    from governance.models import Membership
    from meetings.models import Meeting

    client.force_login(structure.people[Membership.Role.PROCESS_LEADER])
    fields = {"kind": "regular", "title": "Möte", "start_time": "13:00", "end_time": "15:00"}
    fields["mode"] = "physical"
    url = reverse("meetings:meeting_create", args=["nosam-testby"])
    response = client.post(url, fields | {"date": day})
    assert response.status_code == 200 and "date" in response.context["form"].errors
    assert not Meeting.objects.exists()
    assert client.post(url, fields | {"date": "2200-12-31"}).status_code == 302
