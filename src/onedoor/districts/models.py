"""Districts (区, the tenant), service centres at three levels, windows, departments, back-end systems,
staff with roles, the district's calendar overrides and staff API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class District(models.Model):
    """A district government running OneDoor (租户). Region code per GB/T 2260, e.g. 440604 禅城区."""

    code = models.CharField(_("region code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    province = models.CharField(_("province"), max_length=60, blank=True)
    consultation_phone = models.CharField(_("consultation phone"), max_length=40, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=40, blank=True)
    # Bumped on every catalog publish so every process rebuilds its search index (one cheap read per query).
    catalog_revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CentreLevel(models.TextChoices):
    DISTRICT = "district", _("district (区)")
    STREET = "street", _("street / town (镇街)")
    COMMUNITY = "community", _("community (村居)")


class Centre(TenantModel):
    """A service centre (行政服务中心) at one of three levels."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=CentreLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("service centre")
        verbose_name_plural = _("service centres")
        constraints = [models.UniqueConstraint(fields=["district", "code"], name="centre_code_per_district")]
        ordering = ["district", "code"]

    def __str__(self) -> str:
        return self.name


class Window(TenantModel):
    """A generalist window (综合窗口) in a centre: any item of the district may be taken here."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="windows", verbose_name=_("centre")
    )
    number = models.CharField(_("number"), max_length=10)
    name = models.CharField(_("name"), max_length=60, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        constraints = [models.UniqueConstraint(fields=["centre", "number"], name="window_number_per_centre")]
        ordering = ["centre", "number"]

    def __str__(self) -> str:
        return f"{self.centre.name} {self.number}"


class Department(TenantModel):
    """A government department of the district (职能部门)."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="department_code_per_district")
        ]
        ordering = ["district", "code"]

    def __str__(self) -> str:
        return self.name


class BackendSystem(TenantModel):
    """A department's own back-end system (后台专业系统); connectors come in a later issue."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="systems", verbose_name=_("department")
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("back-end system")
        verbose_name_plural = _("back-end systems")
        constraints = [models.UniqueConstraint(fields=["district", "code"], name="system_code_per_district")]
        ordering = ["district", "code"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    WINDOW_GENERALIST = "window_generalist", _("window generalist (综合窗口人员)")
    UNDERTAKER = "undertaker", _("undertaker (承办)")
    REVIEWER = "reviewer", _("reviewer (审核)")
    APPROVER = "approver", _("approver (批准)")
    CHIEF_REPRESENTATIVE = "chief_representative", _("chief representative (首席代表)")
    SUPERVISOR = "supervisor", _("supervisor (监督)")
    ANALYST = "analyst", _("analyst (分析)")
    DISTRICT_ADMIN = "district_admin", _("district administrator (管理员)")


DEPARTMENT_ROLES = {Role.UNDERTAKER, Role.REVIEWER, Role.APPROVER, Role.CHIEF_REPRESENTATIVE}


class Staff(AbstractUser):
    """A staff account. Belongs to exactly one district; platform operators (superusers) to none."""

    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("district"),
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    centre = models.ForeignKey(
        Centre,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("centre"),
    )
    failed_logins = models.PositiveIntegerField(_("failed logins in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.display_name or self.username

    def role_set(self) -> set[str]:
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            cache = {(a.role, a.department_id) for a in self.roles.all()}
            self._role_cache = cache
        return {role for role, _dept in cache}

    def has_role(self, role: str, department_id: int | None = None) -> bool:
        self.role_set()
        if department_id is None:
            return any(r == role for r, _d in self._role_cache)
        return (role, department_id) in self._role_cache

    def department_ids(self) -> set[int]:
        self.role_set()
        return {d for _r, d in self._role_cache if d is not None}


class RoleAssignment(TenantModel):
    """One role held by a staff member, for one department where the role is departmental."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="roles", verbose_name=_("staff"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["staff", "role", "department"], name="role_once_per_department"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_role_display()}" + (
            f" · {self.department}" if self.department_id else ""
        )


class CalendarOverride(TenantModel):
    """A district's own working-day decision for a date, taking precedence over the national calendar.
    Used to enter the State Council's arrangement for a year the calendar library does not know yet."""

    date = models.DateField(_("date"))
    is_workday = models.BooleanField(_("is a working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        constraints = [models.UniqueConstraint(fields=["district", "date"], name="one_override_per_day")]
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("working day") if self.is_workday else _("rest day")
        return f"{self.date} {kind}"


class ApiToken(TenantModel):
    """A staff member's personal access token. Only the SHA-256 of the secret is stored."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("staff")
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.staff})"


class SigningKey(TenantModel):
    """A district's Ed25519 key for signing electronic certificates (电子证照签名密钥). The public half is
    published at /api/v1/keys/<district code>; the private half is stored encrypted with the key-encryption
    key (settings.KEY_ENCRYPTION_KEYS). One key is active per district; retired keys stay to verify what
    they signed."""

    key_id = models.CharField(_("key id"), max_length=16)
    public_key = models.CharField(_("public key"), max_length=64)
    private_key_encrypted = models.TextField(_("encrypted private key"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(fields=["district", "key_id"], name="signing_key_id_per_district"),
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(retired_at__isnull=True),
                name="one_active_signing_key_per_district",
            ),
        ]
        ordering = ["district", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.key_id} ({self.district})"
