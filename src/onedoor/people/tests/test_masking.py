from onedoor.people.masking import mask_id_number, mask_name, mask_phone, mask_uscc


def test_a_resident_id_number_keeps_its_area_and_last_four():
    assert mask_id_number("440604199001011234") == "440604********1234"
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_a_credit_code_keeps_its_first_six_and_last_four():
    assert mask_uscc("91350100M000100Y43") == "913501********0Y43"


def test_a_mobile_number_keeps_its_first_three_and_last_four():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""


def test_a_name_keeps_only_its_surname():
    assert mask_name("张三") == "张*"
    assert mask_name("张三丰") == "张**"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("欧阳修") == "欧阳*"


def test_short_or_odd_values_never_come_out_in_full():
    assert mask_id_number("12345") != "12345"
    assert "*" in mask_phone("12345")
    assert mask_name("张") == "张"
