"""Supervision fixtures: supervisors of both districts and a BDC case taken through its stages at set times."""

from __future__ import annotations

from datetime import datetime

import pytest

from onedoor.cases.actions import case_act
from onedoor.cases.services import case_accept
from onedoor.conftest import PASSWORD
from onedoor.core.calendar import SHANGHAI
from onedoor.core.clock import frozen_at
from onedoor.districts import services
from onedoor.districts.models import Role
from onedoor.people import idnumbers
from onedoor.people import services as people_services

APPLICANT = "44060419850203123" + idnumbers.resident_check_char("44060419850203123")


def at(month, day, hour, minute=0):
    return datetime(2025, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def sam(chancheng):
    """sam — supervisor (监督) of Chancheng."""
    return services.staff_create(
        district=chancheng, username="sam", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


@pytest.fixture
def hugo(hetang):
    """hugo — supervisor of the second district (Hetang)."""
    return services.staff_create(
        district=hetang, username="hugo", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


@pytest.fixture
def applicant(chancheng, alice):
    return people_services.person_register(
        district=chancheng, id_number=APPLICANT, name="梁美玲", actor=alice
    )


@pytest.fixture
def bdc_item(demo_catalog):
    return next(
        i
        for i in demo_catalog
        if i["department"] == "BDC"
        and i["kind"] == "promised"
        and (not i["levels"] or "district" in i["levels"])
        and [s["code"] for s in i["stages"]][:4] == ["accept", "undertake", "review", "approve"]
    )


def received(item):
    return [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]


def findings(item):
    return {c["id"]: True for m in item["materials"] for c in m["criteria"]}


def accept_at(moment, staff, item, applicant):
    with frozen_at(moment):
        return case_accept(
            staff=staff, item_code=item["code"], applicant=applicant.id_number, materials=received(item)
        ).case


def act_at(moment, staff, case, action, **fields):
    with frozen_at(moment):
        return case_act(staff=staff, number=case.number, action=action, **fields)


@pytest.fixture
def late_case(bdc_item, alice, olivia, arthur, applicant):
    """Accepted Thu 25 Sep 2025, undertaken Fri, corrected Mon 29 Sep over the National Day holiday, supplied
    Thu 9 Oct, reviewed Mon 13 Oct by olivia, approved Fri 17 Oct by arthur: the approval overran its share."""
    case = accept_at(at(9, 25, 10), alice, bdc_item, applicant)
    act_at(at(9, 26, 16), olivia, case, "undertake", opinion="齐全", criteria=findings(bdc_item))
    act_at(at(9, 29, 11), olivia, case, "request_correction", reason="缺页", materials=["M01"])
    act_at(at(10, 9, 9, 30), alice, case, "supply")
    act_at(at(10, 13, 15), olivia, case, "review", opinion="同意", criteria=findings(bdc_item))
    act_at(at(10, 17, 11), arthur, case, "approve", opinion="准予", criteria=findings(bdc_item))
    case.refresh_from_db()
    return case


# The supervision desk's small district (after the helpers above, which it uses).
from onedoor.supervision.tests.desk_fixtures import desk_data  # noqa: E402, F401
