import cProfile, pstats, io, os, time
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from onedoor.people import idnumbers
from onedoor.people import services as people_services

pytestmark = pytest.mark.django_db(transaction=True)

def _num(i):
    body = f"44060419770315{i:03d}"
    return body + idnumbers.resident_check_char(body)

def _body(item, number):
    return {"item_code": item["code"], "applicant": number, "materials": [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]]}

def test_prof(client, demo_catalog, alice, bearer, chancheng, settings):
    settings.ALLOWED_HOSTS = ["*"]
    headers = bearer(alice)
    items = [i for i in demo_catalog if i["subject"] == "person" and "district" in (i["levels"] or ["district"])]
    inst = [i for i in items if i["kind"] == "instant"][:3]
    prom = [i for i in items if i["kind"] != "instant"][:3]
    nums = []
    for i in range(200):
        n = _num(i)
        people_services.person_register(district=chancheng, id_number=n, name="黄志华", actor=alice)
        nums.append(n)
    k = 0
    def post(item, n):
        nonlocal k
        k += 1
        r = client.post("/api/v1/cases", _body(item, n), content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"k{k}", HTTP_HOST="127.0.0.1", **headers)
        assert r.status_code == 201, r.content
    for j in range(6):
        post(inst[j % 3], nums[j])
        post(prom[j % 3], nums[j])
    for kind, its in (("instant", inst), ("promised", prom)):
        with CaptureQueriesContext(connection) as q:
            post(its[0], nums[10])
        print(kind, len(q.captured_queries))
        if os.environ.get("SHOWSQL"):
            for x in q.captured_queries:
                print("   ", x["time"], x["sql"][:150])
    for rnd in range(3):
        t = time.perf_counter()
        for j in range(60):
            post(inst[j % 3] if j % 2 else prom[j % 3], nums[20 + j])
        print("noprof per request ms", (time.perf_counter() - t) / 60 * 1000)
    if os.environ.get("PROFILE"):
        pr = cProfile.Profile()
        pr.enable()
        for j in range(40):
            post(inst[j % 3] if j % 2 else prom[j % 3], nums[100 + j])
        pr.disable()
        s = io.StringIO()
        pstats.Stats(pr, stream=s).sort_stats(os.environ["PROFILE"]).print_stats(50)
        print(s.getvalue())
