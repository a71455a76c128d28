"""gongkai audit FILE|DIR [--previous FILE] [--format json|html|xlsx] [--out FILE]

年报体检: reads a published annual report (HTML, TXT, DOCX, PDF, XLSX) or every report
in a folder, and prints its findings. The exit status is 0 when every file could be read,
even with findings (finding problems is the command's job); 1 when a file could not be read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.report_audit import output
from gongkai.report_audit.batch import audit_file, audit_path
from gongkai.report_audit.document import ReadError

FORMATS = ("json", "html", "xlsx")


class Command(BaseCommand):
    help = "年报体检：检查已发布的政府信息公开工作年度报告（一个文件或一个文件夹）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="年报文件（HTML、TXT、DOCX、PDF、XLSX）或文件夹")
        parser.add_argument("--previous", help="上一年度的年报文件，用于跨年度核对（D1、D2、E3）")
        parser.add_argument("--format", dest="kind", choices=FORMATS, default="json", help="输出格式")
        parser.add_argument("--out", help="输出文件；省略则写到标准输出")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["path"])
        if not path.exists():
            raise CommandError(f"找不到“{path}”")
        previous = None
        if opts.get("previous"):
            prev_path = Path(opts["previous"])
            if not prev_path.is_file():
                raise CommandError(f"找不到上一年度年报“{prev_path}”")
            try:
                previous = audit_file(prev_path)
            except ReadError as exc:
                raise CommandError(f"上一年度年报无法读取：{exc}") from None
        results, folder = audit_path(path, previous)
        if not results:
            raise CommandError(f"“{path}”中没有可读取的年报文件（支持 HTML、TXT、DOCX、PDF、XLSX）")
        kind = opts["kind"]
        if kind == "json":
            data = output.to_json(results, folder=folder).encode("utf-8")
        elif kind == "html":
            data = output.to_html(results, folder=folder).encode("utf-8")
        else:
            data = output.to_xlsx(results)
        if opts.get("out"):
            Path(opts["out"]).write_bytes(data)
            self.stderr.write(f"已写入 {opts['out']}（{len(results)}份报告）")
        elif kind == "xlsx":
            if sys.stdout.isatty():
                raise CommandError("XLSX 是二进制文件，请用 --out 指定输出文件")
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
        failed = [r for r in results if isinstance(r, output.Failed)]
        for r in failed:
            self.stderr.write(f"无法读取“{r.name}”：{r.message}")
        if failed:
            sys.exit(1)
