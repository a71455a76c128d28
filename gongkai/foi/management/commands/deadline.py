"""``gongkai deadline``: the statutory reply deadline for given dates (ledger-format.md §5)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.foi.rules import clock
from gongkai.workdays.services import current_calendar


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{what}“{value}”不是有效日期，应为YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "计算依申请公开答复期限。例：gongkai deadline --received 2026-09-28 --format json"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--received", required=True, help="收到申请日期（条例第三十一条）")
        parser.add_argument("--corrected", help="收到补正申请的日期（期限自此重新计算）")
        parser.add_argument(
            "--pause", action="append", default=[], metavar="START:END",
            help="不计入期限的期间，如征求意见：发函日期:结束日期（可重复）",
        )
        parser.add_argument("--extended", action="store_true", help="经批准延期（再加20个工作日）")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: object, **opts: object) -> None:
        received = _date(str(opts["received"]), "收到日期")
        day0, why = received, "收到申请"
        if opts.get("corrected"):
            day0 = _date(str(opts["corrected"]), "补正收到日期")
            if day0 < received:
                raise CommandError("补正收到日期不能早于收到日期")
            why = "收到补正后的申请，期限重新计算（条例第三十条）"
        pauses = []
        for spec in opts["pause"]:  # type: ignore[attr-defined]
            if ":" not in spec:
                raise CommandError(f"--pause “{spec}”应写成 开始日期:结束日期")
            start, end = spec.split(":", 1)
            s, e = _date(start, "暂停开始日期"), _date(end, "暂停结束日期")
            if e < s:
                raise CommandError(f"--pause “{spec}”的结束日期早于开始日期")
            pauses.append(clock.Pause(s, e, "征求意见等不计入期限的期间（条例第三十三条第三款）"))
        workdays = clock.BASE_WORKDAYS + (clock.EXTENSION_WORKDAYS if opts["extended"] else 0)
        result = clock.compute(clock.ClockInput(day0, why, workdays, tuple(pauses)), current_calendar())
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "deadline": result.deadline.isoformat() if result.deadline else None,
                        "provisional": result.provisional,
                        "unloaded_years": list(result.unloaded_years),
                        "workdays": workdays,
                        "explanation": list(result.explanation),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for line in result.explanation:
            self.stdout.write(line)
