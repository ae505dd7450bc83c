"""Every write of 好差评: pairing a window's rating pad, a rating of a visit or a case (and its one follow-up),
the rectification a bad rating opens and each of its steps, and the default ratings. Atomic, validated,
audited in the same transaction; writes carrying a client key are idempotent."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Role, Window
from onedoor.ratings import access, rules
from onedoor.ratings.models import (
    Channel,
    Rating,
    RatingPad,
    Rectification,
    RectificationStep,
    Source,
    Status,
)
from onedoor.tickets.models import Ticket, TicketStatus

PAD_PREFIX = "pad_"
KEY_MAX = 100
NOTE_MAX = 2000
RATEABLE_CASES = ("completed", "rejected")  # concluded with a decision (办结)

PROBLEMS = {
    "bad_level": _("Choose one of the five levels, 1 to 5."),
    "bad_channel": _("Unknown rating channel."),
    "bad_sub_score": _("A sub-score is not one of this channel's, or not from 1 to 5."),
    "overall_is_the_level": _("The overall sub-score is the level itself."),
    "bad_tag": _("A reason tag does not belong to this level."),
    "comment_too_long": _("The comment is too long (500 characters at most)."),
    "say_why": _("Say what was wrong: choose a reason or write a comment."),
}


def default_days() -> int:
    return settings.ONEDOOR_RATING_DEFAULT_DAYS


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_key(key: str | None) -> str:
    key = (key or "").strip()
    if len(key) > KEY_MAX:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    return key


# --- rating pads -----------------------------------------------------------------------------------------


@transaction.atomic
def pad_pair(*, staff, window: Window) -> tuple[RatingPad, str]:
    """A new pad for `window` (the previous one stops working); returns it and its secret, shown only now.
    The window's generalists, the centre's chief representatives and the district's admins pair pads."""
    roles = staff.role_set()
    if staff.district_id != window.district_id:
        raise Forbidden("other_district", _("This window belongs to another district."))
    at_centre = staff.centre_id == window.centre_id and roles & {
        Role.WINDOW_GENERALIST,
        Role.CHIEF_REPRESENTATIVE,
    }
    if not at_centre and Role.DISTRICT_ADMIN not in roles:
        raise Forbidden(
            "not_at_this_centre", _("Only the staff of this centre pair its windows' rating pads.")
        )
    now = clock.now()
    RatingPad.objects.filter(window=window, revoked_at__isnull=True).update(revoked_at=now)
    secret = PAD_PREFIX + secrets.token_urlsafe(32)
    pad = RatingPad.objects.create(
        district_id=window.district_id,
        window=window,
        prefix=secret[:12],
        digest=_digest(secret),
        paired_by=staff,
        paired_at=now,
    )
    audit(
        district=window.district,
        actor=staff,
        action="rating_pad.paired",
        obj=pad,
        data={"centre": window.centre.code, "window": window.number, "prefix": pad.prefix},
    )
    return pad, secret


def pad_authenticate(secret: str | None, *, with_window: bool = True) -> RatingPad | None:
    """The active pad holding this secret, with its district (and its window and centre, for the pages);
    None otherwise. Never cached: a pad replaced by pairing again stops at once."""
    if not secret or not secret.startswith(PAD_PREFIX) or len(secret) > 100:
        return None
    related = ("window__centre", "district") if with_window else ("district",)
    return (
        RatingPad.objects.select_related(*related)
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .first()
    )


# --- ratings ---------------------------------------------------------------------------------------------


@dataclass
class Submitted:
    rating: Rating
    replayed: bool = False
    rectification_id: int | None = None


def _validate(channel: str, level, sub_scores, tags, comment) -> tuple[int, dict, list, str]:
    sub_scores, tags, comment = dict(sub_scores or {}), list(tags or []), (comment or "").strip()
    if isinstance(level, bool) or not isinstance(level, int):
        level = 0
    if level in rules.LEVELS:
        sub_scores.setdefault("overall", level)
    problem = rules.check(channel, level, sub_scores, tags, comment)
    if problem is not None:
        raise DomainError(problem.code, PROBLEMS[problem.code], field=problem.field)
    return level, sub_scores, tags, comment


def _open_rectification(rating: Rating, actor) -> Rectification:
    contact_due, fix_due = rules.deadlines(calendar_for(rating.district), rating.rated_at)
    rectification = Rectification.objects.create(
        district_id=rating.district_id,
        rating=rating,
        department_id=rating.department_id,
        status=Status.OPEN,
        opened_at=rating.rated_at,
        contact_due=contact_due,
        fix_due=fix_due,
    )
    RectificationStep.objects.create(
        district_id=rating.district_id,
        rectification=rectification,
        at=rating.rated_at,
        actor=None,
        actor_label="system",
        action="open",
        to_status=Status.OPEN,
        data={"level": rating.level, "contact_due": contact_due.isoformat(), "fix_due": fix_due.isoformat()},
    )
    audit(
        district=rating.district,
        actor=actor,
        action="rectification.opened",
        obj=rectification,
        data={
            "rating": rating.pk,
            "department": rating.department_id,
            "contact_due": contact_due.isoformat(),
        },
    )
    return rectification


def _record(*, district, actor, key: str, existing, follow_up_of=None, **fields) -> Submitted:
    """Write the rating (and the rectification of a bad one) unless the visit or case is rated already: the
    same key again returns the first rating, another key is a conflict."""
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                district=district, submit_key=key, follow_up_of=follow_up_of, **fields
            )
            audit(
                district=district,
                actor=actor,
                action="rating.follow_up" if follow_up_of else "rating.submitted",
                obj=rating,
                data={"channel": rating.channel, "level": rating.level, "source": rating.source},
            )
            opened = None
            if rules.is_bad(rating.level) and follow_up_of is None and rating.source != Source.DEFAULT:
                opened = _open_rectification(rating, actor).pk
            return Submitted(rating, rectification_id=opened)
    except IntegrityError:
        first = existing()
        if first is None:
            raise
        if key and first.submit_key == key:
            opened = Rectification.objects.filter(rating=first).values_list("pk", flat=True).first()
            return Submitted(first, replayed=True, rectification_id=opened)
        if follow_up_of is not None:
            raise Conflict("follow_up_done", _("This rating has had its one follow-up already.")) from None
        raise Conflict("already_rated", _("This has been rated already: one rating each.")) from None


def _too_late(ended_at) -> bool:
    return ended_at is None or ended_at < clock.now() - timedelta(days=default_days())


def rating_for_visit(
    *, pad: RatingPad, ticket_id: int, level, sub_scores=None, tags=None, comment: str = "", key: str = ""
) -> Submitted:
    """The visitor's rating of the service a window just gave, from the window's own pad."""
    key = _check_key(key)
    ticket = (
        Ticket.objects.filter(pk=ticket_id, window_id=pad.window_id, status=TicketStatus.DONE)
        .values(
            "pk",
            "finished_at",
            "centre_id",
            "window_id",
            "department_id",
            "called_by_id",
            "case__person_id",
            "case__department_id",
        )
        .first()
    )  # plain values: the one read of the hot path (bench/ratings.py) builds no model
    if ticket is None:
        raise NotFound("visit_not_found", _("No visit served at this window with this ticket."))
    # Only the visit the pad is offering: served within the pad's minutes (a pad cannot rate, and so block,
    # another visitor's visit of the last days by changing the ticket it sends).
    asked_since = clock.now() - timedelta(minutes=settings.ONEDOOR_RATING_PAD_MINUTES)
    if _too_late(ticket["finished_at"]) or ticket["finished_at"] < asked_since:
        raise Conflict("rating_period_over", _("The time to rate this service is over."))
    level, sub_scores, tags, comment = _validate(Channel.WINDOW, level, sub_scores, tags, comment)
    return _record(
        district=pad.district,
        actor=None,
        key=key,
        existing=lambda: Rating.objects.filter(ticket_id=ticket["pk"], follow_up_of__isnull=True).first(),
        channel=Channel.WINDOW,
        ticket_id=ticket["pk"],
        person_id=ticket["case__person_id"],
        centre_id=ticket["centre_id"],
        window_id=ticket["window_id"],
        department_id=ticket["department_id"] or ticket["case__department_id"],
        officer_id=ticket["called_by_id"],
        level=level,
        sub_scores=sub_scores,
        tags=tags,
        comment=comment,
        source=Source.RATER,
        rated_at=clock.now(),
    )


def own_case(*, person, enterprise, number: str) -> Case:
    """The citizen's own case (or the enterprise's they act for), by number."""
    holder = {"enterprise": enterprise} if enterprise else {"person": person, "enterprise__isnull": True}
    case = (
        Case.objects.select_related("district", "department", "version")
        .filter(district_id=person.district_id, number=number, **holder)
        .first()
    )
    if case is None:
        raise NotFound("case_not_found", _("No such case of yours."))
    return case


def rating_for_case(
    *,
    person,
    enterprise=None,
    number: str,
    level,
    sub_scores=None,
    tags=None,
    comment: str = "",
    key: str = "",
) -> Submitted:
    """The applicant's online rating of their own concluded case."""
    key = _check_key(key)
    case = own_case(person=person, enterprise=enterprise, number=number)
    if case.status not in RATEABLE_CASES:
        raise Conflict("case_not_concluded", _("A case can be rated once it is concluded."))
    if _too_late(case.closed_at):
        raise Conflict("rating_period_over", _("The time to rate this service is over."))
    level, sub_scores, tags, comment = _validate(Channel.ONLINE, level, sub_scores, tags, comment)
    return _record(
        district=case.district,
        actor=None,
        key=key,
        existing=lambda: Rating.objects.filter(case=case, follow_up_of__isnull=True).first(),
        channel=Channel.ONLINE,
        case=case,
        person_id=person.pk,
        centre_id=case.centre_id,
        window_id=case.window_id,
        department_id=case.department_id,
        level=level,
        sub_scores=sub_scores,
        tags=tags,
        comment=comment,
        source=Source.RATER,
        rated_at=clock.now(),
    )


def _follow_up(original: Rating, *, actor, source: str, level, sub_scores, tags, comment, key) -> Submitted:
    rectification = getattr(original, "rectification", None)
    if rectification is None:
        raise Conflict("no_follow_up", _("Only a bad rating that was put right can be rated again."))
    if rectification.status != Status.CLOSED or original.excluded:
        raise Conflict("not_closed_yet", _("The rating can be followed up once its rectification is closed."))
    level, sub_scores, tags, comment = _validate(original.channel, level, sub_scores, tags, comment)
    return _record(
        district=original.district,
        actor=actor,
        key=key,
        existing=lambda: Rating.objects.filter(follow_up_of=original).first(),
        follow_up_of=original,
        channel=original.channel,
        ticket_id=original.ticket_id,
        case_id=original.case_id,
        person_id=original.person_id,
        centre_id=original.centre_id,
        window_id=original.window_id,
        department_id=original.department_id,
        officer_id=original.officer_id,
        level=level,
        sub_scores=sub_scores,
        tags=tags,
        comment=comment,
        source=source,
        rated_at=clock.now(),
    )


def rating_follow_up_case(
    *, person, enterprise=None, number: str, level, sub_scores=None, tags=None, comment="", key=""
) -> Submitted:
    """The applicant's one follow-up rating (追评) of their case, after the rectification is closed."""
    key = _check_key(key)
    case = own_case(person=person, enterprise=enterprise, number=number)
    original = Rating.objects.filter(case=case, follow_up_of__isnull=True).select_related("district").first()
    if original is None:
        raise NotFound("rating_not_found", _("This case has not been rated."))
    return _follow_up(
        original,
        actor=None,
        source=Source.RATER,
        level=level,
        sub_scores=sub_scores,
        tags=tags,
        comment=comment,
        key=key,
    )


def rating_follow_up_recorded(
    *, staff, rectification_id: int, level, sub_scores=None, tags=None, comment="", key=""
) -> Submitted:
    """The follow-up rating a visitor gave the department on the phone at its callback (回访), recorded by the
    department's staff: a window visitor has no other way back to the pad."""
    key = _check_key(key)
    rectification = _rectification(staff, rectification_id)
    access.access_act(staff, rectification, "close")
    return _follow_up(
        rectification.rating,
        actor=staff,
        source=Source.CALLBACK,
        level=level,
        sub_scores=sub_scores,
        tags=tags,
        comment=comment,
        key=key,
    )


# --- rectifications --------------------------------------------------------------------------------------

NOTE_NEEDED = {
    "contact": _("Say how the rater was contacted and what they said, or why they could not be reached."),
    "close": _("Say what was done to put it right."),
    "appeal": _("Give the reasons why the rating is malicious."),
    "decide_appeal": _("Give the reasons for the decision."),
}


def _rectification(staff, pk: int, *, lock: bool = False) -> Rectification:
    rows = Rectification.objects.select_related("rating", "district", "department")
    if lock:
        rows = rows.select_for_update(of=("self",))
    rectification = rows.filter(pk=pk, district_id=staff.district_id).first() if staff.district_id else None
    if rectification is None or not access.may_view(staff, rectification):
        raise NotFound("rectification_not_found", _("No such rectification."))
    return rectification


def rectification_act(
    *,
    staff,
    rectification_id: int,
    action: str,
    note: str = "",
    classification: str = "",
    upheld: bool | None = None,
    key: str = "",
    expected_revision: int | None = None,
) -> Rectification:
    """One step of a rectification: contact, classify, close, appeal (department), decide_appeal (supervisor).
    The same key again returns the rectification as that step left it."""
    key = _check_key(key)
    note = (note or "").strip()
    with transaction.atomic():
        rectification = _rectification(staff, rectification_id, lock=True)
        if key and rectification.steps.filter(key=key).exists():
            return rectification
        if action not in rules.BY_ACTION:
            raise DomainError("unknown_action", _("Unknown action."), action=action)
        access.access_act(staff, rectification, action)
        if expected_revision is not None and expected_revision != rectification.revision:
            raise Conflict("stale", _("Someone else acted on this rectification meanwhile: look again."))
        if action not in rules.allowed(rectification.status, rectification.appeal_status):
            raise Conflict(
                "not_allowed_now",
                _("This action is not allowed in the rectification's present state."),
                status=rectification.status,
                appeal=rectification.appeal_status,
            )
        if len(note) > NOTE_MAX:
            raise DomainError(
                "note_too_long", _("The note is too long (2,000 characters at most)."), field="note"
            )
        _apply(rectification, staff, action, note, classification, upheld)
        before = rectification.status
        rectification.status = rules.BY_ACTION[action].target or rectification.status
        if action == "decide_appeal" and upheld:
            rectification.status = Status.CLOSED
            rectification.closed_at = rectification.closed_at or clock.now()
        rectification.revision += 1
        rectification.save()
        RectificationStep.objects.create(
            district_id=rectification.district_id,
            rectification=rectification,
            at=clock.now(),
            actor=staff,
            actor_label=staff.username,
            action=action,
            from_status=before,
            to_status=rectification.status,
            note=note,
            data={"classification": classification}
            if action == "classify"
            else ({"upheld": bool(upheld)} if action == "decide_appeal" else {}),
            key=key,
        )
        audit(
            district=rectification.district,
            actor=staff,
            action=f"rectification.{action}",
            obj=rectification,
            reason=note,
            data={
                "from": before,
                "to": rectification.status,
                "classification": rectification.classification,
                "appeal": rectification.appeal_status,
            },
        )
        return rectification


def _apply(rectification: Rectification, staff, action: str, note: str, classification: str, upheld) -> None:
    now = clock.now()
    if action in NOTE_NEEDED and not note:
        raise DomainError("note_required", NOTE_NEEDED[action], field="note")
    if action == "contact":
        rectification.contacted_at = now
    elif action == "classify":
        if classification not in rules.CLASSIFICATIONS:
            raise DomainError(
                "classification_required",
                _("Classify the rating: fix now, fix within 15 working days, or unfounded."),
                field="classification",
            )
        if classification == rules.UNFOUNDED and not note:
            raise DomainError(
                "explanation_required",
                _("An unfounded rating needs an explanation of why it is unfounded."),
                field="note",
            )
        rectification.classification, rectification.classified_at = classification, now
        if note:
            rectification.explanation = note
    elif action == "close":
        rectification.closed_at = now
    elif action == "appeal":
        rectification.appeal_status = rules.APPEAL_PENDING
    elif action == "decide_appeal":
        if upheld is None:
            raise DomainError("outcome_required", _("Say whether the appeal is upheld or rejected."))
        filed = rectification.steps.filter(action="appeal").order_by("-at").first()
        if filed is not None and filed.actor_id == staff.pk:
            raise Forbidden("own_appeal", _("An appeal is decided by someone other than who filed it."))
        rectification.appeal_status = rules.APPEAL_UPHELD if upheld else rules.APPEAL_REJECTED
        if upheld:
            Rating.objects.filter(pk=rectification.rating_id).update(excluded=True)
            rectification.rating.excluded = True
