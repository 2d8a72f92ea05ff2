"""Public pages with arbitrary query strings and path numbers, and the login form: never a 500,
and a login never sends anyone off the site."""

from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Structure
from tests.fuzz import FUZZ, FUZZ_SETTINGS, FuzzTestCase, assert_answered
from tests.meetings.conftest import Meetings

PATHS = [
    "/protokoll/nosam-testby/{}/",
    "/arsrapport/{}/",
    "/arsrapport/{}/arsrapport.pdf",
    "/arsrapport/2024/avsnitt/{}/",
    "/moten/{}/",
    "/beslut/{}/stallningstagande/",
    "/grupper/nosam-testby/handlingsplan/{}/",
    "/grupper/nosam-testby/handlingsplan/2024/version/{}/",
    "/samverkansplan/{}/",
    "/grupper/{}/",
]


class PublicInputNeverFails(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.m = Meetings(Structure())

    @FUZZ_SETTINGS
    @given(q=st.one_of(st.just("vårdövergång"), FUZZ), grupp=FUZZ, ar=FUZZ, sida=FUZZ)
    def test_search(self, q, grupp, ar, sida):
        query = {"q": q, "grupp": grupp, "ar": ar, "sida": sida}
        assert_answered(self.client.get(reverse("meetings:search"), query))

    @FUZZ_SETTINGS
    @given(value=FUZZ)
    def test_years_in_query_strings(self, value):
        assert_answered(self.client.get(reverse("reports:arshjul"), {"ar": value}))
        assert_answered(self.client.get(self.m.body.get_absolute_url(), {"narvaroar": value}))

    @FUZZ_SETTINGS
    @given(value=st.one_of(FUZZ, st.integers(min_value=0, max_value=10**40).map(str)))
    def test_numbers_and_years_in_paths(self, value):
        for path in PATHS:
            assert_answered(self.client.get(path.format(quote(value, safe=""))))

    @FUZZ_SETTINGS
    @given(
        username=st.one_of(st.just("outsider"), FUZZ),
        password=st.one_of(st.just("pw-Samverkan-1"), FUZZ),
        next_url=FUZZ,
    )
    def test_login(self, username, password, next_url):
        url = reverse("login") + "?" + urlencode({"next": next_url})
        response = self.client.post(url, {"username": username, "password": password})
        assert_answered(response)
        if response.status_code == 302:
            assert url_has_allowed_host_and_scheme(response.url, {"testserver"})
