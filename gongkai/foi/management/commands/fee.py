"""``gongkai fee``: the 信息处理费 for N pieces in one month or N pages (国办函〔2020〕109号)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.foi.rules import fees


class Command(BaseCommand):
    help = "计算信息处理费。例：gongkai fee --pieces 45 --format json；gongkai fee --pages 68"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--pieces", type=int, help="同一申请人一个自然月内累计申请件数（按件计收）")
        group.add_argument("--pages", type=int, help="一件申请提供信息的页数（按量计收）")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: object, **opts: object) -> None:
        if opts.get("pieces") is not None:
            n = int(opts["pieces"])  # type: ignore[arg-type]
            if n < 0:
                raise CommandError("件数不能为负")
            method, charges = fees.FeeMethod.PER_PIECE, fees.pieces_charges(1, n)
            basis = "国办函〔2020〕109号《政府信息公开信息处理费管理办法》第四条（按件计收）"
        else:
            n = int(opts["pages"])  # type: ignore[arg-type]
            if n < 0:
                raise CommandError("页数不能为负")
            method, charges = fees.FeeMethod.PER_PAGE, fees.pages_charges(n)
            basis = "国办函〔2020〕109号《政府信息公开信息处理费管理办法》第五条（按量计收）"
        amount = sum(c.subtotal for c in charges)
        payload = {
            "amount_yuan": fees.format_yuan(fees.Decimal(amount)),
            "method": method.value,
            "method_label": method.label,
            "units": n,
            "bands": [
                {"first": c.first, "last": c.last, "rate_yuan": c.rate, "count": c.count, "subtotal_yuan": c.subtotal}
                for c in charges
            ],
            "basis": basis,
        }
        if opts["format"] == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        unit = "件" if method is fees.FeeMethod.PER_PIECE else "页"
        for c in charges:
            span = f"第{c.first}{unit}" if c.first == c.last else f"第{c.first}—{c.last}{unit}"
            self.stdout.write(f"{span}：{c.count}{unit} × {c.rate}元 = {c.subtotal}元")
        self.stdout.write(f"{method.label}合计：{payload['amount_yuan']}元（{basis}）")
