"""Work queues and overdue lists: each role sees the stages it acts on in its own departments, oldest deadline
first, page by page without counting; overdue lists for the department and, for supervisors, the district."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onedoor.cases import queues
from onedoor.cases.actions import case_act
from onedoor.cases.models import Case
from onedoor.cases.services import case_accept
from onedoor.core.errors import DomainError, Forbidden
from onedoor.districts import services as district_services
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Role
from onedoor.people import idnumbers
from onedoor.people import services as people_services

TRANSFER = "440604-BDC-002"


def _received(item):
    return [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]


def _findings(item):
    return {c["id"]: True for m in item["materials"] for c in m["criteria"]}


@pytest.fixture
def transfer(demo_catalog):
    return next(i for i in demo_catalog if i["code"] == TRANSFER)


@pytest.fixture
def make_case(chancheng, alice, transfer):
    made = []

    def make():
        body = f"44060419700101{len(made) + 100:03d}"
        number = body + idnumbers.resident_check_char(body)
        person = people_services.person_register(
            district=chancheng, id_number=number, name="周敏", actor=alice
        )
        case = case_accept(
            staff=alice, item_code=TRANSFER, applicant=person.id_number, materials=_received(transfer)
        ).case
        made.append(case)
        return case

    return make


@pytest.fixture
def sue(chancheng):
    """sue — a supervisor of the district."""
    return district_services.staff_create(
        district=chancheng,
        username="sue",
        password="correct horse battery staple",
        roles=[(Role.SUPERVISOR, None)],
    )


def test_each_role_sees_the_stages_it_acts_on(make_case, olivia, arthur, chloe, transfer):
    case = make_case()
    assert [c.pk for c in queues.work_queue(staff=olivia)] == [case.pk]
    assert queues.work_queue(staff=arthur) == []
    assert [c.pk for c in queues.work_queue(staff=chloe)] == [case.pk]
    case_act(staff=olivia, number=case.number, action="undertake", criteria=_findings(transfer))
    case_act(staff=olivia, number=case.number, action="review", criteria=_findings(transfer))
    assert queues.work_queue(staff=olivia) == []
    assert [c.pk for c in queues.work_queue(staff=arthur)] == [case.pk]


def test_a_window_generalist_has_no_department_queue(make_case, alice):
    make_case()
    assert queues.work_queue(staff=alice) == []


def test_another_districts_officer_sees_nothing(make_case, hetang):
    make_case()
    officer = district_services.staff_create(
        district=hetang,
        username="hugo",
        password="correct horse battery staple",
        roles=[(Role.UNDERTAKER, hetang.test_department)],
    )
    assert queues.work_queue(staff=officer) == []


def test_the_queue_is_oldest_deadline_first_and_pages_by_key(make_case, olivia):
    cases = [make_case() for _ in range(3)]
    now = timezone.now()
    for n, case in enumerate(cases):  # the last made is due first
        Case.objects.filter(pk=case.pk).update(deadline=now + timedelta(days=10 - n))
    first = queues.work_queue(staff=olivia, limit=2)
    assert [c.pk for c in first] == [cases[2].pk, cases[1].pk]
    after = queues.cursor_read(queues.cursor_of(first[-1]))
    assert [c.pk for c in queues.work_queue(staff=olivia, after=after, limit=2)] == [cases[0].pk]


def test_a_damaged_cursor_is_a_domain_error():
    with pytest.raises(DomainError):
        queues.cursor_read("not-a-cursor")


def test_overdue_lists_for_the_department_and_for_supervisors(make_case, olivia, sue, alice):
    late, on_time = make_case(), make_case()
    Case.objects.filter(pk=late.pk).update(deadline=timezone.now() - timedelta(days=3))
    assert [c.pk for c in queues.overdue_of_departments(staff=olivia)] == [late.pk]
    assert [c.pk for c in queues.overdue_of_district(staff=sue)] == [late.pk]
    assert on_time.pk not in [c.pk for c in queues.overdue_of_district(staff=sue)]
    with pytest.raises(Forbidden):
        queues.overdue_of_district(staff=alice)


def test_the_timing_turns_red_once_overdue(make_case, chancheng):
    case = make_case()
    calendar = calendar_for(chancheng)
    assert queues.case_timing(case, calendar=calendar).light in ("green", "yellow")
    case.deadline = timezone.now() - timedelta(days=7)
    timing = queues.case_timing(case, calendar=calendar)
    assert timing.light == "red" and timing.overdue_by >= 1


def test_second_approvers_are_the_departments_approvers_but_not_the_caller(make_case, arthur, chloe, olivia):
    case = make_case()
    assert [s.username for s in queues.second_approvers(staff=arthur, case=case)] == ["chloe"]
    assert [s.username for s in queues.second_approvers(staff=olivia, case=case)] == ["arthur", "chloe"]
