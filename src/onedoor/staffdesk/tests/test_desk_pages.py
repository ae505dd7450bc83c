"""The front desk through the test client: identify, register on the spot, the profile, item search limited
to this centre's level, the acceptance form with settled records waiving materials, every missing material
listed at once, modes and credit, and a double submit that makes one case."""

import pytest
from django.urls import reverse

from onedoor.cases.models import Case, CaseMaterial, Certificate
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.people.credit import credit_record_add
from onedoor.people.models import DataAccess, VerifiedRecord
from onedoor.staffdesk.tests.casework import (
    NEWCOMER,
    TRANSFER,
    accept,
    acceptance_form,
    everything_received,
    instant_item,
    item,
    register_at_desk,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def desk(client, alice):
    client.force_login(alice)
    return client


def test_only_window_generalists_work_at_the_desk(client, olivia):
    client.force_login(olivia)
    assert client.get(reverse("staff-desk")).status_code == 403


def test_the_number_field_submits_by_post_and_has_focus_for_a_card_reader(desk):
    page = desk.get(reverse("staff-desk")).content.decode()
    assert 'method="post"' in page and 'name="number"' in page and "autofocus" in page


def test_an_invalid_number_says_why(desk):
    page = desk.post(reverse("staff-desk"), {"number": "440604199001011230"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "check digit is wrong" in page.content.decode()


def test_an_unknown_person_is_registered_at_the_desk_with_a_checked_identity(desk, chancheng):
    page = desk.post(reverse("staff-desk"), {"number": NEWCOMER}).content.decode()
    assert 'id="desk-register-form"' in page
    heading = page.split('id="unknown-title">', 1)[1].split("</h2>", 1)[0]
    assert "440604********1234" in heading  # shown masked; the full number only in the hidden field
    person = register_at_desk(desk)
    assert person.identity_level == 5
    record = VerifiedRecord.objects.get(person=person, record_type="id_card")
    assert record.trust_level == "B"
    assert desk.post(reverse("staff-desk"), {"number": NEWCOMER})["Location"] == reverse(
        "staff-desk-holder", args=["person", person.pk]
    )


def test_the_profile_shows_cases_records_and_credit_flags(desk, demo_catalog, chancheng, alice):
    person = register_at_desk(desk)
    accept(desk, person, instant_item(demo_catalog), **everything_received(instant_item(demo_catalog)))
    credit_record_add(
        district=chancheng, person=person, kind="bad", reason_code="test", reason="逾期未补正", actor=alice
    )
    page = desk.get(reverse("staff-desk-holder", args=["person", person.pk])).content.decode()
    case = Case.objects.get(person=person)
    assert case.number in page
    assert "居民身份证（窗口核验）" in page
    assert 'id="credit-flag"' in page and "逾期未补正" in page


def test_item_search_offers_only_items_this_centres_level_handles(client, demo_catalog, chancheng):
    street = district_services.centre_create(
        district=chancheng,
        code="ST-1",
        name="祖庙街道行政服务中心",
        level="street",
        parent=chancheng.test_centre,
    )
    sam = district_services.staff_create(
        district=chancheng,
        username="sam",
        password=PASSWORD,
        centre=street,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    client.force_login(sam)
    person = register_at_desk(client)
    url = reverse("staff-desk-holder", args=["person", person.pk])
    page = client.get(url, {"q": "二手房过户"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert item(demo_catalog, TRANSFER)["name"] not in page  # district level only
    assert "handled only at another level" in page
    refused = client.get(reverse("staff-desk-accept", args=["person", person.pk, TRANSFER]))
    assert 'id="level-refused"' in refused.content.decode()


def test_a_settled_record_waives_its_material_on_the_form_and_on_the_case(desk, demo_catalog):
    person = register_at_desk(desk)
    transfer = item(demo_catalog, TRANSFER)
    page = desk.get(reverse("staff-desk-accept", args=["person", person.pk, TRANSFER])).content.decode()
    m01 = page.split('id="material-M01"', 1)[1].split('class="material-row', 1)[0]
    assert "居民身份证（窗口核验）" in m01 and 'name="received"' not in m01
    response = accept(desk, person, transfer, **everything_received(transfer, skip={"M01", "M05", "M07"}))
    assert response.status_code == 302
    case = Case.objects.get(person=person)
    assert response["Location"] == reverse("staff-case", args=[case.number])
    line = CaseMaterial.objects.get(case=case, code="M01")
    assert line.status == "waived" and line.record.record_type == "id_card"
    use = DataAccess.objects.get(record=line.record, kind="use")  # the holder can see who used it and why
    assert (use.department, use.person) == (case.department, person) and case.number in use.purpose
    case_page = desk.get(response["Location"]).content.decode()
    assert "居民身份证（窗口核验）" in case_page.split('id="case-materials"', 1)[1]


def test_everything_missing_is_listed_at_once_and_nothing_is_written(desk, demo_catalog):
    person = register_at_desk(desk)
    transfer = item(demo_catalog, TRANSFER)
    data = everything_received(transfer, skip={"M01", "M05", "M07"})
    data["received"] = ["M02"]  # only the application form, and its criteria left unticked
    data["criteria"] = []
    response = accept(desk, person, transfer, **data)
    assert response.status_code == 400
    errors = response.content.decode().split('id="accept-errors"', 1)[1].split("</div>", 1)[0]
    for code in ("M02", "M03", "M04", "M06"):
        assert next(m["name"] for m in transfer["materials"] if m["code"] == code) in errors
    assert not Case.objects.exists()


def test_an_instant_item_is_finished_at_the_window_with_its_certificate(desk, demo_catalog):
    person = register_at_desk(desk)
    instant = instant_item(demo_catalog)
    response = accept(desk, person, instant, **everything_received(instant))
    case = Case.objects.get(person=person)
    assert case.status == "completed"
    certificate = Certificate.objects.get(case=case)
    page = desk.get(response["Location"]).content.decode()
    assert reverse("certificate-pdf", args=[certificate.public_id]) in page
    pdf = desk.get(reverse("certificate-pdf", args=[certificate.public_id]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_double_submit_makes_one_case(desk, demo_catalog):
    person = register_at_desk(desk)
    transfer = item(demo_catalog, TRANSFER)
    form = {
        **acceptance_form(desk, person, TRANSFER),
        "mode": "normal",
        **everything_received(transfer, skip={"M01", "M05", "M07"}),
    }
    url = reverse("staff-desk-accept", args=["person", person.pk, TRANSFER])
    first, second = desk.post(url, form), desk.post(url, form)
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1


def _trust_first_item(catalog):
    return next(i for i in catalog if i["trust_first"] and i["subject"] == "person" and not i["levels"])


def test_trust_first_shows_the_commitment_and_needs_the_signature(desk, demo_catalog):
    person = register_at_desk(desk)
    trusted = _trust_first_item(demo_catalog)
    url = reverse("staff-desk-accept", args=["person", person.pk, trusted["code"]])
    page = desk.get(url).content.decode()
    assert 'id="commitment-text"' in page and "本人承诺" in page
    form = {**acceptance_form(desk, person, trusted["code"]), "mode": "trust_first"}
    unsigned = desk.post(url, form)
    assert unsigned.status_code == 400 and 'id="accept-errors"' in unsigned.content.decode()
    signed = desk.post(url, {**form, "commitment_signed": "on"})
    assert signed.status_code == 302
    case = Case.objects.get(person=person)
    assert case.mode == "trust_first" and case.status == "completed"
    assert form["commitment_waived"] in case.commitment_text


def test_a_commitment_signed_for_another_list_of_materials_is_refused(desk, demo_catalog):
    person = register_at_desk(desk)
    trusted = _trust_first_item(demo_catalog)
    url = reverse("staff-desk-accept", args=["person", person.pk, trusted["code"]])
    form = {
        **acceptance_form(desk, person, trusted["code"]),
        "mode": "trust_first",
        "commitment_signed": "on",
    }
    brought = next(
        m for m in trusted["materials"] if m["source"] == "applicant" and m["necessity"] != "optional"
    )
    form["received"] = [brought["code"]]
    form["criteria"] = [c["id"] for c in brought["criteria"]]
    response = desk.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "sign it again" in response.content.decode()
    assert not Case.objects.exists()


def test_an_applicant_with_bad_credit_is_refused_trust_first_with_the_reason(
    desk, demo_catalog, chancheng, alice
):
    person = register_at_desk(desk)
    credit_record_add(
        district=chancheng,
        person=person,
        kind="bad",
        reason_code="result_revoked",
        reason="虚假承诺",
        false_promise=True,
        actor=alice,
    )
    trusted = _trust_first_item(demo_catalog)
    page = desk.get(
        reverse("staff-desk-accept", args=["person", person.pk, trusted["code"]]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="refusal-trust_first"' in page and "found false" in page
    radio = page.split('id="mode-trust_first"', 1)[1].split(">", 1)[0]
    assert "disabled" in radio


def test_an_unknown_enterprise_is_registered_at_the_desk_and_sees_enterprise_items(desk, demo_catalog):
    uscc = "91350100M000100Y43"
    page = desk.post(reverse("staff-desk"), {"number": uscc}).content.decode()
    assert 'id="desk-register-form"' in page
    response = desk.post(
        reverse("staff-desk-register"), {"number": uscc, "name": "佛山市禅城区示例贸易有限公司"}
    )
    assert response.status_code == 302
    holder = desk.get(response["Location"], {"q": "营业执照"}).content.decode()
    enterprise_items = {i["name"] for i in demo_catalog if i["subject"] == "enterprise"}
    person_items = {i["name"] for i in demo_catalog if i["subject"] == "person"}
    results = holder.split('id="item-results"', 1)[1].split("</ul>", 1)[0]
    assert any(name in results for name in enterprise_items)
    assert not any(name in results for name in person_items - enterprise_items)
