"""Named operations on the working-day calendar. Audited; every deadline follows at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from gongkai.core import audit
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.workdays import services
from gongkai.workdays.models import CalendarYear, DayKind, DayOverride
from gongkai.workdays.notice import NoticeError, parse_notice

SEED_FILE = Path(__file__).parent / "data" / "cn_calendar.json"


def can_edit_calendar(user: Any) -> bool:
    """The calendar is national: platform operators and any 公开办管理员 may maintain it."""
    if user is None:  # command line (server operator)
        return True
    if getattr(user, "is_superuser", False):
        return True
    return bool(getattr(user, "is_authenticated", False) and user.memberships.filter(role="office_admin").exists())


def _require(user: Any) -> None:
    if not can_edit_calendar(user):
        raise NotAllowed("只有公开办管理员可以维护工作日历")


def _snapshot(year: int) -> dict[str, str]:
    return {
        d.isoformat(): f"{k}:{n}"
        for d, k, n in DayOverride.objects.filter(calendar_year__year=year).values_list("date", "kind", "name")
    }


def _replace_year(actor: Any, year: int, source: str, notice_text: str, holidays: dict[dt.date, str], workdays: dict[dt.date, str], action: str) -> CalendarYear:
    before = _snapshot(year)
    cy, _ = CalendarYear.objects.update_or_create(
        year=year,
        defaults={"source": source, "notice_text": notice_text, "updated_by": actor if getattr(actor, "pk", None) else None},
    )
    # Days of this notice may lie in the neighbouring year (元旦 from 12月30日): they are
    # stored under this notice, replacing any earlier entry for the same date.
    DayOverride.objects.filter(calendar_year=cy).delete()
    DayOverride.objects.filter(date__in=[*holidays, *workdays]).delete()
    DayOverride.objects.bulk_create(
        [DayOverride(calendar_year=cy, date=d, kind=DayKind.HOLIDAY, name=n) for d, n in holidays.items()]
        + [DayOverride(calendar_year=cy, date=d, kind=DayKind.WORKDAY, name=n) for d, n in workdays.items()]
    )
    after = _snapshot(year)
    services.invalidate()
    services.refresh_ordinals()
    audit.record(
        actor,
        action,
        obj=cy,
        summary=f"{year}年工作日历：{len(holidays)}个放假日，{len(workdays)}个调休上班日（{source}）",
        data={"before": before, "after": after},
    )
    services.invalidate()
    return cy


def load_year_from_notice(actor: Any, *, year: int, source: str, text: str) -> CalendarYear:
    """Enter a year from the text of the State Council's holiday notice."""
    _require(actor)
    if not 2000 <= year <= 2060:
        raise OperationError("年份应在2000至2060之间", field="year")
    try:
        arrangements = parse_notice(text, year)
    except NoticeError as exc:
        raise OperationError(str(exc), field="text") from None
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    for a in arrangements:
        for d in a.days_off:
            holidays[d] = a.name
        for d in a.makeup_workdays:
            workdays[d] = a.name
    with transaction.atomic():
        return _replace_year(actor, year, source.strip() or f"国务院办公厅关于{year}年部分节假日安排的通知", text, holidays, workdays, "workdays.year_loaded")


def set_day(actor: Any, *, day: dt.date, kind: str | None, name: str = "") -> None:
    """Mark one date as a holiday, a 调休上班日, or (kind=None) back to the weekday rule."""
    _require(actor)
    if kind is not None and kind not in DayKind.values:
        raise OperationError("类型只能是“放假”或“调休上班”", field="kind")
    if kind == DayKind.WORKDAY and day.weekday() < 5:
        raise OperationError(f"{day:%Y-%m-%d}本来就是工作日，不需要设为调休上班", field="day")
    if kind is not None and not name.strip():
        raise OperationError("请填写节日名称", field="name")
    with transaction.atomic():
        cy = CalendarYear.objects.filter(year=day.year).first()
        if cy is None:
            raise OperationError(f"{day.year}年的日历尚未建立，请先录入当年的节假日安排通知", field="day")
        before = DayOverride.objects.filter(date=day).values_list("kind", "name").first()
        DayOverride.objects.filter(date=day).delete()
        if kind is not None:
            DayOverride.objects.create(calendar_year=cy, date=day, kind=kind, name=name.strip())
        cy.save()  # bumps updated_at, which is the calendar's version
        services.invalidate()
        services.refresh_ordinals()
        audit.record(
            actor,
            "workdays.day_set",
            obj=cy,
            summary=f"{day:%Y-%m-%d} 设为{DayKind(kind).label if kind else '按星期规则'}{('（' + name + '）') if name else ''}",
            data={"date": day.isoformat(), "before": list(before) if before else None, "after": [kind, name] if kind else None},
        )
    services.invalidate()


def seed_from_file(actor: Any = None, path: Path = SEED_FILE, years: list[int] | None = None) -> list[int]:
    """Load the bundled calendar (generated from chinesecalendar) for years not yet loaded."""
    data = json.loads(path.read_text(encoding="utf-8"))
    loaded: list[int] = []
    with transaction.atomic():
        for y, entry in sorted(data["years"].items()):
            year = int(y)
            if years is not None and year not in years:
                continue
            if CalendarYear.objects.filter(year=year).exists():
                continue
            holidays = {dt.date.fromisoformat(d): n for d, n in entry["holidays"].items()}
            workdays = {dt.date.fromisoformat(d): n for d, n in entry["workdays"].items()}
            _replace_year(actor, year, data["source"], "", holidays, workdays, "workdays.year_seeded")
            loaded.append(year)
    return loaded
