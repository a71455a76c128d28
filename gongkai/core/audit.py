"""Write to the audit log. Called by every operation inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.core.models import AuditEvent


def record(
    actor: Any,
    action: str,
    *,
    obj: models.Model | None = None,
    agency_id: int | None = None,
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_full_name() or actor.get_username()
    elif actor is None:
        label = "系统"
    else:
        label = "申请人（公众）"
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=label[:150],
        agency_id=agency_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        data=data or {},
    )
