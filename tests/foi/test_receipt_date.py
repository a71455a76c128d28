"""条例第三十一条: the date of receipt, day 0 of every deadline, fixed by the channel."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.foi.rules.receipt import Channel, ReceiptError, statutory_receipt_date

D = dt.date
SUBMITTED, SIGNED, CONFIRMED = D(2026, 9, 25), D(2026, 9, 28), D(2026, 9, 29)


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        (Channel.IN_PERSON, SUBMITTED),  # 第一项: the day of submission
        (Channel.REGISTERED_POST, SIGNED),  # 第二项: the day the organ signs for it
        (Channel.ORDINARY_POST, CONFIRMED),  # 第二项: the day of confirmation with the applicant
        (Channel.ONLINE, CONFIRMED),  # 第三项: the day both sides confirm
        (Channel.FAX, CONFIRMED),
        (Channel.EMAIL, CONFIRMED),  # an internet channel: 第三项 controls
        (Channel.OTHER, CONFIRMED),  # 207号: otherwise the day both sides confirm
    ],
)
def test_each_channel_fixes_its_own_receipt_date(channel, expected):
    assert statutory_receipt_date(channel, submitted_on=SUBMITTED, signed_on=SIGNED, confirmed_on=CONFIRMED) == expected


@pytest.mark.parametrize("channel", [Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX, Channel.EMAIL, Channel.OTHER])
def test_confirmation_channels_have_no_receipt_date_until_confirmed(channel):
    assert channel.needs_confirmation
    assert statutory_receipt_date(channel, submitted_on=SUBMITTED) is None


@pytest.mark.parametrize(
    ("channel", "kwargs", "field", "message"),
    [
        (Channel.IN_PERSON, {}, "submitted_on", "当面提交的申请须填写提交日期"),
        (Channel.REGISTERED_POST, {"submitted_on": SUBMITTED}, "signed_on", "邮寄的申请须填写签收日期"),
        (Channel.ONLINE, {"submitted_on": SIGNED, "confirmed_on": SUBMITTED}, "confirmed_on", "确认收到日期不能早于提交日期"),
    ],
)
def test_missing_or_impossible_dates_are_refused_in_chinese(channel, kwargs, field, message):
    with pytest.raises(ReceiptError, match=message) as err:
        statutory_receipt_date(channel, **kwargs)
    assert err.value.field == field
