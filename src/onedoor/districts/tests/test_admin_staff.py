"""A district admin manages staff accounts and their roles in the admin site: the page opens, and every role
granted, changed or revoked there leaves an audit record naming who did it."""

from django.urls import reverse

from onedoor.core.models import AuditRecord
from onedoor.districts.models import Role, RoleAssignment


def _form(staff, roles):
    """The change form as the browser posts it: the account fields plus the roles inline formset."""
    data = {
        "username": staff.username,
        "display_name": staff.display_name,
        "centre": staff.centre_id or "",
        "email": "",
        "is_active": "on",
        "locked_until_0": "",
        "locked_until_1": "",
        "roles-TOTAL_FORMS": str(len(roles)),
        "roles-INITIAL_FORMS": str(sum(1 for r in roles if r.get("id"))),
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    for i, role in enumerate(roles):
        data.update({f"roles-{i}-{key}": value for key, value in role.items()})
        data[f"roles-{i}-staff"] = staff.pk
    return data


def test_a_district_admin_can_open_a_staff_account_of_their_district(client, adam, alice):
    client.force_login(adam)
    response = client.get(reverse("admin:districts_staff_change", args=[alice.pk]))
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="district"' not in response.content.decode()


def test_roles_granted_and_revoked_in_the_admin_are_audited(client, adam, alice, chancheng):
    client.force_login(adam)
    url = reverse("admin:districts_staff_change", args=[alice.pk])
    generalist = RoleAssignment.objects.get(staff=alice, role=Role.WINDOW_GENERALIST)
    dept = chancheng.test_department
    response = client.post(
        url,
        _form(
            alice,
            [
                {"id": generalist.pk, "role": Role.WINDOW_GENERALIST, "department": "", "DELETE": "on"},
                {"id": "", "role": Role.REVIEWER, "department": dept.pk},
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(RoleAssignment.objects.filter(staff=alice).values_list("role", flat=True)) == [Role.REVIEWER]
    records = AuditRecord.objects.filter(district=chancheng, actor=adam, action__startswith="role.")
    assert sorted((r.action, r.data["role"], r.data["department"]) for r in records) == [
        ("role.granted", Role.REVIEWER, "BDC"),
        ("role.revoked", Role.WINDOW_GENERALIST, None),
    ]


def test_a_departmental_role_without_a_department_is_a_form_error(client, adam, alice):
    client.force_login(adam)
    url = reverse("admin:districts_staff_change", args=[alice.pk])
    generalist = RoleAssignment.objects.get(staff=alice, role=Role.WINDOW_GENERALIST)
    response = client.post(
        url,
        _form(
            alice,
            [
                {"id": generalist.pk, "role": Role.WINDOW_GENERALIST, "department": ""},
                {"id": "", "role": Role.APPROVER, "department": ""},
            ],
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "This role is held for a department." in response.content.decode()
    assert not RoleAssignment.objects.filter(staff=alice, role=Role.APPROVER).exists()
