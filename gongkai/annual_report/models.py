"""What the annual report is computed from besides foi and appeals records.

- ``RegisteredDocument``: the register of 规章 and 行政规范性文件 with 成文日期 and 废止日期
  (表二 第二十条第（一）项). Read through ``register.DocumentRegister``, so the 主动公开
  catalogue can feed 表二 later behind the same interface.
- ``ManualFigure``: a figure typed by staff with a source note (行政许可、行政处罚、行政强制
  decisions, 行政事业性收费, the 2019-format items, or an adjustment of a computed cell).
- ``ReportText``: the human parts of one agency's report for one year: the narrative of
  sections 一, 五 and 六, the format version when overridden, and the publication date.

All three are written only by ``annual_report.operations``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.annual_report import formats

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
