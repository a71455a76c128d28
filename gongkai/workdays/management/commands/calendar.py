"""``gongkai calendar``: show, seed and load the working-day calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.errors import OperationError
from gongkai.workdays import operations
from gongkai.workdays.models import CalendarYear, DayOverride


class Command(BaseCommand):
    help = "工作日历：status 查看已载入年份；show 年份；seed 载入内置日历；load-notice 录入国务院办公厅节假日通知"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="已载入的年份")
        show = sub.add_parser("show", help="列出某年的放假日和调休上班日")
        show.add_argument("year", type=int)
        sub.add_parser("seed", help="载入内置的2019—2026年日历（已有年份不变）")
        load = sub.add_parser("load-notice", help="从通知原文录入一年的节假日安排")
        load.add_argument("--year", type=int, required=True)
        load.add_argument("--file", required=True, help="通知原文（UTF-8文本）")
        load.add_argument("--source", default="", help="通知名称和文号")

    def handle(self, *args: object, **opts: object) -> None:
        action = opts["action"]
        if action == "status":
            for cy in CalendarYear.objects.order_by("year"):
                self.stdout.write(f"{cy.year}\t{cy.days.count()}条调整\t{cy.source}")
            today = dt.date.today()
            if today.month >= 11 and not CalendarYear.objects.filter(year=today.year + 1).exists():
                self.stdout.write(self.style.WARNING(f"提醒：{today.year + 1}年日历尚未载入，跨年期限将为暂定值。"))
        elif action == "show":
            for d in DayOverride.objects.filter(date__year=opts["year"]).order_by("date"):
                self.stdout.write(f"{d.date}\t{d.get_kind_display()}\t{d.name}")
        elif action == "seed":
            years = operations.seed_from_file(None)
            self.stdout.write(f"载入：{', '.join(map(str, years)) or '无（均已载入）'}")
        elif action == "load-notice":
            text = Path(str(opts["file"])).read_text(encoding="utf-8")
            try:
                cy = operations.load_year_from_notice(None, year=int(opts["year"]), source=str(opts["source"]), text=text)  # type: ignore[arg-type]
            except OperationError as exc:
                raise CommandError(exc.message) from None
            self.stdout.write(self.style.SUCCESS(f"已录入{cy.year}年：{cy.days.count()}条调整"))
