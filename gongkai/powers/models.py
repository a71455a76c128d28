"""权责清单: an item is its code; what it says is its latest revision. Revisions are
append-only, so the list as of any past date can always be shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.append_only import AppendOnlyModel
from gongkai.powers.rules import Revision, RevisionKind

KIND_CHOICES = [(k.value, k.label) for k in RevisionKind]


class PowerItem(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="power_items")
    code = models.CharField("职权编码", max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "权责事项"
        verbose_name_plural = "权责事项"
        ordering = ["agency", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="power_item_unique_code")]

    def __str__(self) -> str:
        return self.code


class PowerRevision(AppendOnlyModel):
    item = models.ForeignKey(PowerItem, on_delete=models.PROTECT, related_name="revisions")
    seq = models.PositiveIntegerField()
    kind = models.CharField("调整类型", max_length=10, choices=KIND_CHOICES)
    effective_on = models.DateField("生效日期")
    name = models.CharField("职权名称", max_length=200)
    category = models.CharField("职权类型", max_length=20)
    legal_basis = models.TextField("设定依据", blank=True)
    department = models.CharField("承办科室", max_length=100, blank=True)
    review_transfer = models.BooleanField("审核转报", default=False)
    duties = models.JSONField("责任事项", default=list, blank=True)  # [{"stage": "受理责任", "duty": "..."}]
    accountability = models.TextField("追责情形", blank=True)
    reason = models.TextField("调整说明")
    document = models.CharField("调整依据（文件及文号）", max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField("经办人", max_length=150, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "权责清单调整记录"
        verbose_name_plural = "权责清单调整记录"
        ordering = ["item", "seq"]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="power_revision_unique_seq")]
        indexes = [models.Index(fields=["item", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.item_id}#{self.seq} {self.kind} {self.effective_on}"

    @property
    def kind_label(self) -> str:
        return RevisionKind(self.kind).label

    def as_rule(self) -> Revision:
        return Revision(self.seq, RevisionKind(self.kind), self.effective_on, self.name, self.category)
