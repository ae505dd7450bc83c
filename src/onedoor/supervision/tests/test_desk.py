"""The supervision desk through HTTP: each section shows the district's rows (an overdue case, complaints past
their deadline and escalated, a bad rating with an overdue rectification, a dead letter), masked, and none of
another district's; only supervisors see it; the full overdue list filters by light and department."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onedoor.core.clock import frozen_at
from onedoor.integrations.models import MessageStatus
from onedoor.people.masking import mask_number
from onedoor.people.models import DataAccess
from onedoor.supervision import desk
from onedoor.supervision.tests.conftest import APPLICANT
from onedoor.supervision.tests.desk_fixtures import (
    FILER,
    FILER_PHONE,
    NOW,
    OTHER_FILER,
)


def desk_page(client, staff):
    client.force_login(staff)
    with frozen_at(NOW):
        response = client.get(reverse("supervision-desk"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.content.decode()


def section(page: str, marker: str, end: str = "</section>") -> str:
    """The HTML of one <section id=…> of the desk (or of a <table id=…>, up to `end`)."""
    start = page.index(f'id="{marker}"')
    return page[start : page.index(end, start)]


def test_each_section_shows_the_districts_rows_worst_first(client, sam, desk_data):
    page = desk_page(client, sam)
    cases = section(page, "desk-cases")
    assert desk_data.overdue_case.number in cases
    assert reverse("supervision-trace", args=[desk_data.overdue_case.number]) in cases
    assert desk_data.yellow_case.number not in section(
        cases, "desk-overdue-cases", "</table>"
    )  # yellow: not overdue
    assert 'id="desk-cases-count">1<' in cases
    lights = section(cases, "desk-lights", "</table>")
    assert "不动产登记中心" in lights and "light-red" in lights and "light-yellow" in lights

    complaints = section(page, "desk-complaints")
    overdue = complaints[: complaints.index("desk-complaints-escalated")]
    escalated = complaints[complaints.index("desk-complaints-escalated") :]
    assert desk_data.escalated.number in overdue and desk_data.overdue_complaint.number in overdue
    assert overdue.index(desk_data.escalated.number) < overdue.index(desk_data.overdue_complaint.number)
    assert desk_data.escalated.number in escalated
    assert desk_data.overdue_complaint.number not in escalated
    assert 'id="desk-complaints-count">2<' in complaints and 'id="desk-escalated-count">1<' in complaints

    ratings = section(page, "desk-ratings")
    assert "Very dissatisfied" in ratings or "非常不满意" in ratings
    rect = desk_data.rating.rectification
    assert f"#rect-{rect.pk}" in section(ratings, "desk-rectifications", "</table>")
    assert 'id="desk-ratings-count">1<' in ratings and 'id="desk-rectifications-count">1<' in ratings

    links = section(page, "desk-links", "</ul>")
    for name in ("supervision-trail", "supervision-accountability", "scores-table"):
        assert reverse(name) in links
    letters = section(page, "desk-letters")
    assert f'value="{desk_data.dead_letter.pk}"' in letters
    assert desk_data.dead_letter.case.number in letters
    assert reverse("staff-dead-letters") in letters  # the replay posts to the integration's audited page
    assert 'id="desk-letters-count">1<' in letters


def test_personal_data_is_masked_and_the_desk_writes_no_access_log(client, sam, desk_data):
    logged = DataAccess.objects.count()
    page = desk_page(client, sam)
    assert APPLICANT not in page and mask_number(APPLICANT) in page
    assert "梁美玲" not in page and "梁**" in page
    assert FILER not in page and FILER_PHONE not in page
    assert "陈** 139****5678" in page
    assert DataAccess.objects.count() == logged  # nothing shown in full, so nothing to log


def test_another_districts_supervisor_sees_none_of_it(client, sam, hugo, desk_data):
    page = desk_page(client, sam)
    assert desk_data.other_complaint.number not in page and "荷塘的投诉" not in page
    assert "何**" not in page and OTHER_FILER not in page

    theirs = desk_page(client, hugo)
    assert "荷塘的投诉" in theirs and desk_data.other_complaint.number in theirs
    for mine in (
        desk_data.overdue_case.number,
        desk_data.escalated.number,
        desk_data.dead_letter.case.number,
        f"#rect-{desk_data.rating.rectification.pk}",
    ):
        assert mine not in theirs
    assert "desk-no-overdue" in theirs and "desk-no-letters" in theirs


@pytest.mark.parametrize("who", ["olivia", "alice", "adam", "arthur"])
def test_only_supervisors_open_the_desk(client, who, request, desk_data):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("supervision-desk")).status_code == 403
    assert client.get(reverse("supervision-overdue")).status_code == 403


def test_logged_out_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("supervision-desk"))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_the_home_page_links_supervisors_to_the_desk(client, sam, olivia):
    client.force_login(sam)
    assert reverse("supervision-desk") in client.get(reverse("staff-home")).content.decode()
    client.force_login(olivia)
    assert reverse("supervision-desk") not in client.get(reverse("staff-home")).content.decode()


def test_the_full_overdue_list_filters_by_light_and_department(client, sam, hugo, desk_data):
    client.force_login(sam)
    url = reverse("supervision-overdue")
    with frozen_at(NOW):
        red = client.get(url).content.decode()
        yellow = client.get(url, {"light": "yellow", "department": "BDC"}).content.decode()
        other = client.get(url, {"light": "red", "department": "MZ"}).content.decode()
        bad_cursor = client.get(url, {"after": "not-a-cursor"})
    assert desk_data.overdue_case.number in red and desk_data.yellow_case.number not in red
    assert desk_data.yellow_case.number in yellow and desk_data.overdue_case.number not in yellow
    assert desk_data.overdue_case.number not in other
    assert APPLICANT not in red and mask_number(APPLICANT) in red
    assert bad_cursor.status_code == 400
    client.force_login(hugo)
    with frozen_at(NOW):
        assert desk_data.overdue_case.number not in client.get(url).content.decode()


def test_the_overdue_list_pages_by_deadline_without_counting(client, sam, desk_data, monkeypatch):
    monkeypatch.setattr(desk, "PAGE", 1)
    later = desk_data.yellow_case
    with frozen_at(NOW.replace(month=12, day=20)):  # both cases overdue by then
        client.force_login(sam)
        first = client.get(reverse("supervision-overdue")).content.decode()
        assert desk_data.overdue_case.number in first and later.number not in first
        cursor = first.split("after=")[1].split('"')[0]
        second = client.get(reverse("supervision-overdue") + "?after=" + cursor).content.decode()
    assert later.number in second and desk_data.overdue_case.number not in second


def test_yellow_in_sql_matches_the_case_spines_light(sam, desk_data):
    """The desk's yellow condition picks exactly the running cases `case_timing` shows yellow."""
    from onedoor.cases.models import Case
    from onedoor.cases.queues import case_timing
    from onedoor.districts.calendar import calendar_for

    calendar = calendar_for(sam.district)
    for day in range(17, 28):
        now = NOW.replace(day=day)
        picked = {c.pk for c in desk.overdue_cases(staff=sam, light="yellow", now=now, limit=100)}
        expected = {
            c.pk
            for c in Case.objects.filter(district=sam.district, status__in=("undertake", "review"))
            if case_timing(c, calendar=calendar, now=now).light == "yellow"
        }
        assert picked == expected, now


def test_replaying_from_the_desk_queues_the_dead_letter_again(client, sam, desk_data):
    client.force_login(sam)
    response = client.post(reverse("staff-dead-letters"), {"message": [desk_data.dead_letter.pk]})
    assert response.status_code == 302
    desk_data.dead_letter.refresh_from_db()
    assert desk_data.dead_letter.status == MessageStatus.PENDING
    with frozen_at(NOW):
        assert "desk-no-letters" in client.get(reverse("supervision-desk")).content.decode()


def test_the_rectification_list_filters_overdue_ones(client, sam, desk_data):
    client.force_login(sam)
    rect = desk_data.rating.rectification
    with frozen_at(NOW):
        page = client.get(reverse("staff-rectifications"), {"overdue": "1"}).content.decode()
    assert f'id="rect-{rect.pk}"' in page
    with frozen_at(desk_data.rating.rated_at):
        page = client.get(reverse("staff-rectifications"), {"overdue": "1"}).content.decode()
    assert f'id="rect-{rect.pk}"' not in page
