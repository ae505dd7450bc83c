"""Shared steps of the complaint tests: staff of a department, a supervisor, a logged-in citizen, calls."""

from __future__ import annotations

import uuid
from datetime import datetime

from onedoor.conftest import PASSWORD
from onedoor.core.calendar import SHANGHAI
from onedoor.districts import services as district_services
from onedoor.districts.models import Role

GOOD_REPLY = (
    "您好：经核查，您的不动产登记办件因缺少抵押权人同意书而暂停，窗口已于今日电话告知补正方式；"
    "材料补齐后我中心将在3个工作日内办结并短信通知您领取证书。"
)
QUESTION = (
    "不动产登记办件超过承诺时限仍未办结，窗口说在等材料，但没有人告诉我缺什么材料，请问什么时候能办好？"
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def day(value: str) -> str:
    """The calendar day, in China, of a moment the API gave."""
    return datetime.fromisoformat(value).astimezone(SHANGHAI).date().isoformat()


def department_staff(district, username, department, role=Role.UNDERTAKER):
    return district_services.staff_create(
        district=district, username=username, password=PASSWORD, roles=[(role, department)]
    )


def supervisor(district, username="sam"):
    return district_services.staff_create(
        district=district, username=username, password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


def citizen(client, person):
    session = client.session
    session["citizen"] = {
        "person": person.pk,
        "level": 4,
        "name": person.name,
        "enterprises": [],
        "acting": None,
    }
    session.save()
    return client


def key() -> dict:
    return {"HTTP_IDEMPOTENCY_KEY": uuid.uuid4().hex}


def file_online(client, person, headers=None, **body):
    citizen(client, person)
    data = {"kind": "complaint", "category": "delay", "subject": "办件超时", "text": QUESTION, **body}
    return client.post("/api/v1/complaints", data, content_type="application/json", **(headers or key()))


def post(client, bearer, staff, path, headers=None, **body):
    return client.post(
        f"/api/v1/complaints{path}",
        body,
        content_type="application/json",
        **bearer(staff),
        **(headers or key()),
    )
