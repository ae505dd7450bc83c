"""Writing notifications (in the transaction of the change that causes them) and sending them (the worker).

A person with a phone gets an SMS through the configured sender; one without gets the message on their "My
cases" page only (channel `site`, delivered as it is written). Bodies are Chinese: they go to Chinese phones."""

from __future__ import annotations

import logging

from django.db import transaction

from onedoor.applications.models import CHANNELS as ONLINE_CHANNELS
from onedoor.applications.models import Application
from onedoor.core import clock, writebehind
from onedoor.notifications.models import Notification, Topic
from onedoor.notifications.senders import sender

logger = logging.getLogger("onedoor.notifications")
MAX_ATTEMPTS = 5

_DECIDED = {"rejected": "不予办理", "revoked": "已撤销", "stopped": "已终止"}


def notify(
    *, person, topic: str, body: str, case=None, application=None, to: str | None = None
) -> Notification | None:
    if person is None:  # an enterprise's case: its agent is reached through the enterprise's own channels
        return None
    now = clock.now()
    phone = (person.phone if to is None else to or "").strip()
    notification = Notification(
        district_id=person.district_id,
        person=person,
        case=case,
        application=application,
        topic=topic,
        channel="sms" if phone else "site",
        to=phone,
        body=body,
        created_at=now,
        sent_at=None if phone else now,
        sender="" if phone else "site",
    )
    writebehind.insert(notification)
    return notification


def case_body(case, entry) -> tuple[str, str] | None:
    """The topic and text of the message a trail entry sends to the applicant, or None (pure)."""
    name, number = case.version.name, case.number
    if entry.action == "correct" and "corrects" in (getattr(entry, "payload", None) or {}):
        return None  # a correction of the trail's record (supervision), not news for the applicant
    if entry.action == "accept":
        if entry.to_status == "completed" or case.instant:
            return None  # finished at the window: the completion message says it all
        return Topic.ACCEPTED, (
            f"【一门式】您申请的“{name}”已受理，办件编号{number}，承诺{case.promised_days}个工作日内办结。"
        )
    if entry.to_status == "correction":
        return (
            Topic.CORRECTION,
            f"【一门式】办件{number}（{name}）需要补正：{entry.reason}。请按一次性告知补齐材料。",
        )
    if entry.to_status == "confirm":
        return None  # a decision waiting for its second approver has not taken effect: no news yet
    if entry.action == "approve" or (entry.action == "confirm" and entry.to_status != "rejected"):
        return Topic.DECISION, f"【一门式】办件{number}（{name}）已审批通过。"
    if entry.to_status in _DECIDED:
        # a confirmed rejection: the applicant reads its reason, not the approvers' exchange
        given = case.outcome_reason if entry.action == "confirm" else entry.reason
        reason = f"，理由：{given}" if given else ""
        return Topic.DECISION, f"【一门式】办件{number}（{name}）{_DECIDED[entry.to_status]}{reason}。"
    if entry.to_status == "completed":
        return Topic.COMPLETED, f"【一门式】办件{number}（{name}）已办结，可在“我的办件”查看或下载结果。"
    return None


def case_changed(case, entry) -> None:
    """Called by the trail for every entry, inside the change's transaction. The applicant is told; for an
    enterprise's case applied for online, the agent who applied."""
    message = case_body(case, entry)
    if message is None:
        return
    if case.person_id:
        notify(person=case.person, topic=message[0], body=message[1], case=case)
    elif case.enterprise_id and case.channel in ONLINE_CHANNELS:  # only these come from an application
        online = Application.objects.filter(case=case).select_related("person").first()
        if online is not None:
            phone = online.form.get("phone") or None
            notify(person=online.person, topic=message[0], body=message[1], case=case, to=phone)


def notifications_send(limit: int = 100) -> int:
    """Send up to `limit` queued messages through the sender; a failure is retried on the next round, up to
    MAX_ATTEMPTS. Returns how many were sent."""
    sent = 0
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
            .order_by("id")[:limit]
        )
        channel = sender()
        for row in rows:
            row.attempts += 1
            try:
                channel.send(row)
            except Exception as exc:  # a gateway refused or timed out: keep it queued
                row.error = f"{type(exc).__name__}: {exc}"[:300]
                logger.warning("notification %s not sent: %s", row.pk, row.error)
            else:
                row.sent_at, row.sender, row.error = clock.now(), channel.name, ""
                sent += 1
            row.save(update_fields=["attempts", "sent_at", "sender", "error"])
    return sent
