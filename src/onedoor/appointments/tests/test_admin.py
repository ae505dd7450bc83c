"""A district administrator sets a centre's appointment plan in the admin: checked by the booking rules (a
session that runs backwards is refused on the form) and audited; bookings are read-only there."""

from django.urls import reverse

from onedoor.appointments.models import SlotPlan
from onedoor.core.models import AuditRecord


def _form(centre, sessions='[["09:00", "12:00"]]'):
    return {
        "centre": centre.pk,
        "item": "",
        "sessions": sessions,
        "slot_minutes": 20,
        "capacity": 3,
        "horizon_days": 10,
        "enabled": "on",
    }


def test_an_admin_sets_a_plan_checked_by_the_booking_rules(client, adam, chancheng):
    client.force_login(adam)
    refused = client.post(
        reverse("admin:appointments_slotplan_add"), _form(chancheng.test_centre, '[["12:00", "09:00"]]')
    )
    assert refused.status_code == 200 and not SlotPlan.objects.exists()
    done = client.post(reverse("admin:appointments_slotplan_add"), _form(chancheng.test_centre))
    assert done.status_code == 302
    plan = SlotPlan.objects.get(centre=chancheng.test_centre)
    assert (plan.slot_minutes, plan.capacity, plan.sessions) == (20, 3, [["09:00", "12:00"]])
    assert AuditRecord.objects.filter(action="appointments.plan_set", actor=adam).exists()
    assert client.get(reverse("admin:appointments_appointment_changelist")).status_code == 200
    assert client.get(reverse("admin:appointments_appointment_add")).status_code == 403
    assert client.get(reverse("admin:tickets_ticket_changelist")).status_code == 200
