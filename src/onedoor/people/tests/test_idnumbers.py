"""Check digits of resident ID numbers and unified social credit codes: the published vectors, the reasons
given for bad numbers, and properties over generated numbers."""

from datetime import date, timedelta

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from onedoor.people import idnumbers
from onedoor.people.idnumbers import (
    check_resident,
    check_uscc,
    identify,
    org_code_check_char,
    resident_check_char,
    uscc_check_char,
)

TODAY = date(2026, 6, 1)


def english(result) -> str:
    with translation.override("en"):
        return str(result.message)


# --- published vectors ----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_the_published_resident_id_numbers_are_valid(number):
    result = identify(number)
    assert result.valid
    assert result.kind == "resident"


def test_it_derives_birth_date_sex_and_region_from_a_resident_id_number():
    woman = identify("11010519491231002X")
    assert (woman.birth_date, woman.sex, woman.region_code) == (date(1949, 12, 31), "F", "110105")
    man = identify("440524188001010014")
    assert (man.birth_date, man.sex, man.region_code) == (date(1880, 1, 1), "M", "440524")


def test_the_published_credit_code_is_valid_and_its_variant_is_not():
    good = identify("91350100M000100Y43")
    assert good.valid and good.kind == "uscc" and good.region_code == "350100"
    assert not identify("91350100M000100Y4Z").valid


def test_the_published_organisation_code_has_check_character_4():
    assert org_code_check_char("M000100Y") == "4"


def test_the_check_characters_of_the_vectors_are_computed():
    assert resident_check_char("11010519491231002") == "X"
    assert resident_check_char("44052418800101001") == "4"
    assert uscc_check_char("91350100M000100Y4") == "3"


# --- normalisation --------------------------------------------------------------------------------


def test_a_lowercase_x_is_accepted_and_normalised():
    result = identify("11010519491231002x")
    assert result.valid and result.number == "11010519491231002X"


def test_surrounding_spaces_and_full_width_digits_are_normalised():
    assert identify("  440524188001010014\n").number == "440524188001010014"
    assert identify("４４０５２４１８８００１０１００１４").valid


def test_a_lowercase_credit_code_is_normalised():
    result = identify("91350100m000100y43")
    assert result.valid and result.number == "91350100M000100Y43"


# --- reasons --------------------------------------------------------------------------------------


def test_it_rejects_a_bad_check_digit_and_names_the_expected_one():
    result = identify("440524188001010015")
    assert not result.valid
    assert result.error == "check_char"
    assert english(result) == "The check digit is wrong: expected 4."


def test_it_rejects_a_wrong_credit_code_check_character_and_names_the_expected_one():
    result = identify("91350100M000100Y44")
    assert result.error == "check_char"
    assert "expected 3" in english(result)


def test_it_rejects_a_wrong_organisation_code_inside_a_credit_code():
    body = "91350100M000100Y5"
    result = check_uscc(body + uscc_check_char(body))
    assert result.error == "org_code"
    assert "M000100Y5" in english(result) and "4" in english(result)


@pytest.mark.parametrize(
    "number,error",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("12345", "length"),
        ("4" * 1000, "length"),
        ("440524800101001", "old_format"),
        ("99052418800101001X", "province"),
        ("10052418800101001X", "province"),
        ("440524199002300010", "birth_date"),
        ("440524179912310010", "birth_too_early"),
        ("44052418800101001A", "characters"),
    ],
)
def test_it_explains_why_a_resident_id_number_is_invalid(number, error):
    result = identify(number, today=TODAY)
    assert not result.valid
    assert result.error == error
    assert english(result)


def test_it_rejects_a_birth_date_in_the_future():
    tomorrow = TODAY + timedelta(days=1)
    body = f"440604{tomorrow:%Y%m%d}001"
    result = identify(body + resident_check_char(body), today=TODAY)
    assert result.error == "birth_future"
    assert "2026-06-02" in english(result)


def test_a_person_born_today_is_valid():
    body = f"440604{TODAY:%Y%m%d}001"
    assert identify(body + resident_check_char(body), today=TODAY).valid


@pytest.mark.parametrize("first", ["B", "0", "C"])
def test_it_rejects_an_unknown_registration_department(first):
    body = first + "1350100M000100Y4"
    result = check_uscc(body + uscc_check_char(body))
    assert result.error == "uscc_department"


def test_it_rejects_letters_outside_the_credit_code_charset():
    assert check_uscc("91350100M000100I43").error == "uscc_characters"


def test_garbage_gets_a_reason_not_an_exception():
    for garbage in [None, 12, "\x00" * 18, "<script>alert(1)</script>", "👍" * 18, "ß" * 18, "-" * 18]:
        result = identify(garbage)
        assert not result.valid
        assert english(result)


def test_the_reason_follows_the_active_language():
    result = identify("440524188001010015")
    with translation.override("en"):
        assert str(result.message).startswith("The check digit")


# --- properties -----------------------------------------------------------------------------------

provinces = st.sampled_from(sorted(idnumbers.PROVINCE_CODES))
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
birth_dates = st.dates(min_value=date(1800, 1, 1), max_value=TODAY)


@st.composite
def resident_bodies(draw):
    area = draw(provinces) + draw(st.text("0123456789", min_size=4, max_size=4))
    sequence = draw(st.text("0123456789", min_size=3, max_size=3))
    return f"{area}{draw(birth_dates):%Y%m%d}{sequence}"


@st.composite
def uscc_codes(draw):
    charset = idnumbers.USCC_CHARSET
    head = draw(st.sampled_from(sorted(idnumbers.USCC_DEPARTMENTS))) + draw(st.sampled_from(charset))
    area = draw(st.text("0123456789", min_size=6, max_size=6))
    org = draw(st.text(charset, min_size=8, max_size=8))
    body = head + area + org + org_code_check_char(org)
    return body + uscc_check_char(body)


@settings(max_examples=300)
@given(resident_bodies())
def test_any_body_with_a_real_province_and_date_plus_its_check_char_is_valid(body):
    result = check_resident(body + resident_check_char(body), today=TODAY)
    assert result.valid
    assert identify(body + resident_check_char(body), today=TODAY).kind == "resident"


@settings(max_examples=300)
@given(resident_bodies(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_changing_any_single_character_of_a_resident_id_number_makes_it_invalid(body, position, char):
    number = body + resident_check_char(body)
    if number[position] == char:
        return
    changed = number[:position] + char + number[position + 1 :]
    assert not check_resident(changed, today=TODAY).valid


@settings(max_examples=200)
@given(resident_bodies())
def test_a_lowercase_x_means_the_same_as_a_capital_x(body):
    number = body + resident_check_char(body)
    assert identify(number.lower(), today=TODAY) == identify(number, today=TODAY)


@settings(max_examples=300)
@given(uscc_codes())
def test_any_credit_code_built_with_both_check_characters_is_valid(code):
    assert check_uscc(code).valid
    assert identify(code).valid


@settings(max_examples=300)
@given(uscc_codes(), st.integers(0, 17), st.sampled_from(idnumbers.USCC_CHARSET))
def test_changing_any_single_character_of_a_credit_code_makes_it_invalid(code, position, char):
    if code[position] == char:
        return
    changed = code[:position] + char + code[position + 1 :]
    assert not check_uscc(changed).valid


@settings(max_examples=200)
@given(uscc_codes())
def test_a_lowercase_credit_code_means_the_same_as_an_uppercase_one(code):
    assert identify(code.lower()) == identify(code)


@given(st.text(max_size=60))
def test_identify_never_raises_on_any_text(text):
    result = identify(text)
    assert result.valid in (True, False)
