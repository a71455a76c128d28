"""主动公开 demo: the seed agency's portal with a year of published items (2024: about 150 on
the portal and 220 WeChat pushes, as in the seed report), a few 2025–2026 items, items in
review at different steps, one sent back with a comment, and one published late.

Historical items (before the platform) are brought in with ``import_published``; everything
from 2026 on goes through the real review with the demo's reviewers. The texts are ours.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from gongkai.publishing import operations as ops
from gongkai.publishing.operations import EntryData
from gongkai.workdays.services import current_calendar

D = dt.date

GUIDE = (
    "<h2>一、主动公开</h2><p>（一）公开范围。本委依照《中华人民共和国政府信息公开条例》第二十条，主动公开机构职能、规章和行政规范性文件、"
    "政策解读、民族宗教工作规划、行政许可事项、财政预算决算等信息。</p><p>（二）编排体系。信息按“政府信息公开”“工作动态”“通知公告”等栏目编排，"
    "法定主动公开内容按条例第二十条分类；每条信息标注索引号、发布机构、成文日期、发布日期、文号、主题分类和有效性。</p>"
    "<p>（三）公开方式和时限。主要通过本门户网站公开，同步在“张掖民宗”微信公众号发布；自信息形成或者变更之日起20个工作日内公开。</p>"
    "<h2>二、依申请公开</h2><p>申请人可通过本网站在线申请，也可当面、邮寄或传真提交《政府信息公开申请表》。本委收到申请后，能够当场答复的当场答复；"
    "不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经本委政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。</p>"
    "<h2>三、监督方式</h2><p>申请人认为本委在政府信息公开工作中侵犯其合法权益的，可以向张掖市人民政府办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"
)

SYSTEMS = [
    ("张掖市民族宗教事务委员会政府信息公开工作制度", "明确信息公开工作机构、职责分工和工作流程。", "<p>第一条 为规范本委政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。</p><p>第二条 本委办公室为政府信息公开工作机构，负责组织编制政府信息公开指南、目录和年度报告。</p>"),
    ("张掖市民族宗教事务委员会政府信息公开保密审查办法", "规定信息公开前的保密审查程序和责任。", "<p>第一条 拟公开的政府信息，由起草科室提出公开属性意见，保密审查员审查后签署意见。</p><p>第二条 对不能确定是否可以公开的，依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。</p>"),
    ("张掖市民族宗教事务委员会政府信息公开申请办理工作规程", "规范依申请公开的登记、办理、答复和归档。", "<p>第一条 本委收到政府信息公开申请后，应当登记并确定收到申请的日期。</p><p>第二条 答复期限自收到申请之日起计算，按工作日计。</p>"),
]

NORMATIVE = [  # (title, doc no, written, summary, repealed)
    ("张掖市宗教活动场所管理办法", "张民宗发〔2022〕12号", D(2022, 6, 15), "规范宗教活动场所的设立、登记、日常管理和监督检查。", None),
    ("张掖市宗教活动场所财务监督管理实施细则", "张民宗发〔2023〕5号", D(2023, 3, 20), "细化宗教活动场所财务收支、票据和公示要求。", None),
    ("张掖市少数民族发展资金管理办法", "张民宗发〔2024〕3号", D(2024, 2, 26), "规定少数民族发展资金的分配、使用、绩效评价和监督。", None),
    ("关于加强清真食品生产经营管理的通知", "张民宗发〔2019〕8号", D(2019, 4, 10), "对清真食品生产经营资质和标识管理作出规定。", D(2024, 6, 30)),
]

NEWS_SUBJECTS = ["市民宗委", "甘州区民宗局", "临泽县民宗局", "高台县民宗局", "山丹县民宗局", "民乐县民宗局", "肃南县民宗局"]
NEWS_TOPICS = ["宗教活动场所安全检查", "民族团结进步创建", "宗教事务条例宣传月活动", "宗教教职人员培训", "少数民族传统节日慰问", "宗教活动场所消防演练",
               "铸牢中华民族共同体意识宣讲", "宗教团体财务监督检查", "民族地区乡村振兴帮扶", "法治宣传进场所"]
NEWS_KINDS = ["工作会议", "专题培训", "督导检查", "座谈会", "专项行动", "经验交流会"]
NOTICES = ["关于开展{y}年宗教活动场所年度检查的通知", "关于做好{y}年少数民族传统节日期间安全工作的通知", "关于报送{y}年民族团结进步创建工作总结的通知",
           "关于组织开展宗教政策法规宣传月活动的通知", "关于{y}年度宗教教职人员备案情况的公告", "关于征集民族团结进步示范单位候选名单的通知"]


def _news(rng: random.Random, day: dt.date) -> EntryData:
    s, t, k = rng.choice(NEWS_SUBJECTS), rng.choice(NEWS_TOPICS), rng.choice(NEWS_KINDS)
    title = f"{s}召开{t}{k}" if k in ("工作会议", "座谈会", "经验交流会") else f"{s}开展{t}{k}"
    body = (f"<p>{day.month}月{day.day}日，{s}{'召开' if '会' in k else '开展'}{t}{k}。</p>"
            f"<p>会议（活动）传达学习了上级关于{t}的部署要求，总结了前一阶段工作，安排部署下一步任务。</p>"
            f"<p>{s}要求，各单位要压实责任、细化措施，确保各项工作落到实处，切实维护民族团结和宗教和睦。</p>")
    return EntryData(title=title, written_on=day, formed_on=day, summary=f"{s}{t}{k}情况。", body=body, genre="其他",
                     topic="民族、宗教\\宗教事务" if "宗教" in t else "民族、宗教\\民族事务")


def _workday_before(day: dt.date, n: int) -> dt.date:
    cal = current_calendar()
    d = day
    while cal.workdays_between(d, day) < n:
        d -= dt.timedelta(days=1)
    return d


def open_portal(mzw: Any) -> Any:
    """The agency's portal with its columns and review workflow (before anything is published
    in it: the annual report goes through its review too)."""
    return ops.create_portal(None, mzw)


def run(mzw: Any, users: dict[str, Any], rng: random.Random, today: dt.date) -> dict[str, int]:
    from gongkai.publishing.models import PortalHome

    home = PortalHome.objects.get(agency=mzw)

    def col(slug: str) -> Any:
        from gongkai.publishing.models import ColumnPage

        return ColumnPage.objects.descendant_of(home).get(slug=slug)

    made: dict[str, int] = {"published": 0, "wechat": 0, "in_review": 0}
    # the guide's text, kept current through the review like any page
    from gongkai.publishing.models import GuidePage

    guide = GuidePage.objects.descendant_of(home).get()
    guide.body = GUIDE
    guide.save_revision(user=None).publish(user=None, skip_permission_checks=True)

    for i, (title, summary, body) in enumerate(SYSTEMS):
        ops.import_published(col("gkzd"), EntryData(title=title, written_on=D(2023, 1, 10 + i), summary=summary, body=body, genre="其他", topic="综合政务\\政务公开"), D(2023, 1, 16 + i))
    docs = {}
    for title, doc_no, written, summary, repealed in NORMATIVE:
        docs[title] = ops.import_published(col("gfxwj"), EntryData(
            title=title, written_on=written, summary=summary, doc_no=doc_no, genre="通知" if title.startswith("关于") else "决定",
            document_kind="normative", validity="废止" if repealed else "有效", repealed_on=repealed, topic="民族、宗教\\宗教事务",
            body=f"<p>各县区民族宗教部门，委机关各科室：</p><p>{summary}现印发给你们，请认真贯彻执行。</p>"), written + dt.timedelta(days=7))
    ops.import_published(col("zcjd"), EntryData(
        title="《张掖市少数民族发展资金管理办法》政策解读", written_on=D(2024, 2, 28), genre="解读", interprets=docs["张掖市少数民族发展资金管理办法"],
        summary="解读资金管理办法的制定背景、主要内容和申报程序。", topic="民族、宗教\\民族事务",
        body="<h2>一、制定背景</h2><p>为规范少数民族发展资金管理，提高资金使用效益，制定本办法。</p><h2>二、主要内容</h2><p>办法共六章二十五条，明确了资金分配因素、使用范围、绩效评价和监督检查要求。</p>"), D(2024, 3, 4))
    ops.import_published(col("jgzn"), EntryData(title="张掖市民族宗教事务委员会主要职责和内设机构", written_on=D(2024, 1, 5), genre="其他",
                                                  summary="本委主要职责、内设机构及联系方式。", topic="综合政务\\政务公开",
                                                  body="<p>内设办公室、民族工作科、宗教工作科、政策法规科。</p>"), D(2024, 1, 8))
    made["published"] += 3 + len(NORMATIVE) + 2

    # 2024: about 150 items on the portal (seed report), news and notices through the year
    published_2024 = []
    days = sorted(D(2024, 1, 2) + dt.timedelta(days=rng.randrange(360)) for _ in range(118))
    for day in days:
        published_2024.append(ops.import_published(col("gzdt"), _news(rng, day), day + dt.timedelta(days=rng.randint(0, 3))))
    for i in range(24):
        day = D(2024, 1, 10) + dt.timedelta(days=15 * i)
        title = rng.choice(NOTICES).format(y=2024) + ("" if i < len(NOTICES) else f"（第{i // len(NOTICES) + 1}批）")
        published_2024.append(ops.import_published(col("tzgg"), EntryData(title=title, written_on=day, summary="请各单位按要求做好相关工作。", genre="通知",
                                                                          body="<p>各县区民族宗教部门：</p><p>现将有关事项通知如下，请认真抓好落实。</p>", topic="民族、宗教\\宗教事务"), day + dt.timedelta(days=2)))
    # one item published late: on the 26th working day after it was formed (条例第二十六条)
    late_pub = D(2024, 11, 20)
    published_2024.append(ops.import_published(col("xzxk"), EntryData(
        title="宗教教职人员备案办事指南（2024年修订）", written_on=_workday_before(late_pub, 26), formed_on=_workday_before(late_pub, 26),
        summary="列明备案条件、申请材料和办理时限。", genre="其他", topic="综合政务\\政务公开",
        body="<p>申请人提交备案材料齐全的，当场受理；办理时限为5个工作日。</p>"), late_pub))
    made["published"] += len(published_2024)
    # WeChat: every 2024 item once, and 70 of them pushed again (reminders), 220 in all as in the seed
    keyuan = users["keyuan"]
    for e in published_2024:
        ops.record_push(keyuan, e, "wechat", e.published_on, note="同步推送")
    for e in rng.sample(published_2024, 220 - len(published_2024)):
        ops.record_push(keyuan, e, "wechat", min(e.published_on + dt.timedelta(days=1), today), note="提醒推送")
    made["wechat"] = 220

    # 2025: a lighter year
    for day in sorted(D(2025, 1, 6) + dt.timedelta(days=rng.randrange(350)) for _ in range(40)):
        ops.import_published(col("gzdt"), _news(rng, day), day + dt.timedelta(days=1))
        made["published"] += 1

    # now: drafts in the review, at different steps, through the real workflow
    clerk, keshi, baomi, fenguan = users["keyuan"], users["keshi"], users["baomi"], users["fenguan"]
    base = today - dt.timedelta(days=3)
    steps = [
        ("关于开展2026年宗教活动场所安全隐患排查整治的通知", "tzgg", 0),
        ("市民宗委召开2026年民族宗教工作会议", "gzdt", 1),
        ("张掖市宗教活动场所财务监督管理实施细则（修订征求意见稿）说明", "gfxwj", 3),
    ]
    for title, slug, approved in steps:
        e = ops.draft_entry(clerk, col(slug), EntryData(title=title, written_on=base, summary="待审核的信息。", genre="通知" if slug == "tzgg" else "其他",
                                                        body=f"<p>{title}。</p>", topic="民族、宗教\\宗教事务"))
        ops.submit_for_review(clerk, e)
        for reviewer in [keshi, baomi, fenguan][:approved]:
            extra = {"attested": True, "attestation": "经审查不涉及国家秘密和工作秘密，可以公开"} if reviewer == baomi else {}
            ops.review(reviewer, e, "approve", comment="同意", **extra)
        made["in_review"] += 1
    sent_back = ops.draft_entry(clerk, col("gzdt"), EntryData(title="市民宗委开展2026年“宗教政策法规宣传月”活动", written_on=base, summary="宣传月活动情况。",
                                                              body="<p>活动期间发放宣传资料。</p>", genre="其他", topic="民族、宗教\\宗教事务"))
    ops.submit_for_review(clerk, sent_back)
    ops.review(keshi, sent_back, "reject", comment="请补充活动的时间、地点和参与人数，并附现场照片说明")
    made["in_review"] += 1
    return made
