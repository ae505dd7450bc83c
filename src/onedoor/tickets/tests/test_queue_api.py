"""The queue through the API (tag `queue`): tickets numbered per kind and day, one pooled queue called in
order (transferred, priority, appointment, walk-in; first come first served within), every call
idempotent, recall / skip / finish / transfer, the public board, and the district and role scoping."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from onedoor.core import clock
from onedoor.core.models import AuditRecord
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.tickets import selectors, services
from onedoor.tickets.models import Ticket

PASSWORD = "a-long-enough-test-password-1"


def _take(client, headers, key=None, **body):
    return client.post(
        "/api/v1/queue/tickets",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
        **headers,
    )


def _call(client, headers, window="01", key=None, verb="call-next", body=None):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        f"/api/v1/queue/windows/440604-C/{window}/{verb}",
        body or {},
        content_type="application/json",
        **extra,
        **headers,
    )


def _number(response):
    ticket = response.json()["ticket"]
    return ticket and ticket["number"]


def test_tickets_are_numbered_per_kind_and_a_retried_take_gives_the_same_ticket(client, alice, bearer):
    auth = bearer(alice)
    first = _take(client, auth, key="take-1")
    assert first.status_code == 201
    assert (first.json()["number"], first.json()["kind"], first.json()["waiting_ahead"]) == (
        "A001",
        "walk_in",
        0,
    )
    again = _take(client, auth, key="take-1")
    assert again.status_code == 200 and again.json()["number"] == "A001"
    assert _take(client, auth).json()["number"] == "A002"
    assert _take(client, auth, kind="appointment").json()["number"] == "B001"
    refused = _take(client, auth, kind="priority")
    assert refused.status_code == 400 and refused.json()["code"] == "priority_reason_needed"
    priority = _take(client, auth, kind="priority", priority_reason="老年人")
    assert priority.json()["number"] == "V001" and priority.json()["waiting_ahead"] == 0  # goes to the front
    assert Ticket.objects.count() == 4
    assert AuditRecord.objects.filter(action="ticket.taken").count() == 4


def test_the_pooled_queue_is_called_in_order_and_each_call_ends_the_previous_ticket(client, alice, bearer):
    auth = bearer(alice)
    for body in ({}, {}, {"kind": "appointment"}, {"kind": "priority", "priority_reason": "残疾人"}):
        _take(client, auth, **body)
    called = [_number(_call(client, auth)) for _ in range(4)]
    assert called == ["V001", "B001", "A001", "A002"]
    assert _call(client, auth).json() == {"ticket": None}  # nobody left; A002 was served
    served = Ticket.objects.filter(status="done").count()
    assert served == 4 and not Ticket.objects.filter(status="called").exists()
    assert all(t.waited_seconds is not None and t.served_seconds is not None for t in Ticket.objects.all())


def test_a_retried_call_answers_the_same_call_instead_of_calling_another_ticket(client, alice, bearer):
    auth = bearer(alice)
    _take(client, auth)
    _take(client, auth)
    assert _number(_call(client, auth, key="call-1")) == "A001"
    assert _number(_call(client, auth, key="call-1")) == "A001"  # the click that went twice
    assert Ticket.objects.get(number="A002").status == "waiting"
    assert _number(_call(client, auth, key="call-2")) == "A002"


def test_recall_skip_and_transfer(client, alice, bearer, chancheng):
    auth = bearer(alice)
    for _ in range(3):
        _take(client, auth)
    assert _call(client, auth, verb="recall").status_code == 409  # nothing called yet
    _call(client, auth)
    recalled = _call(client, auth, verb="recall").json()
    assert (recalled["number"], recalled["recalls"]) == ("A001", 1)
    skipped = _call(client, auth, verb="skip").json()
    assert (skipped["number"], skipped["status"]) == ("A001", "skipped")

    _call(client, auth)  # A002 to window 01
    moved = _call(client, auth, verb="transfer", body={"to_window": "02", "reason": "需要专窗"}).json()
    assert (moved["status"], moved["target_window"]) == ("waiting", "02")
    # Window 01 does not get it back; window 02 gets it before A003, which was waiting already.
    assert _number(_call(client, auth)) == "A003"
    assert _number(_call(client, auth, window="02")) == "A002"
    bad = _call(client, auth, verb="transfer", body={"to_window": "02"}, window="02")
    assert bad.status_code == 400 and bad.json()["code"] == "bad_window"  # not to itself
    assert AuditRecord.objects.filter(action="ticket.transferred", reason="需要专窗").exists()


def test_the_board_is_public_and_shows_numbers_and_windows_only(client, alice, bearer):
    auth = bearer(alice)
    _take(client, auth)
    _take(client, auth, kind="priority", priority_reason="孕妇")
    _call(client, auth)
    board = client.get("/api/v1/queue/boards/440604/440604-C")
    assert board.status_code == 200
    state = board.json()
    assert [(c["number"], c["window"]) for c in state["calls"]] == [("V001", "01")]
    assert state["waiting"] == {"priority": 0, "appointment": 0, "walk_in": 1}
    assert "孕妇" not in board.content.decode()  # the reason for priority is not for the board
    assert client.get("/api/v1/queue/boards/440604/nowhere").status_code == 404


def test_only_the_centre_s_window_staff_call_its_tickets(client, alice, bob, olivia, bearer):
    _take(client, bearer(alice))
    assert _call(client, bearer(bob)).status_code == 404  # another district's staff: no such window
    assert _call(client, bearer(olivia)).status_code == 403  # a back-office officer
    assert _take(client, bearer(olivia)).status_code == 403
    assert client.post("/api/v1/queue/windows/440604-C/01/call-next").status_code == 401


def test_the_recorded_figures_give_arrivals_service_and_waiting_times(chancheng, alice):
    centre = chancheng.test_centre
    window = centre.windows.get(number="01")
    # Yesterday at 10:00 local: the hour of the run must not put the six tickets on two local days.
    start = timezone.localtime(clock.now()).replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(
        days=1
    )
    for n in range(6):  # one every 10 minutes; each served in 6 minutes after a 2-minute wait
        with clock.frozen_at(start + timedelta(minutes=10 * n)):
            services.ticket_take(centre=centre, actor=alice)
        with clock.frozen_at(start + timedelta(minutes=10 * n + 2)):
            services.ticket_call_next(staff=alice, window=window)
        with clock.frozen_at(start + timedelta(minutes=10 * n + 8)):
            services.ticket_finish(staff=alice, window=window)
    figures = selectors.figures(centre)
    assert (figures.tickets, figures.days, figures.windows) == (6, 1, 1.0)
    assert (figures.service_minutes, figures.wait_minutes) == (6.0, 2.0)
    assert figures.arrivals_per_hour == 6.0  # 6 tickets over the first-to-last hour (counted as at least 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two windows on two real connections")
@pytest.mark.django_db(transaction=True)
def test_two_windows_calling_at_once_never_get_the_same_ticket(chancheng, alice):
    carol = district_services.staff_create(
        district=chancheng,
        username="carol",
        password=PASSWORD,
        centre=chancheng.test_centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    centre = chancheng.test_centre
    for _ in range(30):
        services.ticket_take(centre=centre, actor=alice)
    windows = {w.number: w for w in centre.windows.all()}
    got: dict[str, list[str]] = {"01": [], "02": []}
    barrier = threading.Barrier(2)

    def work(staff, number):
        try:
            barrier.wait()
            for _ in range(15):
                ticket = services.ticket_call_next(staff=staff, window=windows[number])
                if ticket:
                    got[number].append(ticket.number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=a) for a in ((alice, "01"), (carol, "02"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = got["01"] + got["02"]
    assert len(every) == len(set(every)) == 30
