"""The catalog in the admin: scoped to the district, drafts edited through the services, published versions
read-only, and a publish action that shows the lint's problems."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from onedoor.catalog import services
from onedoor.catalog.models import Item, ItemVersion, VersionStatus
from onedoor.catalog.tests import factories as f
from onedoor.conftest import PASSWORD


@pytest.fixture
def as_adam(client, adam):
    assert client.login(username="adam", password=PASSWORD)
    return client


@pytest.fixture
def published(chancheng, adam):
    item = services.item_create(district=chancheng, data=f.item(), actor=adam)
    return services.version_publish(version=item.versions.get(), actor=adam)


@pytest.fixture
def draft(chancheng, adam):
    return services.item_create(
        district=chancheng, data=f.item("BDC-002", contact_phone=""), actor=adam
    ).versions.get()


def change_url(version):
    return reverse("admin:catalog_itemversion_change", args=[version.pk])


def form_data(response) -> dict:
    """The POST a browser would send back unchanged from an admin change page (main form and inlines)."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()  # already prepared for the widget
        if value is not None and value is not False:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None and value is not False:
                    data[sub.add_prefix(name)] = value
    return {k: ("on" if v is True else v) for k, v in data.items()}


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_item_list_shows_only_the_admins_district(as_adam, published, hetang):
    services.item_create(district=hetang, data=f.item("HT-1"), actor=None)
    page = as_adam.get(reverse("admin:catalog_item_changelist")).content.decode()
    assert "BDC-001" in page and "HT-1" not in page


def test_adding_an_item_creates_a_draft_with_the_default_process(as_adam, chancheng):
    response = as_adam.post(
        reverse("admin:catalog_item_add"),
        {
            "code": "NEW-1",
            "basic_code": "",
            "department": chancheng.test_department.pk,
            "subject": "person",
            "name": "出生登记",
            "item_type": "licensing",
            "kind": "promised",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    version = ItemVersion.objects.get(item__code="NEW-1")
    assert (version.status, version.name, version.stages.count()) == (VersionStatus.DRAFT, "出生登记", 6)


def test_a_draft_is_edited_through_the_admin_with_its_materials(as_adam, draft):
    response = as_adam.get(change_url(draft))
    data = form_data(response)
    data["contact_phone"] = "0757-83000002"
    data["materials-0-name"] = "不动产登记申请书(新版)"
    response = as_adam.post(change_url(draft), data)
    assert response.status_code == 302, texts(response)
    draft.refresh_from_db()
    assert draft.contact_phone == "0757-83000002"
    assert draft.materials.order_by("order").first().name == "不动产登记申请书(新版)"
    assert draft.materials.count() == 3 and draft.stages.count() == 5


def test_a_published_version_is_read_only_in_the_admin(as_adam, published):
    response = as_adam.get(change_url(published))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    data = {
        "name": "改名",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
        "stages-TOTAL_FORMS": "0",
        "stages-INITIAL_FORMS": "0",
    }
    assert as_adam.post(change_url(published), data).status_code == 403
    published.refresh_from_db()
    assert published.name == "不动产异议登记"


def test_the_publish_action_shows_lint_problems_and_publishes_clean_drafts(as_adam, draft, chancheng, adam):
    clean = services.item_create(district=chancheng, data=f.item("BDC-003"), actor=adam).versions.get()
    response = as_adam.post(
        reverse("admin:catalog_itemversion_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, clean.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    messages = texts(response)
    assert any("BDC-002 v1 was not published" in m for m in messages)
    assert any("contact_phone" in m for m in messages)
    assert any("BDC-003 v1 is published" in m for m in messages)
    draft.refresh_from_db()
    clean.refresh_from_db()
    assert (draft.status, clean.status) == (VersionStatus.DRAFT, VersionStatus.PUBLISHED)


def test_starting_a_new_draft_from_the_item_list(as_adam, published):
    as_adam.post(
        reverse("admin:catalog_item_changelist"),
        {"action": "start_draft", "_selected_action": [published.item_id]},
    )
    assert list(ItemVersion.objects.filter(item=published.item).values_list("number", "status")) == [
        (2, VersionStatus.DRAFT),
        (1, VersionStatus.PUBLISHED),
    ]


def test_hetangs_admin_cannot_reach_chanchengs_versions(client, hana, draft):
    assert client.login(username="hana", password=PASSWORD)
    listing = client.get(reverse("admin:catalog_itemversion_changelist")).content.decode()
    assert "BDC-002" not in listing
    response = client.get(change_url(draft))
    assert response.status_code == 302  # "doesn't exist" → back to the admin index
    client.post(
        reverse("admin:catalog_itemversion_changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert Item.objects.filter(district=hana.district).count() == 0


def test_a_window_generalist_has_no_catalog_admin(client, alice, published):
    assert client.login(username="alice", password=PASSWORD)
    assert client.get(reverse("admin:catalog_item_changelist")).status_code == 302
