"""``gongkai import_ledger --agency CODE FILE [--dry-run]``: import a 依申请公开台账."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.errors import OperationError
from gongkai.foi.ledger import find_agency, import_ledger


class Command(BaseCommand):
    help = (
        "导入依申请公开台账（.xlsx 或 UTF-8 编码的 .csv，表头见台账格式说明）。"
        "全部行校验通过才写入；有错误时逐条列出“第N行 [列名] 原因”，不导入任何记录。"
        "已有的申请编号按台账更新。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="台账文件（.xlsx 或 .csv）")
        parser.add_argument("--agency", required=True, help="机关的统一社会信用代码（或网址标识）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入数据库")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            agency = find_agency(opts["agency"])
            result = import_ledger(None, agency, opts["file"], dry_run=opts["dry_run"])
        except OperationError as exc:
            raise CommandError(exc.message) from None
        for warning in result.warnings:
            self.stderr.write(f"警告：{warning}")
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"台账有{len(result.errors)}处错误，未导入任何记录")
        counts = f"新增{result.created}件，更新{result.updated}件，未变化{result.unchanged}件"
        if result.dry_run:
            self.stdout.write(f"校验通过（试运行，未写入）：{agency.name} 将{counts}")
        else:
            self.stdout.write(self.style.SUCCESS(f"已导入{agency.name}的依申请公开台账：{counts}"))
