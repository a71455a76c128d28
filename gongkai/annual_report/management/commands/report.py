"""gongkai report --agency CODE --year Y --format json|html|docx|xlsx|pdf [--out FILE]
gongkai report --region CODE --year Y ...   (汇总: every agency of the region and below)

Prints the report (or writes it to --out). Checks that block publication are listed on
standard error; the exit status stays 0, since producing a draft is not an error.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from gongkai.agencies.models import Agency, Region
from gongkai.annual_report import checks, schema
from gongkai.annual_report.build import build_region_report, build_report
from gongkai.annual_report.formats import FORMAT_VERSIONS, FormatError
from gongkai.annual_report.render import FORMATS, render

BINARY = {"docx", "xlsx", "pdf"}


class Command(BaseCommand):
    help = "生成政府信息公开工作年度报告（JSON / HTML / DOCX / XLSX / PDF）"

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--agency", help="机关的统一社会信用代码或网址标识")
        who.add_argument("--region", help="行政区划代码：汇总该区划及下级所有机关")
        parser.add_argument("--year", type=int, required=True, help="报告年度（数据年度）")
        parser.add_argument("--format", dest="kind", choices=FORMATS, default="json", help="输出格式")
        parser.add_argument("--format-version", choices=FORMAT_VERSIONS, help="年报格式版本（默认按年度：2019、2020年度用2019版，2021年度起用2021版）")
        parser.add_argument("--out", help="输出文件；省略则写到标准输出")
        parser.add_argument("--today", help="以该日期（YYYY-MM-DD）判断发布期限，默认今天")

    def handle(self, *args: Any, **opts: Any) -> None:
        today = dt.date.fromisoformat(opts["today"]) if opts.get("today") else None
        try:
            if opts["agency"]:
                code = opts["agency"].strip()
                agency = Agency.objects.filter(Q(credit_code=code.upper()) | Q(slug=code)).first()
                if agency is None:
                    raise CommandError(f"没有找到机关“{code}”（请使用统一社会信用代码或网址标识）")
                report = build_report(agency, opts["year"], format_version=opts.get("format_version"), today=today)
            else:
                region = Region.objects.filter(code=opts["region"].strip()).first()
                if region is None:
                    raise CommandError(f"没有找到行政区划“{opts['region']}”")
                report = build_region_report(region, opts["year"], format_version=opts.get("format_version"), today=today)
        except FormatError as exc:
            raise CommandError(str(exc)) from None
        schema.validate(report)
        data = render(report, opts["kind"])
        if opts.get("out"):
            with open(opts["out"], "wb") as fh:
                fh.write(data)
            self.stderr.write(f"已写入 {opts['out']}（{len(data)} 字节）")
        elif opts["kind"] in BINARY:
            if sys.stdout.isatty():
                raise CommandError(f"{opts['kind'].upper()} 是二进制文件，请用 --out 指定输出文件")
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
        blocking = [r for r in report["checks"] if r["status"] == "fail" and r.get("blocking", True)]
        for r in report["checks"]:
            if r["status"] != "pass":
                self.stderr.write(f"[{r['id']} {'错误' if r['status'] == 'fail' else '提示'}] {r['message']}")
        if checks.blocks_publication(report["checks"]):
            self.stderr.write(f"有{len(blocking)}项错误，修正前不能发布。")
