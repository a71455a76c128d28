"""Writes the corpus texts (run once by hand; the files are committed, this records how
they were made). Every text is written here, labels literally, not taken from formats.py.

    .venv/bin/python tests/report_audit/corpus/make_corpus.py
"""

from __future__ import annotations

from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent

T3_ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", [10, 2, 0, 0, 0, 0, 12]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果 | （一）予以公开", [6, 1, 0, 0, 0, 0, 7]),
    ("三、本年度办理结果 | （二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0, 0, 0, 1]),
    ("（三）不予公开 | 1.属于国家秘密", [0] * 7),
    ("（三）不予公开 | 2.其他法律行政法规禁止公开", [0] * 7),
    ("（三）不予公开 | 3.危及“三安全一稳定”", [0] * 7),
    ("（三）不予公开 | 4.保护第三方合法权益", [0] * 7),
    ("（三）不予公开 | 5.属于三类内部事务信息", [0] * 7),
    ("（三）不予公开 | 6.属于四类过程性信息", [0] * 7),
    ("（三）不予公开 | 7.属于行政执法案卷", [0] * 7),
    ("（三）不予公开 | 8.属于行政查询事项", [0] * 7),
    ("（四）无法提供 | 1.本机关不掌握相关政府信息", [2, 0, 0, 0, 0, 0, 2]),
    ("（四）无法提供 | 2.没有现成信息需要另行制作", [0] * 7),
    ("（四）无法提供 | 3.补正后申请内容仍不明确", [0] * 7),
    ("（五）不予处理 | 1.信访举报投诉类申请", [0] * 7),
    ("（五）不予处理 | 2.重复申请", [1, 0, 0, 0, 0, 0, 1]),
    ("（五）不予处理 | 3.要求提供公开出版物", [0] * 7),
    ("（五）不予处理 | 4.无正当理由大量反复申请", [0] * 7),
    ("（五）不予处理 | 5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("（六）其他处理 | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("（六）其他处理 | 3.其他", [0] * 7),
    ("三、本年度办理结果 | （七）总计", [10, 1, 0, 0, 0, 0, 11]),
    ("四、结转下年度继续办理", [1, 1, 0, 0, 0, 0, 2]),
]
T3_ROWS_2019 = [r for r in T3_ROWS_2021 if not r[0].startswith("（六）")]
T3_ROWS_2019.insert(-2, ("（六）其他处理", [0] * 7))


def pipe(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def table2_2021() -> str:
    return "\n".join([
        pipe(["第二十条第（一）项", "", "", ""]),
        pipe(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        pipe(["规章", 0, 0, 0]),
        pipe(["行政规范性文件", 3, 1, 25]),
        pipe(["第二十条第（五）项", "", "", ""]),
        pipe(["信息内容", "本年处理决定数量", "", ""]),
        pipe(["行政许可", 156, "", ""]),
        pipe(["第二十条第（六）项", "", "", ""]),
        pipe(["信息内容", "本年处理决定数量", "", ""]),
        pipe(["行政处罚", 12, "", ""]),
        pipe(["行政强制", 2, "", ""]),
        pipe(["第二十条第（八）项", "", "", ""]),
        pipe(["信息内容", "本年收费金额（单位：万元）", "", ""]),
        pipe(["行政事业性收费", 0, "", ""]),
    ])


def table2_2019() -> str:
    return "\n".join([
        pipe(["第二十条第（一）项", "", "", ""]),
        pipe(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]),
        pipe(["规章", 0, 0, 0]),
        pipe(["规范性文件", 3, 3, 25]),
        pipe(["第二十条第（五）项", "", "", ""]),
        pipe(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]),
        pipe(["行政许可", 40, -2, 156]),
        pipe(["其他对外管理服务事项", 5, 0, 18]),
        pipe(["第二十条第（六）项", "", "", ""]),
        pipe(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]),
        pipe(["行政处罚", 60, 1, 12]),
        pipe(["行政强制", 6, 0, 2]),
        pipe(["第二十条第（八）项", "", "", ""]),
        pipe(["信息内容", "上一年项目数量", "本年增/减", ""]),
        pipe(["行政事业性收费", 2, 0, ""]),
        pipe(["第二十条第（九）项", "", "", ""]),
        pipe(["信息内容", "采购项目数量", "采购总金额", ""]),
        pipe(["政府集中采购", 4, 52.15, ""]),
    ])


def table3(rows: list[tuple[str, list[int]]]) -> str:
    head = [
        pipe(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""]),
        pipe(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        pipe(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
    ]
    body = []
    for label, values in rows:
        parts = [p.strip() for p in label.split("|")]
        parts = ([""] * (3 - len(parts))) + parts if len(parts) < 3 else parts
        body.append(pipe([*parts, *values]))
    return "\n".join(head + body)


TABLE4 = "\n".join([
    pipe(["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""]),
    pipe(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
    pipe(["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]),
    pipe([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
])

OVERVIEW = """2{Y}年，某县自然资源局深入贯彻《中华人民共和国政府信息公开条例》，围绕耕地保护、不动产登记和国土空间规划等群众关注事项，扎实做好政府信息公开工作。
（一）主动公开。全年通过县政府门户网站主动公开政府信息386条，其中政策文件3件、政策解读5篇，及时公开征地补偿安置方案和建设用地批复信息。
（二）依申请公开。本年新收政府信息公开申请{NEW}件，上年结转1件；本年办结11件；结转下年度继续办理2件。申请内容主要涉及征地补偿和不动产登记资料。
（三）政府信息管理。严格落实公文公开属性源头认定和保密审查制度，全年清理规范性文件12件。
（四）政府信息公开平台建设。优化门户网站“法定主动公开内容”栏目，新开设“耕地保护”专题。
（五）监督保障。将政务公开纳入股室年度考核，组织业务培训2次。本年因政府信息公开工作被申请行政复议1件，被提起行政诉讼0件。"""

PROBLEMS = """（一）存在的主要问题
一是政策解读形式单一，全年5篇解读中仅1篇采用图解形式，解读与文件同步发布率为60%。
二是依申请公开答复文书不够规范，2件答复书未完整告知救济途径。
（二）改进情况
一是2{Y1}年6月底前制定政策解读工作规程，重要政策文件同步发布图解或问答，由办公室牵头落实。
二是修订依申请公开答复文书模板，逐件核查救济途径告知内容，每季度抽查一次。"""

PROBLEMS_PREVIOUS = PROBLEMS  # copied unchanged into the next year's report (E3)

OTHER = "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度未收取信息处理费。"
OTHER_NO_FEE = "本年度没有其他需要报告的事项。"


def report(*, year: int = 2024, table2: str | None = None, t3rows=T3_ROWS_2021, new: int = 12, five: str = "五、存在的主要问题及改进情况",
           drop_four: bool = False, other: str = OTHER, problems: str = PROBLEMS, parts: str = "六") -> str:
    y = str(year)[1:]
    overview = OVERVIEW.replace("{Y}", y).replace("{NEW}", str(new))
    if drop_four:
        overview = overview.replace("本年因政府信息公开工作被申请行政复议1件，被提起行政诉讼0件。", "")
    sections = [
        f"某县自然资源局{year}年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项{parts}部分组成。"
        f"本报告所列数据统计期限为{year}年1月1日至12月31日。",
        "一、总体情况",
        overview,
        "二、主动公开政府信息情况",
        table2 or table2_2021(),
        "三、收到和处理政府信息公开申请情况",
        table3(t3rows),
    ]
    if not drop_four:
        sections += ["四、政府信息公开行政复议、行政诉讼情况", TABLE4]
    sections += [
        five,
        problems.replace("{Y1}", str(year + 1)[1:]),
        "六、其他需要报告的事项",
        other,
        "某县自然资源局",
        f"{year + 1}年1月24日",
    ]
    return "\n".join(sections) + "\n"


def traditional_with_pinyin(text: str) -> str:
    """Traditional characters, with pinyin after 公開 and 報告, as some sites show them."""
    t = opencc.OpenCC("s2t").convert(text)
    t = t.replace("公開", "公開(kāi)").replace("報告", "報(bào)告").replace("資料", "資(zī)料")
    return t.replace("規範性文件", "規範性檔案")


def blanks_slashes_dashes(text: str) -> str:
    """规章 written with "/" (an organ without rule-making power), one "—" and one blank cell."""
    text = text.replace("| 规章 | 0 | 0 | 0 |", "| 规章 | / | / | / |")
    return text.replace("| （三）不予公开 | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| （三）不予公开 | 8.属于行政查询事项 | — | 0 |  | 0 | 0 | 0 | 0 |")


def as_html_with_split_cells(text: str) -> str:
    """A saved page: paragraphs, and the pipe tables as HTML tables whose label cells are
    broken over lines (商业<br>企业) and padded with spaces, as some sites publish them."""
    import html

    out = ["<html><head><meta charset='utf-8'><title>年报</title></head><body><div class='content'>"]
    rows: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            tds = []
            for c in cells:
                c = html.escape(c)
                if len(c) >= 4 and not c.lstrip("-").replace(".", "").isdigit():
                    half = len(c) // 2
                    c = c[:half] + "<br>\n  " + c[half:]
                tds.append(f"<td>{c}</td>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
            continue
        if rows:
            out.append("<table border='1'>" + "".join(rows) + "</table>")
            rows = []
        out.append(f"<p>{html.escape(line)}</p>")
    if rows:
        out.append("<table border='1'>" + "".join(rows) + "</table>")
    out.append("</div><div class='footer'>网站地图 | 联系我们</div></body></html>")
    return "\n".join(out) + "\n"


def main() -> None:
    files = {
        "pipe_tables_clean.txt": report(),
        "traditional_with_pinyin.txt": traditional_with_pinyin(report()),
        "format_2019_in_2023.txt": report(year=2023, table2=table2_2019(), t3rows=T3_ROWS_2019),
        "narrative_contradicts_table.txt": report(new=15),
        "section_four_missing.txt": report(drop_four=True),
        "nonstandard_five_heading.txt": report(five="五、存在的主要问题和改进措施"),
        "fee_statement_missing.txt": report(other=OTHER_NO_FEE),
        "five_copied_2024.txt": report(),
        "five_copied_2023.txt": report(year=2023),
    }
    files["blank_slash_dash.txt"] = blanks_slashes_dashes(report())
    files["cells_split_over_lines.html"] = as_html_with_split_cells(report())
    for name, text in files.items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
