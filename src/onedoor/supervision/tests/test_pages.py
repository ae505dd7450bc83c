"""The trace page, the correction form and the trail search, through HTTP."""

from django.urls import reverse

from onedoor.core.clock import frozen_at
from onedoor.people.models import DataAccess
from onedoor.supervision.tests.conftest import APPLICANT, at


def test_the_trace_page_shows_segments_delay_and_attribution(late_case, sam, client):
    client.force_login(sam)
    with frozen_at(at(10, 17, 11, 2)):  # in completion since 11:00 that day: no day of its own yet
        page = client.get(reverse("supervision-trace", args=[late_case.number]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="trace-segments"' in html and 'id="trace-attribution"' in html
    assert '<dd id="used-days">9</dd>' in html
    assert 'id="correct-form"' in html


def test_a_correction_through_the_page_shows_the_original_struck_through(late_case, sam, client):
    client.force_login(sam)
    url = reverse("supervision-correct", args=[late_case.number])
    response = client.post(
        url, {"seq": "2", "field": "reason", "value": "材料齐全，已核验", "reason": "录入错误"}
    )
    assert response.status_code == 302
    html = client.get(reverse("supervision-trace", args=[late_case.number])).content.decode()
    assert "<del>齐全</del> <ins>材料齐全，已核验</ins>" in html
    assert 'href="#entry-2" class="correction-link"' in html
    case_page = client.get(reverse("staff-case", args=[late_case.number])).content.decode()
    assert "<del>齐全</del> <ins>材料齐全，已核验</ins>" in case_page and 'id="trace-link"' in case_page
    refused = client.post(url, {"seq": "2", "field": "reason", "value": "x", "reason": ""})
    assert refused.status_code == 400 and 'id="trace-error"' in refused.content.decode()


def test_the_department_sees_its_trace_but_cannot_correct_others_see_nothing(
    late_case, olivia, alice, hugo, client
):
    url = reverse("supervision-trace", args=[late_case.number])
    client.force_login(olivia)
    page = client.get(url)
    assert page.status_code == 200 and 'id="correct-form"' not in page.content.decode()
    assert (
        client.post(reverse("supervision-correct", args=[late_case.number]), {"seq": "1"}).status_code == 403
    )
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(hugo)
    assert client.get(url).status_code == 404


def test_a_search_by_a_persons_number_needs_a_purpose_and_is_access_logged(late_case, sam, applicant, client):
    client.force_login(sam)
    url = reverse("supervision-trail")
    refused = client.post(url, {"person": APPLICANT})
    assert refused.status_code == 400 and not DataAccess.objects.filter(staff=sam).exists()
    page = client.post(url, {"person": APPLICANT, "purpose": "投诉核查"})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="search-logged"' in html
    results = html.split('id="trail-results"', 1)[1]
    assert late_case.number in results and "梁**" in results and APPLICANT not in results
    access = DataAccess.objects.get(staff=sam)
    assert access.person == applicant and "投诉核查" in access.purpose


def test_the_search_by_officer_pages_newest_first(late_case, sam, client):
    client.force_login(sam)
    from onedoor.supervision.selectors import trail_search

    first = trail_search(staff=sam, officer="olivia", limit=2)
    assert [e.action for e in first.rows] == ["review", "request_correction"] and first.next_after
    rest = trail_search(staff=sam, officer="olivia", limit=2, after=first.next_after)
    assert [e.action for e in rest.rows] == ["undertake"] and rest.next_after is None
    page = client.get(
        reverse("supervision-trail"), {"officer": "olivia", "from": "2025-09-01", "to": "2025-09-30"}
    )
    assert page.status_code == 200 and page.content.decode().count('href="/staff/supervision/cases/') == 2


def test_a_non_supervisor_cannot_search(olivia, client):
    client.force_login(olivia)
    assert client.get(reverse("supervision-trail"), {"case": "x"}).status_code == 403
