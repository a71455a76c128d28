"""统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999): validation and masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.rules.identifiers import (
    CREDIT_CODE_CHARSET,
    InvalidIdentifier,
    credit_code_check_char,
    mask_id_number,
    mask_name,
    mask_phone,
    normalise_credit_code,
    normalise_resident_id,
    resident_id_check_char,
)

TODAY = dt.date(2026, 11, 27)

# -- 统一社会信用代码 -------------------------------------------------------------------------------
# Check characters verified by hand. 91350100M000100Y43: indices 9,1,3,5,0,1,0,0,21(M),0,0,0,1,0,0,30(Y),4
# times weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 sum to 1640; 1640 mod 31 = 28;
# 31 − 28 = 3 → "3". 11620700MB1234567D: sum 1630, mod 31 = 18, 31 − 18 = 13 → "D".


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("91350100M000100Y43", "91350100M000100Y43"),
        ("11620700MB1234567D", "11620700MB1234567D"),
        ("11620700MB2345678Y", "11620700MB2345678Y"),
        ("91350100m000100y43", "91350100M000100Y43"),  # lower case is accepted
        (" 9135 0100 M000 100Y 43 ", "91350100M000100Y43"),  # so are spaces
    ],
)
def test_valid_credit_codes(value, normalised):
    assert normalise_credit_code(value) == normalised


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("91350100M000100Y44", "校验位不正确"),  # wrong check character
        ("91350100M000100Y34", "校验位不正确"),  # two characters swapped
        ("91350100M000100Y4", "应为18位，当前为17位"),
        ("91350100M000100Y433", "应为18位，当前为19位"),
        ("", "应为18位，当前为0位"),
        ("91350100M000100I43", "不允许的字符“I”"),  # I, O, Z, S, V are not used
        ("91350100M0001O0Y43", "不允许的字符“O”"),
        ("9135010SM000100Y43", "不允许的字符“S”"),
        ("91350100M000100Y4-", "不允许的字符“-”"),
    ],
)
def test_invalid_credit_codes(value, message):
    with pytest.raises(InvalidIdentifier, match=message):
        normalise_credit_code(value)


def test_a_credit_code_whose_region_part_is_not_digits_is_refused():
    # Positions 3–8 are the registering authority's 行政区划码 (GB 32100-2015 §4), six digits.
    first17 = "91AB0100M000100Y4"
    with pytest.raises(InvalidIdentifier, match="行政区划码"):
        normalise_credit_code(first17 + credit_code_check_char(first17))


credit_prefixes = st.tuples(
    st.text(alphabet=CREDIT_CODE_CHARSET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=CREDIT_CODE_CHARSET, min_size=9, max_size=9),
).map("".join)


@given(first17=credit_prefixes)
def test_exactly_one_check_character_completes_a_credit_code(first17):
    accepted = []
    for c in CREDIT_CODE_CHARSET:
        try:
            normalise_credit_code(first17 + c)
            accepted.append(c)
        except InvalidIdentifier:
            pass
    assert len(accepted) == 1


@given(first17=credit_prefixes, pos=st.integers(min_value=0, max_value=17), data=st.data())
def test_any_single_character_typo_in_a_credit_code_is_caught(first17, pos, data):
    code = first17 + credit_code_check_char(first17)
    wrong = data.draw(st.sampled_from([c for c in CREDIT_CODE_CHARSET if c != code[pos]]))
    with pytest.raises(InvalidIdentifier):
        normalise_credit_code(code[:pos] + wrong + code[pos + 1 :])


# -- 居民身份证号码 ----------------------------------------------------------------------------------
# 11010519491231002X is GB 11643-1999's own example: digits times 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2
# sum to 167; 167 mod 11 = 2 → "X". 620702199003150010: sum 232, mod 11 = 1 → "0".
# 440524188001010014 (the standard's other example, born 1880): sum 195, mod 11 = 8 → "4".


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),
        ("620702199003150010", "620702199003150010"),
        ("6207 0219 9003 1500 10", "620702199003150010"),
    ],
)
def test_valid_resident_ids(value, normalised):
    assert normalise_resident_id(value, today=TODAY) == normalised


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("110105194912310021", "校验位不正确"),  # wrong check character
        ("620702199003150011", "校验位不正确"),
        ("620702199003510010", "出生日期不存在"),  # 03-51
        ("110105194902300020", "出生日期不存在"),  # 02-30
        ("110105200102290020", "出生日期不存在"),  # 2001 is not a leap year
        ("110105191300010020", "出生日期不存在"),  # month 00
        ("440524188001010014", "出生日期不合理"),  # born 1880, check character right
        ("110105202701010020", "出生日期不合理"),  # born after today
        ("110105491231002", "应为18位，当前为15位"),  # the old 15-digit number
        ("11010519491231002XX", "应为18位，当前为19位"),
        ("11010519491231002Y", "最后一位为数字或X"),
        ("1101051949123100AX", "前17位应为数字"),
    ],
)
def test_invalid_resident_ids(value, message):
    with pytest.raises(InvalidIdentifier, match=message):
        normalise_resident_id(value, today=TODAY)


id_prefixes = st.tuples(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY).map(lambda d: f"{d:%Y%m%d}"),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
).map("".join)


@given(first17=id_prefixes)
def test_exactly_one_check_character_completes_a_resident_id(first17):
    accepted = []
    for c in "0123456789X":
        try:
            normalise_resident_id(first17 + c, today=TODAY)
            accepted.append(c)
        except InvalidIdentifier:
            pass
    assert len(accepted) == 1


@given(first17=id_prefixes, pos=st.integers(min_value=0, max_value=17), data=st.data())
def test_any_single_digit_typo_in_a_resident_id_is_caught(first17, pos, data):
    number = first17 + resident_id_check_char(first17)
    alphabet = "0123456789X" if pos == 17 else "0123456789"
    wrong = data.draw(st.sampled_from([c for c in alphabet if c != number[pos]]))
    with pytest.raises(InvalidIdentifier):
        normalise_resident_id(number[:pos] + wrong + number[pos + 1 :], today=TODAY)


# -- masking (个人信息保护法第五十一条) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("11010519491231002X", "1101**********002X"),
        ("91350100M000100Y43", "9135**********0Y43"),
        ("12345678", "1*******"),
        ("", ""),
    ],
)
def test_id_numbers_keep_only_their_ends(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("张三", "张*"),
        ("王小明", "王**"),
        ("欧阳娜娜", "欧***"),
        ("司马相如文", "司****"),
        ("李", "*"),
        ("", ""),
        # organisations stay recognisable by their first four characters
        ("张掖市统计局", "张掖市统**"),
        ("甘肃某某律师事务所", "甘肃某某****"),
        # a person's name written with the middle dot, however long, shows only its first character
        ("阿依古丽·买买提", "阿*******"),
        ("买买提·艾力", "买*****"),
    ],
)
def test_names_are_masked(value, masked):
    assert mask_name(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13912345678", "139****5678"), ("0936-8212345", "093*****2345"), ("12345", "*****"), ("", "")],
)
def test_phone_numbers_keep_only_their_ends(value, masked):
    assert mask_phone(value) == masked


@given(first17=id_prefixes)
def test_a_masked_id_number_hides_the_birth_date(first17):
    number = first17 + resident_id_check_char(first17)
    masked = mask_id_number(number)
    assert len(masked) == 18
    assert masked[6:14] == "********"
    assert sum(c != "*" for c in masked) == 8
