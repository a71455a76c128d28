"""``gongkai export_ledger --agency CODE [--year Y] [--format csv|xlsx] [--out FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.errors import OperationError
from gongkai.foi.ledger import export_ledger, find_agency


class Command(BaseCommand):
    help = (
        "导出机关的依申请公开台账（表头与导入格式相同，按申请编号排序）。"
        "不指定 --out 时 CSV 写到标准输出。台账含申请人姓名和证件号码，请妥善保管。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="机关的统一社会信用代码（或网址标识）")
        parser.add_argument("--year", type=int, help="只导出收到日期在该年度的申请")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="文件格式（默认 csv）")
        parser.add_argument("--out", help="写入的文件；不指定时 CSV 写到标准输出")

    def handle(self, *args: Any, **opts: Any) -> None:
        fmt, out = opts["format"], opts.get("out")
        if fmt == "xlsx" and not out:
            raise CommandError("导出 xlsx 时请用 --out 指定文件")
        year = opts.get("year")
        if year is not None and not 2008 <= year <= 9999:
            raise CommandError(f"年度“{year}”不合理")
        try:
            agency = find_agency(opts["agency"])
            data = export_ledger(agency, fmt, year)
        except OperationError as exc:
            raise CommandError(exc.message) from None
        if not out:
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"无法写入{out}：{exc.strerror or exc}") from None
        self.stdout.write(self.style.SUCCESS(f"已导出{agency.name}的依申请公开台账到 {out}"))
