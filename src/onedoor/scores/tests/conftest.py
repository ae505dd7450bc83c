"""The hand-computed October 2025 fixture of the scores (docs/scores.md works it through).

Units: departments BDC (D1) and GA (D2); centres: the district centre C1 (windows 01 = W1, 02 = W2) and the
street centre C2 (window 01 = W3); officers alice and amy (window generalists), olivia (replies).
National Day ran 1–8 October 2025 and Saturday 11 October was a make-up working day: no period below
crosses them.

cases       c1 D1 C1 W1 alice  instant  9 Oct 10:00 → 10:30                          on time, 1,800 s, 0 wd
            c2 D1 C1 W1 alice  promised Mon 13 Oct 9:00 → Wed 15 Oct 9:00, due Thu 16 on time, 172,800 s, 2 wd
            c3 D1 C1 W2 amy    promised Mon 13 Oct 9:00 → Mon 20 Oct 9:00, due Thu 16 late, 604,800 s, 5 wd
            c4 D2 C2 W3 amy    promised Tue 14 Oct 10:00 → Fri 17 Oct 10:00, due Fri 17 on time, 259,200 s, 3 wd
            c5 D2 C2 W3 amy    withdrawn 16 Oct (not scored);  c6 D1 still open (not scored)
complaints  k1 complaint D1 C1 about c3 (W2, amy) 15 Oct: reply r1 by olivia 17 Oct on time, scored 4 on 20 Oct
            k2 complaint D1 about c2 (C1, W1, alice) 16 Oct: r2a bounced by the checks 20 Oct (not counted),
               r2b by olivia 21 Oct late, scored 2 on 22 Oct
            k3 consultation D2 C2 16 Oct (not a complaint): r3 by olivia (D2) 17 Oct on time, not yet scored
ratings     g1 c1 5 (10 Oct); g2 c2 4 (16 Oct); g3 c3 1 (20 Oct) → rectification rc1 due 24 Oct, closed
            23 Oct (on time), follow-up 3 on 27 Oct (counts as 3); g4 c4 2 (17 Oct) → rc2 due 21 Oct, closed
            22 Oct (late); g5 c5 1 (16 Oct) set aside on appeal, with rc3 (neither counted)
"""

from __future__ import annotations

from datetime import datetime

import pytest

from onedoor.cases.models import Case
from onedoor.cases.trail import trail_append
from onedoor.catalog.models import Item
from onedoor.complaints.models import Complaint, ComplaintStep, Reply
from onedoor.conftest import PASSWORD
from onedoor.core.calendar import SHANGHAI
from onedoor.districts import services
from onedoor.districts.models import Role
from onedoor.ratings.models import Rating, Rectification, RectificationStep


def at(month, day, hour=12, minute=0, second=0):
    return datetime(2025, month, day, hour, minute, second, tzinfo=SHANGHAI)


def end_of(month, day):
    return at(month, day, 23, 59, 59)


@pytest.fixture
def sam(chancheng):
    return services.staff_create(
        district=chancheng, username="sam", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


@pytest.fixture
def anna(chancheng):
    """anna — analyst (分析) of Chancheng."""
    return services.staff_create(
        district=chancheng, username="anna", password=PASSWORD, roles=[(Role.ANALYST, None)]
    )


@pytest.fixture
def hugo(hetang):
    return services.staff_create(
        district=hetang, username="hugo", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


class World:
    pass


def _case(w, number, department, centre, window, officer, *, instant, accepted, closed, deadline, status):
    case = Case.objects.create(
        district=w.district,
        number=number,
        item=w.item,
        version=w.version,
        department=department,
        applicant_number="440604198502031238",
        applicant_name="梁美玲",
        instant=instant,
        centre=centre,
        window=window,
        accepted_by=officer,
        accepted_at=accepted,
        status=status,
        deadline=deadline,
        closed_at=closed,
    )
    trail_append(
        case=case,
        actor=officer,
        role=Role.WINDOW_GENERALIST,
        action="accept",
        from_status="",
        to_status="undertake",
        at=accepted,
    )
    if closed:
        trail_append(
            case=case,
            actor=officer,
            role=Role.APPROVER,
            action="complete",
            from_status="approve",
            to_status=status,
            at=closed,
        )
    return case


def _complaint(w, number, kind, department, centre, case, received):
    complaint = Complaint.objects.create(
        district=w.district,
        number=number,
        kind=kind,
        channel="online",
        category="progress",
        subject="办件",
        text="办件进度",
        case=case,
        centre=centre,
        department=department,
        status="replied",
        limit_days=5,
        received_at=received,
        clock_from=received,
        deadline=end_of(10, 31),
        escalation_due=end_of(12, 31),
    )
    _complaint_step(complaint, "submit", received)
    return complaint


def _complaint_step(complaint, action, moment):
    ComplaintStep.objects.create(
        district_id=complaint.district_id,
        complaint=complaint,
        at=moment,
        actor_label="test",
        action=action,
        to_status=complaint.status,
    )


def _reply(w, complaint, department, sent, *, late, outcome, score=None, reviewed=None):
    reply = Reply.objects.create(
        district=w.district,
        complaint=complaint,
        department=department,
        author=w.olivia,
        text="答复",
        at=sent,
        late=late,
        outcome=outcome,
        score=score,
        reviewed_at=reviewed,
        reviewed_by=w.sam if reviewed else None,
    )
    _complaint_step(complaint, "reply", sent)
    if reviewed:
        _complaint_step(complaint, "review", reviewed)
    return reply


def _rating(w, case, level, rated, *, follow_up_of=None, excluded=False):
    return Rating.objects.create(
        district=w.district,
        channel="online",
        case=case,
        centre=case.centre,
        window=case.window,
        department=case.department,
        officer=case.accepted_by,
        level=level,
        source="rater",
        rated_at=rated,
        follow_up_of=follow_up_of,
        excluded=excluded,
    )


def _rectification(w, rating, fix_due, closed):
    rect = Rectification.objects.create(
        district=w.district,
        rating=rating,
        department=rating.department,
        status="closed",
        classification="fix_now",
        opened_at=rating.rated_at,
        contact_due=fix_due,
        fix_due=fix_due,
        closed_at=closed,
    )
    for action, moment in (("open", rating.rated_at), ("close", closed)):
        RectificationStep.objects.create(
            district=w.district,
            rectification=rect,
            at=moment,
            actor_label="test",
            action=action,
            to_status="closed",
        )
    return rect


@pytest.fixture
def october(chancheng, demo_catalog, sam):
    w = World()
    w.district, w.sam = chancheng, sam
    w.item = Item.objects.filter(district=chancheng).first()
    w.version = w.item.versions.first()
    w.d1 = chancheng.test_department
    w.d2 = services.department_create(district=chancheng, code="GA-T", name="公安分局")
    w.c1 = chancheng.test_centre
    w.w1, w.w2 = list(w.c1.windows.order_by("number"))
    w.c2 = services.centre_create(district=chancheng, code="440604-S1", name="祖庙街道", level="street")
    (w.w3,) = services.windows_open(centre=w.c2, count=1)
    make = services.staff_create
    generalist = [(Role.WINDOW_GENERALIST, None)]
    w.alice = make(district=chancheng, username="alice", password=PASSWORD, centre=w.c1, roles=generalist)
    w.amy = make(district=chancheng, username="amy", password=PASSWORD, centre=w.c2, roles=generalist)
    w.olivia = make(district=chancheng, username="olivia", password=PASSWORD, roles=[(Role.UNDERTAKER, w.d1)])
    n = iter(range(1, 100))

    def case(*args, **kwargs):
        return _case(w, f"T2025{next(n):04d}", *args, **kwargs)

    w.c1_case = case(
        w.d1,
        w.c1,
        w.w1,
        w.alice,
        instant=True,
        accepted=at(10, 9, 10),
        closed=at(10, 9, 10, 30),
        deadline=end_of(10, 9),
        status="completed",
    )
    w.c2_case = case(
        w.d1,
        w.c1,
        w.w1,
        w.alice,
        instant=False,
        accepted=at(10, 13, 9),
        closed=at(10, 15, 9),
        deadline=end_of(10, 16),
        status="completed",
    )
    w.c3_case = case(
        w.d1,
        w.c1,
        w.w2,
        w.amy,
        instant=False,
        accepted=at(10, 13, 9),
        closed=at(10, 20, 9),
        deadline=end_of(10, 16),
        status="completed",
    )
    w.c4_case = case(
        w.d2,
        w.c2,
        w.w3,
        w.amy,
        instant=False,
        accepted=at(10, 14, 10),
        closed=at(10, 17, 10),
        deadline=end_of(10, 17),
        status="rejected",
    )
    w.c5_case = case(
        w.d2,
        w.c2,
        w.w3,
        w.amy,
        instant=False,
        accepted=at(10, 14, 11),
        closed=at(10, 16, 9),
        deadline=end_of(10, 17),
        status="withdrawn",
    )
    w.c6_case = case(
        w.d1,
        w.c1,
        w.w1,
        w.alice,
        instant=False,
        accepted=at(10, 20, 9),
        closed=None,
        deadline=end_of(10, 23),
        status="undertake",
    )
    k1 = _complaint(w, "K1", "complaint", w.d1, w.c1, w.c3_case, at(10, 15, 10))
    _reply(w, k1, w.d1, at(10, 17, 10), late=False, outcome="passed", score=4, reviewed=at(10, 20, 15))
    k2 = _complaint(w, "K2", "complaint", w.d1, None, w.c2_case, at(10, 16, 10))
    _reply(w, k2, w.d1, at(10, 20, 10), late=False, outcome="returned")
    _reply(w, k2, w.d1, at(10, 21, 10), late=True, outcome="failed", score=2, reviewed=at(10, 22, 10))
    k3 = _complaint(w, "K3", "consultation", w.d2, w.c2, None, at(10, 16, 11))
    _reply(w, k3, w.d2, at(10, 17, 11), late=False, outcome="pending")
    _rating(w, w.c1_case, 5, at(10, 10, 9))
    _rating(w, w.c2_case, 4, at(10, 16, 9))
    g3 = _rating(w, w.c3_case, 1, at(10, 20, 10))
    _rectification(w, g3, end_of(10, 24), at(10, 23, 16))
    _rating(w, w.c3_case, 3, at(10, 27, 9), follow_up_of=g3)
    g4 = _rating(w, w.c4_case, 2, at(10, 17, 11))
    _rectification(w, g4, end_of(10, 21), at(10, 22, 9))
    g5 = _rating(w, w.c5_case, 1, at(10, 16, 10), excluded=True)
    _rectification(w, g5, end_of(10, 25), at(10, 24, 9))
    return w
