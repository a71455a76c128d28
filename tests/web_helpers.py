"""Helpers for tests that drive the back office and the public pages through Django's Client.

Applications are made with the real operations (never by writing rows), so every fixture
application has the event log, projection and audit rows the views expect.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from html import unescape
from typing import Any

import pytest
from django.test import Client

from gongkai.core.rules.identifiers import resident_id_check_char

_serial = itertools.count(1)


def resident_id(n: int | None = None, *, born: dt.date = dt.date(1985, 6, 15)) -> str:
    """A valid 18-digit 居民身份证号码 (张掖市甘州区), different for each ``n``."""
    n = next(_serial) if n is None else n
    first17 = "620702" + born.strftime("%Y%m%d") + f"{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def bad_check_digit(number: str) -> str:
    """The same number with a wrong check character."""
    wrong = next(c for c in "0123456789X" if c != number[-1])
    return number[:-1] + wrong


def client_for(user: Any | None = None, **kwargs: Any) -> Client:
    c = Client(**kwargs)
    if user is not None:
        c.force_login(user)
    return c


def register_app(
    actor: Any,
    agency: Any,
    *,
    received: dt.date | None,
    name: str = "张三丰",
    id_number: str | None = None,
    content: str = "请公开2025年度宗教活动场所财政补助资金分配方案",
    channel: str = "in_person",
    submitted: dt.date | None = None,
    phone: str = "13912345678",
) -> tuple[Any, str]:
    """Register an application as ``actor``; ``received=None`` leaves it awaiting confirmation
    (channel must then be one that needs confirmation)."""
    from gongkai.foi import operations as ops

    applicant = ops.ApplicantData(
        kind="natural_person",
        name=name,
        id_type="resident_id",
        id_number=id_number if id_number is not None else resident_id(),
        phone=phone,
        address="甘肃省张掖市甘州区县府街1号",
    )
    request = ops.RequestData(content, "纸质", "邮寄")
    if channel == "in_person":
        return ops.register(actor, agency, applicant, request, channel=channel, submitted_on=received)
    return ops.register(
        actor, agency, applicant, request, channel=channel, submitted_on=submitted or received, confirmed_on=received
    )


def submit_online(agency: Any, *, name: str = "李四", content: str = "请公开本机关2025年政府信息公开工作年度报告底稿") -> tuple[Any, str]:
    from gongkai.foi import operations as ops

    applicant = ops.ApplicantData(kind="natural_person", name=name, id_type="resident_id", id_number=resident_id(), phone="0936-8212345")
    return ops.submit_online(agency, applicant, ops.RequestData(content, "电子数据", "电子邮件"))


@dataclass(frozen=True)
class Counts:
    """How many rows the tables that record activity hold."""

    applications: int
    events: int
    audit: int
    attachments: int
    applicants: int


def counts() -> Counts:
    from gongkai.core.models import AuditEvent
    from gongkai.foi.models import Applicant, Application, ApplicationEvent, Attachment

    return Counts(
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        AuditEvent.objects.count(),
        Attachment.objects.count(),
        Applicant.objects.count(),
    )


def text_of(response: Any) -> str:
    """The response body as text with tags removed and entities decoded (for "does the page
    say X" checks that must not depend on markup)."""
    html = response.content.decode("utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def body(response: Any) -> str:
    return response.content.decode("utf-8")


def any_text(response: Any) -> str:
    """Everything a response carries, as text: HTML, CSV (UTF-8 or GB18030), the XML inside
    an XLSX or DOCX download, a streamed file."""
    data = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            # character references too: openpyxl writes 王 as &#29579;
            return unescape("\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")))
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def valid_action_data(action: str, on: dt.date) -> dict[str, str]:
    """POST data that passes the form of each back-office action (whether the operation then
    accepts it depends on the role and the application's state)."""
    day = on.isoformat()
    data: dict[str, dict[str, str]] = {
        "confirm": {"on": day},
        "correction": {"on": day, "items": "请写明所需文件的文号或制发年份", "period_workdays": "15"},
        "corrected": {"on": day, "note": "申请人补充了文号"},
        "correction_expired": {"on": day},
        "consult": {"on": day, "party": "third_party", "name": "张掖市某某商贸有限公司"},
        "consult_end": {"on": day, "ref": "1", "result": "同意公开"},
        "extend": {"on": day, "reason": "需要调取档案室存档材料"},
        "fee": {"on": day, "method": "per_page", "units": "120"},
        "fee_paid": {"on": day, "receipt_no": "NO.0012345"},
        "fee_expired": {"on": day},
        "reply": {"on": day, "outcome": "open", "summary": "予以公开"},
        "deliver": {"on": day, "method": "邮寄"},
        "withdraw": {"on": day, "reason": "申请人书面撤回"},
        "note": {"text": "已电话联系申请人"},
    }
    if action not in data:
        raise AssertionError(f"tests/web_helpers.valid_action_data has no POST data for the new action “{action}”")
    return data[action]


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """The personas' passwords hashed with MD5: PBKDF2's million rounds cost seconds per test.
    Use with ``pytestmark = pytest.mark.usefixtures("fast_passwords")``."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fresh_caches() -> None:
    """Forget what earlier tests left in process-level caches:

    - statuses memoised by ``foi.services``, keyed by (pk, events folded, calendar version,
      today): a rolled-back test database hands out the same pks again;
    - the calendar cached by ``workdays.services``, trusted for RECHECK_SECONDS without
      asking the database: a year loaded by the previous test stays in force that long.
    """
    from gongkai.foi import services
    from gongkai.workdays import services as calendar_services

    memo = getattr(services, "_MEMO", None)
    if memo is not None:
        memo.clear()
    calendar_services.invalidate()
