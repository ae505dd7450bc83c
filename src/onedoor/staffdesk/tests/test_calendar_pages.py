"""The staff calendar page through the Django test client: the year view, the calculator, and overrides
changed by a district admin only, within their own district."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from onedoor.core.models import AuditRecord
from onedoor.districts.calendar import calendar_for, override_set, overrides_of

URL = "/staff/calendar/"


def signed_in(client, staff):
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    return client


def cell(html: str, day: str) -> str:
    """The table cell of one day, e.g. cell(html, "2026-02-14")."""
    match = re.search(rf'<td class="day [^"]*"[^>]*data-date="{day}".*?</td>', html, re.S)
    assert match, day
    return match.group(0)


def test_the_calendar_asks_for_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("staff-login") in response["Location"]


def test_the_url_name_is_staff_calendar():
    assert reverse("staff-calendar") == URL


def test_the_2026_view_labels_holidays_and_makeup_days_in_text(client, alice):
    html = signed_in(client, alice).get(URL, {"year": 2026}).content.decode()
    assert "not loaded" not in html
    makeup = cell(html, "2026-02-14")
    assert (
        "make-up working day · Spring Festival" in makeup
        and '<span class="mark" aria-hidden="true">W</span>' in makeup
    )
    holiday = cell(html, "2026-10-05")
    assert "public holiday · National Day" in holiday and ">H</span>" in holiday
    assert ">–</span>" in cell(html, "2026-03-07")  # an ordinary Saturday
    assert '<span class="mark" aria-hidden="true"></span>' in cell(html, "2026-03-09")  # an ordinary Monday
    assert "February 15 – February 23: public holiday · Spring Festival" in html


def test_a_year_without_official_data_says_so(client, alice):
    html = signed_in(client, alice).get(URL, {"year": 2027}).content.decode()
    assert "The official holiday arrangement for 2027 is not loaded" in html
    assert "public holiday · New Year&#x27;s Day" in cell(html, "2027-01-01")  # fixed by law, a Friday
    assert "working day" in cell(html, "2027-01-04")  # counted as working until someone says otherwise


def test_the_calculator_gives_a_deadline_across_the_spring_festival(client, alice):
    response = signed_in(client, alice).get(URL, {"year": 2026, "start": "2026-02-13", "days": 2})
    html = response.content.decode()
    assert "2 working days from 2026-02-13: due by the end of 2026-02-24 (Tuesday)." in html
    assert "Provisional" not in html


def test_the_calculator_flags_a_deadline_running_into_2027(client, alice):
    html = signed_in(client, alice).get(URL, {"start": "2026-12-10", "days": 20}).content.decode()
    assert "due by the end of 2027-01-08" in html  # New Year's Day 2027 is not counted
    assert "Provisional: the official arrangement for 2027 is not loaded" in html


def test_the_calculator_counts_working_days_between_two_dates(client, alice):
    html = signed_in(client, alice).get(URL, {"first": "2025-09-26", "last": "2025-10-11"}).content.decode()
    assert "Working days after 2025-09-26 up to and including 2025-10-11: 6." in html


def test_a_bad_calculator_input_is_shown_not_crashed(client, alice):
    response = signed_in(client, alice).get(URL, {"start": "2026-02-31", "days": -1})
    assert response.status_code == 200
    assert 'id="deadline-result"' not in response.content.decode()


def test_only_admins_see_the_forms_that_change_the_calendar(client, alice, adam):
    assert 'id="override-form"' not in signed_in(client, alice).get(URL).content.decode()
    assert 'id="override-form"' in signed_in(client, adam).get(URL).content.decode()


def test_an_admin_adds_an_override_and_the_page_and_calculator_reflect_it(client, adam):
    client = signed_in(client, adam)
    response = client.post(
        reverse("staff-calendar-override"),
        {"date": "2027-01-04", "action": "rest", "reason": "台风停工", "year": 2027},
    )
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    html = client.get(URL, {"year": 2027}).content.decode()
    assert "rest day set by the district · 台风停工" in cell(html, "2027-01-04")
    assert "1 entered for the year" in html
    html = client.get(URL, {"start": "2026-12-10", "days": 20}).content.decode()
    assert "due by the end of 2027-01-11" in html
    record = AuditRecord.objects.get(action="calendar.override_set")
    assert record.actor == adam and record.reason == "台风停工"


def test_an_admin_removes_an_override(client, chancheng, adam):
    override_set(district=chancheng, date=date(2025, 10, 8), is_workday=True, note="值班", actor=adam)
    response = signed_in(client, adam).post(
        reverse("staff-calendar-override"), {"date": "2025-10-08", "action": "remove", "reason": "取消"}
    )
    assert response.status_code == 302
    assert not overrides_of(chancheng).exists()


def test_removing_a_day_without_an_override_explains_why(client, adam):
    response = signed_in(client, adam).post(
        reverse("staff-calendar-override"), {"date": "2025-10-08", "action": "remove", "reason": "取消"}
    )
    assert response.status_code == 404
    assert "There is no override for this date." in response.content.decode()


def test_an_override_without_a_reason_is_refused(client, chancheng, adam):
    response = signed_in(client, adam).post(
        reverse("staff-calendar-override"), {"date": "2027-01-01", "action": "rest"}
    )
    assert response.status_code == 400
    assert not overrides_of(chancheng).exists()


@pytest.mark.parametrize("name", ["staff-calendar-override", "staff-calendar-arrangement"])
def test_a_non_admin_cannot_post_changes(client, chancheng, alice, name):
    data = {
        "date": "2027-01-01",
        "action": "rest",
        "reason": "x",
        "year": 2027,
        "holidays": "2027-01-01",
        "note": "x",
    }
    response = signed_in(client, alice).post(reverse(name), data)
    assert response.status_code == 403
    assert not overrides_of(chancheng).exists()


def test_an_admin_enters_the_years_arrangement_in_one_go(client, chancheng, adam):
    response = signed_in(client, adam).post(
        reverse("staff-calendar-arrangement"),
        {
            "year": 2027,
            "holidays": "元旦 2027-01-01 至 2027-01-03\n春节 2027-02-05 至 2027-02-13\n",
            "workdays": "2027-02-20",
            "note": "2027 arrangement (test)",
        },
    )
    assert response.status_code == 302
    calendar = calendar_for(chancheng)
    assert not calendar.is_workday(date(2027, 2, 8)) and calendar.is_workday(date(2027, 2, 20))
    assert overrides_of(chancheng, year=2027).count() == 3 + 9 + 1
    assert "13 days added" in client.get(URL, {"year": 2027}).content.decode()


def test_a_bad_arrangement_is_reported_and_changes_nothing(client, chancheng, adam):
    response = signed_in(client, adam).post(
        reverse("staff-calendar-arrangement"),
        {"year": 2027, "holidays": "2027-02-05 至 2027-02-13", "workdays": "2027-02-06", "note": "x"},
    )
    assert response.status_code == 400
    assert "A day cannot be both a holiday and a working day." in response.content.decode()
    assert not overrides_of(chancheng).exists()


def test_another_districts_staff_see_their_own_calendar_only(client, chancheng, adam, bob):
    override_set(district=chancheng, date=date(2027, 1, 4), is_workday=False, note="禅城停工", actor=adam)
    html = signed_in(client, bob).get(URL, {"year": 2027}).content.decode()
    assert "禅城停工" not in html
    assert "rest day set by the district" not in cell(html, "2027-01-04")
    assert (
        "due by the end of 2027-01-08"
        in client.get(URL, {"start": "2026-12-10", "days": 20}).content.decode()
    )


def test_another_districts_admin_cannot_change_chanchengs_overrides(client, chancheng, adam, hana):
    override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="元旦", actor=adam)
    client = signed_in(client, hana)
    client.post(reverse("staff-calendar-override"), {"date": "2027-01-01", "action": "remove", "reason": "x"})
    client.post(reverse("staff-calendar-override"), {"date": "2027-01-04", "action": "rest", "reason": "x"})
    assert list(overrides_of(chancheng).values_list("date", "is_workday")) == [(date(2027, 1, 1), False)]
    # hana's own change landed in her own district only
    assert not calendar_for(hana.district).is_workday(date(2027, 1, 4))
