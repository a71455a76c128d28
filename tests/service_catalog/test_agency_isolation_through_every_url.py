"""Staff of agency A cannot see or act on agency B's 事项, 办件, 权责清单 or 监管检查 records
through any back-office URL. Every URL of the three apps is found in the URL configuration,
so a URL added later is covered without editing this file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.core.models import AuditEvent
from gongkai.powers import operations as power_ops
from gongkai.powers.models import PowerItem, PowerRevision
from gongkai.service_catalog import operations as ops
from gongkai.service_catalog.models import Case, CaseEvent, ServiceItem
from gongkai.service_catalog.views.admin import ACTIONS
from gongkai.supervision import operations as sup_ops
from gongkai.supervision import services as sup_services
from gongkai.supervision.models import Inspection, InspectionEvent, InspectionPlan, PlanDraw, SupervisedEntity
from tests.service_catalog.helpers import new_case
from tests.web_helpers import body, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
TODAY = dt.date(2026, 5, 11)
PREFIXES = ("service_", "powers_", "supervision_")

B_APPLICANT = "欧阳统计调查户"
B_ITEM = "统计调查项目审批乙丙"
B_POWER = "统计违法行为处罚丁戊"
B_ENTITY = "统计局监管对象己庚"
B_INSPECTOR = "辛壬检查员"
MARKERS = (B_APPLICANT, B_ITEM, B_POWER, B_ENTITY, B_INSPECTOR)


@pytest.fixture
def records(world, make_item, case_today, monkeypatch):
    case_today(TODAY)
    monkeypatch.setattr(sup_services, "today", lambda: TODAY)
    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Role

    head_b = agency_ops.add_member(None, world.agency_b, username="head_b2", role=Role.OFFICE_ADMIN, full_name="周主任").user
    out: dict[str, Any] = {}
    for agency, clerk, head, suffix in ((world.agency_a, world.clerk_a, world.head_a, "a"), (world.agency_b, world.clerk_b, head_b, "b")):
        name = B_ITEM if suffix == "b" else "宗教活动场所筹备设立审批"
        item = make_item(agency=agency, name=name)
        case = new_case(clerk, item, on=TODAY, name=B_APPLICANT if suffix == "b" else "张掖市大佛寺")
        power = power_ops.add_item(head, agency, code=f"QZ-{suffix.upper()}-001", effective_on=dt.date(2026, 1, 1), reason="年度清单梳理",
                                   data=power_ops.PowerData(B_POWER if suffix == "b" else "宗教活动场所监督检查", "行政检查", legal_basis="《宗教事务条例》第二十七条"))
        entity = sup_ops.add_entity(head, agency, sup_ops.EntityData(B_ENTITY if suffix == "b" else "张掖市大佛寺", "C"))
        for n in range(2):
            sup_ops.add_inspector(head, agency, name=B_INSPECTOR if suffix == "b" else f"检查员{n}", cert_no=f"{suffix.upper()}{n:05d}")
        plan = sup_ops.create_plan(head, agency, sup_ops.PlanData("2026年双随机抽查计划", TODAY, dt.date(2026, 6, 30)))
        sup_ops.draw_plan(head, plan, seed=1)
        out[suffix] = {"service_item": item, "service_case": case, "powers": power, "supervision_entity": entity,
                       "supervision_plan": plan, "supervision_inspection": Inspection.objects.get(plan=plan)}
    return out


def _walk(patterns: list[Any]) -> Iterator[URLPattern]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name and p.name.startswith(PREFIXES) and "_public_" not in p.name:
            yield p


def back_office_urls() -> dict[str, URLPattern]:
    return {p.name: p for p in _walk(get_resolver().url_patterns)}


ACTIONS_BY_URL = {
    "service_case_act": [*ACTIONS, "no-such-action"],
    "service_item_act": ["publish", "withdraw", "x"],
    "powers_act": ["adjust", "remove", "restore", "x"],
    "supervision_entity_act": ["grade", "conflict", "x"],
    "supervision_plan_act": ["draw", "x"],
    "supervision_inspection_act": ["result", "publish", "x"],
}


def _target(name: str, objs: dict[str, Any]) -> Any:
    for key in sorted(objs, key=len, reverse=True):
        if name.startswith(key):
            return objs[key]
    raise AssertionError(f"no object for {name}")


def snapshot() -> tuple[int, ...]:
    return (ServiceItem.objects.count(), Case.objects.count(), CaseEvent.objects.count(), PowerItem.objects.count(), PowerRevision.objects.count(),
            SupervisedEntity.objects.count(), InspectionPlan.objects.count(), PlanDraw.objects.count(), InspectionEvent.objects.count(),
            AuditEvent.objects.count(), *ServiceItem.objects.order_by("pk").values_list("publication", flat=True))


POST = {"on": TODAY.isoformat(), "reason": "理由理由理由", "result_no": "X1", "opinion": "同意", "text": "备注", "grade": "A",
        "inspector": "1", "result": "no_problem", "findings": "无", "effective_on": "2026-05-01", "name": "改名改名", "category": "行政检查",
        "legal_basis": "某某条例第一条"}


def test_the_url_enumeration_finds_every_back_office_page():
    names = set(back_office_urls())
    assert {"service_item_list", "service_item_detail", "service_case_list", "service_case_detail", "service_case_act", "powers_list",
            "powers_detail", "supervision_index", "supervision_plan_detail", "supervision_inspection_act"} <= names


def test_every_url_naming_a_b_record_is_404_for_clerk_a_and_writes_nothing(world, records):
    c = client_for(world.clerk_a)
    before = snapshot()
    checked = 0
    for name, p in sorted(back_office_urls().items()):
        if "pk" not in p.pattern.converters:
            continue
        target = _target(name, records["b"])
        for action in ACTIONS_BY_URL.get(name, [None]):
            kwargs = {"pk": target.pk} | ({"action": action} if action else {})
            url = reverse(name, kwargs=kwargs)
            for method in ("get", "post"):
                r = c.post(url, POST) if method == "post" else c.get(url)
                assert r.status_code in ((404, 405) if method == "get" and action else (404,)), (method, url, r.status_code)
                assert not [m for m in MARKERS if m in body(r)], (method, url)
                checked += 1
    assert checked > 40
    assert snapshot() == before


def test_lists_never_show_b_records_to_clerk_a_even_when_asked_for_b(world, records):
    c = client_for(world.clerk_a)
    before = snapshot()
    for name, p in sorted(back_office_urls().items()):
        if p.pattern.converters:
            continue
        url = reverse(name)
        for query in ("", f"?agency={world.agency_b.pk}", f"?agency={world.agency_b.pk}&tab=all&q=统计", "?date=2026-05-11"):
            r = c.get(url + query)
            assert r.status_code < 500, (url, query, r.status_code)
            assert not [m for m in MARKERS if m in body(r)], (url, query)
        r = c.post(url + f"?agency={world.agency_b.pk}", {**POST, "item": records["b"]["service_item"].pk, "code": "ZZ-1"})
        assert r.status_code < 500 and not [m for m in MARKERS if m in body(r)], (url, r.status_code)
    assert Case.objects.filter(agency=world.agency_b).count() == 1
    assert snapshot()[3:9] == before[3:9]


def test_the_supervisor_reads_both_agencies_but_acts_on_neither(world, records):
    c = client_for(world.supervisor)
    before = snapshot()
    b = records["b"]
    assert c.get(reverse("service_case_detail", kwargs={"pk": b["service_case"].pk})).status_code == 200
    assert c.get(reverse("powers_detail", kwargs={"pk": b["powers"].pk})).status_code == 200
    for name, kwargs in (("service_case_act", {"pk": b["service_case"].pk, "action": "accept"}),
                         ("powers_act", {"pk": b["powers"].pk, "action": "remove"}),
                         ("supervision_inspection_act", {"pk": b["supervision_inspection"].pk, "action": "result"}),
                         ("service_item_act", {"pk": b["service_item"].pk, "action": "withdraw"})):
        r = c.post(reverse(name, kwargs=kwargs), POST)
        assert r.status_code in (302, 400), (name, r.status_code)
    assert snapshot()[:10] == before[:10]


def test_clerk_a_can_work_a_own_case_through_the_same_urls(world, records):
    c = client_for(world.clerk_a)
    case = records["a"]["service_case"]
    r = c.post(reverse("service_case_act", kwargs={"pk": case.pk, "action": "accept"}), {"on": TODAY.isoformat()})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.accepted_on == TODAY


def test_bad_input_to_a_case_action_is_a_400_with_a_chinese_message_naming_the_field(world, records):
    c = client_for(world.clerk_a)
    case = records["a"]["service_case"]
    r = c.post(reverse("service_case_act", kwargs={"pk": case.pk, "action": "refuse"}), {"on": "2026-02-30", "reason": ""})
    assert r.status_code == 400 and "日期不是有效日期" in body(r)
    r = c.post(reverse("service_case_act", kwargs={"pk": case.pk, "action": "refuse"}), {"on": TODAY.isoformat(), "reason": ""})
    assert r.status_code == 400 and "不予受理须写明理由" in body(r)
    assert ops.find_case(case.number, "张掖市大佛寺").is_open
