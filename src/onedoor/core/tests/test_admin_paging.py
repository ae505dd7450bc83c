"""The audit log in the admin pages through a big table without COUNT(*) over it."""

from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onedoor.core.audit import audit
from onedoor.core.models import AuditRecord
from onedoor.core.pagination import EstimatedCountPaginator


def test_the_audit_log_pages_without_counting_the_whole_table(client, chancheng, hetang, adam, monkeypatch):
    monkeypatch.setattr(admin.site._registry[AuditRecord], "list_per_page", 3)
    monkeypatch.setattr(EstimatedCountPaginator, "lookahead_pages", 1)
    for n in range(8):
        audit(district=chancheng, actor=adam, action="test.paged", object_type="t", object_id=f"obj-{n:02d}")
        audit(district=hetang, actor=None, action="test.paged", object_type="t", object_id=f"other-{n:02d}")
    client.force_login(adam)
    url = reverse("admin:core_auditrecord_changelist")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    count_queries = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert all("LIMIT" in sql.upper() for sql in count_queries), count_queries
    assert html.count("obj-") == 3 and "other-" not in html
    assert "more than 6 audit records" in html
    assert 'href="?p=2" rel="next"' in html

    second = client.get(url, {"p": 2}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert second.count("obj-") == 3
    total = AuditRecord.objects.filter(district=chancheng).count()  # 8, and the setting up of adam
    last = client.get(url, {"p": -(-total // 3)}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{total} audit records" in last
    assert "more than" not in last and 'rel="next"' not in last


def test_the_audit_admin_uses_the_paginator_that_does_not_count():
    model_admin = admin.site._registry[AuditRecord]
    assert model_admin.paginator is EstimatedCountPaginator and not model_admin.show_full_result_count
