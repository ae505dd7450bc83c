"""People in the admin: masked, read-only, and only the admin's own district."""

from django.urls import reverse

from onedoor.people import services


def test_the_person_list_shows_masked_numbers_only(client, adam, zhang):
    client.force_login(adam)
    page = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert "440604********123X" in page
    assert "44060419900101123X" not in page
    assert "13812345678" not in page


def test_the_person_page_is_read_only_and_masked(client, adam, zhang):
    client.force_login(adam)
    response = client.get(reverse("admin:people_person_change", args=[zhang.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "138****5678" in page
    assert "44060419900101123X" not in page and "13812345678" not in page
    assert (
        client.post(reverse("admin:people_person_change", args=[zhang.pk]), {"name": "改名"}).status_code
        == 403
    )
    assert client.get(reverse("admin:people_person_add")).status_code == 403


def test_an_admin_finds_a_person_by_exact_number_even_in_lowercase(client, adam, zhang):
    client.force_login(adam)
    page = client.get(reverse("admin:people_person_changelist"), {"q": "44060419900101123x"}).content.decode()
    assert "440604********123X" in page


def test_another_districts_admin_sees_none_of_chancheng_people(client, hana, zhang, wang, chancheng):
    services.record_add(
        district=chancheng,
        person=zhang,
        record_type="household_register",
        payload={},
        source_kind="department",
        trust_level="A",
        actor=None,
    )
    client.force_login(hana)
    persons = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert "440699********0023" in persons
    assert "440604********123X" not in persons
    assert client.get(reverse("admin:people_person_change", args=[zhang.pk])).status_code in (302, 404)
    records = client.get(reverse("admin:people_verifiedrecord_changelist")).content.decode()
    assert "张**" not in records


def test_the_access_log_is_listed_masked(client, adam, alice, zhang):
    from onedoor.people import selectors

    selectors.person_full_view(staff=alice, person=zhang, purpose="办理居住证")
    client.force_login(adam)
    page = client.get(reverse("admin:people_dataaccess_changelist")).content.decode()
    assert "办理居住证" in page and "张**" in page and "张三丰" not in page


def test_a_window_generalist_cannot_open_people_in_the_admin(client, alice, zhang):
    client.force_login(alice)
    assert client.get(reverse("admin:people_person_changelist")).status_code == 302
