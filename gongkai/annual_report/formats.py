"""The official formats of the 政府信息公开工作年度报告, as data. Pure: no Django.

This module is the one place where the report's official wording is written: the six
section headings, every row, column and group label of tables 二, 三 and 四, and their
merged cells. Renderers, manual-figure forms, the checker and the 年报体检 reader read
these definitions; nothing else spells a label.

Sources (annual-report-format.md): 国办公开办函〔2021〕30号 (the 2021 format, §2–§5) and
国办公开办函〔2019〕60号 (the 2019 试行 format, §8). Punctuation is the full-width form the
format documents use: （一）, the ideographic comma 、, “三安全一稳定” with U+201C/U+201D.

Every table is also laid out here as a grid of anchored cells with row and column spans
(``layout``), so every renderer draws the same merged cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

FORMAT_2019 = "2019"
FORMAT_2021 = "2021"
FORMAT_VERSIONS = (FORMAT_2019, FORMAT_2021)

# annual-report-format.md §0: 2019 and 2020 reports use the 2019 试行 format
# (国办公开办函〔2019〕60号); reports for 2021 onwards use 国办公开办函〔2021〕30号.
FIRST_YEAR_2019_FORMAT = 2019
FIRST_YEAR_2021_FORMAT = 2021


class FormatError(ValueError):
    """A year or version no official format covers. Message in Chinese."""


def format_for_year(year: int, override: str | None = None, *, first_2021_year: int = FIRST_YEAR_2021_FORMAT) -> str:
    """The format version of a report on data year ``year`` (annual-report-format.md §0).

    ``override`` forces a version (stored on the report); ``first_2021_year`` moves the
    era boundary where a region's practice differs.
    """
    if override:
        if override not in FORMAT_VERSIONS:
            raise FormatError(f"格式版本只能是{'或'.join(FORMAT_VERSIONS)}，不能是“{override}”")
        return override
    if year < FIRST_YEAR_2019_FORMAT:
        # 2018 and earlier: 2007 条例 (国务院令第492号), province-specific tables; out of scope.
        raise FormatError(f"{year}年度报告适用2007年条例和各省统计表，本平台不生成；最早支持{FIRST_YEAR_2019_FORMAT}年度")
    return FORMAT_2021 if year >= first_2021_year else FORMAT_2019


def deadline_for(year: int, agency_kind: str) -> tuple[int, int, int]:
    """The publication deadline (Y+1, month, day) of a report on data year ``year``.

    # 条例第四十九条第一款: 县级以上人民政府部门 每年1月31日前 公布本行政机关上一年度年报.
    # 条例第四十九条第二款: 县级以上地方人民政府的主管部门 每年3月31日前 公布本级政府年报.
    """
    return (year + 1, 3, 31) if agency_kind == "government" else (year + 1, 1, 31)


# -- value kinds -------------------------------------------------------------------------


class ValueKind(StrEnum):
    COUNT = "count"  # 件, integer >= 0 (T2-1, T3-4, T4-2)
    SIGNED = "signed"  # 2019 本年增/减: decreases are written as negative numbers (Hubei note)
    WAN_YUAN = "wan_yuan"  # 2021 本年收费金额（单位：万元）: decimal >= 0, decimals allowed
    AMOUNT = "amount"  # 2019 采购总金额: decimal >= 0, unit not fixed by the format

    @property
    def is_decimal(self) -> bool:
        return self in (ValueKind.WAN_YUAN, ValueKind.AMOUNT)


# -- section headings (§2) -----------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str  # "overview" | "table2" | "table3" | "table4" | "problems" | "other"
    heading: str
    numeral: str  # 一 … 六

    @property
    def is_narrative(self) -> bool:
        return not self.key.startswith("table")


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一、总体情况", "一"),
    Section("table2", "二、主动公开政府信息情况", "二"),
    Section("table3", "三、收到和处理政府信息公开申请情况", "三"),
    Section("table4", "四、政府信息公开行政复议、行政诉讼情况", "四"),
    Section("problems", "五、存在的主要问题及改进情况", "五"),
    Section("other", "六、其他需要报告的事项", "六"),
)
# §2 checker policy: the 条例第五十条第四项 long form of 五 is accepted as equivalent;
# the other observed variants are non-standard (warning).
PROBLEMS_HEADING_EQUIVALENT = "五、政府信息公开工作存在的主要问题及改进情况"
PROBLEMS_HEADING_VARIANTS = ("五、存在的主要问题和改进措施", "五、存在的主要问题及整改措施")

DOCUMENT_TITLE = "政府信息公开工作年度报告"
# The common intro paragraph (§2, practice, not mandated): the statistics period sentence.
STATISTICS_PERIOD = "本报告所列数据统计期限为{year}年1月1日至12月31日。"
INTRO = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条规定编制，"
    "由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项六部分组成。"
)
# Heading of the fee paragraph in section 六 (annual-report-format.md §6 item 1).
FEE_RULES_NAME = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


# -- table 二 (§3, §8.1) ----------------------------------------------------------------------


@dataclass(frozen=True)
class T2Column:
    key: str  # key inside the row object of the schema ("" for a scalar row value)
    label: str
    kind: ValueKind = ValueKind.COUNT
    span: int = 1  # data columns the header and its cells cover (the table has 3)


@dataclass(frozen=True)
class T2Row:
    key: str  # schema key under table2, e.g. "rules" or "licensing_2019"
    label: str
    source: str = "manual"  # "register" (document register) | "manual" (entered with a note)


@dataclass(frozen=True)
class T2Group:
    key: str  # "a20_1" …
    label: str  # 第二十条第（一）项
    columns: tuple[T2Column, ...]
    rows: tuple[T2Row, ...]

    @property
    def scalar(self) -> bool:
        """Rows hold one number (2021 groups 五/六/八), not an object of columns."""
        return len(self.columns) == 1 and self.columns[0].key == ""


ITEM_HEADER = "信息内容"  # first cell of every column-header row of 表二
T2_DATA_COLUMNS = 3


@dataclass(frozen=True)
class Table2Def:
    groups: tuple[T2Group, ...]
    item_header: str = ITEM_HEADER

    @property
    def width(self) -> int:
        return 1 + T2_DATA_COLUMNS


# -- table 三 (§4, §8.2) ----------------------------------------------------------------------


@dataclass(frozen=True)
class T3Row:
    key: str  # schema row key, e.g. "deny.state_secret"
    path: tuple[str, ...]  # label cells from the outermost group to the row's own label

    @property
    def label(self) -> str:
        return self.path[-1]

    @property
    def level(self) -> int:
        """0: 一、二、四 and the 三 group; 1: （一）…（七）; 2: the numbered sub-items."""
        return len(self.path) - 1


@dataclass(frozen=True)
class T3Column:
    key: str  # schema column key
    label: str
    group: str | None  # "法人或其他组织" for the five organisation columns


@dataclass(frozen=True)
class Table3Def:
    note: str
    header: str  # 申请人情况
    org_group: str  # 法人或其他组织
    columns: tuple[T3Column, ...]
    rows: tuple[T3Row, ...]
    label_columns: int = 3

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)

    def row(self, key: str) -> T3Row:
        return next(r for r in self.rows if r.key == key)

    @property
    def outcome_rows(self) -> tuple[T3Row, ...]:
        """The detail rows under 三、本年度办理结果 whose sum is （七）总计 (T3-2)."""
        return tuple(r for r in self.rows if r.key not in NON_OUTCOME_ROWS)

    @property
    def results_rowspan(self) -> int:
        return sum(1 for r in self.rows if r.path[0] == RESULTS_GROUP)


# -- table 四 (§5) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class T4Block:
    key: str  # "review" | "lit_direct" | "lit_after_review"
    label: str | None  # sub-header under 行政诉讼; None for 行政复议's own block


@dataclass(frozen=True)
class T4Group:
    label: str
    blocks: tuple[T4Block, ...]


@dataclass(frozen=True)
class Table4Def:
    groups: tuple[T4Group, ...]
    columns: tuple[tuple[str, str], ...]  # (key, label) of each block's five columns

    @property
    def blocks(self) -> tuple[T4Block, ...]:
        return tuple(b for g in self.groups for b in g.blocks)

    @property
    def detail_keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.columns if k != "total")


# -- the format ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFormat:
    version: str
    basis: str  # the document that issued the format
    sections: tuple[Section, ...]
    table2: Table2Def
    table3: Table3Def
    table4: Table4Def
    # 2021 format: section 六 always states the 信息处理费 position (§6, §8.4; B8).
    fee_statement_required: bool = field(default=True)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(s.heading for s in self.sections)


# Labels shared by both formats are written once, here.
_RULES = "规章"
_COUNT_2021 = (
    T2Column("issued", "本年制发件数"),
    T2Column("repealed", "本年废止件数"),
    T2Column("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (T2Column("", "本年处理决定数量", span=3),)
_LICENSING = "行政许可"
_PENALTY = "行政处罚"
_COERCION = "行政强制"
_ADMIN_FEES = "行政事业性收费"
_A20 = {n: f"第二十条第（{n}）项" for n in ("一", "五", "六", "八", "九")}

TABLE2_2021 = Table2Def(
    groups=(
        T2Group("a20_1", _A20["一"], _COUNT_2021, (T2Row("rules", _RULES, "register"), T2Row("normative", "行政规范性文件", "register"))),
        T2Group("a20_5", _A20["五"], _DECISIONS_2021, (T2Row("licensing", _LICENSING),)),
        T2Group("a20_6", _A20["六"], _DECISIONS_2021, (T2Row("penalty", _PENALTY), T2Row("coercion", _COERCION))),
        T2Group(
            "a20_8",
            _A20["八"],
            (T2Column("", "本年收费金额（单位：万元）", ValueKind.WAN_YUAN, span=3),),
            (T2Row("fees_wan_yuan", _ADMIN_FEES),),
        ),
    )
)

_ITEMS_2019 = (
    T2Column("last_year_items", "上一年项目数量"),
    T2Column("change", "本年增/减", ValueKind.SIGNED),
    T2Column("decisions", "处理决定数量"),
)
TABLE2_2019 = Table2Def(
    groups=(
        T2Group(
            "a20_1",
            _A20["一"],
            (T2Column("made", "本年新制作数量"), T2Column("published", "本年新公开数量"), T2Column("total_public", "对外公开总数量")),
            (T2Row("rules_2019", _RULES, "register"), T2Row("normative_2019", "规范性文件", "register")),
        ),
        T2Group("a20_5", _A20["五"], _ITEMS_2019, (T2Row("licensing_2019", _LICENSING), T2Row("other_services_2019", "其他对外管理服务事项"))),
        T2Group("a20_6", _A20["六"], _ITEMS_2019, (T2Row("penalty_2019", _PENALTY), T2Row("coercion_2019", _COERCION))),
        # [DERIVED] two-column groups: the last header spans the remaining data column.
        T2Group("a20_8", _A20["八"], (_ITEMS_2019[0], T2Column("change", "本年增/减", ValueKind.SIGNED, span=2)), (T2Row("fees_2019", _ADMIN_FEES),)),
        T2Group(
            "a20_9",
            _A20["九"],
            (T2Column("items", "采购项目数量"), T2Column("amount", "采购总金额", ValueKind.AMOUNT, span=2)),
            (T2Row("procurement_2019", "政府集中采购"),),
        ),
    )
)

# Table 三: header (§4.1) and rows (§4.2). Row keys are the schema's; the 21 outcome keys
# are those of gongkai.foi.rules.outcomes (ledger-format.md §3).
RESULTS_GROUP = "三、本年度办理结果"
NON_OUTCOME_ROWS = frozenset({"new", "carried_in", "total", "carried_out"})
_DENY, _UNABLE, _NOPROC, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

_ORG = "法人或其他组织"
T3_COLUMNS = (
    T3Column("natural_person", "自然人", None),
    T3Column("commercial", "商业企业", _ORG),
    T3Column("research", "科研机构", _ORG),
    T3Column("public_interest", "社会公益组织", _ORG),
    T3Column("legal_services", "法律服务机构", _ORG),
    T3Column("other_org", "其他", _ORG),
    T3Column("total", "总计", None),
)
_HEAD_ROWS = (
    T3Row("new", ("一、本年新收政府信息公开申请数量",)),
    T3Row("carried_in", ("二、上年结转政府信息公开申请数量",)),
    T3Row("open", (RESULTS_GROUP, "（一）予以公开")),
    T3Row("partial", (RESULTS_GROUP, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    T3Row("deny.state_secret", (RESULTS_GROUP, _DENY, "1.属于国家秘密")),
    T3Row("deny.law_prohibited", (RESULTS_GROUP, _DENY, "2.其他法律行政法规禁止公开")),
    T3Row("deny.three_safety", (RESULTS_GROUP, _DENY, "3.危及“三安全一稳定”")),
    T3Row("deny.third_party", (RESULTS_GROUP, _DENY, "4.保护第三方合法权益")),
    T3Row("deny.internal", (RESULTS_GROUP, _DENY, "5.属于三类内部事务信息")),
    T3Row("deny.process", (RESULTS_GROUP, _DENY, "6.属于四类过程性信息")),
    T3Row("deny.enforcement_file", (RESULTS_GROUP, _DENY, "7.属于行政执法案卷")),
    T3Row("deny.admin_query", (RESULTS_GROUP, _DENY, "8.属于行政查询事项")),
    T3Row("unable.not_held", (RESULTS_GROUP, _UNABLE, "1.本机关不掌握相关政府信息")),
    T3Row("unable.need_creation", (RESULTS_GROUP, _UNABLE, "2.没有现成信息需要另行制作")),
    T3Row("unable.still_unclear", (RESULTS_GROUP, _UNABLE, "3.补正后申请内容仍不明确")),
    T3Row("noproc.petition", (RESULTS_GROUP, _NOPROC, "1.信访举报投诉类申请")),
    T3Row("noproc.repeat", (RESULTS_GROUP, _NOPROC, "2.重复申请")),
    T3Row("noproc.publication", (RESULTS_GROUP, _NOPROC, "3.要求提供公开出版物")),
    T3Row("noproc.massive", (RESULTS_GROUP, _NOPROC, "4.无正当理由大量反复申请")),
    T3Row("noproc.confirm", (RESULTS_GROUP, _NOPROC, "5.要求行政机关确认或重新出具已获取信息")),
)
_TAIL_ROWS = (
    T3Row("total", (RESULTS_GROUP, "（七）总计")),
    T3Row("carried_out", ("四、结转下年度继续办理",)),
)
# 2021: （六）其他处理 has three sub-rows (§4.2 rows 21–23).
_OTHER_2021 = (
    T3Row("other.no_correction", (RESULTS_GROUP, _OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    T3Row("other.no_fee", (RESULTS_GROUP, _OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    T3Row("other.other", (RESULTS_GROUP, _OTHER, "3.其他")),
)
# 2019: a single （六）其他处理 row (§8.2).
_OTHER_2019 = (T3Row("other", (RESULTS_GROUP, _OTHER)),)
# ledger-format.md §3: for a 2019-format report the three 其他处理 values count in （六）.
FOLDED_2019 = {"other.no_correction": "other", "other.no_fee": "other", "other.other": "other"}

_T3_HEADER = dict(
    note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    header="申请人情况",
    org_group=_ORG,
    columns=T3_COLUMNS,
)
TABLE3_2021 = Table3Def(rows=(*_HEAD_ROWS, *_OTHER_2021, *_TAIL_ROWS), **_T3_HEADER)  # type: ignore[arg-type]
TABLE3_2019 = Table3Def(rows=(*_HEAD_ROWS, *_OTHER_2019, *_TAIL_ROWS), **_T3_HEADER)  # type: ignore[arg-type]

# Table 四 (§5): identical in both formats.
TABLE4 = Table4Def(
    groups=(
        T4Group("行政复议", (T4Block("review", None),)),
        T4Group("行政诉讼", (T4Block("lit_direct", "未经复议直接起诉"), T4Block("lit_after_review", "复议后起诉"))),
    ),
    columns=(("maintain", "结果维持"), ("correct", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计")),
)

REPORT_FORMATS: dict[str, ReportFormat] = {
    FORMAT_2021: ReportFormat(FORMAT_2021, "国办公开办函〔2021〕30号", SECTIONS, TABLE2_2021, TABLE3_2021, TABLE4, True),
    FORMAT_2019: ReportFormat(FORMAT_2019, "国办公开办函〔2019〕60号", SECTIONS, TABLE2_2019, TABLE3_2019, TABLE4, False),
}


def get_format(version: str) -> ReportFormat:
    try:
        return REPORT_FORMATS[version]
    except KeyError:
        raise FormatError(f"没有“{version}”格式的年度报告定义") from None


# -- figure paths ----------------------------------------------------------------------------
# A figure is addressed by a dotted path into the report object, e.g. "table2.penalty",
# "table2.rules.issued", "table3.rows.open.natural_person", "table4.review.maintain".


@dataclass(frozen=True)
class Figure:
    path: str
    kind: ValueKind
    table: str  # "table2" | "table3" | "table4"
    labels: tuple[str, ...]  # the labels that name the cell, outermost first


def figures(fmt: ReportFormat) -> Iterator[Figure]:
    """Every data cell of the format's tables, in reading order."""
    for g in fmt.table2.groups:
        for r in g.rows:
            for c in g.columns:
                path = f"table2.{r.key}" + (f".{c.key}" if c.key else "")
                yield Figure(path, c.kind, "table2", (g.label, r.label, c.label))
    t3 = fmt.table3
    for r in t3.rows:
        for c in t3.columns:
            yield Figure(f"table3.rows.{r.key}.{c.key}", ValueKind.COUNT, "table3", (*r.path, c.label))
    for g in fmt.table4.groups:
        for b in g.blocks:
            for key, label in fmt.table4.columns:
                names = (g.label, b.label, label) if b.label else (g.label, label)
                yield Figure(f"table4.{b.key}.{key}", ValueKind.COUNT, "table4", names)


def figure(fmt: ReportFormat, path: str) -> Figure:
    for f in figures(fmt):
        if f.path == path:
            return f
    raise FormatError(f"“{path}”不是{fmt.version}年格式报告中的数据项")


def describe_figure(f: Figure) -> str:
    """A person-readable name of a cell: 表三 “（一）予以公开”行 “自然人”列."""
    table = {"table2": "表二", "table3": "表三", "table4": "表四"}[f.table]
    return table + "“" + "／".join(f.labels) + "”"


def get_value(report: Mapping[str, Any], path: str) -> Any:
    """The value at ``path`` in a report object (table3 rows are lists in column order)."""
    parts = path.split(".")
    if parts[0] == "table3" and parts[1] == "rows":
        row_key = ".".join(parts[2:-1])
        columns = list(report["table3"]["columns"])
        return report["table3"]["rows"][row_key][columns.index(parts[-1])]
    node: Any = report
    for p in parts:
        node = node[p]
    return node


def set_value(report: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    if parts[0] == "table3" and parts[1] == "rows":
        row_key = ".".join(parts[2:-1])
        columns = list(report["table3"]["columns"])
        report["table3"]["rows"][row_key][columns.index(parts[-1])] = value
        return
    node: Any = report
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value


# -- layout: the tables as grids of anchored cells -----------------------------------------


class Role(StrEnum):
    GROUP = "group"  # a group header (表二 第二十条第（X）项, 表三 申请人情况, 表四 行政复议 …)
    COLUMN = "column"  # a column header
    ROW = "row"  # a row label
    NOTE = "note"  # the 勾稽关系 note of 表三
    DATA = "data"  # a number


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    role: Role
    text: str = ""  # the label (empty for data cells)
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # data cells: the figure path
    kind: ValueKind | None = None


@dataclass(frozen=True)
class Grid:
    key: str  # "table2" | "table3" | "table4"
    n_rows: int
    n_cols: int
    header_rows: int  # leading rows that form the table head
    cells: tuple[Cell, ...]  # anchors, row-major

    def rows(self) -> list[list[Cell]]:
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    @property
    def labels(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.role is not Role.DATA)


def layout_table2(fmt: ReportFormat) -> Grid:
    t2 = fmt.table2
    cells: list[Cell] = []
    r = 0
    for g in t2.groups:
        cells.append(Cell(r, 0, Role.GROUP, g.label, colspan=t2.width))
        r += 1
        cells.append(Cell(r, 0, Role.COLUMN, t2.item_header))
        col = 1
        for c in g.columns:
            cells.append(Cell(r, col, Role.COLUMN, c.label, colspan=c.span))
            col += c.span
        r += 1
        for row in g.rows:
            cells.append(Cell(r, 0, Role.ROW, row.label))
            col = 1
            for c in g.columns:
                path = f"table2.{row.key}" + (f".{c.key}" if c.key else "")
                cells.append(Cell(r, col, Role.DATA, colspan=c.span, path=path, kind=c.kind))
                col += c.span
            r += 1
    return Grid("table2", r, t2.width, 0, tuple(cells))


def layout_table3(fmt: ReportFormat) -> Grid:
    t3 = fmt.table3
    lc = t3.label_columns
    n_data = len(t3.columns)
    org = [c for c in t3.columns if c.group]
    cells: list[Cell] = [
        Cell(0, 0, Role.NOTE, t3.note, rowspan=3, colspan=lc),
        Cell(0, lc, Role.GROUP, t3.header, colspan=n_data),
    ]
    # Header rows 2–3: columns outside the organisation group span both rows.
    col = lc
    org_done = False
    for c in t3.columns:
        if c.group is None:
            cells.append(Cell(1, col, Role.COLUMN, c.label, rowspan=2))
            col += 1
        elif not org_done:
            cells.append(Cell(1, col, Role.GROUP, t3.org_group, colspan=len(org)))
            for i, oc in enumerate(org):
                cells.append(Cell(2, col + i, Role.COLUMN, oc.label))
            col += len(org)
            org_done = True
    head = 3
    for i, row in enumerate(t3.rows):
        r = head + i
        for level, text in enumerate(row.path):
            prefix = row.path[: level + 1]
            if i > 0 and t3.rows[i - 1].path[: level + 1] == prefix:
                continue  # covered by the rowspan of the cell above
            span = 1
            while i + span < len(t3.rows) and t3.rows[i + span].path[: level + 1] == prefix:
                span += 1
            colspan = lc - level if level == row.level else 1
            cells.append(Cell(r, level, Role.ROW, text, rowspan=span, colspan=colspan))
        for j, c in enumerate(t3.columns):
            cells.append(Cell(r, lc + j, Role.DATA, path=f"table3.rows.{row.key}.{c.key}", kind=ValueKind.COUNT))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid("table3", head + len(t3.rows), lc + n_data, head, tuple(cells))


def layout_table4(fmt: ReportFormat) -> Grid:
    t4 = fmt.table4
    width = len(t4.columns)
    cells: list[Cell] = []
    col = 0
    for g in t4.groups:
        cells.append(Cell(0, col, Role.GROUP, g.label, colspan=width * len(g.blocks)))
        for b in g.blocks:
            if b.label is None:
                # 行政复议: its five column labels span header rows 2–3.
                for j, (_, label) in enumerate(t4.columns):
                    cells.append(Cell(1, col + j, Role.COLUMN, label, rowspan=2))
            else:
                cells.append(Cell(1, col, Role.GROUP, b.label, colspan=width))
                for j, (_, label) in enumerate(t4.columns):
                    cells.append(Cell(2, col + j, Role.COLUMN, label))
            for j, (key, _) in enumerate(t4.columns):
                cells.append(Cell(3, col + j, Role.DATA, path=f"table4.{b.key}.{key}", kind=ValueKind.COUNT))
            col += width
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid("table4", 4, col, 3, tuple(cells))


def layout(fmt: ReportFormat, table: str) -> Grid:
    return {"table2": layout_table2, "table3": layout_table3, "table4": layout_table4}[table](fmt)


def all_labels(fmt: ReportFormat) -> tuple[str, ...]:
    """Every official string of the format: headings and table labels (with repeats)."""
    out = [*fmt.headings]
    for t in ("table2", "table3", "table4"):
        out.extend(c.text for c in layout(fmt, t).labels)
    return tuple(out)


# -- label comparison (B5) ----------------------------------------------------------------


def normalise_label(text: str) -> str:
    """NFKC and no whitespace (§4.2: compare labels after normalisation)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def label_status(found: str, canonical: str) -> str:
    """"exact", "variant" (equal after normalisation) or "different"."""
    if found == canonical:
        return "exact"
    if normalise_label(found) == normalise_label(canonical):
        return "variant"
    return "different"
