from django.conf import settings
from django.db import models


class Identity(models.Model):
    """What the provider vouches for about an account: the resident ID number, the name, and the trust level
    of the identity check (2 self-declared, 3 bank card or mobile operator, 4 face check, 5 certificate or
    counter check)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity")
    id_number = models.CharField(max_length=18, unique=True)
    name = models.CharField(max_length=60)
    level = models.PositiveSmallIntegerField(default=2)
    # The enterprises the account may act for, as the province's legal-person register says:
    # [{"uscc": …, "role": "legal_rep" | "agent"}] (法定代表人 / 授权经办人).
    enterprises = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.id_number} L{self.level}"
