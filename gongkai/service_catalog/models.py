"""政务服务事项 and 办件 (cases) with their append-only event log.

An item is the catalogue entry a 办事指南 is made from; it is edited in place by the
operations (every change in the audit log). A case's life is its ``CaseEvent`` rows; the
``Case`` row carries a projection of them (written only by ``service_catalog.operations``)
with the columns the 公示 list and 表二 count by. Time limits are not stored: they are
computed on read from the state and the working-day calendar in force.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.core.append_only import EventRecord
from gongkai.service_catalog.rules.cases import CaseEventKind, Decision, Event, State
from gongkai.service_catalog.rules.items import DEFAULT_ITEM_TYPES, ItemType

DECISION_CHOICES = [(d.value, d.label) for d in Decision]
EVENT_CHOICES = [(k.value, k.label) for k in CaseEventKind]


def item_types() -> tuple[ItemType, ...]:
    """The configured 事项类型 list (settings.GONGKAI_SERVICE_ITEM_TYPES, else the default)."""
    configured = getattr(settings, "GONGKAI_SERVICE_ITEM_TYPES", None)
    if not configured:
        return DEFAULT_ITEM_TYPES
    return tuple(ItemType(code, label) for code, label in configured)


def item_type_choices() -> list[tuple[str, str]]:
    return [(t.code, t.label) for t in item_types()]


def item_type_label(code: str) -> str:
    return dict(item_type_choices()).get(code, code)


class Publication(models.TextChoices):
    DRAFT = "draft", "未发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已停用"


class ServiceItem(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="实施机关", on_delete=models.PROTECT, related_name="service_items")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    type_code = models.CharField("事项类型", max_length=8, choices=item_type_choices)
    legal_basis = models.TextField("设定依据")
    conditions = models.TextField("受理条件", blank=True)
    procedure = models.TextField("办理流程", blank=True, default="受理 → 审批 → 办结")
    materials = models.TextField("申请材料", blank=True, help_text="每行一项")
    promised_workdays = models.PositiveSmallIntegerField("承诺时限（工作日）", default=0)
    legal_workdays = models.PositiveSmallIntegerField("法定时限（工作日）", default=20)
    instant = models.BooleanField("即办件", default=False)
    fee = models.CharField("收费标准", max_length=200, default="不收费")
    department = models.ForeignKey(Department, verbose_name="办理科室", null=True, blank=True, on_delete=models.SET_NULL)
    place = models.CharField("办理地点", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    publication = models.CharField("发布状态", max_length=12, choices=Publication.choices, default=Publication.DRAFT)
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"
        ordering = ["agency", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="service_item_unique_code")]
        indexes = [models.Index(fields=["agency", "publication"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def type_label(self) -> str:
        return item_type_label(self.type_code)

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]

    @property
    def is_published(self) -> bool:
        return self.publication == Publication.PUBLISHED


class ApplicantType(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Case(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="service_cases")
    item = models.ForeignKey(ServiceItem, verbose_name="事项", on_delete=models.PROTECT, related_name="cases")
    number = models.CharField("办件编号", max_length=32, unique=True)
    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_id_number = models.CharField("证件号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    subject = models.CharField("申请事由", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # -- projection of the event log (written by operations only) -----------------------
    item_type = models.CharField("事项类型", max_length=8, db_index=True)
    submitted_on = models.DateField("申请日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    decision = models.CharField("审批结果", max_length=16, choices=DECISION_CHOICES, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    result_no = models.CharField("证件编号或批准文号", max_length=80, blank=True)
    state = models.JSONField(default=dict, editable=False)
    events_folded = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "item_type", "concluded_on"]),
            models.Index(fields=["agency", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None

    @property
    def is_person(self) -> bool:
        return self.applicant_type == ApplicantType.PERSON

    def folded_state(self) -> State:
        return state_from_json(self.state)


class CaseEvent(EventRecord):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField("环节", max_length=20, choices=EVENT_CHOICES)

    class Meta:
        verbose_name = "办件记录"
        verbose_name_plural = "办件记录"
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="case_event_unique_seq")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.kind} {self.on}"

    def as_rule_event(self) -> Event:
        return Event(CaseEventKind(self.kind), self.on, self.data)


# -- (de)serialising the folded state ---------------------------------------------------------


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: Any) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def state_to_json(s: State) -> dict[str, Any]:
    return {
        "item_type": s.item_type,
        "instant": s.instant,
        "promised_workdays": s.promised_workdays,
        "legal_workdays": s.legal_workdays,
        "submitted_on": _iso(s.submitted_on),
        "accepted_on": _iso(s.accepted_on),
        "pauses": [[_iso(a), _iso(b)] for a, b in s.pauses],
        "decision": s.decision.value if s.decision else None,
        "decided_on": _iso(s.decided_on),
        "concluded_on": _iso(s.concluded_on),
        "result_no": s.result_no,
    }


def state_from_json(j: dict[str, Any]) -> State:
    if not j:
        return State()
    return State(
        item_type=j.get("item_type", ""),
        instant=bool(j.get("instant")),
        promised_workdays=int(j.get("promised_workdays") or 0),
        legal_workdays=int(j.get("legal_workdays") or 0),
        submitted_on=_date(j.get("submitted_on")),
        accepted_on=_date(j.get("accepted_on")),
        pauses=tuple((_date(a), _date(b)) for a, b in j.get("pauses", [])),  # type: ignore[misc]
        decision=Decision(j["decision"]) if j.get("decision") else None,
        decided_on=_date(j.get("decided_on")),
        concluded_on=_date(j.get("concluded_on")),
        result_no=j.get("result_no", ""),
    )
