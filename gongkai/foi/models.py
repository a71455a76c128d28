"""依申请公开 records: applicants, applications, their append-only event log, attachments.

The event log is the truth of an application's life. ``Application`` keeps a projection of
it (the folded state and a few indexed columns for counting); the projection is written
only by ``foi.operations`` and can always be rebuilt from the events. The deadline is not
stored at all: it is computed on read from the state and the calendar.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.core.append_only import EventRecord
from gongkai.core.rules.identifiers import mask_id_number, mask_name, mask_phone
from gongkai.foi.rules.applicants import APPLICANT_KIND_LABELS
from gongkai.foi.rules.events import Consultation, ConsultationParty, Event, EventKind, State
from gongkai.foi.rules.fees import FeeMethod
from gongkai.foi.rules.outcomes import OUTCOMES
from gongkai.foi.rules.receipt import CHANNEL_LABELS, Channel

APPLICANT_KIND_CHOICES = [(k.value, label) for k, label in APPLICANT_KIND_LABELS.items()]
CHANNEL_CHOICES = [(c.value, label) for c, label in CHANNEL_LABELS.items()]
OUTCOME_CHOICES = [(o.key, o.short) for o in OUTCOMES]
EVENT_CHOICES = [(k.value, k.label) for k in EventKind]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他证件"
    NONE = "none", "未提供"


class Applicant(models.Model):
    """A person or organisation, recognised across applications by their ID number."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="applicants")
    kind = models.CharField("申请人类型", max_length=20, choices=APPLICANT_KIND_CHOICES)
    name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices, default=IdType.NONE)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "id_type", "id_number"],
                condition=~models.Q(id_number=""),
                name="applicant_unique_id_per_agency",
            )
        ]

    def __str__(self) -> str:
        return self.masked_name

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class Source(models.TextChoices):
    ONLINE = "online", "在线申请"
    REGISTERED = "registered", "工作人员登记"
    LEDGER = "ledger", "台账导入"


class Application(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="applications")
    number = models.CharField("申请编号", max_length=40)
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="applications")
    # The applicant's type is a fact of the application (表三 counts by it).
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=APPLICANT_KIND_CHOICES)
    channel = models.CharField("申请方式", max_length=20, choices=CHANNEL_CHOICES)
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    # 条例第二十九条第二款第二项: 名称、文号或者便于查询的其他特征性描述.
    content = models.TextField("所需政府信息的名称、文号或特征性描述", blank=True)
    # 条例第二十九条第二款第三项: 获取信息的方式、途径.
    form_requirement = models.CharField("获取信息的方式", max_length=40, blank=True)
    delivery = models.CharField("获取信息的途径", max_length=40, blank=True)
    pieces = models.PositiveSmallIntegerField(
        "计费件数", default=1, help_text="按“一事一申请”拆分后的件数（109号第四条），用于按件计收"
    )
    department = models.ForeignKey(Department, verbose_name="承办科室", null=True, blank=True, on_delete=models.SET_NULL)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    query_code_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # -- projection of the event log (written by operations only) -----------------------
    received_on = models.DateField("收到日期", null=True, blank=True)
    concluded_on = models.DateField("答复日期", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=32, choices=OUTCOME_CHOICES, blank=True)
    state = models.JSONField(default=dict, editable=False)
    events_folded = models.PositiveIntegerField(default=0, editable=False)
    # Clock and fee facts as columns, so the annual report counts a million applications in
    # one SQL pass (see annual_report.figures). Facts only: no deadline, nothing that
    # depends on the calendar.
    day0 = models.DateField("期限起算日", null=True, blank=True, editable=False)
    clock_workdays = models.PositiveSmallIntegerField(default=20, editable=False)
    clock_paused = models.BooleanField(default=False, editable=False)
    fee_paid_on = models.DateField(null=True, blank=True, editable=False)
    fee_collected = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="application_unique_number")]
        indexes = [
            models.Index(fields=["agency", "received_on"]),
            # Covering: the annual report lists late replies from the index alone (PostgreSQL;
            # other databases ignore INCLUDE).
            models.Index(
                fields=["agency", "concluded_on"],
                include=["day0", "clock_workdays", "clock_paused", "number"],
                name="application_reply_clock",
            ),
            models.Index(fields=["agency", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.number}"

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None

    def folded_state(self) -> State:
        return state_from_json(self.state)


class ApplicationEvent(EventRecord):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField("事项", max_length=32, choices=EVENT_CHOICES)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["application", "seq"]
        constraints = [models.UniqueConstraint(fields=["application", "seq"], name="event_unique_seq")]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.seq} {self.kind} {self.on}"

    def as_rule_event(self) -> Event:
        return Event(EventKind(self.kind), self.on, self.data)


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", "申请材料"
    CORRECTION = "correction", "补正材料"
    REPLY = "reply", "答复文书"
    OTHER = "other", "其他"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("类别", max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="foi/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name


# -- the projection: one function, used by operations, the ledger import and migrations ----

PROJECTION_FIELDS = (
    "received_on", "concluded_on", "outcome", "state", "events_folded",
    "day0", "clock_workdays", "clock_paused", "fee_paid_on", "fee_collected",
)  # fmt: skip


def project(app: Application, state: State, events_folded: int) -> None:
    """Set ``app``'s projection columns from its folded state (the caller saves)."""
    from gongkai.foi.rules import clock

    # The fee pause is included whatever the configuration says: a flag that is too
    # cautious only sends an application down the exact (slower) path of the report.
    inp = clock.clock_input(state, clock.ClockConfig(fee_period_stops_clock=True))
    app.received_on = state.received_on
    app.concluded_on = state.concluded_on
    app.outcome = state.outcome or ""
    app.state = state_to_json(state)
    app.events_folded = events_folded
    app.day0 = inp.day0 if inp else None
    app.clock_workdays = inp.workdays if inp else clock.BASE_WORKDAYS
    app.clock_paused = bool(inp and inp.pauses)
    app.fee_paid_on = state.fee_paid_on
    app.fee_collected = state.fee_amount if state.fee_paid_on else None


# -- (de)serialising the folded state for the projection ----------------------------------


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: Any) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def state_to_json(s: State) -> dict[str, Any]:
    return {
        "channel": s.channel.value if s.channel else None,
        "submitted_on": _iso(s.submitted_on),
        "received_on": _iso(s.received_on),
        "correction_requested_on": _iso(s.correction_requested_on),
        "correction_period": s.correction_period,
        "correction_received_on": _iso(s.correction_received_on),
        "consultations": [
            {"ref": c.ref, "party": c.party.value, "name": c.name, "start": _iso(c.start), "end": _iso(c.end)}
            for c in s.consultations
        ],
        "extended": s.extended,
        "extension_on": _iso(s.extension_on),
        "fee_method": s.fee_method.value if s.fee_method else None,
        "fee_units": s.fee_units,
        "fee_amount": str(s.fee_amount) if s.fee_amount is not None else None,
        "fee_notice_on": _iso(s.fee_notice_on),
        "fee_paid_on": _iso(s.fee_paid_on),
        "concluded_on": _iso(s.concluded_on),
        "outcome": s.outcome,
        "delivered_on": _iso(s.delivered_on),
        "imported": s.imported,
    }


def state_from_json(j: dict[str, Any]) -> State:
    if not j:
        return State()
    return State(
        channel=Channel(j["channel"]) if j.get("channel") else None,
        submitted_on=_date(j.get("submitted_on")),
        received_on=_date(j.get("received_on")),
        correction_requested_on=_date(j.get("correction_requested_on")),
        correction_period=j.get("correction_period"),
        correction_received_on=_date(j.get("correction_received_on")),
        consultations=tuple(
            Consultation(c["ref"], ConsultationParty(c["party"]), c["name"], _date(c["start"]), _date(c["end"]))  # type: ignore[arg-type]
            for c in j.get("consultations", [])
        ),
        extended=bool(j.get("extended")),
        extension_on=_date(j.get("extension_on")),
        fee_method=FeeMethod(j["fee_method"]) if j.get("fee_method") else None,
        fee_units=j.get("fee_units"),
        fee_amount=Decimal(j["fee_amount"]) if j.get("fee_amount") is not None else None,
        fee_notice_on=_date(j.get("fee_notice_on")),
        fee_paid_on=_date(j.get("fee_paid_on")),
        concluded_on=_date(j.get("concluded_on")),
        outcome=j.get("outcome"),
        delivered_on=_date(j.get("delivered_on")),
        imported=bool(j.get("imported")),
    )
