"""The statutory date of receipt, fixed by channel (条例第三十一条)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Channel(StrEnum):
    IN_PERSON = "in_person"
    REGISTERED_POST = "registered_post"
    ORDINARY_POST = "ordinary_post"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def needs_confirmation(self) -> bool:
        """Channels whose receipt date is the day both sides confirm."""
        return self in CONFIRMATION_CHANNELS


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_POST: "邮寄（需签收）",
    Channel.ORDINARY_POST: "平常信函（无需签收）",
    Channel.ONLINE: "互联网（在线申请）",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    Channel.OTHER: "其他",
}

CONFIRMATION_CHANNELS = frozenset(
    {Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX, Channel.EMAIL, Channel.OTHER}
)

# The ledger's 申请方式 words (ledger-format.md §1). 邮寄 covers both kinds of post.
LEDGER_CHANNELS: dict[str, Channel] = {
    "当面": Channel.IN_PERSON,
    "邮寄": Channel.REGISTERED_POST,
    "网络": Channel.ONLINE,
    "传真": Channel.FAX,
    "电子邮件": Channel.EMAIL,
    "其他": Channel.OTHER,
}
CHANNEL_TO_LEDGER: dict[Channel, str] = {
    Channel.IN_PERSON: "当面",
    Channel.REGISTERED_POST: "邮寄",
    Channel.ORDINARY_POST: "邮寄",
    Channel.ONLINE: "网络",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    Channel.OTHER: "其他",
}


class ReceiptError(ValueError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def statutory_receipt_date(
    channel: Channel,
    *,
    submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> dt.date | None:
    """The 收到申请之日 for an application, or None while it awaits confirmation.

    # 条例第三十一条第一项: 当面提交的，以提交之日为收到申请之日。
    # 条例第三十一条第二项: 以邮寄方式提交的，以行政机关签收之日为收到申请之日；
    #   以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日
    #   与申请人确认，确认之日为收到申请之日。
    # 条例第三十一条第三项: 通过互联网渠道或者政府信息公开工作机构的传真提交的，
    #   以双方确认之日为收到申请之日。
    """
    if channel is Channel.IN_PERSON:
        if submitted_on is None:
            raise ReceiptError("当面提交的申请须填写提交日期（条例第三十一条第一项）", "submitted_on")
        return submitted_on
    if channel is Channel.REGISTERED_POST:
        if signed_on is None:
            raise ReceiptError("邮寄的申请须填写签收日期（条例第三十一条第二项）", "signed_on")
        return signed_on
    # Confirmation channels: the day of confirmation; before it there is no receipt date yet.
    if confirmed_on is not None and submitted_on is not None and confirmed_on < submitted_on:
        raise ReceiptError("确认收到日期不能早于提交日期", "confirmed_on")
    return confirmed_on
