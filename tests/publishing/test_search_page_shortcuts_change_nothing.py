"""The search page's shortcuts give what the general code gives: the snippet's tag stripping
and normalisation, and (PostgreSQL) the planner settings sent with the search in one string
end with it."""

from __future__ import annotations

import pytest
from django.utils.html import strip_tags

from gongkai.publishing import search
from gongkai.publishing.rules import search as rules

HTML = [
    "", "纯文本，没有标签", "<p>宗教事务，依法管理。</p><p>第二段：（一）</p>", '<p data-block-key="ab1">文字</p>',
    "<p class='x'>ＡＢＣ１２３　全角</p>", "<br/>换行<br />", "a < b > c", "&amp; 与 &lt;", "<p>&copy 无分号</p>",
    '<a href="x>y">链接</a>', "<script>a<b>c</script>", "<STYLE>p{}</STYLE>正文", "<!-- 注释 -->正文", "<p>①②③</p>",
    "x<", "<p>未闭合", "<div><p>嵌套</p></div>", "<p title=a>无引号</p>", "ﬁ İ ＜p＞", "<p >空格</p >", "</p class=\"x\">",
]


@pytest.mark.parametrize("html", HTML)
def test_the_snippet_strips_and_normalises_as_django_and_the_rules_do(html: str) -> None:
    assert search._text_of(html) == strip_tags(html)
    text = " ".join(f"摘要 {strip_tags(html)}".split())
    assert search._normalise(text) == rules.normalise(text)


def test_a_snippet_is_cut_around_the_phrase() -> None:
    body = "<p>" + "前文，" * 40 + "宗教活动场所安全检查" + "，后文" * 40 + "</p>"
    hit = search.Hit(1, "标题", "/x/", None, "", "通知", "有效", "摘要", body)
    out = search.snippet(hit, ("宗教",))
    assert out.startswith("…") and out.endswith("…") and "宗教活动场所" in out


@pytest.mark.django_db(transaction=True)
def test_the_planner_settings_end_with_the_search_on_postgresql() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner settings are PostgreSQL's")
    assert not connection.in_atomic_block
    for q in ("宗教", "宗教事务"):
        search.search([999_999], q)
        with connection.cursor() as cur:
            cur.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), current_setting('jit')")
            assert cur.fetchone() == ("on", "on", "on")
        assert connection.connection.info.transaction_status == 0  # idle: nothing left open
