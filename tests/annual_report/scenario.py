"""A realistic year of one agency, built through the named operations.

Used by the rendering tests and for looking at the PDF. ``seed_year`` returns the list of
application facts it created, so tests can count them independently.
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass
from typing import Any

from gongkai.annual_report import operations as report_ops
from gongkai.appeals import operations as appeal_ops
from gongkai.foi import operations as ops

D = dt.date


@dataclass(frozen=True)
class Spec:
    kind: str
    received: dt.date
    concluded: dt.date | None = None
    outcome: str | None = None
    extend_on: dt.date | None = None
    consult: tuple[dt.date, dt.date] | None = None
    fee_pages: int | None = None  # 按量计收 with this many pages; paid on ``fee_paid``
    fee_paid: dt.date | None = None
    correction: tuple[dt.date, dt.date | None] | None = None  # (requested, received or None)


# 2023 carry-over and the 2024 applications of the demo agency.
SPECS: tuple[Spec, ...] = (
    Spec("natural_person", D(2023, 12, 18), D(2024, 1, 10), "open"),
    Spec("natural_person", D(2023, 12, 25), D(2024, 1, 19), "unable.not_held"),
    Spec("commercial", D(2023, 12, 27), D(2024, 2, 20), "partial", extend_on=D(2024, 1, 22)),
    Spec("natural_person", D(2024, 1, 8), D(2024, 1, 26), "open"),
    Spec("natural_person", D(2024, 2, 19), D(2024, 3, 8), "open"),
    Spec("natural_person", D(2024, 3, 4), D(2024, 3, 22), "unable.not_held"),
    Spec("natural_person", D(2024, 3, 11), D(2024, 4, 2), "partial"),
    Spec("natural_person", D(2024, 3, 25), D(2024, 5, 20), "open"),  # late: no extension
    Spec("research", D(2024, 4, 8), D(2024, 4, 26), "open", fee_pages=68, fee_paid=D(2024, 4, 15)),
    Spec("natural_person", D(2024, 4, 15), D(2024, 5, 27), "deny.third_party", consult=(D(2024, 4, 22), D(2024, 5, 10))),
    Spec("natural_person", D(2024, 5, 6), D(2024, 5, 20), "noproc.petition"),
    Spec("legal_services", D(2024, 5, 13), D(2024, 6, 3), "open"),
    Spec("natural_person", D(2024, 6, 3), D(2024, 6, 21), "unable.need_creation"),
    Spec("natural_person", D(2024, 6, 17), None, "other.no_correction", correction=(D(2024, 6, 19), None)),
    Spec("commercial", D(2024, 7, 1), D(2024, 7, 19), "deny.process"),
    Spec("natural_person", D(2024, 7, 15), D(2024, 8, 2), "open"),
    Spec("natural_person", D(2024, 8, 5), D(2024, 8, 9), "other.other"),
    Spec("public_interest", D(2024, 8, 19), D(2024, 9, 6), "open"),
    Spec("natural_person", D(2024, 9, 2), D(2024, 9, 20), "noproc.repeat"),
    Spec("natural_person", D(2024, 9, 23), D(2024, 10, 18), "unable.not_held"),
    Spec("natural_person", D(2024, 10, 14), None, "other.no_fee", fee_pages=120),
    Spec("commercial", D(2024, 10, 28), D(2024, 11, 15), "partial", correction=(D(2024, 10, 30), D(2024, 11, 4))),
    Spec("natural_person", D(2024, 11, 11), D(2024, 11, 29), "open"),
    Spec("other_org", D(2024, 11, 25), D(2024, 12, 13), "open"),
    Spec("natural_person", D(2024, 12, 9), D(2024, 12, 27), "unable.not_held"),
    Spec("natural_person", D(2024, 12, 20)),  # carried into 2025
    Spec("commercial", D(2024, 12, 26)),  # carried into 2025
)

PROBLEMS_2024 = (
    "（一）存在的主要问题\n"
    "一是政策解读形式单一，全年发布的12篇政策解读中仅2篇采用图解形式，解读材料与政策文件同步发布率为75%。\n"
    "二是依申请公开办理时效有待提升，全年有1件申请因内部流转环节多而超过法定期限答复。\n"
    "三是网站“法定主动公开内容”栏目更新不及时，3个子栏目超过6个月未更新。\n"
    "（二）改进情况\n"
    "一是2025年6月底前制定政策解读工作规程，重要政策文件一律同步发布图解或问答，由办公室牵头落实。\n"
    "二是建立依申请公开办理台账周调度制度，答复期限届满前5个工作日由专人提醒承办科室。\n"
    "三是每季度开展一次栏目内容核查，清理空白栏目，更新情况纳入科室年度考核。"
)

OVERVIEW_EXTRA = (
    "（四）政府信息管理。严格执行公文公开属性源头认定制度，全年对所有发文逐件标注公开属性，完成保密审查。\n"
    "（五）政府信息公开平台建设。依托市政府门户网站政府信息公开专栏和政务新媒体发布信息，做好网站日常运维。\n"
    "（六）监督保障。将政府信息公开工作纳入年度考核，全年组织业务培训2次。"
)


# What a reply letter needs besides the outcome (the foi operation composes the letter and
# refuses gaps); only the details the installed ``issue_reply`` accepts are passed.
REPLY_DETAILS = {
    "summary": "经审查，现将所申请政府信息的办理情况答复如下",
    "access": "电子邮件",
    "disclosed_part": "文件正文",
    "withheld_part": "涉及第三方个人信息的部分",
    "reason": "相关内容涉及第三方合法权益",
    "referral": "",
}


def reply(actor: Any, app: Any, *, on: dt.date, outcome: str) -> Any:
    accepted = inspect.signature(ops.issue_reply).parameters
    extra = {k: v for k, v in REPLY_DETAILS.items() if k in accepted}
    return ops.issue_reply(actor, app, on=on, outcome=outcome, **extra)


def _register(world: Any, spec: Spec, number: int) -> Any:
    applicant = ops.ApplicantData(kind=spec.kind, name=f"申请人{number:02d}")
    request = ops.RequestData(content=f"申请公开第{number}项政府信息的相关文件")
    app, _ = ops.register(world.clerk_a, world.agency_a, applicant, request, channel="in_person", submitted_on=spec.received)
    return app


# Applications that lapse are concluded when the period has run out: 补正 15 working days
# after the notice, payment 20 working days after the fee notice; these dates are after both.
LAPSE_AFTER = {"other.no_correction": dt.timedelta(days=40), "other.no_fee": dt.timedelta(days=45)}


def conclusion_date(spec: Spec) -> dt.date | None:
    if spec.outcome in LAPSE_AFTER:
        return spec.received + LAPSE_AFTER[spec.outcome]
    return spec.concluded if spec.outcome else None


def create_application(world: Any, spec: Spec, number: int) -> Any:
    """One application through the foi operations; the caller has frozen today."""
    clerk = world.clerk_a
    app = _register(world, spec, number)
    if spec.correction:
        requested, received = spec.correction
        app = ops.request_correction(clerk, app, on=requested, items="请补充所需信息的文号")
        if received:
            app = ops.receive_correction(clerk, app, on=received)
    if spec.consult:
        app = ops.start_consultation(clerk, app, on=spec.consult[0], party="third_party", name="某第三方企业")
        app = ops.end_consultation(clerk, app, ref="1", on=spec.consult[1], result="不同意公开")
    if spec.extend_on:
        app = ops.approve_extension(world.head_a, app, on=spec.extend_on, reason="需要调取档案")
    if spec.fee_pages:
        app = ops.send_fee_notice(clerk, app, on=spec.received + dt.timedelta(days=2), method="per_page", units=spec.fee_pages)
        if spec.fee_paid:
            app = ops.record_fee_payment(clerk, app, on=spec.fee_paid, receipt_no=f"NO{number:04d}")
    if spec.outcome == "other.no_correction":
        return ops.expire_correction(clerk, app, on=conclusion_date(spec))
    if spec.outcome == "other.no_fee":
        return ops.expire_fee(clerk, app, on=conclusion_date(spec))
    if spec.outcome == "other.other":
        return ops.withdraw(clerk, app, on=spec.concluded, reason="申请人撤回")  # type: ignore[arg-type]
    if spec.concluded and spec.outcome:
        return reply(clerk, app, on=spec.concluded, outcome=spec.outcome)
    return app


def seed_year(world: Any, freeze_today: Any, *, with_texts: bool = True) -> list[Any]:
    """The demo agency's 2024, as of 2025-01-20. Returns the applications."""
    freeze_today(D(2025, 1, 20))
    apps = [create_application(world, s, i + 1) for i, s in enumerate(SPECS)]
    a = world.agency_a
    cases = [
        ("张复〔2024〕3号", "review", D(2024, 3, 5), D(2024, 5, 8), "维持"),
        ("张复〔2024〕11号", "review", D(2024, 11, 20), None, ""),
        ("（2024）甘0702行初15号", "lit_direct", D(2024, 6, 12), D(2024, 10, 30), "判决撤销"),
    ]
    for number, kind, received, concluded, decision in cases:
        case = appeal_ops.register_case(world.clerk_a, a, number=number, kind=kind, received_on=received)
        if concluded:
            appeal_ops.conclude_case(world.clerk_a, case, on=concluded, decision=decision)
    docs = [
        ("张掖市民族宗教事务管理规定实施细则", D(2019, 5, 10), None),
        ("宗教活动场所财务监督管理办法", D(2020, 3, 2), D(2024, 9, 1)),
        ("少数民族流动人口服务管理办法", D(2021, 7, 15), None),
        ("民族团结进步创建工作考核办法", D(2022, 4, 20), None),
        ("宗教活动场所安全管理规范", D(2023, 8, 8), None),
        ("民族宗教领域矛盾纠纷排查化解办法", D(2024, 4, 18), None),
        ("宗教教职人员备案管理办法", D(2024, 10, 9), None),
    ]
    for i, (title, written, repealed) in enumerate(docs):
        report_ops.register_document(
            world.head_a, a, kind="normative", title=title, written_on=written, doc_number=f"张民宗发〔{written.year}〕{i + 3}号",
            published_on=written + dt.timedelta(days=5), repealed_on=repealed,
        )
    for path, value in (("table2.licensing", 96), ("table2.penalty", 3), ("table2.coercion", 0), ("table2.fees_wan_yuan", "0")):
        report_ops.enter_figure(world.head_a, a, 2024, path=path, value=value, note="根据政务服务网办件系统和执法台账统计")
    if with_texts:
        from gongkai.annual_report.build import build_report

        draft = build_report(a, 2024)["sections"]["overview"]
        report_ops.write_section(world.head_a, a, 2024, section="overview", text=draft + "\n" + OVERVIEW_EXTRA)
        report_ops.write_section(world.head_a, a, 2024, section="problems", text=PROBLEMS_2024)
    return apps
