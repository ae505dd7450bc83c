"""Appointments (办事预约) end to end through the API: slots on working days only, with their free places; a
booking per key; full slots, per-person limits and no-show blocks refused with a clear reason; cancel and
move; check-in inside its window turns the booking into a queue ticket called before the walk-ins."""

import threading
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from onedoor.appointments import services
from onedoor.appointments.models import Appointment
from onedoor.catalog.models import Item
from onedoor.core import clock
from onedoor.core.errors import Conflict, DomainError
from onedoor.core.models import AuditRecord
from onedoor.people import idnumbers
from onedoor.tickets.services import ticket_call_next, ticket_take

ZONE = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=ZONE)  # a working day; Tuesday 1 December is one too
TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=ZONE)
ITEM = "440604-BDC-002"


def _number(n: int) -> str:
    body = f"44060419850505{n:03d}"
    return body + idnumbers.resident_check_char(body)


@pytest.fixture
def plan(chancheng, adam, demo_catalog):
    item = Item.objects.get(district=chancheng, code=ITEM)
    return services.plan_set(centre=chancheng.test_centre, item=item, capacity=2, horizon_days=7, actor=adam)


@pytest.fixture
def monday():
    with clock.frozen_at(MONDAY):
        yield


def _book(client, headers, starts_at=TUESDAY_9, n=1, key=None, **extra):
    body = {
        "item_code": ITEM,
        "starts_at": starts_at.isoformat(),
        "applicant": _number(n),
        "applicant_name": f"预约{n}",
        **extra,
    }
    return client.post(
        "/api/v1/appointments",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
        **headers,
    )


def test_slots_are_offered_on_working_days_only_with_their_free_places(client, plan, monday, alice, bearer):
    slots = client.get(f"/api/v1/appointments/slots/440604/440604-C/{ITEM}").json()
    days = sorted({datetime.fromisoformat(s["starts_at"]).astimezone(ZONE).date() for s in slots})
    assert all(d.weekday() < 5 for d in days)  # no Saturday or Sunday in the week ahead
    assert days[0].isoformat() == "2026-11-30"  # today's afternoon slots still count
    first = datetime.fromisoformat(slots[0]["starts_at"]).astimezone(ZONE)
    assert first.hour == 10 and first.minute == 30  # the slot that began at 10:00 is gone
    assert len([s for s in slots if s["starts_at"].startswith("2026-12-01")]) == 13  # 6 + 7 half hours
    _book(client, bearer(alice))
    tuesday = [s for s in slots if datetime.fromisoformat(s["starts_at"]) == TUESDAY_9][0]
    assert tuesday["free"] == 2
    again = client.get(f"/api/v1/appointments/slots/440604/440604-C/{ITEM}").json()
    assert [s["free"] for s in again if datetime.fromisoformat(s["starts_at"]) == TUESDAY_9] == [1]
    assert client.get("/api/v1/appointments/slots/440604/nowhere/x").status_code == 404


def test_a_booking_per_key_and_a_full_slot_is_refused(client, plan, monday, alice, bearer):
    auth = bearer(alice)
    first = _book(client, auth, n=1, key="book-1")
    assert first.status_code == 201
    booked = first.json()
    assert booked["status"] == "booked" and "预约1" not in booked["person"]  # masked
    assert _book(client, auth, n=1, key="book-1").json()["number"] == booked["number"]
    assert _book(client, auth, n=2).status_code == 201
    full = _book(client, auth, n=3)
    assert full.status_code == 409 and full.json()["code"] == "slot_full"
    odd = _book(client, auth, n=3, starts_at=TUESDAY_9 + timedelta(minutes=10))
    assert odd.status_code == 400 and odd.json()["code"] == "no_such_slot"
    saturday = _book(client, auth, n=3, starts_at=datetime(2026, 12, 5, 9, 0, tzinfo=ZONE))
    assert saturday.json()["code"] == "no_such_slot"
    cancelled = client.post(
        f"/api/v1/appointments/{booked['number']}/cancel",
        {"reason": "来电取消"},
        content_type="application/json",
        **auth,
    )
    assert cancelled.json()["status"] == "cancelled"
    assert _book(client, auth, n=3).status_code == 201  # the place is free again
    assert AuditRecord.objects.filter(action="appointment.cancelled", reason="来电取消").exists()


def test_a_person_s_limits(client, plan, monday, alice, bearer):
    auth = bearer(alice)
    assert _book(client, auth, n=7).status_code == 201
    same_day = _book(client, auth, n=7, starts_at=TUESDAY_9 + timedelta(hours=1))
    assert same_day.status_code == 409 and same_day.json()["code"] == "already_booked"
    for day in (2, 3):
        assert _book(client, auth, n=7, starts_at=TUESDAY_9.replace(day=day)).status_code == 201
    fourth = _book(client, auth, n=7, starts_at=TUESDAY_9.replace(day=4))
    assert fourth.status_code == 409 and fourth.json()["code"] == "too_many_bookings"


def test_moving_keeps_one_booking_and_frees_the_old_place(client, plan, monday, alice, bearer):
    auth = bearer(alice)
    number = _book(client, auth, n=1).json()["number"]
    later = TUESDAY_9 + timedelta(hours=2)
    moved = client.post(
        f"/api/v1/appointments/{number}/move",
        {"starts_at": later.isoformat()},
        content_type="application/json",
        **auth,
    ).json()
    assert moved["number"] != number and datetime.fromisoformat(moved["starts_at"]) == later
    old = Appointment.objects.get(number=number)
    assert old.status == "cancelled" and old.moved_to.number == moved["number"]


def test_check_in_opens_half_an_hour_before_and_calls_before_the_walk_ins(
    client, plan, alice, bearer, chancheng
):
    auth = bearer(alice)
    with clock.frozen_at(MONDAY):
        number = _book(client, auth, n=1).json()["number"]
    with clock.frozen_at(TUESDAY_9 - timedelta(minutes=45)):
        early = client.post(f"/api/v1/appointments/{number}/check-in", **auth)
        assert early.status_code == 409 and early.json()["code"] == "too_early"
    with clock.frozen_at(TUESDAY_9 - timedelta(minutes=20)):
        walk_in, _ = ticket_take(centre=chancheng.test_centre, actor=alice)
        checked = client.post(f"/api/v1/appointments/{number}/check-in", **auth).json()
        assert (checked["status"], checked["ticket"]) == ("checked_in", "B001")
        again = client.post(f"/api/v1/appointments/{number}/check-in", **auth).json()
        assert again["ticket"] == "B001"  # the same ticket, not a second one
        window = chancheng.test_centre.windows.get(number="01")
        assert ticket_call_next(staff=alice, window=window).number == "B001"  # before A001, taken earlier
    with clock.frozen_at(MONDAY):
        other = _book(client, auth, n=2).json()["number"]
    with clock.frozen_at(TUESDAY_9 + timedelta(minutes=20)):
        late = client.post(f"/api/v1/appointments/{other}/check-in", **auth)
        assert late.status_code == 409 and late.json()["code"] == "too_late"


def test_three_no_shows_stop_new_bookings_for_thirty_days(plan, alice, chancheng):
    item, centre = plan.item, chancheng.test_centre
    for day in (1, 2, 3):
        with clock.frozen_at(MONDAY):
            services.appointment_book(
                centre=centre,
                item=item,
                starts_at=TUESDAY_9.replace(day=day),
                applicant=_number(9),
                applicant_name="爽约",
                actor=alice,
            )
    assert services.appointments_sweep(datetime(2026, 12, 4, 12, 0, tzinfo=ZONE)) == 3
    assert Appointment.objects.filter(status="no_show").count() == 3
    with clock.frozen_at(datetime(2026, 12, 4, 12, 0, tzinfo=ZONE)), pytest.raises(Conflict) as refused:
        services.appointment_book(
            centre=centre,
            item=item,
            starts_at=datetime(2026, 12, 7, 9, 0, tzinfo=ZONE),
            applicant=_number(9),
            actor=alice,
        )
    assert refused.value.code == "no_show_block" and "2027-01-02" in str(refused.value.message)


def test_plans_are_checked_and_only_window_staff_book(client, plan, monday, olivia, bearer, chancheng, adam):
    with pytest.raises(DomainError):
        services.plan_set(centre=chancheng.test_centre, sessions=[["12:00", "09:00"]], actor=adam)
    with pytest.raises(DomainError):
        services.plan_set(
            centre=chancheng.test_centre, sessions=[["09:00", "12:00"], ["11:00", "13:00"]], actor=adam
        )
    assert _book(client, bearer(olivia)).status_code == 403
    assert client.post("/api/v1/appointments", {}, content_type="application/json").status_code == 401


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two bookings on two real connections")
@pytest.mark.django_db(transaction=True)
def test_two_bookings_for_the_last_place_at_once_one_wins(chancheng, adam, alice, demo_catalog):
    item = Item.objects.get(district=chancheng, code=ITEM)
    services.plan_set(centre=chancheng.test_centre, item=item, capacity=1, actor=adam)
    barrier, outcomes = threading.Barrier(2), []

    def book(n):
        try:
            barrier.wait()
            with clock.frozen_at(MONDAY):
                services.appointment_book(
                    centre=chancheng.test_centre,
                    item=item,
                    starts_at=TUESDAY_9,
                    applicant=_number(n),
                    applicant_name=f"抢号{n}",
                    actor=alice,
                )
            outcomes.append("booked")
        except Conflict as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["booked", "slot_full"]
