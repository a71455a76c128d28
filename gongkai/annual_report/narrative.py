"""Draft text of sections 一 and 六, generated from the figures for staff to edit. Pure.

Section 五 is never drafted: it is written by people (evaluation.md §3 E). The sentences
quote the tables in the phrasing the D3 check reads back, so a draft always agrees with
its tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.foi.rules.outcomes import FAMILY_LABELS, Family


def _total(report: Mapping[str, Any], row: str) -> int:
    return int(report["table3"]["rows"][row][-1])


def _register_rows(fmt: F.ReportFormat) -> list[F.T2Row]:
    return [r for g in fmt.table2.groups for r in g.rows if r.source == "register"]


def _active_disclosure(report: Mapping[str, Any], fmt: F.ReportFormat) -> str:
    rows = _register_rows(fmt)
    t2 = report["table2"]
    if fmt.version == F.FORMAT_2021:
        made = "、".join(f"{r.label}{t2[r.key]['issued']}件" for r in rows)
        repealed = "、".join(f"{r.label}{t2[r.key]['repealed']}件" for r in rows)
        in_force = "、".join(f"{r.label}{t2[r.key]['in_force']}件" for r in rows)
        return f"（一）主动公开。本年制发{made}，废止{repealed}，截至年底现行有效{in_force}。"
    made = "、".join(f"{r.label}{t2[r.key]['made']}件" for r in rows)
    published = "、".join(f"{r.label}{t2[r.key]['published']}件" for r in rows)
    return f"（一）主动公开。本年新制作{made}，新公开{published}。"


def _applications(report: Mapping[str, Any], fmt: F.ReportFormat, timeliness: Mapping[str, Any]) -> str:
    families: dict[Family, int] = {}
    for r in fmt.table3.outcome_rows:
        fam = Family(r.key.split(".")[0])
        families[fam] = families.get(fam, 0) + _total(report, r.key)
    parts = [f"{FAMILY_LABELS[f]}{n}件" for f, n in families.items() if n]
    concluded = _total(report, "total")
    text = f"（二）依申请公开。本年新收政府信息公开申请{_total(report, 'new')}件，上年结转{_total(report, 'carried_in')}件；"
    if concluded:
        text += f"本年办结{concluded}件，其中{'、'.join(parts)}；"
    else:
        text += "本年没有办结的申请；"
    text += f"结转下年度继续办理{_total(report, 'carried_out')}件。"
    replied = int(timeliness.get("replied") or 0)
    if replied:
        overdue = int(timeliness.get("overdue") or 0)
        text += "本年答复的申请均在法定期限内答复。" if not overdue else f"本年答复的申请中，按期答复{timeliness['on_time']}件，逾期答复{overdue}件。"
    return text


def _appeals(report: Mapping[str, Any], fmt: F.ReportFormat) -> str:
    review_group, lit_group = fmt.table4.groups
    t4 = report["table4"]
    review = sum(int(t4[b.key]["total"]) for b in review_group.blocks)
    lit = sum(int(t4[b.key]["total"]) for b in lit_group.blocks)
    return f"（三）{review_group.label}、{lit_group.label}。本年因政府信息公开工作被申请{review_group.label}{review}件，被提起{lit_group.label}{lit}件。"


def draft_overview(report: Mapping[str, Any], fmt: F.ReportFormat, subject: str, timeliness: Mapping[str, Any]) -> str:
    year = report["year"]
    lead = f"{year}年，{subject}认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。"
    return "\n".join((lead, _active_disclosure(report, fmt), _applications(report, fmt, timeliness), _appeals(report, fmt)))


def fee_statement(cases: int, amount_yuan: str) -> str:
    """The 信息处理费 position (annual-report-format.md §6 item 1, fees.md §7)."""
    if cases == 0 or Decimal(amount_yuan) == 0:
        return f"按照{F.FEE_RULES_NAME}，本年度未收取信息处理费。"
    return f"按照{F.FEE_RULES_NAME}，本年度收取信息处理费共计{amount_yuan}元，涉及{cases}件。"


def draft_other(report: Mapping[str, Any]) -> str:
    fees = report["fees"]
    return fee_statement(int(fees["cases"]), str(fees["amount_yuan"]))
