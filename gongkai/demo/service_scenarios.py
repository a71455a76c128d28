"""政务服务 demo data for the seed agency: its 18 items (9 行政许可, 1 行政确认, 4 其他行政权力,
4 公共服务, all handled at once: 受理 → 审批 → 办结 the same day, as the seed report says), a
year of 办件, the 28 powers of its 权责清单 (with a dated adjustment and the cancelled “一票
否决” item), and a year of 双随机 inspections of religious venues.

Everything goes through the named operations, so the records are what the platform itself
would have produced. Names, numbers and contents are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from gongkai.agencies.models import Agency, Department
from gongkai.powers import operations as power_ops
from gongkai.service_catalog import operations as ops
from gongkai.supervision import operations as sup_ops
from gongkai.workdays.services import current_calendar

RA = "《宗教事务条例》"

# name, 事项类型代码, 设定依据, 科室, 材料
ITEMS: list[tuple[str, str, str, str, str]] = [
    ("宗教活动场所筹备设立审批", "XK", f"{RA}第二十一条、第二十二条", "宗教工作科", "筹备设立申请书\n拟设场所的基本情况说明\n信教公民聚居情况及意见\n拟任主要教职人选材料"),
    ("宗教活动场所设立登记", "XK", f"{RA}第二十三条", "宗教工作科", "设立登记申请表\n场所管理组织成员名单\n场所管理制度\n房屋产权或使用权证明"),
    ("宗教活动场所扩建、异地重建审批", "XK", f"{RA}第二十六条", "宗教工作科", "扩建或重建申请书\n建设规划方案\n资金来源说明"),
    ("在宗教活动场所内改建或者新建建筑物审批", "XK", f"{RA}第三十三条", "宗教工作科", "申请书\n建筑设计方案\n宗教团体意见"),
    ("大型宗教活动审批", "XK", f"{RA}第四十二条", "宗教工作科", "活动申请书\n活动方案\n安全工作方案及应急预案\n主办方负责人身份证明"),
    ("宗教临时活动地点审批", "XK", f"{RA}第三十五条", "宗教工作科", "申请书\n活动地点使用证明\n主持人身份及教职证明"),
    ("宗教活动场所接受境外组织和个人捐赠审批", "XK", f"{RA}第五十七条", "宗教工作科", "申请书\n捐赠协议\n捐赠方身份证明\n捐赠财产清单"),
    ("宗教活动场所变更登记审批", "XK", f"{RA}第二十三条、第二十四条", "宗教工作科", "变更登记申请表\n变更事项说明及证明材料"),
    ("宗教团体举办宗教教育培训审批", "XK", f"{RA}第十二条", "宗教工作科", "申请书\n培训方案\n师资及场地情况"),
    ("民族成分变更审核确认", "QR", "《关于中国公民确认民族成分的规定》第六条", "民族工作科", "民族成分变更申请表\n父母双方民族成分证明\n居民户口簿"),
    ("宗教教职人员认定备案", "QT", f"{RA}第三十六条；《宗教教职人员管理办法》第八条", "宗教工作科", "备案表\n宗教团体认定文件\n本人身份证明"),
    ("宗教活动场所主要教职任职备案", "QT", f"{RA}第三十六条", "宗教工作科", "任职备案表\n拟任人教职人员证书\n场所管理组织意见"),
    ("宗教活动场所主要教职离任备案", "QT", f"{RA}第三十六条", "宗教工作科", "离任备案表\n离任原因说明"),
    ("宗教团体负责人换届备案", "QT", "《社会团体登记管理条例》第二十条；《宗教团体管理办法》第十八条", "宗教工作科", "换届情况报告\n新任负责人名单及简历"),
    ("民族宗教政策法规咨询", "GG", "《中华人民共和国民族区域自治法》；" + RA, "政策法规科", "无需材料，当面或电话咨询"),
    ("少数民族流动人口服务", "GG", "《城市民族工作条例》第十条", "民族工作科", "本人身份证明"),
    ("民族团结进步示范创建申报指导", "GG", "《甘肃省民族团结进步创建工作办法》", "民族工作科", "申报表\n创建工作总结"),
    ("宗教界人士政策法规培训报名", "GG", RA + "第六条", "政策法规科", "报名表\n所在宗教团体或场所推荐意见"),
]

# The powers beyond the 14 administrative-power items above (公共服务 are not powers):
# name, category, 设定依据.
EXTRA_POWERS: list[tuple[str, str, str]] = [
    ("对擅自设立宗教活动场所的处罚", "行政处罚", f"{RA}第六十九条"),
    ("对宗教活动场所违反规定接受境外捐赠的处罚", "行政处罚", f"{RA}第六十五条"),
    ("对擅自举办大型宗教活动的处罚", "行政处罚", f"{RA}第六十四条"),
    ("对宗教团体、宗教活动场所违反财务管理规定的处罚", "行政处罚", f"{RA}第六十五条"),
    ("对擅自组织公民出境参加宗教方面的培训、会议、朝觐等活动的处罚", "行政处罚", f"{RA}第七十条"),
    ("对非宗教团体、非宗教活动场所组织、举行宗教活动的处罚", "行政处罚", f"{RA}第七十一条"),
    ("对违反规定修建大型露天宗教造像的处罚", "行政处罚", f"{RA}第七十二条"),
    ("对宗教教职人员违法行为的处罚", "行政处罚", f"{RA}第七十三条"),
    ("对宗教活动场所的监督检查", "行政检查", f"{RA}第二十五条、第四十条"),
    ("对宗教团体的监督检查", "行政检查", f"{RA}第十三条"),
    ("对宗教临时活动地点的监督检查", "行政检查", f"{RA}第三十五条"),
    ("对违法宗教活动物品的查封、扣押", "行政强制", f"{RA}第六十三条；《中华人民共和国行政强制法》第九条"),
    ("民族团结进步模范集体和个人表彰", "行政奖励", "《国务院关于进一步繁荣发展少数民族文化事业的若干意见》"),
    ("少数民族发展资金补助", "行政给付", "《少数民族发展资金管理办法》第五条"),
]

TYPE_TO_CATEGORY = {"XK": "行政许可", "QR": "行政确认", "QT": "其他行政权力"}
DUTIES = (
    "受理责任：公示依法应当提交的材料，一次性告知补正材料，依法受理或不予受理\n"
    "审查责任：对申请材料进行审查，必要时实地核查\n"
    "决定责任：作出决定，不予许可的书面说明理由\n"
    "送达责任：制发并送达决定文书，信息公开\n"
    "事后监管责任：开展定期和不定期检查"
)
PENALTY_DUTIES = "立案责任：发现涉嫌违法行为，予以审查，决定是否立案\n调查取证责任：全面、客观、公正地调查，收集证据\n审理责任：审理案件调查报告\n告知责任：作出决定前告知当事人拟处罚的事实、理由和依据及其享有的权利\n决定责任：依法作出处罚决定\n送达责任：依法送达行政处罚决定书\n执行责任：监督当事人执行处罚决定"
ACCOUNTABILITY = "对符合法定条件的申请不予受理、不予办理的；对不符合法定条件的申请违法办理的；未按规定时限办理的；办理过程中滥用职权、玩忽职守、徇私舞弊的；其他违反法律法规规章规定的行为。"

ORG_APPLICANTS = ["张掖市大佛寺", "甘州区清真东关寺", "张掖市基督教堂", "甘州区天主教堂", "张掖市佛教协会", "张掖市伊斯兰教协会",
                  "甘州区马蹄寺管理委员会", "张掖市道教协会", "临泽县清真寺", "山丹县发塔寺"]
PEOPLE = ["马文斌", "释慧明", "马玉兰", "杨建华", "安永福", "兰继红", "丁秀英", "撒海军"]
VENUES = ["张掖大佛寺", "甘州区清真东关寺", "甘州区清真西关寺", "张掖市基督教堂", "甘州区天主教堂", "马蹄寺", "金塔寺", "西来寺",
          "弘仁寺", "普康寺", "圆通寺", "土塔寺", "甘州区清真南关寺", "甘州区清真北关寺", "乌江镇清真寺", "沙井镇清真寺",
          "党寨镇基督教聚会点", "碱滩镇基督教聚会点", "甘州区道德观", "张掖市城隍庙", "龙首山寺", "白塔寺", "东山寺", "九龙寺"]


def _workdays_back(today: dt.date, days: int) -> list[dt.date]:
    cal = current_calendar()
    start = today - dt.timedelta(days=days)
    return [start + dt.timedelta(days=n) for n in range(days + 1) if cal.is_workday(start + dt.timedelta(days=n))]


def build_items(head: Any, agency: Agency) -> list[Any]:
    depts = {d.name: d.pk for d in Department.objects.filter(agency=agency)}
    counters: dict[str, int] = {}
    items = []
    for name, type_code, basis, dept, materials in ITEMS:
        counters[type_code] = counters.get(type_code, 0) + 1
        item = ops.create_item(head, agency, ops.ItemData(
            code=f"62070000MZ-{type_code}-{counters[type_code]:04d}", name=name, type_code=type_code, legal_basis=basis,
            promised_workdays=0, legal_workdays=20 if type_code in ("XK", "QR") else 0, instant=True,
            conditions="申请人符合法律法规规定的条件，申请材料齐全、符合法定形式。", materials=materials, fee="不收费",
            department_id=depts.get(dept), place="张掖市甘州区县府街1号 市民族宗教事务委员会办事窗口", phone="0936-8210000",
        ))
        items.append(ops.publish_item(head, item))
    return items


def build_cases(clerk: Any, items: list[Any], rng: random.Random, today: dt.date) -> int:
    days = _workdays_back(today, 365)
    weights = [6, 3, 2, 3, 5, 3, 2, 3, 2, 4, 6, 4, 2, 2, 8, 5, 2, 4]
    made = 0
    for _ in range(140):
        item = rng.choices(items, weights=weights)[0]
        on = rng.choice(days)
        person = item.type_code in ("QR", "GG") or item.name.startswith("宗教教职人员")
        name = rng.choice(PEOPLE) if person else rng.choice(ORG_APPLICANTS)
        case = ops.register_case(clerk, item, ops.ApplicantData("person" if person else "organisation", name, subject=f"{item.name}申请"),
                                 submitted_on=on)
        made += 1
        roll = rng.random()
        if roll < 0.05:
            ops.refuse_acceptance(clerk, case, on=on, reason="申请事项不属于本机关职权范围，已告知申请人向有关行政机关申请")
        elif roll < 0.10 and item.type_code == "XK":
            ops.accept(clerk, case, on=on)
            ops.deny(clerk, case, on=on, reason="拟设场所不符合本地宗教活动场所设置规划，且未征求所在地乡镇人民政府意见")
            ops.conclude(clerk, case, on=on, note="不予许可决定书当场送达")
        else:
            ops.handle_at_once(clerk, case, on=on, result_no=f"张民宗许〔{on.year}〕{case.pk}号" if item.type_code == "XK" else "")
    # two applications received today, still waiting at the window
    for item, name in ((items[4], "张掖市佛教协会"), (items[0], "甘州区马蹄寺管理委员会")):
        ops.register_case(clerk, item, ops.ApplicantData("organisation", name, subject=f"{item.name}申请"), submitted_on=today)
        made += 1
    return made


def build_powers(head: Any, agency: Agency, items: list[Any], today: dt.date) -> int:
    start = dt.date(today.year - 2, 1, 1)
    reason = f"{start.year}年权责清单全面梳理，逐项核对法律法规依据"
    n = 0
    rows = [(i.name, TYPE_TO_CATEGORY[i.type_code], i.legal_basis) for i in items if i.type_code in TYPE_TO_CATEGORY] + EXTRA_POWERS
    added = []
    for name, category, basis in rows:
        n += 1
        duties = PENALTY_DUTIES if category == "行政处罚" else DUTIES
        added.append(power_ops.add_item(head, agency, code=f"MZ-QZ-{n:03d}", effective_on=start, reason=reason,
                                        data=power_ops.PowerData(name, category, basis, "宗教工作科" if "民族" not in name else "民族工作科",
                                                                 False, duties, ACCOUNTABILITY)))
    veto = power_ops.add_item(head, agency, code="MZ-QZ-900", effective_on=start, reason=reason, data=power_ops.PowerData(
        "民族团结进步创建工作“一票否决”考核", "其他行政权力", "市委办公室文件", "民族工作科", False, "考核责任：年度考核", ACCOUNTABILITY))
    adjusted = dt.date(today.year - 1, 3, 1)
    power_ops.remove_item(head, veto, effective_on=adjusted, reason="无法律政策依据，属于应当取消的“一票否决”事项",
                          document=f"张民宗发〔{adjusted.year}〕5号")
    first = added[4]
    power_ops.adjust_item(head, first, effective_on=adjusted, reason="依据修订后的《宗教事务条例》调整设定依据条款",
                          document=f"张民宗发〔{adjusted.year}〕5号", data=power_ops.PowerData(
                              "大型宗教活动审批", "行政许可", f"{RA}第四十二条、第四十三条", "宗教工作科", True, DUTIES, ACCOUNTABILITY))
    return len(added)


def build_inspections(head: Any, clerk: Any, agency: Agency, rng: random.Random, today: dt.date) -> tuple[int, int]:
    grades = ["A"] * 12 + ["B"] * 8 + ["C"] * 4
    venues = [sup_ops.add_entity(head, agency, sup_ops.EntityData(name, grade, registration_no=f"甘宗登字{620702000 + n}号",
                                                                   address="张掖市甘州区"))
              for n, (name, grade) in enumerate(zip(VENUES, grades, strict=True))]
    people = [sup_ops.add_inspector(head, agency, name=n, cert_no=f"62070{k:05d}") for k, n in enumerate(["马勇", "李静", "王晓明", "张立新", "丁海燕", "杨帆"], 1)]
    sup_ops.record_conflict(head, people[0], venues[1], reason="近亲属在该场所管理组织任职")
    sup_ops.record_conflict(head, people[3], venues[20], reason="曾在该场所担任会计")
    plans = 0
    inspected = 0
    for months_ago, title in ((9, "上半年"), (4, "下半年")):
        starts = today - dt.timedelta(days=30 * months_ago)
        plan = sup_ops.create_plan(head, agency, sup_ops.PlanData(f"{starts.year}年{title}宗教活动场所“双随机”抽查", starts, starts + dt.timedelta(days=60)))
        recorded = sup_ops.draw_plan(head, plan, seed=rng.randrange(2**63), on=starts - dt.timedelta(days=5))
        plans += 1
        for inspection in plan.inspections.all():
            on = min(today, starts + dt.timedelta(days=rng.randrange(3, 40)))
            result = rng.choices(["no_problem", "rectify", "case_filed"], weights=[14, 5, 1])[0]
            findings = {"rectify": "消防器材过期、安全通道堆放杂物，已责令限期整改并复查合格",
                        "case_filed": "未经批准接受境外捐赠，已立案调查"}.get(result, "")
            sup_ops.record_result(clerk, inspection, on=on, result=result, findings=findings)
            publish_on = min(today, current_calendar().add_workdays(on, rng.randrange(2, 15)))
            if months_ago > 1 or rng.random() < 0.7:
                sup_ops.publish_result(head, inspection, on=publish_on)
            inspected += 1
        if not sup_ops.replay(recorded):
            raise RuntimeError("the recorded draw does not replay")
    return plans, inspected


def run(clerk: Any, head: Any, agency: Agency, rng: random.Random, today: dt.date) -> list[str]:
    items = build_items(head, agency)
    cases = build_cases(clerk, items, rng, today)
    powers = build_powers(head, agency, items, today)
    plans, inspected = build_inspections(head, clerk, agency, rng, today)
    return [
        f"{len(items)}项政务服务事项（行政许可9项、行政确认1项、其他行政权力4项、公共服务4项），{cases}件办件",
        f"权责清单{powers}项（含一次调整和取消的“一票否决”事项）",
        f"{plans}次“双随机”抽查，检查{inspected}个宗教活动场所",
    ]
