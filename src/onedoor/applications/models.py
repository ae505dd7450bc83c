"""Online applications (网上申报) and their pre-review (材料预审). A logged-in citizen fills an item's form
(prefilled from settled data) and uploads its materials; a window generalist marks each material OK or "fix
needed" with a comment; the citizen fixes and resubmits; acceptance creates the case through the same service
as the window, with the channel recorded. Uploaded files live in the database with their application, so an
operation that rolls back never leaves a file behind."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class AppStatus(models.TextChoices):
    DRAFT = "draft", _("draft (草稿)")
    SUBMITTED = "submitted", _("waiting for pre-review (待预审)")
    FIX_NEEDED = "fix_needed", _("fix needed (需补正)")
    ACCEPTED = "accepted", _("accepted (已受理)")
    WITHDRAWN = "withdrawn", _("withdrawn (已撤回)")


EDITABLE_STATUSES = (AppStatus.DRAFT, AppStatus.FIX_NEEDED)
CHANNELS = ("online", "mobile")  # an application's channel, which its case keeps


class Review(models.TextChoices):
    PENDING = "pending", _("not reviewed yet")
    OK = "ok", _("OK")
    FIX = "fix", _("fix needed")


class Application(TenantModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The person who applies: the applicant, or the agent of `enterprise` (法人办事) when one is set.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="applications")
    enterprise = models.ForeignKey(
        "people.Enterprise", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT, related_name="applications")
    version = models.ForeignKey("catalog.ItemVersion", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, default="online")  # one of CHANNELS
    status = models.CharField(_("status"), max_length=12, choices=AppStatus.choices, default=AppStatus.DRAFT)
    form = models.JSONField(_("form"), default=dict)  # phone, address, purpose … (prefilled, then edited)
    identity_level = models.PositiveSmallIntegerField(_("identity level at submission"), default=0)
    rounds = models.PositiveSmallIntegerField(_("pre-review rounds"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        indexes = [
            models.Index(fields=["district", "status", "submitted_at"], name="application_queue"),
            models.Index(fields=["person", "-created_at"], name="application_by_person"),
        ]

    def __str__(self) -> str:
        return f"{self.version.name} ({self.get_status_display()})"


class Upload(models.Model):
    """The file a citizen gave for one material, with the pre-reviewer's finding. A new upload for the same
    material replaces the row's file and resets the finding."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="uploads")
    code = models.CharField(_("material code"), max_length=20)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(_("uploaded at"))
    review = models.CharField(_("finding"), max_length=8, choices=Review.choices, default=Review.PENDING)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    criteria = models.JSONField(_("criteria met"), default=dict)  # {criterion id: true/false}

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "code"], name="one_upload_per_material")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.filename}"
