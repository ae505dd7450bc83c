import hashlib

from django.core.management import call_command

from onedoor.core.models import AuditRecord
from onedoor.districts.models import ApiToken


def test_token_create_prints_a_token_that_opens_the_api(client, alice, capsys):
    call_command("token", "create", "alice")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    response = client.get("/api/v1/org/district", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["code"] == "440604"


def test_only_the_hash_of_a_token_is_stored(alice, bearer):
    headers = bearer(alice)
    secret = headers["HTTP_AUTHORIZATION"].split()[1]
    stored = ApiToken.objects.get(staff=alice)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (stored.digest, stored.prefix)


def test_the_api_refuses_a_missing_or_wrong_token(client, alice):
    assert client.get("/api/v1/org/district").status_code == 401
    assert client.get("/api/v1/org/district", HTTP_AUTHORIZATION="Bearer od_wrong").status_code == 401


def test_a_revoked_token_no_longer_works(client, alice, bearer):
    headers = bearer(alice)
    ApiToken.objects.filter(staff=alice).update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/v1/org/district", **headers).status_code == 401


def test_each_district_sees_only_its_own_centres(client, alice, bob, bearer):
    mine = client.get("/api/v1/org/centres", **bearer(alice)).json()
    theirs = client.get("/api/v1/org/centres", **bearer(bob)).json()
    assert {c["code"] for c in mine} == {"440604-C"}
    assert {c["code"] for c in theirs} == {"440699-C"}


def test_a_district_admin_creates_a_token_in_the_admin_and_sees_it_once(client, adam, alice):
    client.force_login(adam)
    response = client.post(
        "/admin/districts/apitoken/add/", {"staff": alice.pk, "name": "desk script"}, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    secret = next(word for m in shown for word in m.split() if word.startswith("od_"))
    api = client.get("/api/v1/org/district", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 200
    listing = client.get("/admin/districts/apitoken/").content.decode()
    assert secret not in listing


def test_a_district_admin_cannot_make_a_token_for_another_districts_staff(client, adam, bob):
    client.force_login(adam)
    response = client.post("/admin/districts/apitoken/add/", {"staff": bob.pk, "name": "x"})
    assert response.status_code == 200  # the form refuses: bob is not a choice
    assert not ApiToken.objects.filter(staff=bob).exists()


def test_revoking_in_the_admin_closes_the_api(client, adam, alice, bearer):
    headers = bearer(alice)
    client.force_login(adam)
    token = ApiToken.objects.get(staff=alice)
    client.post(
        "/admin/districts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    client.logout()
    assert client.get("/api/v1/org/district", **headers).status_code == 401


def test_a_token_made_in_the_admin_with_an_expiry_records_it_and_stops_at_it(client, adam, alice):
    client.force_login(adam)
    response = client.post(
        "/admin/districts/apitoken/add/",
        {
            "staff": alice.pk,
            "name": "nightly export",
            "expires_at_0": "2020-01-01",
            "expires_at_1": "12:00:00",
        },
        follow=True,
    )
    secret = next(w for m in response.context["messages"] for w in str(m).split() if w.startswith("od_"))
    token = ApiToken.objects.get(staff=alice)
    assert token.expires_at.date().isoformat() == "2020-01-01"
    record = AuditRecord.objects.get(action="token.created", object_id=str(token.pk))
    assert (record.actor, record.data["expires_at"][:10]) == (adam, "2020-01-01")
    client.logout()
    assert client.get("/api/v1/org/district", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_revoking_in_the_admin_is_audited_once_per_token(client, adam, alice, bearer):
    bearer(alice)  # two tokens
    bearer(alice)
    client.force_login(adam)
    tokens = list(ApiToken.objects.filter(staff=alice))
    for _ in range(2):  # the second time there is nothing left to revoke
        client.post(
            "/admin/districts/apitoken/",
            {"action": "revoke", "_selected_action": [t.pk for t in tokens]},
            follow=True,
        )
    revoked = AuditRecord.objects.filter(action="token.revoked", actor=adam)
    assert sorted(r.object_id for r in revoked) == sorted(str(t.pk) for t in tokens)
    assert all(t.revoked_at for t in ApiToken.objects.filter(staff=alice))
