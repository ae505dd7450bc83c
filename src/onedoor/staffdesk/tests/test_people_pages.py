"""The staff people pages through the test client: look up by number (as an ID-card reader types it), see a
masked summary, open the full details for a purpose (logged), register someone unknown — one district only."""

import pytest
from django.urls import reverse

from onedoor.districts.models import Staff
from onedoor.people import services
from onedoor.people.models import AccessKind, DataAccess, Person
from onedoor.people.tests.factories import credit_code, resident


@pytest.fixture
def desk(client, alice):
    client.force_login(alice)
    return client


def lookup(client, number, lang=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": lang} if lang else {}
    return client.post(reverse("staff-people"), {"number": number}, **headers)


def test_the_lookup_page_needs_a_login(client, db):
    response = client.get(reverse("staff-people"))
    assert response.status_code == 302
    assert reverse("staff-login") in response["Location"]


def test_a_platform_account_without_a_district_is_refused(client, db):
    operator = Staff.objects.create_superuser(username="root", password="correct horse battery")
    client.force_login(operator)
    assert client.get(reverse("staff-people")).status_code == 403


def test_a_long_name_search_says_only_the_first_rows_are_shown(desk, chancheng):
    rows = [{"id_number": resident(f"44060419800101{n:03d}"), "name": f"陈{n:02d}"} for n in range(25)]
    services.persons_import(district=chancheng, rows=rows, actor=None)
    page = lookup(desk, "陈", lang="en").content.decode()
    assert page.count('href="/staff/people/person/') == 20
    assert "Only the first 20 are shown" in page


def test_the_lookup_field_has_focus_for_a_card_reader(desk):
    page = desk.get(reverse("staff-people")).content.decode()
    assert 'name="number"' in page and "autofocus" in page
    assert 'method="post"' in page


def test_a_scanned_number_opens_the_masked_summary_with_records(desk, zhang, chancheng):
    services.record_add(
        district=chancheng,
        person=zhang,
        record_type="household_register",
        payload={"address": "祖庙路1号"},
        source_kind="department",
        source_ref="户籍系统",
        source_department=chancheng.test_department,
        trust_level="A",
        actor=None,
    )
    response = lookup(desk, "44060419900101123x\n")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff-person", args=[zhang.pk])
    page = desk.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "440604********123X" in page and "张**" in page and "138****5678" in page
    assert "44060419900101123X" not in page and "张三丰" not in page and "13812345678" not in page
    assert "household register" in page and "户籍系统" in page and "不动产登记中心" in page
    assert "祖庙路1号" not in page  # record contents only on the full view
    assert not DataAccess.objects.exists()


def test_an_invalid_number_shows_the_reason(desk, db):
    page = lookup(desk, "440604199001011230", lang="en").content.decode()
    assert "The check digit is wrong: expected X." in page


def test_full_details_need_a_purpose(desk, zhang):
    response = desk.post(
        reverse("staff-person-full", args=[zhang.pk]), {"purpose": " "}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Say why you need the full details" in response.content.decode()
    assert "13812345678" not in response.content.decode()
    assert not DataAccess.objects.exists()


def test_full_details_show_everything_and_log_the_view(desk, alice, zhang):
    response = desk.post(reverse("staff-person-full", args=[zhang.pk]), {"purpose": "办理居住证"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "44060419900101123X" in page and "13812345678" in page and "张三丰" in page
    access = DataAccess.objects.get()
    assert (access.kind, access.staff, access.person, access.purpose, access.channel) == (
        AccessKind.FULL_VIEW,
        alice,
        zhang,
        "办理居住证",
        "page",
    )
    assert response["Cache-Control"] == "no-store"


def test_the_full_page_lists_who_used_the_data_and_why(desk, olivia, zhang, chancheng):
    record = services.record_add(
        district=chancheng,
        person=zhang,
        record_type="marriage",
        payload={},
        source_kind="department",
        trust_level="A",
        actor=None,
    )
    services.record_use(
        staff=olivia, department=chancheng.test_department, record=record, purpose="不动产登记核验婚姻"
    )
    page = desk.post(
        reverse("staff-person-full", args=[zhang.pk]), {"purpose": "本人查询"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "不动产登记核验婚姻" in page and "olivia" in page and "本人查询" in page
    assert "used the record" in page


def test_the_full_page_cannot_be_reached_by_a_plain_link(desk, zhang):
    response = desk.get(reverse("staff-person-full", args=[zhang.pk]))
    assert response.status_code == 302
    assert not DataAccess.objects.exists()


def test_an_unknown_person_can_be_registered_from_the_lookup(desk, alice, chancheng):
    page = lookup(desk, "440604197203150044", lang="en").content.decode()
    assert "440604********0044 is not registered" in page and 'id="register-form"' in page
    response = desk.post(
        reverse("staff-people-register"),
        {"number": "440604197203150044", "name": "李梅", "phone": "13700000000", "address": "张槎一路2号"},
    )
    person = Person.objects.get(district=chancheng)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff-person", args=[person.pk])
    assert (person.name, person.sex, str(person.birth_date)) == ("李梅", "F", "1972-03-15")


def test_registration_shows_what_is_wrong(desk, zhang):
    response = desk.post(
        reverse("staff-people-register"),
        {"number": zhang.id_number, "name": "张三"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    bad_phone = desk.post(
        reverse("staff-people-register"),
        {"number": "440604197203150044", "name": "李梅", "phone": "call me"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "A phone number has 7 to 15 digits." in bad_phone.content.decode()
    assert Person.objects.count() == 1


def test_a_name_search_lists_masked_rows(desk, zhang):
    page = lookup(desk, "张").content.decode()
    assert "440604********123X" in page and "张**" in page
    assert "44060419900101123X" not in page
    assert reverse("staff-person", args=[zhang.pk]) in page


def test_an_enterprise_is_found_by_its_credit_code(desk, chancheng):
    code = credit_code("MA4UL123")
    enterprise = services.enterprise_register(
        district=chancheng,
        uscc=code,
        name="佛山市禅城区华盛陶瓷有限公司",
        legal_representative="陈大文",
        actor=None,
    )
    response = lookup(desk, code.lower())
    assert response["Location"] == reverse("staff-enterprise", args=[enterprise.pk])
    card = desk.get(response["Location"]).content.decode()
    assert "陈**" in card and code not in card
    full = desk.post(reverse("staff-enterprise-full", args=[enterprise.pk]), {"purpose": "核验营业执照"})
    assert code in full.content.decode()
    assert DataAccess.objects.get().enterprise == enterprise


# --- isolation ------------------------------------------------------------------------------------


def test_bob_of_hetang_cannot_find_or_open_a_chancheng_person(client, bob, zhang):
    client.force_login(bob)
    page = lookup(client, zhang.id_number, lang="en").content.decode()
    assert "is not registered in this district" in page  # as for anyone unknown here
    assert client.get(reverse("staff-person", args=[zhang.pk])).status_code == 404
    full = client.post(reverse("staff-person-full", args=[zhang.pk]), {"purpose": "好奇"})
    assert full.status_code == 404
    assert "张三丰" not in lookup(client, "张").content.decode()
    assert not DataAccess.objects.exists()


def test_bob_cannot_see_who_viewed_a_chancheng_person(client, alice, bob, zhang):
    client.force_login(alice)
    client.post(reverse("staff-person-full", args=[zhang.pk]), {"purpose": "办理居住证"})
    client.force_login(bob)
    response = client.post(reverse("staff-person-full", args=[zhang.pk]), {"purpose": "查看记录"})
    assert response.status_code == 404
    assert "办理居住证" not in response.content.decode()
    assert DataAccess.objects.count() == 1
