"""Back-office pages of the working-day calendar (national data, edited by 公开办管理员)."""

from __future__ import annotations

import calendar as pycal
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.core.errors import OperationError
from gongkai.workdays import operations
from gongkai.workdays.forms import DayForm, NoticeForm
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.services import current_calendar, missing_next_year


def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    can_edit = operations.can_edit_calendar(request.user)
    form = NoticeForm(request.POST or None, initial={"year": today.year + 1})
    if request.method == "POST":
        if not can_edit:
            messages.error(request, "只有公开办管理员可以维护工作日历")
            return redirect("workdays_index")
        if form.is_valid():
            try:
                cy = operations.load_year_from_notice(
                    request.user, year=form.cleaned_data["year"], source=form.cleaned_data["source"], text=form.cleaned_data["text"]
                )
            except OperationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已录入{cy.year}年节假日安排，所有答复期限已按新日历重新计算")
                return redirect("workdays_year", year=cy.year)
    years = CalendarYear.objects.order_by("-year")
    return render(
        request,
        "workdays/index.html",
        {"years": years, "form": form, "can_edit": can_edit, "missing_year": missing_next_year(today), "today": today},
    )


def year_view(request: HttpRequest, year: int) -> HttpResponse:
    can_edit = operations.can_edit_calendar(request.user)
    form = DayForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            messages.error(request, "只有公开办管理员可以维护工作日历")
            return redirect("workdays_year", year=year)
        if form.is_valid():
            d = form.cleaned_data
            try:
                operations.set_day(request.user, day=d["day"], kind=d["kind"] or None, name=d["name"])
            except OperationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已修改 {d['day']:%Y-%m-%d}")
                return redirect("workdays_year", year=year)
    cal = current_calendar()
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                if day in cal.makeup_workdays:
                    css, title = "gk-day--work", f"{cal.makeup_workdays[day]}调休上班"
                elif day in cal.holidays:
                    css, title = "gk-day--off", f"{cal.holidays[day]}放假"
                elif day.weekday() >= 5:
                    css, title = "gk-day--weekend", "周末"
                else:
                    css, title = "", "工作日"
                cells.append({"day": day, "css": css, "title": title})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    cy = CalendarYear.objects.filter(year=year).first()
    return render(
        request,
        "workdays/year.html",
        {"year": year, "cy": cy, "months": months, "form": form, "can_edit": can_edit,
         "days": cy.days.order_by("date") if cy else [], "prev": year - 1, "next": year + 1, "today": dt.date.today()},
    )
