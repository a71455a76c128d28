"""Helpers: 办件 made with the real operations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.service_catalog import operations as ops


def new_case(actor: Any, item: Any, *, on: dt.date, name: str = "张掖市大佛寺", kind: str = "organisation") -> Any:
    return ops.register_case(actor, item, ops.ApplicantData(kind, name, subject="场所改扩建"), submitted_on=on)


def licence_case(actor: Any, item: Any, *, on: dt.date, decision: str, name: str = "张掖市大佛寺", conclude: bool = True,
                 decided: dt.date | None = None, concluded: dt.date | None = None) -> Any:
    """A case accepted on ``on`` and decided (approved / denied / not_accepted) and concluded."""
    case = new_case(actor, item, on=on, name=name)
    if decision == "not_accepted":
        return ops.refuse_acceptance(actor, case, on=decided or on, reason="申请事项不属于本机关职权范围")
    ops.accept(actor, case, on=on)
    if decision == "approved":
        ops.approve(actor, case, on=decided or on)
    elif decision == "denied":
        ops.deny(actor, case, on=decided or on, reason="场所选址不符合宗教活动场所设置规划")
    if conclude and decision in ("approved", "denied"):
        ops.conclude(actor, case, on=concluded or decided or on, result_no=f"张民宗许〔{on.year}〕{case.pk}号" if decision == "approved" else "")
    case.refresh_from_db()
    return case
