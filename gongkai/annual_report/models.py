"""What the annual report is computed from besides foi and appeals records.

- ``RegisteredDocument``: the register of 规章 and 行政规范性文件 with 成文日期 and 废止日期
  (表二 第二十条第（一）项). Read through ``register.DocumentRegister``, so the 主动公开
  catalogue can feed 表二 later behind the same interface.
- ``ManualFigure``: a figure typed by staff with a source note (行政许可、行政处罚、行政强制
  decisions, 行政事业性收费, the 2019-format items, or an adjustment of a computed cell).
- ``ReportText``: the human parts of one agency's report for one year: the narrative of
  sections 一, 五 and 六, the format version when overridden, and the publication date.
- ``ReportVersion`` and ``ReportDecision``: the frozen 定稿 versions and what became of
  each (published or returned); append-only.
- ``AnnualReportPage``: a year's report as a page of the agency's 主动公开 portal, whose
  revisions point to versions and go through the portal's review.

The first three are written only by ``annual_report.operations``, the others only by
``annual_report.publication`` and ``annual_report.review``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester

from gongkai.agencies.models import Agency
from gongkai.annual_report import formats
from gongkai.core.append_only import AppendOnlyModel

# 表二 第二十条第（一）项 rows fed by the register, with their official labels.
DOCUMENT_KIND_CHOICES = [
    (row.key, row.label) for g in formats.TABLE2_2021.groups for row in g.rows if row.source == "register"
]


_HEADINGS = {s.key: s.heading for s in formats.SECTIONS}


class RegisteredDocument(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="registered_documents")
    kind = models.CharField("类别", max_length=16, choices=DOCUMENT_KIND_CHOICES)
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    written_on = models.DateField("成文日期")
    published_on = models.DateField("公开日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "规章和规范性文件登记"
        verbose_name_plural = "规章和规范性文件登记"
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["agency", "kind", "written_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(repealed_on__isnull=True) | models.Q(repealed_on__gte=models.F("written_on")),
                name="document_repealed_after_written",
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_number or ''}{self.title}"


class ManualFigure(models.Model):
    """One typed figure of one agency's report for one year (the current value; every
    change is in the audit log with the previous value)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="manual_figures")
    year = models.PositiveIntegerField("年度")
    path = models.CharField("数据项", max_length=80, help_text="如 table2.penalty")
    value = models.CharField("数值", max_length=40)
    note = models.TextField("来源说明")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_by_label = models.CharField("录入人", max_length=150)
    entered_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "年报录入数据"
        verbose_name_plural = "年报录入数据"
        constraints = [models.UniqueConstraint(fields=["agency", "year", "path"], name="manual_figure_unique_path")]
        indexes = [models.Index(fields=["year", "path"])]

    def __str__(self) -> str:
        return f"{self.year} {self.path}={self.value}"


class ReportText(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_texts")
    year = models.PositiveIntegerField("年度")
    format_version = models.CharField("格式版本", max_length=4, blank=True, help_text="留空则按年度确定")
    overview = models.TextField(_HEADINGS["overview"], blank=True)
    problems = models.TextField(_HEADINGS["problems"], blank=True)
    other = models.TextField(_HEADINGS["other"], blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by_label = models.CharField("最后修改人", max_length=150, blank=True)

    class Meta:
        verbose_name = "年度报告文字"
        verbose_name_plural = "年度报告文字"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="report_text_unique_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


# -- 定稿 and publication ------------------------------------------------------------------------


class ReportVersion(AppendOnlyModel):
    """A finalised (定稿) version of one agency's report for one year: the report object and
    its rendered HTML, frozen when the 公开办管理员 finalised it. Never changed afterwards
    (append-only, in the model and in the database).

    ``check_context`` keeps what the checks read besides the object (the previous year's
    figures for D1/D2/E3 and the typed cells not yet entered for C6), so publication can run
    the same checks again on exactly this snapshot.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_versions")
    year = models.PositiveIntegerField("年度")
    number = models.PositiveIntegerField("稿次")
    report = models.JSONField("报告数据")
    html = models.TextField("报告HTML")
    digest = models.CharField("摘要（SHA-256）", max_length=64)
    check_context = models.JSONField("检查依据", default=dict)
    revision_note = models.TextField("修订说明", blank=True)
    finalised_on = models.DateField("定稿日期")
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finalised_by_label = models.CharField("定稿人", max_length=150)
    finalised_at = models.DateTimeField("定稿时间", auto_now_add=True)

    class Meta:
        verbose_name = "年报定稿"
        verbose_name_plural = "年报定稿"
        ordering = ["agency", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "number"], name="report_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度 第{self.number}稿"


class DecisionKind(models.TextChoices):
    PUBLISHED = "published", "批准发布"
    RETURNED = "returned", "退回修改"


class ReportDecision(AppendOnlyModel):
    """What became of one finalised version: published (with the published object and HTML,
    which carry the publication date and any revision notes) or returned. At most one per
    version; append-only like the version itself."""

    version = models.OneToOneField(ReportVersion, on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField("结果", max_length=16, choices=DecisionKind.choices)
    on = models.DateField("日期")
    reason = models.TextField("退回理由", blank=True)
    report = models.JSONField("发布的报告数据", null=True, blank=True)
    html = models.TextField("发布的报告HTML", blank=True)
    digest = models.CharField("摘要（SHA-256）", max_length=64, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by_label = models.CharField("审批人", max_length=150)
    decided_at = models.DateTimeField("审批时间", auto_now_add=True)

    class Meta:
        verbose_name = "年报审批"
        verbose_name_plural = "年报审批"
        indexes = [models.Index(fields=["kind", "on"])]

    def __str__(self) -> str:
        return f"{self.version} {self.get_kind_display()} {self.on:%Y-%m-%d}"


# -- the report's page in the 主动公开 portal -------------------------------------------------


class ReportPagePermissions(PagePermissionTester):
    """A report page is written only by 定稿 and goes live only through the review: nobody
    (superusers included) edits, copies, moves, deletes, publishes or unpublishes it by hand,
    and nobody submits it to the review from Wagtail's editor. Opening it in the editor leads
    to the report's back-office page (``wagtail_hooks.before_edit_page``), so ``can_edit``
    keeps Wagtail's answer: who may open it, not who may change it."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return False

    def can_copy(self) -> bool:
        return False

    def can_move(self) -> bool:
        return False

    def can_publish(self) -> bool:
        return False

    def can_unpublish(self) -> bool:
        return False

    def can_submit_for_moderation(self) -> bool:
        return False


class AnnualReportPage(Page):
    """One year's 政府信息公开工作年度报告 in the agency's 政府信息公开年报 column.

    Each 定稿 (``ReportVersion``) becomes a revision of this page pointing to it, submitted to
    the portal's review; the end of the review publishes the version (``publication``) and
    then this revision. The page shows the frozen publication (``ReportDecision.html``), never
    a draft: a live page whose version is not published answers 404.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+", editable=False)
    year = models.PositiveIntegerField("年度", editable=False)
    report_version = models.ForeignKey(ReportVersion, verbose_name="定稿", on_delete=models.PROTECT, related_name="+", editable=False)

    parent_page_types = ["publishing.ColumnPage"]
    subpage_types: list[str] = []
    is_creatable = False  # made by 定稿 only
    content_panels = [FieldPanel("title", read_only=True)]
    promote_panels: list[Any] = []
    settings_panels: list[Any] = []
    template = "annual_report/portal/report_page.html"

    class Meta:
        verbose_name = "政府信息公开工作年度报告（门户页面）"
        verbose_name_plural = "政府信息公开工作年度报告（门户页面）"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_page_unique_year")]

    def __str__(self) -> str:
        return self.title

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return ReportPagePermissions(user, self)

    def with_content_json(self, content: dict[str, Any]) -> AnnualReportPage:
        """The agency and year stay as the database has them, whatever revision is read."""
        obj = super().with_content_json(content)
        obj.agency_id, obj.year = self.agency_id, self.year
        return obj

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from gongkai.publishing.cache import serve_cached

        return serve_cached(self, request, lambda: super(AnnualReportPage, self).serve(request, *args, **kwargs))

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.annual_report.views import portal

        ctx = super().get_context(request, *args, **kwargs)
        ctx.update(portal.report_page_context(self, request))
        return ctx
