"""互联网+监管: supervised entities and their grades, inspectors, 回避 records, plans, the
recorded draw (append-only) and the inspections it made, with their append-only log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.append_only import AppendOnlyModel, EventRecord
from gongkai.supervision.rules import Result


class SupervisedEntity(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="监管机关", on_delete=models.PROTECT, related_name="supervised_entities")
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=50, default="宗教活动场所")
    registration_no = models.CharField("登记编号", max_length=60, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    grade = models.CharField("信用等级", max_length=8)
    graded_on = models.DateField("评定日期", null=True, blank=True)
    is_active = models.BooleanField("在管", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "监管对象"
        verbose_name_plural = "监管对象"
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="supervised_entity_unique_name")]

    def __str__(self) -> str:
        return self.name


class Inspector(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="inspectors")
    name = models.CharField("姓名", max_length=50)
    cert_no = models.CharField("执法证号", max_length=40)
    is_active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "检查人员"
        verbose_name_plural = "检查人员"
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "cert_no"], name="inspector_unique_cert")]

    def __str__(self) -> str:
        return self.name


class Conflict(models.Model):
    """回避: the inspector must not inspect the entity (行政处罚法第四十三条)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    inspector = models.ForeignKey(Inspector, verbose_name="检查人员", on_delete=models.PROTECT, related_name="conflicts")
    entity = models.ForeignKey(SupervisedEntity, verbose_name="监管对象", on_delete=models.PROTECT, related_name="conflicts")
    reason = models.CharField("回避事由", max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "回避记录"
        verbose_name_plural = "回避记录"
        constraints = [models.UniqueConstraint(fields=["inspector", "entity"], name="conflict_unique_pair")]

    def __str__(self) -> str:
        return f"{self.inspector} 回避 {self.entity}"


class InspectionPlan(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="inspection_plans")
    title = models.CharField("计划名称", max_length=200)
    matter = models.CharField("抽查事项", max_length=200, default="宗教活动场所规范管理情况")
    starts_on = models.DateField("检查开始日期")
    ends_on = models.DateField("检查结束日期")
    per_entity = models.PositiveSmallIntegerField("每个对象的检查人员数", default=2)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "抽查计划"
        verbose_name_plural = "抽查计划"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def recorded_draw(self) -> PlanDraw | None:
        return PlanDraw.objects.filter(plan=self).first()


class PlanDraw(AppendOnlyModel):
    """The draw as it was made: seed, every input and the result. Never changed, so anyone
    can re-run the draw from this record and get the same result."""

    plan = models.OneToOneField(InspectionPlan, on_delete=models.PROTECT, related_name="draw")
    seed = models.BigIntegerField("随机种子")
    inputs = models.JSONField("抽取时的对象、人员、回避和比例")
    result = models.JSONField("抽取结果")
    drawn_on = models.DateField("抽取日期")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField("抽取人", max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "抽取记录"
        verbose_name_plural = "抽取记录"

    def __str__(self) -> str:
        return f"{self.plan_id} seed={self.seed}"


RESULT_CHOICES = list(Result.LABELS.items())


class Inspection(models.Model):
    """One entity drawn by a plan, with its inspectors. Fields after ``inspectors`` are the
    projection of its events, written only by ``supervision.operations``."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="inspections")
    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="inspections")
    entity = models.ForeignKey(SupervisedEntity, on_delete=models.PROTECT, related_name="inspections")
    grade_at_draw = models.CharField("抽取时信用等级", max_length=8)
    inspectors = models.JSONField("检查人员", default=list)  # [{"id": .., "name": .., "cert_no": ..}]
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    result = models.CharField("检查结果", max_length=16, choices=RESULT_CHOICES, blank=True)
    findings = models.TextField("发现的问题及处理", blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)

    class Meta:
        verbose_name = "检查任务"
        verbose_name_plural = "检查任务"
        ordering = ["plan", "entity__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "entity"], name="inspection_unique_entity")]
        indexes = [models.Index(fields=["agency", "published_on"])]

    def __str__(self) -> str:
        return f"{self.plan} · {self.entity}"

    @property
    def inspector_names(self) -> str:
        return "、".join(i["name"] for i in self.inspectors)


class InspectionEvent(EventRecord):
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("环节", max_length=20, choices=[("drawn", "抽取"), ("result", "登记检查结果"), ("published", "公示")])

    class Meta:
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.kind} {self.on}"
