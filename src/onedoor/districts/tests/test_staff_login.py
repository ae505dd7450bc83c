import pytest
from django.urls import reverse

from onedoor.conftest import PASSWORD


def login(client, username, password):
    return client.post(reverse("staff-login"), {"username": username, "password": password})


def test_a_staff_member_logs_in_and_sees_their_district(client, alice):
    response = login(client, "alice", PASSWORD)
    assert response.status_code == 302
    page = client.get(reverse("staff-home"))
    assert "禅城区" in page.content.decode()


def test_passwords_are_stored_with_argon2(alice):
    assert alice.password.startswith("argon2")


@pytest.mark.parametrize("lang,text", [("zh-hans", "锁定"), ("en", "locked")])
def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    client, alice, settings, lang, text
):
    client.cookies["django_language"] = lang
    for _ in range(settings.ONEDOOR_LOCKOUT_FAILURES):
        assert login(client, "alice", "wrong password!").status_code == 200
    response = login(client, "alice", PASSWORD)
    assert response.status_code == 200
    assert text in response.content.decode()
    alice.refresh_from_db()
    assert alice.locked_until is not None


def test_an_unknown_username_is_refused_like_a_wrong_password(client, alice):
    response = login(client, "nobody", "whatever12345")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
