"""Publication channels besides the portal, behind one adapter interface.

Today every channel is logged by hand (``ManualChannel``); an adapter that pushes through
an API (e.g. 微信公众号's) implements the same ``push`` and is named in
``settings.GONGKAI_PUBLISHING_CHANNELS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

PORTAL = "门户网站"
DEFAULT_CHANNELS = (("wechat", "微信公众号"), ("weibo", "政务微博"), ("app", "政务客户端"), ("gazette", "政府公报"), ("other", "其他渠道"))


@dataclass(frozen=True)
class PushResult:
    pushed_on: dt.date
    url: str = ""
    note: str = ""


class ChannelAdapter(Protocol):
    code: str
    label: str

    def push(self, entry: Any, *, pushed_on: dt.date, url: str = "", note: str = "") -> PushResult:
        """Publish ``entry`` on the channel (or confirm it was) and say when and where."""
        ...


@dataclass(frozen=True)
class ManualChannel:
    """A channel whose pushes staff do themselves and record here."""

    code: str
    label: str

    def push(self, entry: Any, *, pushed_on: dt.date, url: str = "", note: str = "") -> PushResult:
        return PushResult(pushed_on, url, note)


def channels() -> dict[str, ChannelAdapter]:
    """Configured channels: (code, label) pairs, or (code, label, dotted adapter class)."""
    out: dict[str, ChannelAdapter] = {}
    for item in getattr(settings, "GONGKAI_PUBLISHING_CHANNELS", None) or DEFAULT_CHANNELS:
        code, label, *cls = item
        out[code] = import_string(cls[0])(code, label) if cls else ManualChannel(code, label)
    return out
