"""The demo's appointments (办事预约): the district hall takes bookings for any item (sessions 09:00–12:00 and
13:30–17:00, half-hour slots of 6 places, two weeks ahead), and some demo persons have booked the coming
working days by phone — through the same services as the window's booking form."""

from __future__ import annotations

import random

from onedoor.appointments.selectors import free_slots
from onedoor.appointments.services import appointment_book, plan_set
from onedoor.catalog.models import Item
from onedoor.core.errors import DomainError
from onedoor.districts.models import Centre, Staff
from onedoor.people.models import Person


def generate_appointments(*, district, bookings: int, rng: random.Random) -> int:
    """The hall's plan and up to `bookings` bookings; returns how many were booked."""
    hall = Centre.objects.get(district=district, level="district", parent__isnull=True)
    admin, desk = Staff.objects.get(username="admin"), Staff.objects.get(username="desk")
    plan = plan_set(centre=hall, capacity=6, horizon_days=14, actor=admin)
    slots = [s["starts_at"] for s in free_slots(plan)]
    items = list(Item.objects.filter(district=district, current__isnull=False).order_by("code"))
    persons = list(Person.objects.filter(district=district).order_by("id")[: max(bookings * 2, 1)])
    booked = 0
    for person in rng.sample(persons, min(bookings, len(persons))) if slots and items else []:
        try:
            appointment_book(
                centre=hall,
                item=rng.choice(items),
                starts_at=rng.choice(slots),
                applicant=person.id_number,
                channel=rng.choice(("phone", "online")),
                actor=desk,
            )
            booked += 1
        except DomainError:  # a full slot: that caller chose no other time
            continue
    return booked
