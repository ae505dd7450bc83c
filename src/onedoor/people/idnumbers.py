"""Check digits of the two numbers that identify everyone (一号): the resident ID number (居民身份证号码,
GB 11643-1999) and the unified social credit code (统一社会信用代码, GB 32100-2015) with its embedded
organisation code (组织机构代码, GB 11714-1997).

Pure functions, no database. `identify()` tells what a typed or scanned number is and whether it is valid;
the `*_check_char()` functions compute check characters (the demo generator uses them to make valid numbers).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

RESIDENT = "resident"
USCC = "uscc"

# First two digits of a GB/T 2260 area code: provinces, autonomous regions, municipalities, Taiwan, HK, Macao.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}
    | {"71", "81", "82"}
)
DIGITS = "0123456789"
RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_CHECK = "10X98765432"  # indexed by Σ mod 11
EARLIEST_BIRTH = date(1800, 1, 1)

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z; value = position (0–30)
USCC_VALUES = {c: i for i, c in enumerate(USCC_CHARSET)}
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
# Registration departments (登记管理部门): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教,
# 8 工会, 9 工商/市场监管, A 中央军委改革和编制办公室, N 农业, Y 其他.
USCC_DEPARTMENTS = frozenset("123456789ANY")

# GB 11714 values its characters in its own way: digits 0–9, letters A=10 … Z=35 (unlike the USCC charset).
ORG_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

CHINA = ZoneInfo("Asia/Shanghai")


def _formatted(template, params: dict[str, Any]) -> str:
    return str(template) % params


# A lazy "template % params": translated when rendered, in the language active then.
lazy_format = lazy(_formatted, str)

MESSAGES = {
    "empty": _("Please enter a resident ID number or a unified social credit code."),
    "length": _(
        "A resident ID number or a unified social credit code has 18 characters; this one has %(length)s."
    ),
    "old_format": _(
        "This is an old 15-digit ID number. Please use the 18-digit number on the current ID card."
    ),
    "characters": _("A resident ID number has 17 digits followed by a digit or X."),
    "province": _("The area code %(area)s does not start with a province code."),
    "birth_date": _("The birth date %(value)s does not exist."),
    "birth_future": _("The birth date %(value)s is in the future."),
    "birth_too_early": _("The birth date %(value)s is before 1800."),
    "check_char": _("The check digit is wrong: expected %(expected)s."),
    "uscc_characters": _(
        "A unified social credit code uses only digits and the letters A–H, J–N, P, Q, R, T, U, W, X and Y."
    ),
    "uscc_department": _("The first character %(char)s is not a registration department code."),
    "uscc_area": _("Characters 3 to 8 must be a 6-digit area code."),
    "org_code": _("The organisation code %(code)s is wrong: its check character should be %(expected)s."),
}


@dataclass(frozen=True)
class IdentityResult:
    """What `identify()` found. `message` is a lazy, localized reason when `valid` is false."""

    valid: bool
    kind: str | None
    number: str
    error: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    birth_date: date | None = None
    sex: str | None = None  # "M" or "F" (resident IDs only)
    region_code: str | None = None

    @property
    def message(self):
        if self.error is None:
            return None
        return lazy_format(MESSAGES[self.error], self.params)


def normalise(number: Any) -> str:
    """Surrounding spaces stripped, full-width characters folded (NFKC), lowercase letters raised."""
    if number is None:
        return ""
    return unicodedata.normalize("NFKC", str(number)).strip().upper()


# --- computing check characters -------------------------------------------------------------------


def resident_check_char(first17: str) -> str:
    """The MOD 11-2 check character of the first 17 digits of a resident ID number."""
    if len(first17) != 17 or any(c not in DIGITS for c in first17):
        raise ValueError("a resident ID number starts with 17 digits")
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_WEIGHTS, strict=True))
    return RESIDENT_CHECK[total % 11]


def uscc_check_char(first17: str) -> str:
    """The MOD 31 check character of the first 17 characters of a unified social credit code."""
    if len(first17) != 17 or any(c not in USCC_VALUES for c in first17):
        raise ValueError("a unified social credit code starts with 17 characters of its charset")
    total = sum(USCC_VALUES[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """The MOD 11 check character of an organisation code's first 8 characters (GB 11714)."""
    if len(first8) != 8 or any(c not in ORG_VALUES for c in first8):
        raise ValueError("an organisation code starts with 8 digits or capital letters")
    total = sum(ORG_VALUES[c] * w for c, w in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


# --- checking -------------------------------------------------------------------------------------


def today_in_china() -> date:
    """Birth dates are Chinese calendar dates: 'today' is today in China, wherever the server runs."""
    return datetime.now(CHINA).date()


def _fail(kind: str | None, number: str, error: str, **params: Any) -> IdentityResult:
    return IdentityResult(valid=False, kind=kind, number=number, error=error, params=params)


def check_resident(number: Any, *, today: date | None = None) -> IdentityResult:
    """Validate a resident ID number (GB 11643-1999) and derive birth date, sex and region code."""
    value = normalise(number)
    if not value:
        return _fail(RESIDENT, value, "empty")
    if len(value) == 15 and all(c in DIGITS for c in value):
        return _fail(RESIDENT, value, "old_format")
    if len(value) != 18:
        return _fail(RESIDENT, value, "length", length=len(value))
    if any(c not in DIGITS for c in value[:17]) or value[17] not in DIGITS + "X":
        return _fail(RESIDENT, value, "characters")
    if value[:2] not in PROVINCE_CODES:
        return _fail(RESIDENT, value, "province", area=value[:6])
    raw_date = value[6:14]
    shown = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:]}"
    try:
        birth = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        return _fail(RESIDENT, value, "birth_date", value=shown)
    if birth < EARLIEST_BIRTH:
        return _fail(RESIDENT, value, "birth_too_early", value=shown)
    if birth > (today or today_in_china()):
        return _fail(RESIDENT, value, "birth_future", value=shown)
    expected = resident_check_char(value[:17])
    if value[17] != expected:
        return _fail(RESIDENT, value, "check_char", expected=expected)
    sex = "M" if int(value[16]) % 2 else "F"
    return IdentityResult(
        valid=True, kind=RESIDENT, number=value, birth_date=birth, sex=sex, region_code=value[:6]
    )


def check_uscc(number: Any) -> IdentityResult:
    """Validate a unified social credit code (GB 32100-2015) and its organisation code (GB 11714)."""
    value = normalise(number)
    if not value:
        return _fail(USCC, value, "empty")
    if len(value) != 18:
        return _fail(USCC, value, "length", length=len(value))
    if any(c not in USCC_VALUES for c in value):
        return _fail(USCC, value, "uscc_characters")
    if value[0] not in USCC_DEPARTMENTS:
        return _fail(USCC, value, "uscc_department", char=value[0])
    if any(c not in DIGITS for c in value[2:8]):
        return _fail(USCC, value, "uscc_area")
    org_code = value[8:17]
    org_expected = org_code_check_char(org_code[:8])
    if org_code[8] != org_expected:
        return _fail(USCC, value, "org_code", code=org_code, expected=org_expected)
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        return _fail(USCC, value, "check_char", expected=expected)
    return IdentityResult(valid=True, kind=USCC, number=value, region_code=value[2:8])


def looks_like_resident(value: str) -> bool:
    """18 characters, the first 17 digits: meant as a resident ID number (a few USCCs share the shape)."""
    return len(value) == 18 and all(c in DIGITS for c in value[:17])


def identify(number: Any, *, today: date | None = None) -> IdentityResult:
    """Tell whether `number` is a valid resident ID number or unified social credit code.

    A number whose first 17 characters are digits is checked as a resident ID first; should it fail while
    being a valid USCC (government bodies' codes can be all digits), the USCC wins. Otherwise the resident
    ID's reason is given, since that is what such a number usually is.
    """
    value = normalise(number)
    if not value:
        return _fail(None, value, "empty")
    if len(value) == 15 and all(c in DIGITS for c in value):
        return _fail(RESIDENT, value, "old_format")
    if len(value) != 18:
        return _fail(None, value, "length", length=len(value))
    if looks_like_resident(value):
        resident = check_resident(value, today=today)
        if resident.valid:
            return resident
        uscc = check_uscc(value)
        return uscc if uscc.valid else resident
    return check_uscc(value)
