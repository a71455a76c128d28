"""Bulk-load a portal with N published catalogue entries on PostgreSQL (issue 4, item 5).

Creating a million pages through Wagtail's treebeard API (one INSERT, one path lookup and one
parent UPDATE per page, plus a revision) would take many hours. This loader writes the same
rows with COPY and keeps treebeard's invariants itself:

- ``path`` = the column's path + the child's 1-based position in base 36, 4 characters
  (treebeard's alphabet and steplen for Page), ``depth`` = column depth + 1;
- ``numchild`` of every column is set to its number of children at the end;
- ``url_path`` = column url_path + slug + "/";
- entries are ordered by 发布日期 so positions follow publication, like real use;
- each entry gets its 索引号 from the pattern, and the agency's sequences are set past them,
  so the next publication through the workflow continues without reusing a number;
- the search documents (text and bigram codes) are written in the same pass.

Indexes on the three big tables are dropped before COPY and rebuilt after.

    .venv/bin/python -m bench.load_portal [--entries 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
import uuid

from bench import http

SUBJECTS = ["市民宗委", "甘州区民宗局", "临泽县民宗局", "高台县民宗局", "山丹县民宗局", "民乐县民宗局", "肃南县民宗局", "市伊斯兰教协会", "市佛教协会", "市基督教两会"]
ACTIONS = ["召开", "开展", "部署", "组织", "举办", "推进", "落实", "印发", "启动", "完成"]
TOPICS = ["宗教活动场所安全检查", "民族团结进步创建", "宗教事务条例宣传月", "宗教教职人员培训", "少数民族传统节日慰问", "宗教活动场所消防演练",
          "行政许可事项办理", "铸牢中华民族共同体意识教育", "宗教团体财务监督", "双随机一公开抽查", "民族地区乡村振兴帮扶", "宗教院校招生",
          "清真食品监督管理", "宗教活动场所登记", "民族文化保护传承", "法治宣传进寺观教堂", "政务公开培训", "信访矛盾排查化解"]
KINDS = ["工作会议", "专题培训", "督导检查", "座谈会", "专项行动", "经验交流会", "调研活动", "实施方案", "工作要点", "通知"]
SENTENCES = [
    "{s}{a}{t}{k}，各县区分管负责同志参加会议。",
    "会议传达学习了上级关于{t}的部署要求，安排部署了下一阶段重点工作。",
    "要坚持问题导向，压实属地管理责任，确保{t}各项措施落到实处。",
    "截至目前，全市共排查宗教活动场所{n}处，整改各类隐患{m}项。",
    "会议强调，要依法依规做好宗教事务管理，切实维护民族团结和社会稳定。",
    "{s}将持续加强与相关部门的协作配合，建立健全长效工作机制。",
    "此次{k}内容丰富、针对性强，参训人员纷纷表示收获很大。",
    "下一步，将以{t}为抓手，推动民族宗教工作高质量发展。",
    "各单位要按照属地管理原则，于{mo}月底前将工作情况书面报送市民宗委办公室。",
    "本次活动共发放宣传资料{n}份，接受群众咨询{m}人次。",
    "行政许可事项实行一次性告知，申请材料齐全的当场受理，办理时限压缩至{m}个工作日。",
    "对检查中发现的问题，现场下达整改通知书，明确整改时限和责任人。",
]


def entry_text(rng: random.Random, day: dt.date) -> tuple[str, str, str]:
    s, a, t, k = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(TOPICS), rng.choice(KINDS)
    title = f"{s}{a}{day.year}年{t}{k}"
    summary = f"{s}{a}{t}{k}，部署相关工作。"[:100]
    body = "".join(
        rng.choice(SENTENCES).format(s=s, a=a, t=t, k=k, n=rng.randint(10, 900), m=rng.randint(2, 90), mo=rng.randint(1, 12))
        for _ in range(rng.randint(6, 12))
    )
    return title, summary, body


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def step(n: int) -> str:
    out = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        out = ALPHABET[r] + out
    return out


def copy_rows(cur, table: str, columns: list[str], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row(r)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.update(http.env())
    import django

    django.setup()
    from django.db import connection

    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Agency
    from gongkai.core.models import Sequence
    from gongkai.publishing import operations
    from gongkai.publishing.models import CatalogEntry, ColumnKind, ColumnPage, PortalHome, TopicCategory
    from gongkai.publishing.rules import search as sr
    from gongkai.publishing.rules.index_no import IndexContext, format_index_no, sequence_scope

    t0 = time.monotonic()
    Agency.objects.filter(credit_code="11620700MB1234567D").exclude(slug="benchportal").update(slug="benchportal")
    agency = Agency.objects.filter(slug="benchportal").first()
    if agency is None:
        agency = agency_ops.add_agency(None, code="11620700MB1234567D", name="张掖市民族宗教事务委员会", slug="benchportal")
    home = PortalHome.objects.filter(agency=agency).first() or operations.create_portal(None, agency)
    if CatalogEntry.objects.filter(agency=agency).count() >= args.entries:
        print(f"already loaded: {CatalogEntry.objects.filter(agency=agency).count():,} entries")
        return
    columns = list(ColumnPage.objects.descendant_of(home).filter(kind__in=[ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.CATEGORY, ColumnKind.SYSTEM]).order_by("path"))
    weights = [40 if c.kind == ColumnKind.NEWS else 20 if c.kind == ColumnKind.NOTICES else 2 for c in columns]
    topics = list(TopicCategory.objects.values_list("pk", flat=True))
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    ct = ContentType.objects.get_for_model(CatalogEntry).pk
    locale = Locale.get_default().pk
    rng = random.Random(4)
    end = dt.date(2026, 10, 30)
    days = 365 * 8
    with connection.cursor() as c:
        c.execute("SELECT COALESCE(MAX(id), 0) FROM wagtailcore_page")
        next_id = c.fetchone()[0] + 1
        c.execute("DROP INDEX IF EXISTS searchdoc_bigrams_gin")
    counters = {col.pk: col.numchild for col in columns}
    seq_by_year: dict[int, int] = {}
    ctxs: dict[int, IndexContext] = {}
    # dates ascending: positions and 索引号 serials follow publication order
    dates = sorted(end - dt.timedelta(days=rng.randrange(days)) for _ in range(args.entries))
    raw = connection.connection
    done = 0
    while done < args.entries:
        page_rows, entry_rows, doc_rows = [], [], []
        for day in dates[done : done + args.batch]:
            col = rng.choices(columns, weights)[0]
            counters[col.pk] += 1
            pid = next_id
            next_id += 1
            title, summary, body = entry_text(rng, day)
            slug = f"t{day:%Y%m%d}-{pid}"
            at = dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)
            page_rows.append((pid, col.path + step(counters[col.pk]), col.depth + 1, 0, title, slug, True, False, f"{col.url_path}{slug}/", "", False, "", False, ct, False, at, at, title, uuid.uuid4(), locale))
            seq_by_year[day.year] = seq_by_year.get(day.year, 0) + 1
            ctx = ctxs.setdefault(day.year, IndexContext(agency.credit_code, day.year, 1))
            index_no = format_index_no(home.index_no_pattern, ctx, seq_by_year[day.year])
            genre = "通知" if col.kind == ColumnKind.NOTICES else rng.choice(["其他", "通知", "意见", "报告", "函"])
            topic = rng.choice(topics)
            validity = "有效" if rng.random() > 0.03 else "废止"
            repealed = day + dt.timedelta(days=30) if validity == "废止" else None
            entry_rows.append((pid, agency.pk, index_no, "", day, day, day, "", topic, genre, "", validity, repealed, "", summary, f"<p>{body}</p>"))
            text = sr.normalise("\n".join([title, index_no, genre, validity, summary, body]))
            codes = sr.codes(sr.token_document(text))
            doc_rows.append((pid, agency.pk, col.path, day.year, day, topic, genre, validity, text, "{" + ",".join(map(str, codes)) + "}"))
        with raw.cursor() as cur:
            copy_rows(cur, "wagtailcore_page", ["id", "path", "depth", "numchild", "title", "slug", "live", "has_unpublished_changes", "url_path", "seo_title", "show_in_menus", "search_description", "expired", "content_type_id", "locked", "first_published_at", "last_published_at", "draft_title", "translation_key", "locale_id"], page_rows)
            copy_rows(cur, "publishing_catalogentry", ["page_ptr_id", "agency_id", "index_no", "publisher", "written_on", "formed_on", "published_on", "doc_no", "topic_id", "genre", "document_kind", "validity", "repealed_on", "keywords", "summary", "body"], entry_rows)
            copy_rows(cur, "publishing_searchdoc", ["entry_id", "agency_id", "column_path", "year", "published_on", "topic_id", "genre", "validity", "text", "bigrams"], doc_rows)
        raw.commit()
        done += len(page_rows)
        print(f"{done:,} entries, {time.monotonic() - t0:,.0f}s", flush=True)
    with connection.cursor() as c:
        for pk, n in counters.items():
            c.execute("UPDATE wagtailcore_page SET numchild = %s WHERE id = %s", [n, pk])
        c.execute("SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), %s)", [next_id])
    for year, n in seq_by_year.items():
        Sequence.objects.update_or_create(scope=sequence_scope(home.index_no_pattern, agency.pk, year), defaults={"last": n})
    t_rows = time.monotonic() - t0
    with connection.cursor() as c:
        c.execute("SET maintenance_work_mem = '1GB'")
        c.execute("CREATE INDEX searchdoc_bigrams_gin ON publishing_searchdoc USING gin (bigrams) WITH (fastupdate = off)")
        t_gin = time.monotonic() - t0
        c.execute("VACUUM ANALYZE wagtailcore_page")
        c.execute("VACUUM ANALYZE publishing_catalogentry")
        c.execute("VACUUM ANALYZE publishing_searchdoc")
    print(f"loaded {args.entries:,} entries: rows {t_rows:,.0f}s, GIN index {t_gin - t_rows:,.0f}s, total {time.monotonic() - t0:,.0f}s")


if __name__ == "__main__":
    main()
