"""年报 demo: the demo agency's annual reports, built through the named operations.

- the register of 行政规范性文件 (the agency has no rule-making power, so no 规章);
- the typed 表二 figures of 2024 and 2025, each with its source note;
- sections 一 (the generated draft plus the paragraphs only people can write) and 五
  (problems and measures, written for the demo in the spirit of the seed report);
- the agency has a 主动公开 portal, so each 定稿 goes through the portal's review
  (科室审核 → 保密审查 → 分管领导审核 → 主要领导审定), each step by a different person:
  2024 is finalised by the 公开办管理员 and walked through all four steps, recorded as
  decided on 2025-01-20 (the seed report's date, ``publication.decided_on``), so the 主要领导
  is its publisher; 2025 is finalised and waits at 分管领导审核 (a visitor logging in as
  ``fenguan`` finds it on the dashboard and on the version's page).
The documents, numbers and sentences are invented; only the shape follows the seed agency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.annual_report import operations as report_ops
from gongkai.annual_report import publication
from gongkai.annual_report.build import build_report
from gongkai.publishing import operations as portal_ops

D = dt.date

# (title, 文号 number, 成文日期, 废止日期)
DOCUMENTS: tuple[tuple[str, int, dt.date, dt.date | None], ...] = (
    ("张掖市宗教活动场所财务管理办法", 12, D(2019, 4, 16), D(2024, 6, 30)),
    ("张掖市民族团结进步示范单位命名管理办法", 21, D(2020, 9, 8), None),
    ("张掖市宗教活动场所安全管理规定", 7, D(2021, 3, 22), None),
    ("张掖市少数民族流动人口服务管理办法", 15, D(2022, 5, 19), None),
    ("张掖市宗教教职人员备案实施细则", 9, D(2023, 4, 11), D(2025, 8, 31)),
    ("张掖市民族宗教领域矛盾纠纷排查化解工作办法", 6, D(2024, 3, 14), None),
    ("张掖市宗教活动场所财务监督管理办法", 18, D(2024, 6, 28), None),
    ("张掖市大型宗教活动安全管理办法", 11, D(2025, 5, 6), None),
    ("张掖市宗教教职人员备案管理办法", 16, D(2025, 8, 29), None),
)

SOURCE = {
    "table2.licensing": "根据甘肃政务服务网本委办件记录统计（准予许可和不予许可决定）",
    "table2.penalty": "根据本委行政执法案件台账统计",
    "table2.coercion": "根据本委行政执法案件台账统计，本年未采取行政强制措施",
    "table2.fees_wan_yuan": "本委未设行政事业性收费项目，经财务科核对为0",
}
FIGURES = {
    2024: {"table2.licensing": 96, "table2.penalty": 2, "table2.coercion": 0, "table2.fees_wan_yuan": "0"},
    2025: {"table2.licensing": 118, "table2.penalty": 1, "table2.coercion": 0, "table2.fees_wan_yuan": "0"},
}

OVERVIEW_EXTRA = {
    2024: (
        "（四）政府信息管理。坚持公文公开属性源头认定，全年发文在拟稿环节逐件标注公开属性，对拟公开信息逐件进行保密审查。\n"
        "（五）政府信息公开平台建设。依托市政府门户网站政府信息公开专栏发布信息，专人负责栏目日常维护，及时更新机构职能、政策文件等内容。\n"
        "（六）监督保障。主要领导负总责、分管领导具体抓、办公室牵头，将政府信息公开工作纳入科室年度考核，全年组织业务培训2次。"
    ),
    2025: (
        "（四）政府信息管理。对照主动公开目录逐项核对已发布信息，完善信息发布审核和归档流程，拟公开信息一律先行保密审查。\n"
        "（五）政府信息公开平台建设。完成门户网站政府信息公开专栏栏目调整，新增宗教活动场所信息查询栏目，保障网站安全平稳运行。\n"
        "（六）监督保障。修订本委政府信息公开工作制度，将年报编制和依申请公开办理纳入科室考核，全年开展专题培训3次。"
    ),
}

PROBLEMS = {
    2024: (
        "（一）存在的主要问题\n"
        "一是政策解读形式较为单一。全年发布政策解读8篇，其中采用图解、短视频形式的仅1篇，民族宗教政策解读的可读性不强。\n"
        "二是依申请公开办理时效不够稳定。全年有1件申请因承办科室调取材料环节多而超过法定期限答复，个别答复书对不予公开理由的说明不够具体。\n"
        "三是网站栏目更新不及时。“民族团结进步创建”等2个子栏目超过3个月未更新，部分链接失效。\n"
        "（二）改进情况\n"
        "一是丰富政策解读形式。2025年6月底前制定政策解读工作规程，重要政策文件同步发布图解或问答，由政策法规科牵头落实。\n"
        "二是规范依申请公开办理。建立答复期限提醒制度，期限届满前5个工作日由办公室专人提醒承办科室；每季度抽查一次答复书，统一说理格式。\n"
        "三是加强网站栏目维护。每月核查一次栏目更新和链接情况，清理空白栏目，核查结果纳入科室年度考核。"
    ),
    2025: (
        "（一）存在的主要问题\n"
        "一是信息处理费收取程序执行不够熟练。全年发出收费通知3份，其中1份申请人逾期未缴费，收费通知书对计费方式的说明不够清楚。\n"
        "二是基层宗教活动场所信息公开薄弱。全市已登记的宗教活动场所中，在门户网站公开管理组织和负责人信息的不足一半。\n"
        "三是主动公开目录与实际发布内容不一致，年底核查发现4条信息未按目录分类发布。\n"
        "（二）改进情况\n"
        "一是2026年3月底前修订收费通知书模板，写明按件或按量的计费标准和缴费期限，并对经办人员开展一次专题培训。\n"
        "二是会同各区县民族宗教部门，2026年底前在门户网站统一公开宗教活动场所基本信息，每半年更新一次。\n"
        "三是每季度对照主动公开目录核查一次已发布信息，发现分类错误的及时更正，由办公室负责。"
    ),
}

FINALISED_2024 = D(2025, 1, 17)
PUBLISHED_2024 = D(2025, 1, 20)  # the seed report's date
FINALISED_2025 = D(2026, 1, 23)


def _texts(office: Any, agency: Any, year: int) -> None:
    report = build_report(agency, year)
    for path, value in FIGURES[year].items():
        if report["provenance"].get(path) != publication.PENDING_PROVENANCE and F.get_value(report, path):
            continue  # a module already counts it from the platform's records (政务服务办件)
        report_ops.enter_figure(office, agency, year, path=path, value=value, note=SOURCE[path])
    draft = build_report(agency, year)["sections"]["overview"]
    report_ops.write_section(office, agency, year, section="overview", text=draft + "\n" + OVERVIEW_EXTRA[year])
    report_ops.write_section(office, agency, year, section="problems", text=PROBLEMS[year])


ATTESTATION = "经审查，本报告不涉及国家秘密和工作秘密，可以公开"


def _review(page_of: Any, reviewers: list[Any]) -> None:
    """Approve the current steps of the report page in order, one reviewer each."""
    for reviewer in reviewers:
        page = page_of()
        task = page.current_workflow_state.current_task_state.task.specific
        extra = {"attested": True, "attestation": ATTESTATION} if task.requires_attestation else {}
        portal_ops.review(reviewer, page, "approve", comment="同意", **extra)


def run(users: dict[str, Any], agency: Any, today: dt.date) -> list[str]:
    """Load the register, figures and texts; finalise and publish what the date allows.
    ``users``: the demo's people by username (the portal's four reviewers among them).
    Returns lines for the command's summary."""
    from gongkai.annual_report import review

    office = users["gongkaiban"]
    reviewers = [users["keshi"], users["baomi"], users["fenguan"], users["zhuyao"]]
    prefix = agency.doc_prefix or "张民宗"
    for title, number, written, repealed in DOCUMENTS:
        if written > today:
            continue
        report_ops.register_document(
            office, agency, kind="normative", title=title, doc_number=f"{prefix}发〔{written.year}〕{number}号",
            written_on=written, published_on=written + dt.timedelta(days=7), repealed_on=repealed if repealed and repealed <= today else None,
        )
    done = []
    if today >= PUBLISHED_2024:
        _texts(office, agency, 2024)
        publication.finalise_report(office, agency, 2024, on=FINALISED_2024)
        with publication.decided_on(PUBLISHED_2024):
            _review(lambda: review.page_for(agency, 2024), reviewers)
        done.append(f"2024年度报告经门户审核于{PUBLISHED_2024:%Y-%m-%d}发布")
    if today >= FINALISED_2025:
        _texts(office, agency, 2025)
        version = publication.finalise_report(office, agency, 2025, on=FINALISED_2025)
        _review(lambda: review.page_for(agency, 2025), reviewers[:2])
        done.append(f"2025年度报告已定稿（第{version.number}稿），门户审核中，等待分管领导审核")
    return done
