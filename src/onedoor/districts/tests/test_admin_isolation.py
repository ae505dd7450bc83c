"""District administrators work in the admin site, and only ever on their own district's rows."""

from django.urls import reverse

from onedoor.core.models import AuditRecord
from onedoor.districts.models import Department


def test_a_district_admin_sees_only_their_own_departments(client, adam, hana, chancheng, hetang):
    client.force_login(hana)
    page = client.get(reverse("admin:districts_department_changelist")).content.decode()
    assert "不动产登记中心" in page  # hetang's own department of that name
    chancheng_dept = chancheng.test_department
    response = client.get(reverse("admin:districts_department_change", args=[chancheng_dept.pk]))
    assert response.status_code in (302, 404)  # Django redirects "object doesn't exist" to the list


def test_a_district_admin_cannot_change_another_districts_department(client, hana, chancheng):
    client.force_login(hana)
    dept = chancheng.test_department
    url = reverse("admin:districts_department_change", args=[dept.pk])
    client.post(url, {"code": "HACK", "name": "改名", "short_name": "", "phone": ""})
    dept.refresh_from_db()
    assert dept.code == "BDC"


def test_an_admin_change_leaves_an_audit_record(client, adam, chancheng):
    client.force_login(adam)
    dept = chancheng.test_department
    url = reverse("admin:districts_department_change", args=[dept.pk])
    response = client.post(
        url, {"code": "BDC", "name": "不动产登记中心（禅城）", "short_name": "不动产", "phone": ""}
    )
    assert response.status_code == 302
    record = AuditRecord.objects.filter(district=chancheng, action="admin.changed").latest("at")
    assert record.actor == adam
    assert "name" in record.data["fields"]


def test_a_new_department_lands_in_the_admins_own_district(client, hana, hetang):
    client.force_login(hana)
    client.post(
        reverse("admin:districts_department_add"),
        {"code": "MZ", "name": "民政局", "short_name": "", "phone": ""},
    )
    assert Department.objects.get(code="MZ").district == hetang


def test_a_window_generalist_cannot_use_the_admin_site(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:districts_department_changelist"))
    assert response.status_code == 302


def test_a_duplicate_code_in_the_admin_is_a_form_error_not_a_crash(client, hana, hetang):
    client.force_login(hana)
    response = client.post(
        reverse("admin:districts_department_add"),
        {"code": "BDC", "name": "重复", "short_name": "", "phone": ""},
    )
    assert response.status_code == 200
    assert Department.objects.filter(district=hetang, code="BDC").count() == 1
