"""Named operations on the 权责清单: add an item, adjust it, remove it, restore it.

Each appends a dated, explained ``PowerRevision`` (append-only), in a transaction, after the
role check and the pure ``check_revision``, and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.powers import auth, services
from gongkai.powers.models import PowerItem, PowerRevision
from gongkai.powers.rules import Revision, RevisionError, RevisionKind, check_revision

CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z-]{2,39}$")


@dataclass(frozen=True)
class PowerData:
    name: str
    category: str
    legal_basis: str = ""
    department: str = ""
    review_transfer: bool = False
    duties: str = ""  # one line per stage: "受理责任：……"
    accountability: str = ""


def parse_duties(text: str) -> list[dict[str, str]]:
    """Lines "阶段：内容" → [{"stage", "duty"}]; a line without a colon is a duty of "其他"."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = re.split(r"[：:]", line, maxsplit=1)
        if len(parts) == 2 and parts[0].strip() and len(parts[0].strip()) <= 20:
            out.append({"stage": parts[0].strip(), "duty": parts[1].strip()})
        else:
            out.append({"stage": "其他", "duty": line})
    return out


def duties_text(duties: list[dict[str, str]]) -> str:
    return "\n".join(f"{d['stage']}：{d['duty']}" for d in duties)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise OperationError("生效日期不是有效日期（应为YYYY-MM-DD）", field="effective_on") from None


def _append(actor: Any, item: PowerItem, kind: RevisionKind, effective_on: Any, data: PowerData | None, reason: str, document: str) -> PowerRevision:
    day = _date(effective_on)
    with transaction.atomic():
        locked = PowerItem.objects.select_for_update().get(pk=item.pk)
        revisions = list(PowerRevision.objects.filter(item=locked).order_by("seq"))
        last = revisions[-1] if revisions else None
        if data is None:  # 取消 keeps the last wording
            data = PowerData(last.name, last.category, last.legal_basis, last.department, last.review_transfer,  # type: ignore[union-attr]
                             duties_text(last.duties), last.accountability)  # type: ignore[union-attr]
        new = Revision(len(revisions) + 1, kind, day, data.name.strip(), data.category)
        try:
            check_revision([r.as_rule() for r in revisions], new, services.categories(), reason or "")
        except RevisionError as exc:
            raise OperationError(exc.message, field=exc.field) from None
        if kind is not RevisionKind.REMOVED and len(data.legal_basis.strip()) < 4:
            raise OperationError("请填写设定依据（法律、法规、规章的名称和条款）", field="legal_basis")
        revision = PowerRevision.objects.create(
            item=locked, seq=new.seq, kind=kind.value, effective_on=day, name=data.name.strip(), category=data.category,
            legal_basis=data.legal_basis.strip(), department=data.department.strip(), review_transfer=data.review_transfer,
            duties=parse_duties(data.duties), accountability=data.accountability.strip(), reason=reason.strip(),
            document=(document or "").strip(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=(actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else "系统",
        )
        audit.record(actor, f"powers.{kind.value}", obj=locked, agency_id=locked.agency_id,
                     summary=f"权责清单{kind.label} {locked.code} {revision.name}（{day:%Y-%m-%d}起）：{reason.strip()}",
                     data={"seq": revision.seq, "effective_on": day.isoformat()})
    return revision


def add_item(actor: Any, agency: Agency, *, code: str, data: PowerData, effective_on: Any, reason: str, document: str = "") -> PowerItem:
    auth.require_edit(actor, agency)
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise OperationError("职权编码只能包含大写字母、数字和连字符，3到40位", field="code")
    with transaction.atomic():
        if PowerItem.objects.filter(agency=agency, code=code).exists():
            raise OperationError("本机关已有相同编码的权责事项", field="code")
        item = PowerItem.objects.create(agency=agency, code=code)
        _append(actor, item, RevisionKind.ADDED, effective_on, data, reason, document)
    return item


def adjust_item(actor: Any, item: PowerItem, *, data: PowerData, effective_on: Any, reason: str, document: str = "") -> PowerRevision:
    auth.require_edit(actor, item.agency)
    return _append(actor, item, RevisionKind.CHANGED, effective_on, data, reason, document)


def remove_item(actor: Any, item: PowerItem, *, effective_on: Any, reason: str, document: str = "") -> PowerRevision:
    auth.require_edit(actor, item.agency)
    return _append(actor, item, RevisionKind.REMOVED, effective_on, None, reason, document)


def restore_item(actor: Any, item: PowerItem, *, data: PowerData, effective_on: Any, reason: str, document: str = "") -> PowerRevision:
    auth.require_edit(actor, item.agency)
    return _append(actor, item, RevisionKind.ADDED, effective_on, data, reason, document)
