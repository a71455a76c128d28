"""Chinese identifiers: 统一社会信用代码 and 居民身份证号码, validated by their check characters.

Pure functions, no Django import. Each returns the normalised value or raises
``InvalidIdentifier`` with a message in Chinese naming the problem.
"""

from __future__ import annotations

import datetime as dt
import re


class InvalidIdentifier(ValueError):
    """Raised with a Chinese message a clerk or citizen can act on."""


# GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》: 18 characters from a
# 31-character set (no I, O, Z, S, V); the 18th is a check character, mod 31.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters (GB 32100-2015 §4.1)."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    """Validate a 统一社会信用代码 and return it upper-cased without spaces."""
    code = re.sub(r"\s+", "", value or "").upper()
    if len(code) != 18:
        raise InvalidIdentifier(f"统一社会信用代码应为18位，当前为{len(code)}位")
    bad = [c for c in code if c not in CREDIT_CODE_CHARSET]
    if bad:
        raise InvalidIdentifier(f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用I、O、Z、S、V）")
    # GB 32100-2015 §4: positions 3–8 are the registering authority's 行政区划码 (six digits).
    if not code[2:8].isdigit():
        raise InvalidIdentifier("统一社会信用代码第3至8位应为登记管理机关的行政区划码（6位数字）")
    if credit_code_check_char(code[:17]) != code[17]:
        raise InvalidIdentifier("统一社会信用代码校验位不正确，请核对是否抄错")
    return code


# GB 11643-1999 《公民身份号码》: 17 digits + a check character, ISO 7064 MOD 11-2.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalise_resident_id(value: str, *, today: dt.date | None = None) -> str:
    """Validate an 18-digit 居民身份证号码 (also 港澳台居民居住证, same rule)."""
    number = re.sub(r"\s+", "", value or "").upper()
    if len(number) != 18:
        raise InvalidIdentifier(f"身份证号码应为18位，当前为{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidIdentifier("身份证号码前17位应为数字，最后一位为数字或X")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdentifier("身份证号码中的出生日期不存在") from None
    if born > (today or dt.date.today()) or born.year < 1900:
        raise InvalidIdentifier("身份证号码中的出生日期不合理")
    if resident_id_check_char(number[:17]) != number[17]:
        raise InvalidIdentifier("身份证号码校验位不正确，请核对是否抄错")
    return number


# Personal data shown outside need-to-know is masked (个人信息保护法第五十一条: 去标识化).
def mask_id_number(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


# The middle dot of transliterated personal names (阿依古丽·买买提): such a name is a person's,
# however long, never an organisation's.
_NAME_DOTS = "·•・‧∙"


def mask_name(value: str) -> str:
    """Keep the first character (surname or the start of an organisation's name)."""
    if not value:
        return ""
    if len(value) <= 1:
        return "*"
    if len(value) >= 6 and not any(c in value for c in _NAME_DOTS):  # organisation names stay readable at the start
        return value[:4] + "*" * min(4, len(value) - 4)
    return value[0] + "*" * (len(value) - 1)


def mask_phone(value: str) -> str:
    digits = value or ""
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
