"""Shared test fixtures: two districts (Chancheng 440604 and Hetang, a second tenant) with named staff.

alice  — window generalist at Chancheng's district centre
olivia — undertaker + reviewer, Chancheng real-estate registration
adam   — district admin of Chancheng
bob    — window generalist of the second district (Hetang)
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from hypothesis import settings as hypothesis_settings

from onedoor.citizens.tests.fixtures import idp, oidc  # noqa: F401 (the stand-in identity provider, for every app's tests)
from onedoor.districts import services
from onedoor.districts.auth import token_create
from onedoor.districts.models import Role

# Property tests are deterministic (the same examples every run) and have no per-example deadline: a busy CI
# machine must not turn a slow example into a failure.
hypothesis_settings.register_profile("onedoor", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile("onedoor")

PASSWORD = "correct horse battery staple"
FAST_HASHERS = ["onedoor.conftest.QuickArgon2Hasher"]


class QuickArgon2Hasher(Argon2PasswordHasher):
    """Argon2id with test-sized costs: the same algorithm and format, a hundredth of the work."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rendered guide or a lookup counter of an earlier test's district
    (whose row id a later test may reuse) must not leak into it. A remembered API token neither."""
    from django.core.cache import cache

    from onedoor.districts import token_cache

    cache.clear()
    yield
    token_cache.close()  # its listening connection would keep the test database from being dropped


@pytest.fixture(scope="session", autouse=True)
def _quick_flush_on_postgresql():
    """A transactional test ends with Django's flush: one TRUNCATE of every table, then post_migrate writes the
    content types and permissions back. TRUNCATE makes new files for every table it empties, ~0.5 s a test on
    PostgreSQL. Here the flush empties only the tables that hold rows, with DELETE (the foreign keys are
    deferred to the commit); the append-only trail refuses DELETE, so it alone is truncated, in a transaction
    that says it erases the database (the trail refuses TRUNCATE otherwise). The content
    types and permissions that migrate wrote are kept. The database after is the same empty one."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    ERASE = "SET LOCAL onedoor.erase_all = 'on';"  # noqa: N806 (a constant of this fixture)
    kept = {"django_content_type", "auth_permission"}
    append_only = {"cases_trailentry"}

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tables = [t for t in tables if t not in kept]
        if not tables or reset_sequences:
            whole = original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
            return [ERASE, *whole] if whole else whole
        probe = " UNION ALL ".join(
            f"(SELECT %s FROM {self.quote_name(table)} LIMIT 1)"  # noqa: S608 (Django's own table names)
            for table in tables
        )
        with self.connection.cursor() as cursor:
            cursor.execute(probe, tables)
            holding = [row[0] for row in cursor.fetchall()]
        truncated = [self.quote_name(t) for t in holding if t in append_only]
        # the trail refuses TRUNCATE unless the session says it erases the whole database (cases 0010)
        erase = [ERASE, f"TRUNCATE {', '.join(truncated)} CASCADE;"]
        return (erase if truncated else []) + [
            f"DELETE FROM {self.quote_name(t)};"  # noqa: S608 (Django's own table names)
            for t in holding
            if t not in append_only
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original


def _district(code, name):
    district = services.district_create(code=code, name=name)
    centre = services.centre_create(
        district=district, code=f"{code}-C", name=f"{name}行政服务中心", level="district"
    )
    services.windows_open(centre=centre, count=2)
    dept = services.department_create(district=district, code="BDC", name="不动产登记中心")
    return district, centre, dept


@pytest.fixture
def chancheng(db):
    district, centre, dept = _district("440604", "禅城区")
    district.test_centre, district.test_department = centre, dept
    return district


@pytest.fixture
def hetang(db):
    district, centre, dept = _district("440699", "荷塘区")
    district.test_centre, district.test_department = centre, dept
    return district


@pytest.fixture
def alice(chancheng):
    return services.staff_create(
        district=chancheng,
        username="alice",
        password=PASSWORD,
        centre=chancheng.test_centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )


@pytest.fixture
def olivia(chancheng):
    dept = chancheng.test_department
    return services.staff_create(
        district=chancheng,
        username="olivia",
        password=PASSWORD,
        roles=[(Role.UNDERTAKER, dept), (Role.REVIEWER, dept)],
    )


@pytest.fixture
def adam(chancheng):
    return services.staff_create(
        district=chancheng, username="adam", password=PASSWORD, roles=[(Role.DISTRICT_ADMIN, None)]
    )


@pytest.fixture
def bob(hetang):
    return services.staff_create(
        district=hetang,
        username="bob",
        password=PASSWORD,
        centre=hetang.test_centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )


@pytest.fixture
def bearer():
    """bearer(staff) -> headers dict for the Django test client."""

    def make(staff):
        _token, secret = token_create(staff=staff, name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


# --- browser tests: Playwright driving Debian's Chromium (never a downloaded browser) ---------------------
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses DB calls there unless told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def hana(hetang):
    """hana — district admin of the second district (Hetang)."""
    return services.staff_create(
        district=hetang, username="hana", password=PASSWORD, roles=[(Role.DISTRICT_ADMIN, None)]
    )


@pytest.fixture
def zhang(chancheng):
    """zhang — 张三丰, a person registered in Chancheng (ID number ends in X)."""
    from onedoor.people.services import person_register

    return person_register(
        district=chancheng,
        id_number="44060419900101123X",
        name="张三丰",
        phone="13812345678",
        address="佛山市禅城区祖庙路1号",
        actor=None,
    )


@pytest.fixture
def wang(hetang):
    """wang — 王芳, a person registered in the second district (Hetang)."""
    from onedoor.people.services import person_register

    return person_register(
        district=hetang, id_number="440699198505050023", name="王芳", phone="13900001111", actor=None
    )


@pytest.fixture
def demo_catalog(chancheng, adam):
    """Chancheng's demo departments and catalog, published through the catalog importer."""
    import json

    from onedoor.catalog.importexport import catalog_import
    from onedoor.demo import data

    existing = {d.code for d in chancheng.department_set.all()}
    for spec in data.chancheng_departments():
        if spec["code"] not in existing:
            services.department_create(district=chancheng, code=spec["code"], name=spec["name"])
    items = data.chancheng_items()
    payload = json.dumps({"format": "onedoor-catalog/1", "district": chancheng.code, "items": items}).encode()
    report = catalog_import(district=chancheng, payload=payload, fmt="json", actor=adam, publish=True)
    assert report.ok, report.problems[:5]
    chancheng.refresh_from_db()
    return items


def pytest_configure(config):
    """Compile the translations when a .po is newer than its .mo (as `make messages` does), so a plain
    `pytest` sees the Chinese pages. Only the controlling process compiles, never the xdist workers."""
    import shutil
    import subprocess
    from pathlib import Path

    if hasattr(config, "workerinput"):
        return
    for po in (Path(__file__).parent / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            raise pytest.UsageError("msgfmt is missing: install gettext (or run `make messages`).")
        subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)  # noqa: S603 (our own files)


@pytest.fixture
def arthur(chancheng):
    """arthur — approver of Chancheng's real-estate registration (BDC)."""
    return services.staff_create(
        district=chancheng,
        username="arthur",
        password=PASSWORD,
        roles=[(Role.APPROVER, chancheng.test_department)],
    )


@pytest.fixture
def chloe(chancheng):
    """chloe — chief representative of BDC at the district centre (stands in for its approver)."""
    return services.staff_create(
        district=chancheng,
        username="chloe",
        password=PASSWORD,
        centre=chancheng.test_centre,
        roles=[(Role.CHIEF_REPRESENTATIVE, chancheng.test_department)],
    )
