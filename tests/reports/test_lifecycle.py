"""The lifecycles of sections and the annual report as a table: each move is made from its states
and refused (code "transition", nothing written) from every other one; guards and permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import Membership
from governance.permissions import REVIEW_REPORT_SECTIONS as REVIEW
from governance.permissions import WRITE_REPORT_SECTION as WRITE
from reports import services
from reports.models import AnnualReport, ReportSection
from samverkan.lifecycle import REFUSED

Role = Membership.Role
S = ReportSection.Status
R = AnnualReport.Status
WRITING = {S.REQUESTED, S.DRAFT, S.RETURNED}

# name: (from, to, permission)
SECTION_TABLE = {
    "save_draft": (WRITING, S.DRAFT, WRITE),
    "submit": (WRITING, S.SUBMITTED, WRITE),
    "withdraw": ({S.SUBMITTED}, S.DRAFT, WRITE),
    "return": ({S.SUBMITTED}, S.RETURNED, REVIEW),
    "accept": ({S.SUBMITTED}, S.ACCEPTED, REVIEW),
    "mark_not_applicable": (WRITING | {S.SUBMITTED}, S.NOT_APPLICABLE, REVIEW),
    "request_again": ({S.NOT_APPLICABLE}, S.REQUESTED, REVIEW),
}
REPORT_TABLE = {"adopt": ({R.COLLECTING}, R.ADOPTED, REVIEW)}

# name: the service that makes the move, as the user who may make it
SECTION_MOVES = {
    "save_draft": lambda o, s: services.section_save(section=s, user=o.writer, version=s.version),
    "submit": lambda o, s: services.section_submit(section=s, user=o.writer),
    "withdraw": lambda o, s: services.section_withdraw(section=s, user=o.writer),
    "return": lambda o, s: services.section_return(section=s, user=o.lgs_leader, comment="Mer."),
    "accept": lambda o, s: services.section_accept(section=s, user=o.lgs_leader),
    "mark_not_applicable": lambda o, s: services.section_mark_not_applicable(section=s, user=o.lgs_leader),
    "request_again": lambda o, s: services.section_request_again(section=s, user=o.lgs_leader),
}


def test_the_declarations_are_the_table():
    def table(lifecycle):
        return {t.name: (set(t.source), t.target, t.permission) for t in lifecycle.transitions}

    assert table(ReportSection.lifecycle) == SECTION_TABLE
    assert table(AnnualReport.lifecycle) == REPORT_TABLE
    edit = ReportSection.lifecycle.edit
    assert (set(edit.states), edit.permission) == (WRITING, WRITE)
    assert set(AnnualReport.lifecycle.edit.states) == {R.COLLECTING}  # an adopted report is frozen


@pytest.fixture
def roles(opened):
    opened.writer = opened.structure.people[Role.CHAIR]
    return opened


def _section_in(opened, state):
    section = opened.section(opened.structure.nosam)
    ReportSection.objects.filter(pk=section.pk).update(status=state, summary="Sex möten.")
    section.refresh_from_db()
    return section


def _trace(obj):
    obj.refresh_from_db()
    return obj.status, obj.version, obj.history.count()


@pytest.mark.parametrize("name,state", [(name, state) for name in SECTION_TABLE for state in S])
def test_a_section_moves_from_its_states_only(roles, name, state):
    sources, target, _permission = SECTION_TABLE[name]
    section = _section_in(roles, state)
    status, version, rows = _trace(section)
    if state in sources:
        SECTION_MOVES[name](roles, section)
        assert _trace(section) == (target, version + 1, rows + 1)
    else:
        with pytest.raises(ValidationError) as refused:
            SECTION_MOVES[name](roles, section)
        assert refused.value.code == REFUSED
        assert _trace(section) == (status, version, rows)


@pytest.mark.parametrize("name", SECTION_TABLE)
def test_nothing_moves_in_an_adopted_report(roles, name):
    section = _section_in(roles, sorted(SECTION_TABLE[name][0])[0])
    AnnualReport.objects.filter(pk=section.report_id).update(status=R.ADOPTED)
    before = _trace(section)
    with pytest.raises(ValidationError) as refused:
        SECTION_MOVES[name](roles, section)
    assert refused.value.code == REFUSED
    assert refused.value.messages == ["Årsrapporten är fastställd och kan inte längre ändras."]
    assert _trace(section) == before


def test_an_empty_section_is_not_submitted(roles):
    section = _section_in(roles, S.DRAFT)
    section.summary, section.development_areas = "", "Bara utvecklingsområden."
    with pytest.raises(ValidationError) as refused:
        services.section_submit(section=section, user=roles.writer)
    assert refused.value.code == REFUSED
    assert "Ett tomt avsnitt kan inte lämnas in" in refused.value.messages[0]


def test_a_return_needs_a_comment(roles):
    section = _section_in(roles, S.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        services.section_return(section=section, user=roles.lgs_leader, comment="  ")
    assert refused.value.error_dict["comment"][0].code == "no_comment"
    assert _trace(section)[0] == S.SUBMITTED


@pytest.mark.parametrize(
    "name,who",
    [
        ("submit", Role.MEMBER),
        ("save_draft", Role.VICE_CHAIR),
        ("accept", Role.CHAIR),
        ("accept", Role.PROCESS_LEADER),  # reviews on its own body, not on the adopting LGS
        ("return", Role.PROCESS_LEADER),
        ("mark_not_applicable", Role.CHAIR),
    ],
)
def test_a_move_needs_the_role_maps_permission_on_the_right_body(roles, name, who):
    section = _section_in(roles, sorted(SECTION_TABLE[name][0])[0])
    before = _trace(section)
    roles.writer = roles.lgs_leader = roles.structure.people[who]
    with pytest.raises(PermissionDenied):
        SECTION_MOVES[name](roles, section)
    assert _trace(section) == before


@pytest.mark.parametrize("state", list(R))
@pytest.mark.parametrize("ready", [True, False])
def test_the_report_is_adopted_from_collecting_with_every_section_ready(roles, state, ready):
    report = roles.report()
    report.sections.update(status=S.ACCEPTED)
    if not ready:
        report.sections.filter(body=roles.structure.nosam).update(status=S.SUBMITTED)
    AnnualReport.objects.filter(pk=report.pk).update(status=state)
    status, version, rows = _trace(report)
    if state in REPORT_TABLE["adopt"][0] and ready:
        services.report_adopt(report=report, user=roles.lgs_leader)
        assert _trace(report) == (R.ADOPTED, version + 1, rows + 1)
        return
    with pytest.raises(ValidationError) as refused:
        services.report_adopt(report=report, user=roles.lgs_leader)
    assert refused.value.code == REFUSED
    if state == R.COLLECTING:
        assert "avsnitt saknas: NOSAM Testby" in refused.value.messages[0]
    assert _trace(report) == (status, version, rows)


def test_only_the_adopting_bodys_reviewers_adopt(roles):
    report = roles.report()
    report.sections.update(status=S.ACCEPTED)
    for who in (roles.structure.people[Role.PROCESS_LEADER], roles.lgs_member, roles.structure.outsider):
        with pytest.raises(PermissionDenied):
            services.report_adopt(report=report, user=who)
    assert _trace(report)[0] == R.COLLECTING
