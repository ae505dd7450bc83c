"""Calendar overrides in the admin site: a district admin sees and changes only their own district's."""

from datetime import date

from django.urls import reverse

from onedoor.core.models import AuditRecord
from onedoor.districts.calendar import override_set, overrides_of


def test_a_district_admin_lists_only_their_own_overrides(client, chancheng, adam, hana):
    override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="禅城元旦", actor=adam)
    client.force_login(hana)
    page = client.get(reverse("admin:districts_calendaroverride_changelist"))
    assert page.status_code == 200
    assert "禅城元旦" not in page.content.decode()
    client.force_login(adam)
    assert "禅城元旦" in client.get(reverse("admin:districts_calendaroverride_changelist")).content.decode()


def test_an_override_added_in_the_admin_lands_in_the_admins_district_and_is_audited(
    client, chancheng, hetang, hana
):
    client.force_login(hana)
    response = client.post(
        reverse("admin:districts_calendaroverride_add"),
        {"date": "2027-02-08", "is_workday": "", "note": "春节"},
    )
    assert response.status_code == 302
    assert overrides_of(hetang).get().date == date(2027, 2, 8)
    assert not overrides_of(chancheng).exists()
    assert AuditRecord.objects.filter(district=hetang, action="admin.added").exists()


def test_a_second_override_for_the_same_day_is_refused_in_the_admin(client, chancheng, adam):
    override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="元旦", actor=adam)
    client.force_login(adam)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("admin:districts_calendaroverride_add"),
        {"date": "2027-01-01", "is_workday": "on", "note": "again"},
    )
    assert response.status_code == 200
    assert "already has an override for this date" in response.content.decode()
    assert overrides_of(chancheng).get().note == "元旦"
