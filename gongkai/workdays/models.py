"""The working-day calendar as data: one row per loaded year and one per dated exception.

The weekday rule (Mon–Fri) needs no rows. A ``DayOverride`` marks a statutory holiday
(every day off of the block, weekends included, so explanations can name it) or a
调休上班日 (a weekend day that is worked). Edited through ``workdays.operations`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    year = models.PositiveIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知")
    notice_text = models.TextField("通知原文", blank=True)
    updated_at = models.DateTimeField("最后修改", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class DayOverride(models.Model):
    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=40)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class WorkdayOrdinal(models.Model):
    """The calendar as an index for counting in SQL: for each day of 2000–2060, how many
    working days fall on or before it (``ord``) and before it (``ord_before``).

    Derived from the two tables above and rebuilt with them (``services.refresh_ordinals``)
    so that "is this reply within its 20 working days" becomes an integer comparison the
    database can do over a million applications: a reply on day R to an application with
    day 0 D and N working days is on time iff ord_before(R) < ord(D) + N.
    """

    day = models.DateField(primary_key=True)
    ord = models.IntegerField()
    ord_before = models.IntegerField()

    class Meta:
        verbose_name = "工作日序号"
        verbose_name_plural = "工作日序号"

    def __str__(self) -> str:
        return f"{self.day} #{self.ord}"


class OrdinalState(models.Model):
    """The calendar version the ordinal table was built from (one row)."""

    version = models.CharField(max_length=100)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.version
