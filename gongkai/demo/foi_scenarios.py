"""依申请公开 demo applications, 2024–2026: every clock rule and every outcome at least once.

Each scenario is a short script of named operations, so the demo's records are exactly
what the platform itself would have produced. The names, ID numbers and contents are
invented
only the shape of the work follows the seed agency.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.core.rules.identifiers import credit_code_check_char, resident_id_check_char
from gongkai.foi import operations as ops
from gongkai.foi.rules.outcomes import OUTCOMES

D = dt.date

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志红燕鹏辉斌宇浩凯琳晨欣怡"

TOPICS = [
    "本市宗教活动场所登记名录及年检结果",
    "2023年度少数民族发展资金分配情况",
    "某寺庙扩建项目的审批文件",
    "民族团结进步示范单位评选办法及名单",
    "宗教院校招生备案材料",
    "本委员会2024年部门预算及“三公”经费情况",
    "关于清真食品管理的规范性文件",
    "宗教团体换届备案的办理流程和材料",
    "宗教活动场所消防安全检查记录",
    "少数民族流动人口服务管理工作方案",
    "民族宗教领域行政处罚决定书",
    "宗教教职人员备案情况统计",
    "委员会内设机构及职责",
    "大型宗教活动审批程序",
    "民族语言文字工作经费使用情况",
]

ORG_NAMES = {
    "commercial": ["张掖市丝路文旅发展有限公司", "甘州区祁连建筑工程有限公司", "张掖市清真食品有限公司"],
    "research": ["河西学院民族文化研究中心", "甘肃省社会科学院张掖调研组"],
    "public_interest": ["张掖市慈善总会", "张掖市民族团结促进会"],
    "legal_services": ["甘肃祁连律师事务所", "张掖市法律援助中心"],
    "other_org": ["甘州区某村民委员会", "张掖市某业主委员会"],
}


def resident_id(rng: random.Random) -> str:
    born = D(1955, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 45))
    first17 = f"620702{born:%Y%m%d}{rng.randrange(100, 999)}"
    return first17 + resident_id_check_char(first17)


def credit_code(rng: random.Random) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "91620700" + "".join(rng.choice(chars) for _ in range(9))
    return first17 + credit_code_check_char(first17)


def person(rng: random.Random, kind: str = "natural_person") -> ops.ApplicantData:
    if kind == "natural_person":
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        return ops.ApplicantData(
            kind=kind, name=name, id_type="resident_id", id_number=resident_id(rng),
            phone=f"13{rng.randrange(100000000, 999999999)}", address=f"张掖市甘州区{rng.choice(['县府街', '青年西街', '南环路', '北街'])}{rng.randrange(1, 300)}号",
            postcode="734000",
        )
    return ops.ApplicantData(
        kind=kind, name=rng.choice(ORG_NAMES[kind]), id_type="credit_code", id_number=credit_code(rng),
        contact_person=rng.choice(SURNAMES) + rng.choice(GIVEN), phone=f"0936-{rng.randrange(8000000, 8999999)}",
        address="张掖市甘州区", postcode="734000",
    )


def request(rng: random.Random, topic: str | None = None) -> ops.RequestData:
    t = topic or rng.choice(TOPICS)
    return ops.RequestData(f"申请公开{t}。", rng.choice(["纸质", "电子数据"]), rng.choice(["邮寄", "电子邮件", "当面领取"]))


@dataclass
class Ctx:
    clerk: Any
    head: Any
    agency: Any
    rng: random.Random

    def new(self, received: D, *, kind: str = "natural_person", channel: str = "in_person", who: ops.ApplicantData | None = None, topic: str | None = None, pieces: int = 1) -> Any:
        applicant = who or person(self.rng, kind)
        req = request(self.rng, topic)
        req = ops.RequestData(req.content, req.form_requirement, req.delivery, pieces)
        if channel == "in_person":
            app, _ = ops.register(self.clerk, self.agency, applicant, req, channel=channel, submitted_on=received)
        elif channel == "registered_post":
            app, _ = ops.register(self.clerk, self.agency, applicant, req, channel=channel, signed_on=received)
        else:
            app, _ = ops.register(self.clerk, self.agency, applicant, req, channel=channel, submitted_on=received - dt.timedelta(days=1), confirmed_on=received)
        return app


# Reasons a clerk would write, per outcome family (the reply letter needs them).
REASONS = {
    "deny.state_secret": "该信息已依法确定为国家秘密。",
    "deny.law_prohibited": "该信息属于法律、行政法规禁止公开的信息。",
    "deny.three_safety": "经保密审查，公开后可能危及社会稳定。",
    "deny.third_party": "该信息涉及第三方商业秘密，第三方不同意公开，且不公开不会对公共利益造成重大影响。",
    "deny.internal": "该信息属于本机关内部人事管理信息。",
    "deny.process": "该信息为研究讨论过程中的会议记录和过程稿。",
    "deny.enforcement_file": "该信息属于行政执法案卷信息。",
    "deny.admin_query": "宗教团体登记资料的查询，应当依照有关规定到登记管理机关查询。",
}


def issue(clerk: Any, app: Any, on: D, outcome: str, summary: str = "") -> Any:
    """Reply with what the letter needs for the outcome family."""
    extra: dict[str, Any] = {}
    if outcome.startswith("deny."):
        summary = summary or REASONS[outcome]
    if outcome == "partial":
        extra = {"disclosed_part": "名单及评选结果", "withheld_part": "个人身份证号码和联系方式"}
        summary = summary or "个人身份证号码和联系方式属于个人隐私，公开会对第三方合法权益造成损害（条例第十五条）。"
    if outcome == "open":
        extra = {"access": "随本答复书以电子邮件方式提供"}
    if outcome == "other.other":
        summary = summary or "申请人书面申请撤回。"
    return ops.issue_reply(clerk, app, on=on, outcome=outcome, summary=summary, **extra)


def workday_after(day: D, n: int) -> D:
    from gongkai.workdays.services import current_calendar

    return current_calendar().add_workdays(day, n)


def run(ctx: Ctx, today: D) -> dict[str, int]:
    """Build the scenarios. Returns a count per outcome key for the summary."""
    c, h = ctx.clerk, ctx.head
    made: list[Any] = []

    def reply(app: Any, outcome: str, after: int, summary: str = "") -> Any:
        on = workday_after(app.received_on, after)
        return issue(c, app, on, outcome, summary)

    # -- one scenario per rule ------------------------------------------------------------
    # Spring Festival 2024: received the Friday before the holiday, replied on the 20th day.
    a = ctx.new(D(2024, 2, 2), topic=TOPICS[1])
    reply(a, "open", 20, "已提供2023年度资金分配表")
    made.append(a)
    # 调休 Saturday counted: received before 劳动节 2024.
    a = ctx.new(D(2024, 4, 26), kind="research", topic=TOPICS[3])
    reply(a, "partial", 18, "名单公开，个人联系方式不予公开")
    made.append(a)
    # Receipt on a holiday (signed for by the duty officer on National Day 2024).
    a = ctx.new(D(2024, 10, 3), channel="registered_post", topic=TOPICS[6])
    reply(a, "open", 9)
    made.append(a)
    # 补正 restarts the clock.
    a = ctx.new(D(2024, 3, 11), topic="你们那个文件")
    ops.request_correction(c, a, on=D(2024, 3, 13), items="请写明所需文件的名称、文号或发布时间等特征性描述")
    ops.receive_correction(c, a, on=D(2024, 3, 20), note="补充为：2023年发布的宗教活动场所管理办法")
    reply(a, "open", 14)
    made.append(a)
    # 补正 never answered: 其他处理-逾期不补正.
    a = ctx.new(D(2024, 5, 13), topic="有关材料")
    ops.request_correction(c, a, on=D(2024, 5, 15), items="请明确所需信息的名称或内容")
    ops.expire_correction(c, a, on=workday_after(D(2024, 5, 15), 16))
    made.append(a)
    # Still unclear after 补正: 无法提供-补正后申请内容仍不明确.
    a = ctx.new(D(2024, 6, 3), topic="相关情况")
    ops.request_correction(c, a, on=D(2024, 6, 5), items="请明确所需信息")
    ops.receive_correction(c, a, on=D(2024, 6, 12), note="补充为：所有情况")
    issue(c, a, D(2024, 6, 28), "unable.still_unclear")
    made.append(a)
    # Overlapping consultations (a third party and another organ), then denial to protect the third party.
    a = ctx.new(D(2024, 7, 1), kind="commercial", topic=TOPICS[2])
    ops.start_consultation(c, a, on=D(2024, 7, 3), party="third_party", name="某寺庙管理委员会")
    ops.start_consultation(c, a, on=D(2024, 7, 8), party="other_organ", name="张掖市自然资源局")
    ops.end_consultation(c, a, ref="1", on=D(2024, 7, 22), result="不同意公开")
    ops.end_consultation(c, a, ref="2", on=D(2024, 7, 26), result="逾期未答复，视为同意")
    issue(c, a, D(2024, 8, 20), "deny.third_party", "第三方以商业秘密为由不同意公开，经审查，不公开不会对公共利益造成重大影响。")
    made.append(a)
    # Extension approved by the office head, reply after day 20 but within day 40.
    a = ctx.new(D(2024, 9, 2), kind="legal_services", topic=TOPICS[10])
    ops.approve_extension(h, a, on=D(2024, 9, 25), reason="涉及案卷数量较多，需逐件审查")
    reply(a, "deny.enforcement_file", 32, "属于行政执法案卷信息")
    made.append(a)
    # A late reply (counted as overdue in the year's timeliness).
    a = ctx.new(D(2024, 11, 4), topic=TOPICS[9])
    reply(a, "open", 23)
    made.append(a)

    # 信息处理费 按件: one applicant files 13 pieces in March 2025; the 11th onward is charged.
    heavy = person(ctx.rng)
    batch = [ctx.new(D(2025, 3, 3) + dt.timedelta(days=i // 3), who=heavy, topic=TOPICS[i % len(TOPICS)]) for i in range(13)]
    for i, app in enumerate(batch):
        if i < 10:
            reply(app, ["open", "noproc.repeat", "unable.not_held", "open", "noproc.massive"][i % 5], 10)
        elif i == 10:
            ops.send_fee_notice(c, app, on=workday_after(app.received_on, 3), method="per_piece")
            ops.record_fee_payment(c, app, on=workday_after(app.received_on, 8), receipt_no="甘财票2025-000318")
            reply(app, "open", 15)
        elif i == 11:
            ops.send_fee_notice(c, app, on=workday_after(app.received_on, 3), method="per_piece")
            ops.expire_fee(c, app, on=workday_after(app.received_on, 25))
        else:
            ops.withdraw(c, app, on=workday_after(app.received_on, 2), reason="申请人来电撤回")
        made.append(app)
    # 按量: 68 pages of copies → 380元 (fees.md example 4).
    a = ctx.new(D(2025, 6, 9), kind="public_interest", topic=TOPICS[8])
    ops.send_fee_notice(c, a, on=D(2025, 6, 12), method="per_page", units=68)
    ops.record_fee_payment(c, a, on=D(2025, 6, 20), receipt_no="甘财票2025-000466")
    reply(a, "open", 16, "提供检查记录复印件68页")
    made.append(a)

    # Every remaining outcome at least once, spread over 2024–2025.
    rest = [o.key for o in OUTCOMES if o.key not in ("other.no_correction", "other.no_fee", "other.other", "unable.still_unclear")]
    kinds = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org"]
    day = D(2024, 1, 8)
    for i, key in enumerate(rest * 2):
        received = workday_after(day, i * 6 + 1)
        a = ctx.new(received, kind=kinds[i % len(kinds)], channel=["in_person", "registered_post", "email", "online"][i % 4])
        reply(a, key, ctx.rng.randrange(3, 19))
        made.append(a)

    # Carried over from 2024 into 2025 (received late December, replied in January).
    a = ctx.new(D(2024, 12, 23), kind="other_org", topic=TOPICS[12])
    reply(a, "open", 12)
    made.append(a)
    # Carried over from 2025 into 2026, across the 2026 New Year and a weekend make-up day.
    a = ctx.new(D(2025, 12, 26), topic=TOPICS[5])
    reply(a, "partial", 15)
    made.append(a)

    # 2026: routine replies, then the open workload the workbench shows today.
    for i in range(24):
        received = workday_after(D(2026, 1, 5), i * 8 + 1)
        if received >= today - dt.timedelta(days=45):
            break
        a = ctx.new(received, kind=kinds[ctx.rng.randrange(6)] if i % 3 == 0 else "natural_person", channel=["in_person", "online", "registered_post"][i % 3])
        reply(a, ctx.rng.choice(["open", "open", "open", "partial", "unable.not_held", "deny.process", "noproc.petition"]), ctx.rng.randrange(4, 20))
        made.append(a)
    # National Day 2026: the ledger-format.md §5 example, replied on its last day.
    a = ctx.new(D(2026, 9, 28), topic=TOPICS[14])
    issue(c, a, D(2026, 10, 30), "open")
    made.append(a)

    open_cases = _open_cases(ctx, today)
    made.extend(open_cases)
    return {"applications": len(made)}


def _open_cases(ctx: Ctx, today: D) -> list[Any]:
    """Applications still being handled today, in every state the workbench filters by."""
    c, h = ctx.clerk, ctx.head
    from gongkai.workdays.services import current_calendar

    cal = current_calendar()

    def back(n: int) -> D:  # the n-th working day before today
        d, k = today, 0
        while k < n:
            d -= dt.timedelta(days=1)
            k += cal.is_workday(d)
        return d

    out = []
    out.append(ctx.new(back(22), topic=TOPICS[0]))  # overdue
    out.append(ctx.new(back(17), kind="commercial", topic=TOPICS[7]))  # due soon
    out.append(ctx.new(back(16), kind="legal_services", topic=TOPICS[11]))  # due soon
    out.append(ctx.new(back(4), channel="registered_post"))  # in progress
    out.append(ctx.new(back(2), kind="research", channel="email"))
    a = ctx.new(back(6), topic="那份通知")  # awaiting correction
    ops.request_correction(c, a, on=back(4), items="请写明通知的名称、文号或发布时间")
    out.append(a)
    a = ctx.new(back(12), kind="commercial", topic=TOPICS[2])  # paused by a consultation
    ops.start_consultation(c, a, on=back(7), party="third_party", name="某宗教活动场所管理组织")
    out.append(a)
    a = ctx.new(back(14), kind="natural_person", topic=TOPICS[8])  # awaiting payment (per page)
    ops.send_fee_notice(c, a, on=back(5), method="per_page", units=120)
    out.append(a)
    a = ctx.new(back(9), topic=TOPICS[10])  # extended: its deadline runs into 2027 (provisional until loaded)
    ops.approve_extension(h, a, on=back(1), reason="需调取多年档案")
    out.append(a)
    # Submitted online, waiting for staff to confirm receipt.
    app, _code = ops.submit_online(ctx.agency, person(ctx.rng), request(ctx.rng, TOPICS[4]))
    out.append(app)
    return out


def build_neighbour(clerk: Any, agency: Any, rng: random.Random, today: D) -> int:
    """A few applications for the second agency (isolation is visible in the demo)."""
    ctx = Ctx(clerk, clerk, agency, rng)
    n = 0
    for i in range(8):
        received = workday_after(D(2025, 2, 10), i * 25 + 1)
        a = ctx.new(received, topic=rng.choice(["2024年国民经济和社会发展统计公报原始数据", "人口抽样调查分区县数据", "统计执法检查结果"]))
        issue(clerk, a, workday_after(received, rng.randrange(5, 18)), rng.choice(["open", "open", "unable.need_creation", "noproc.publication"]))
        n += 1
    ctx.new(workday_after(today - dt.timedelta(days=20), 1))
    return n + 1


Step = Callable[[], Any]
