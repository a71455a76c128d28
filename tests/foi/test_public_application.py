"""The public side of 依申请公开: apply online, keep the query code, follow the application,
answer a 补正 notice. Nobody sees anyone else's application; what people type is escaped."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gongkai.foi import operations as ops
from gongkai.foi import services
from gongkai.foi.models import Application, ApplicationEvent
from gongkai.foi.rules.events import EventKind
from gongkai.foi.views.public import QUERY_LIMIT
from tests.web_helpers import (
    bad_check_digit,
    body,
    client_for,
    counts,
    fast_passwords,  # noqa: F401 (fixture)
    fresh_caches,  # noqa: F401 (fixture)
    register_app,
    resident_id,
    text_of,
)

pytestmark = pytest.mark.usefixtures("fast_passwords", "fresh_caches")

TODAY = dt.date(2026, 11, 16)
CODE_SHAPE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


@pytest.fixture(autouse=True)
def _clean(freeze_today):
    freeze_today(TODAY)
    cache.clear()  # the query throttle counts failures per IP in the cache
    yield
    cache.clear()


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": "natural_person", "name": "马晓东", "id_type": "resident_id", "id_number": resident_id(),
        "contact_person": "", "phone": "13893600000", "email": "ma@example.cn", "address": "甘肃省张掖市甘州区青年西街8号",
        "postcode": "734000", "content": "2025年张掖市宗教活动场所财政补助资金分配方案", "form_requirement": "电子数据",
        "delivery": "电子邮件", "agree": "on",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def apply(client: Client, world: Any, **changes: Any) -> Any:
    return client.post(reverse("foi_public_apply", args=[world.agency_a.slug]), form_data(**changes))


def apply_ok(world: Any, **changes: Any) -> tuple[Client, Application, str]:
    """A citizen applies; returns their browser, the application and the code the done page showed."""
    c = Client()
    r = apply(c, world, **changes)
    assert r.status_code == 302 and r["Location"] == reverse("foi_public_done"), re.findall(r'class="error"[^>]*>(.*?)<', body(r))
    done = c.get(r["Location"])
    code = re.search(r'<p class="code" id="query-code">([^<]+)</p>', body(done)).group(1).strip()
    number = re.search(r"申请编号 <strong>([^<]+)</strong>", body(done)).group(1)
    return c, Application.objects.get(agency=world.agency_a, number=number), code


def query(client: Client, code: str, **extra: Any) -> Any:
    return client.post(reverse("foi_public_query"), {"code": code}, **extra)


# -- applying ------------------------------------------------------------------------------


def test_a_citizen_applies_and_sees_the_number_and_query_code_once(world):
    before = counts()
    c, app, code = apply_ok(world)
    assert counts().applications == before.applications + 1
    assert CODE_SHAPE.match(code)
    assert app.applicant.name == "马晓东" and app.content.startswith("2025年张掖市")
    assert [e.kind for e in app.events.all()] == [EventKind.SUBMITTED]
    assert app.received_on is None  # 条例第三十一条: received when both sides confirm
    # reloading the done page does not show the code again
    again = c.get(reverse("foi_public_done"))
    assert code not in body(again)
    assert again.status_code == 302 and again["Location"] == reverse("foi_public_query")
    # the code is stored only as a digest
    assert code not in str(Application.objects.filter(pk=app.pk).values().first())
    assert ops.find_by_query_code(code) == app


def test_the_done_page_says_no_cache(world):
    c = Client()
    apply(c, world)
    r = c.get(reverse("foi_public_done"))
    assert "no-store" in r["Cache-Control"] or "no-cache" in r["Cache-Control"]


BAD_FIELDS = {
    # field: (changes, label the error summary names, words of the reason)
    "id_number": ({"id_number": bad_check_digit(resident_id(5))}, "证件号码", "校验位"),
    "content": ({"content": ""}, "所需政府信息的名称、文号或者便于查询的其他特征性描述", "请填写"),
    "phone": ({"phone": "call me maybe"}, "联系电话", "联系电话只能包含数字"),
    "agree": ({"agree": None}, "我确认以上信息真实", "请勾选"),
}


@pytest.mark.parametrize("field", sorted(BAD_FIELDS))
def test_one_bad_field_is_named_in_chinese_with_status_400_and_nothing_is_created(world, field):
    changes, label, reason = BAD_FIELDS[field]
    before = counts()
    r = apply(Client(), world, **changes)
    assert r.status_code == 400
    assert counts() == before
    summary = re.search(r'<div class="errorsummary".*?</div>', body(r), flags=re.S).group(0)
    items = re.findall(r"<li>(.*?)</li>", summary, flags=re.S)
    assert len(items) == 1
    assert label in items[0] and reason in items[0]
    assert f'href="#id_{field}"' in items[0]  # the summary links to the field


def test_all_bad_fields_are_named_at_once(world):
    changes: dict[str, Any] = {}
    for c, _label, _reason in BAD_FIELDS.values():
        changes |= c
    before = counts()
    r = apply(Client(), world, **changes)
    assert r.status_code == 400
    assert counts() == before
    summary = text_of(r)
    for field, (_c, label, reason) in BAD_FIELDS.items():
        assert re.search(rf"{re.escape(label)}[^：]*：[^\n]*{re.escape(reason)}", summary), field
    assert f"请修改以下{len(BAD_FIELDS)}处" in summary


def test_an_unknown_agency_is_404(world):
    assert Client().get(reverse("foi_public_apply", args=["no-such-agency"])).status_code == 404


# -- querying ------------------------------------------------------------------------------


def test_the_query_page_finds_the_application_only_with_its_code(world):
    _, app, code = apply_ok(world)
    stranger = Client()
    assert stranger.get(reverse("foi_public_status")).status_code == 302  # nothing without a query
    for wrong in ("", "AAAA-BBBB-CCCC", code[:-1] + ("A" if code[-1] != "A" else "B"), app.number, "' OR 1=1 --"):
        r = query(stranger, wrong)
        assert r.status_code == 400, wrong
        assert app.content not in body(r)
    assert stranger.get(reverse("foi_public_status"))["Location"] == reverse("foi_public_query")
    r = query(stranger, code.lower().replace("-", ""))  # the code as people retype it
    assert r.status_code == 302 and r["Location"] == reverse("foi_public_status")
    status = stranger.get(r["Location"])
    assert status.status_code == 200 and app.number in body(status)


def test_each_code_shows_only_its_own_application(world):
    _, first, code1 = apply_ok(world, name="甲申请人", content="第一位申请人的请求内容")
    _, second, code2 = apply_ok(world, name="乙申请人", content="第二位申请人的请求内容")
    for code, mine, other in ((code1, first, second), (code2, second, first)):
        c = Client()
        query(c, code)
        page = body(c.get(reverse("foi_public_status")))
        assert mine.number in page
        assert other.number not in page


def test_leaving_the_status_page_forgets_the_application(world):
    _, _app, code = apply_ok(world)
    c = Client()
    query(c, code)
    assert c.get(reverse("foi_public_status")).status_code == 200
    c.get(reverse("foi_public_leave"))
    assert c.get(reverse("foi_public_status")).status_code == 302


def test_staff_being_logged_in_gives_no_access_to_the_public_status_page(world):
    app = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))[0]
    r = client_for(world.clerk_a).get(reverse("foi_public_status"))
    assert r.status_code == 302
    assert app.number not in body(r)


def test_wrong_codes_are_throttled_after_the_limit_even_for_the_right_code_then(world):
    _, _app, code = apply_ok(world)
    c = Client()
    for i in range(QUERY_LIMIT):
        r = query(c, f"AAAA-BBBB-{i:04d}".replace("0", "A").replace("1", "B"))
        assert r.status_code == 400
        assert "次数过多" not in body(r), i
    r = query(c, code)
    assert r.status_code == 400
    assert "查询失败次数过多" in body(r)
    assert c.get(reverse("foi_public_status")).status_code == 302
    # another address is not throttled
    r = query(Client(), code, REMOTE_ADDR="10.0.0.2")
    assert r.status_code == 302


def test_right_codes_do_not_count_towards_the_limit(world):
    _, _, code = apply_ok(world)
    c = Client()
    for _ in range(QUERY_LIMIT + 2):
        assert query(c, code).status_code == 302


# -- online 补正 ----------------------------------------------------------------------------


def test_an_online_correction_appends_correction_received_and_restarts_the_deadline(world, freeze_today):
    freeze_today(dt.date(2026, 11, 2))
    _, app, code = apply_ok(world)
    ops.confirm_receipt(world.clerk_a, app, on=dt.date(2026, 11, 2))
    freeze_today(TODAY)
    ops.request_correction(world.clerk_a, app, on=dt.date(2026, 11, 3), items="请写明所需文件的文号")
    app.refresh_from_db()
    deadline_before = services.status_of(app).deadline
    c = Client()
    query(c, code)
    page = c.get(reverse("foi_public_status"))
    assert "请写明所需文件的文号" in body(page) and "提交补正" in body(page)
    before = counts()
    r = c.post(reverse("foi_public_status"), {"text": "张民宗发〔2025〕12号及其附件"})
    assert r.status_code == 302
    assert counts().events == before.events + 1
    last = ApplicationEvent.objects.filter(application=app).order_by("-seq").first()
    assert (last.kind, last.on, last.actor) == (EventKind.CORRECTION_RECEIVED, TODAY, None)
    assert last.data["note"] == "张民宗发〔2025〕12号及其附件"
    # the deadline now runs from the day of the correction, like an application received today
    app.refresh_from_db()
    restarted = services.status_of(app).deadline.deadline
    fresh = register_app(world.clerk_a, world.agency_a, received=TODAY)[0]
    assert restarted == services.status_of(fresh).deadline.deadline
    assert restarted > TODAY + dt.timedelta(days=20)
    assert deadline_before.deadline is None  # stopped while the applicant held the notice
    shown = body(c.get(reverse("foi_public_status")))
    assert f"{restarted.year}年{restarted.month}月{restarted.day}日" in shown
    assert "提交补正" not in shown  # nothing more to correct
    # the office sees it in the timeline
    assert "张民宗发〔2025〕12号及其附件" in body(client_for(world.clerk_a).get(reverse("foi_detail", args=[app.pk])))


def test_an_online_correction_is_refused_when_none_was_asked_for(world):
    _, app, code = apply_ok(world)
    ops.confirm_receipt(world.clerk_a, app, on=TODAY)
    c = Client()
    query(c, code)
    before = counts()
    c.post(reverse("foi_public_status"), {"text": "我想补充一些材料"})
    assert counts() == before


# -- escaping ------------------------------------------------------------------------------

XSS = '<script>alert("gk")</script><img src=x onerror=alert(1)>'


def _no_raw_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_html_typed_by_anyone_is_escaped_on_every_page_that_shows_it(world):
    _, app, code = apply_ok(world, name="马" + XSS, content="请公开" + XSS, address=XSS)
    ops.confirm_receipt(world.clerk_a, app, on=TODAY)
    ops.request_correction(world.clerk_a, app, on=TODAY, items="补正事项" + XSS)
    citizen = Client()
    query(citizen, code)
    citizen.post(reverse("foi_public_status"), {"text": "补正内容" + XSS})
    ops.add_note(world.clerk_a, app, text="备注" + XSS)
    escaped = "&lt;script&gt;alert("
    pages = {
        "admin detail": client_for(world.clerk_a).get(reverse("foi_detail", args=[app.pk])),
        "workbench": client_for(world.clerk_a).get(reverse("foi_workbench") + "?tab=all"),
        "workbench search": client_for(world.clerk_a).get(reverse("foi_workbench"), {"tab": "all", "q": XSS}),
        "supervisor detail": client_for(world.supervisor).get(reverse("foi_detail", args=[app.pk])),
        "public status": citizen.get(reverse("foi_public_status")),
        "public form errors": citizen.post(reverse("foi_public_apply", args=[world.agency_a.slug]), form_data(name=XSS, phone=XSS)),
    }
    for where, r in pages.items():
        html = body(r)
        _no_raw_markup(html)
        assert escaped in html, where
    detail = body(pages["admin detail"])
    for typed in ("请公开", "补正事项", "补正内容", "备注", "马"):
        assert f"{typed}&lt;script&gt;" in detail, typed
    assert "补正事项&lt;script&gt;" in body(pages["public status"])
