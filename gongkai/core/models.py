"""The platform-wide audit log: who did what, when, to which record. Append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.append_only import AppendOnlyModel


class AuditEvent(AppendOnlyModel):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField("操作人", max_length=150, blank=True)
    # The tenant, kept as a plain id: core sits below agencies in the dependency order.
    agency_id = models.BigIntegerField("机关", null=True, blank=True, db_index=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象", max_length=64, blank=True)
    summary = models.CharField("摘要", max_length=500, blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.summary}"


class Sequence(models.Model):
    """A named counter (申请编号, 索引号 ...). Incremented under a row lock; never reused."""

    scope = models.CharField(max_length=120, unique=True)
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"

    def __str__(self) -> str:
        return f"{self.scope}={self.last}"
