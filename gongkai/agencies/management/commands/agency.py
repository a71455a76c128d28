"""``gongkai agency add|list``: register agencies from the command line."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency, Region
from gongkai.agencies.operations import add_agency
from gongkai.core.errors import OperationError


class Command(BaseCommand):
    help = "登记或列出机关。例：gongkai agency add --code 统一社会信用代码 --name 机关名称 --kind department"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="登记一个机关")
        add.add_argument("--code", required=True, help="统一社会信用代码（18位，含校验位）")
        add.add_argument("--name", required=True, help="机关全称")
        add.add_argument("--kind", choices=["department", "government"], default="department")
        add.add_argument("--region", help="所属行政区划代码（须已登记）")
        add.add_argument("--slug", help="门户网址标识（默认用信用代码）")
        sub.add_parser("list", help="列出已登记的机关")

    def handle(self, *args: object, **opts: object) -> None:
        if opts["action"] == "list":
            for a in Agency.objects.select_related("region"):
                self.stdout.write(f"{a.credit_code}\t{a.get_kind_display()}\t{a.name}\t{a.region or ''}")
            return
        region = None
        if opts.get("region"):
            region = Region.objects.filter(code=opts["region"]).first()
            if region is None:
                raise CommandError(f"行政区划 {opts['region']} 未登记")
        try:
            agency = add_agency(
                None,
                code=str(opts["code"]),
                name=str(opts["name"]),
                kind=str(opts["kind"]),
                region=region,
                slug=opts.get("slug") or None,  # type: ignore[arg-type]
            )
        except OperationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"已登记：{agency.name}（{agency.credit_code}）"))
