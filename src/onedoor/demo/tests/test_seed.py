"""`onedoor seed` builds the demo districts through the real services."""

import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from onedoor.appointments.models import Appointment, SlotPlan
from onedoor.catalog.models import CaseKind
from onedoor.catalog.selectors import published_versions
from onedoor.conftest import FAST_HASHERS
from onedoor.core.models import AuditRecord
from onedoor.demo.generator import people as people_gen
from onedoor.demo.generator.org import DEMO_PASSWORD
from onedoor.districts.models import BackendSystem, Centre, District, Staff, Window
from onedoor.people import idnumbers
from onedoor.people.models import Person
from onedoor.tickets import selectors
from onedoor.tickets.models import Ticket


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded once for this module (it takes seconds), flushed afterwards."""
    with django_db_blocker.unblock():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            call_command("seed", "--persons", "300", "--enterprises", "30", "--queue-days", "1")
        yield District.objects.get(code="440604")
        call_command("flush", "--noinput")


def test_the_demo_district_has_the_seeds_organisation(seeded, db):
    centres = Centre.objects.filter(district=seeded)
    assert centres.filter(level="district").count() == 1
    assert sorted(centres.filter(level="street").values_list("name", flat=True)) == sorted(
        ["祖庙街道行政服务中心", "石湾镇街道行政服务中心", "张槎街道行政服务中心", "南庄镇行政服务中心"]
    )
    assert centres.filter(level="community").count() == 30
    assert Window.objects.filter(district=seeded).count() == 76
    assert BackendSystem.objects.filter(district=seeded).count() == 24


def test_the_demo_catalog_is_published_with_the_seeds_share_of_instant_items(seeded, db):
    versions = list(published_versions(seeded))
    persons = [v for v in versions if v.item.subject == "person"]
    enterprises = [v for v in versions if v.item.subject == "enterprise"]
    assert len(persons) >= 120 and len(enterprises) >= 40
    assert sum(v.kind == CaseKind.INSTANT for v in versions) / len(versions) >= 0.6
    assert any(v.name.startswith("不动产异议登记") for v in versions)


def test_the_district_hall_has_a_day_of_queue_tickets_through_the_ticket_services(seeded, db):
    hall = Centre.objects.get(district=seeded, level="district")
    tickets = Ticket.objects.filter(centre=hall)
    assert 300 <= tickets.count() <= 800  # about 67 an hour for 8 hours
    assert not tickets.exclude(status="done").exists()  # every visitor served by the end of the day
    assert tickets.values("window").distinct().count() == 12
    assert AuditRecord.objects.filter(district=seeded, action="ticket.called").count() == tickets.count()
    figures = selectors.figures(hall)
    assert 8 <= figures.service_minutes <= 12 and figures.wait_minutes is not None


def test_the_district_hall_takes_appointments_and_some_are_booked(seeded, db):
    hall = Centre.objects.get(district=seeded, level="district")
    assert SlotPlan.objects.filter(centre=hall, item__isnull=True, enabled=True).exists()
    booked = Appointment.objects.filter(centre=hall, status="booked")
    assert 30 <= booked.count() <= 40
    assert AuditRecord.objects.filter(district=seeded, action="appointment.booked").count() == booked.count()


def test_every_demo_person_has_a_valid_id_number(seeded, db):
    numbers = Person.objects.filter(district=seeded).values_list("id_number", flat=True)
    assert len(numbers) == 300
    assert all(idnumbers.identify(n).valid for n in numbers)


def test_the_demo_accounts_log_in_with_the_documented_password(seeded, db, client):
    for username in ["admin", "desk", "officer", "approver", "supervisor", "analyst", "hetang-desk"]:
        assert client.login(username=username, password=DEMO_PASSWORD), username
    assert Staff.objects.get(username="hetang-desk").district.name == "荷塘区"
    assert Staff.objects.filter(district=seeded).count() >= 18


def test_seeding_twice_is_refused_unless_asked_to_skip(seeded, db, capsys):
    with pytest.raises(CommandError):
        call_command("seed")
    call_command("seed", "--if-empty")
    assert "skipped" in capsys.readouterr().out


def test_the_same_seed_gives_the_same_people():
    first = people_gen.person_rows(random.Random(5), 50)
    second = people_gen.person_rows(random.Random(5), 50)
    assert first == second
    assert people_gen.person_rows(random.Random(6), 50) != first
