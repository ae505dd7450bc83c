"""Valid numbers for tests, built with the same check-character functions the demo generator uses."""

from onedoor.people.idnumbers import org_code_check_char, resident_check_char, uscc_check_char


def resident(body: str) -> str:
    """A valid resident ID number from its first 17 digits."""
    return body + resident_check_char(body)


def credit_code(org_body: str, head: str = "91440604") -> str:
    """A valid Chancheng credit code around an 8-character organisation code body."""
    body = head + org_body + org_code_check_char(org_body)
    return body + uscc_check_char(body)
