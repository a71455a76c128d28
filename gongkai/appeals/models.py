"""行政复议 and 行政诉讼 cases about an agency's disclosure decisions (表四 is counted from them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.appeals.rules import CASE_KIND_LABELS, RESULT_LABELS
from gongkai.foi.models import Application

KIND_CHOICES = [(k.value, label) for k, label in CASE_KIND_LABELS.items()]
RESULT_CHOICES = [(r.value, label) for r, label in RESULT_LABELS.items()]


class Source(models.TextChoices):
    REGISTERED = "registered", "工作人员登记"
    LEDGER = "ledger", "台账导入"


class Case(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="appeal_cases")
    number = models.CharField("案号", max_length=80)
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES)
    application = models.ForeignKey(
        Application, verbose_name="关联申请", null=True, blank=True, on_delete=models.PROTECT, related_name="appeal_cases"
    )
    # ledger-format.md §2: the date the agency learned of the case (材料收到之日).
    received_on = models.DateField("收到日期")
    concluded_on = models.DateField("结案日期", null=True, blank=True)
    decision = models.CharField("结案方式", max_length=40, blank=True, help_text="如：维持、撤销、判决驳回诉讼请求")
    result = models.CharField("结果", max_length=10, choices=RESULT_CHOICES, blank=True)
    note = models.TextField("备注", blank=True)
    source = models.CharField("来源", max_length=12, choices=Source.choices, default=Source.REGISTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "复议诉讼案件"
        verbose_name_plural = "复议诉讼案件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="appeal_case_unique_number"),
            # A concluded case has a result; a pending one has none (ledger-format.md §2).
            models.CheckConstraint(
                condition=(models.Q(concluded_on__isnull=True, result="") | (models.Q(concluded_on__isnull=False) & ~models.Q(result=""))),
                name="appeal_case_result_iff_concluded",
            ),
        ]
        indexes = [models.Index(fields=["agency", "received_on"])]

    def __str__(self) -> str:
        return f"{self.number}"

    @property
    def is_pending(self) -> bool:
        return self.concluded_on is None
