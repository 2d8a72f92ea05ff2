"""The meeting forms and the stance form, posted by their users with arbitrary input: never a 500."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from meetings.forms import (
    AssignmentForm,
    AttendanceForm,
    CorrectionForm,
    ItemEditForm,
    ItemForm,
    MeetingForm,
    NewMeetingForm,
    PersonForm,
)
from tests.conftest import Structure
from tests.fuzz import FUZZ, FUZZ_SETTINGS, FuzzTestCase, assert_answered, baseline, fuzzed
from tests.meetings.conftest import Meetings, minutes_data


class MeetingFormsTakeAnyInput(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.m = Meetings(Structure())
        cls.log_in_once(cls.m.leader, cls.m.chair, cls.m.member)

    def post(self, data, url, form, user=None):
        """Post ``form``'s fields, any of them replaced by arbitrary input, as ``user``."""
        self.log_in(user or self.m.leader)
        fields = form if isinstance(form, dict) else baseline(form)
        response = self.client.post(url, data.draw(fuzzed(fields)))
        assert_answered(response)
        return response

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_planning_a_meeting(self, data):
        self.post(data, reverse("meetings:meeting_create", args=[self.m.body.slug]), NewMeetingForm())

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_editing_a_meeting(self, data):
        meeting = self.m.planned
        self.post(data, reverse("meetings:meeting_edit", args=[meeting.pk]), MeetingForm(instance=meeting))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_adding_and_editing_agenda_items(self, data):
        meeting, item = self.m.planned, self.m.proposal_item
        self.post(data, reverse("meetings:agenda", args=[meeting.pk]), ItemForm())
        url = reverse("meetings:item_edit", args=[meeting.pk, item.pk])
        self.post(data, url, ItemEditForm(instance=item, prefix="item"))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_attendance_and_guests(self, data):
        meeting = self.m.draft
        self.post(data, reverse("meetings:attendance", args=[meeting.pk]), AttendanceForm(meeting=meeting))
        self.post(data, reverse("meetings:guest_add", args=[meeting.pk]), PersonForm(prefix="guest"))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_writing_the_minutes(self, data):
        meeting = self.m.draft
        self.log_in(self.m.leader)
        self.post(data, reverse("meetings:minutes", args=[meeting.pk]), minutes_data(self.client, meeting))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_assignments_and_corrections(self, data):
        decision, meeting = self.m.item.decision, self.m.published
        url = reverse("meetings:assignment_add", args=[decision.pk])
        self.post(data, url, AssignmentForm(prefix=f"as{decision.pk}"))
        url = reverse("meetings:minutes_correct", args=[meeting.pk])
        self.post(data, url, CorrectionForm(meeting=meeting), user=self.m.chair)

    @FUZZ_SETTINGS
    @given(data=st.data(), next_url=FUZZ)
    def test_taking_a_stance_and_following_next(self, data, next_url):
        decision = self.m.decision
        fields = {f"d{decision.pk}-position": "support", f"d{decision.pk}-reason": "", "next": next_url}
        url = reverse("meetings:stance", args=[decision.pk])
        response = self.post(data, url, fields, user=self.m.member)
        if response.status_code == 302:
            assert response.url.startswith("/") and not response.url.startswith(("//", "/\\"))
