"""The workbench: tabs and counts follow the derived status, overdue first, pages of 20,
personal data masked for those who do not handle the case, name search only where the
user handles cases."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from gongkai.agencies import operations as agency_ops
from gongkai.agencies.models import Role
from gongkai.core.rules.identifiers import mask_id_number, mask_name, mask_phone
from gongkai.foi import operations as ops
from gongkai.foi import services
from gongkai.foi.models import Application
from gongkai.foi.rules.status import Phase
from gongkai.foi.views.admin import PER_PAGE, TABS
from tests.web_helpers import (
    body,
    client_for,
    fast_passwords,  # noqa: F401 (fixture)
    fresh_caches,  # noqa: F401 (fixture)
    register_app,
    resident_id,
    submit_online,
)

pytestmark = pytest.mark.usefixtures("fast_passwords", "fresh_caches")

TODAY = dt.date(2026, 11, 16)  # a Monday


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(TODAY)


def get(client: Any, **params: Any) -> Any:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    r = client.get(reverse("foi_workbench") + (f"?{query}" if query else ""))
    assert r.status_code == 200
    return r


def listed(response: Any) -> list[int]:
    return [row.app.pk for row in response.context["rows"]]


def tab_counts(response: Any) -> dict[str, int | None]:
    """The numbers printed on the tabs."""
    html = body(response)
    out = {}
    for key, _label in TABS:
        m = re.search(rf'href="\?tab={key}[^"]*"[^>]*>\s*[^<]*?(?:<span class="gk-count">(\d+)</span>)?\s*</a>', html, flags=re.S)
        assert m, key
        out[key] = int(m.group(1)) if m.group(1) else None
    return out


@pytest.fixture
def mix(world):
    """A's applications in every situation the tabs distinguish."""
    a = world.agency_a

    def reg(received: dt.date, **kw: Any) -> Application:
        return register_app(world.clerk_a, a, received=received, **kw)[0]

    overdue_old = reg(dt.date(2026, 8, 3))
    overdue = reg(dt.date(2026, 9, 1))
    due_soon = reg(dt.date(2026, 10, 20))
    fresh = reg(dt.date(2026, 11, 13))
    online = submit_online(a)[0]
    correcting = ops.request_correction(world.clerk_a, reg(dt.date(2026, 11, 9)), on=dt.date(2026, 11, 10), items="请写明文号")
    consulting = ops.start_consultation(world.clerk_a, reg(dt.date(2026, 11, 2)), on=dt.date(2026, 11, 3), party="other_organ", name="张掖市财政局")
    fee = ops.send_fee_notice(world.clerk_a, reg(dt.date(2026, 11, 2)), on=dt.date(2026, 11, 4), method="per_page", units=80)
    done = ops.issue_reply(world.clerk_a, reg(dt.date(2026, 10, 8)), on=dt.date(2026, 10, 15), outcome="open")
    late = ops.issue_reply(world.clerk_a, reg(dt.date(2026, 7, 1)), on=dt.date(2026, 9, 30), outcome="unable.not_held")
    return {
        "overdue_old": overdue_old, "overdue": overdue, "due_soon": due_soon, "fresh": fresh, "online": online,
        "correcting": correcting, "consulting": consulting, "fee": fee, "done": done, "late": late,
    }


def test_the_fixture_has_the_situations_it_claims(world, mix):
    """Independent of the workbench: 20 working days after 2026-09-01 lie well before
    2026-11-16, 20 after 2026-11-13 well after it."""
    st = {k: services.status_of(Application.objects.get(pk=v.pk)) for k, v in mix.items()}
    assert st["overdue"].overdue and st["overdue_old"].overdue
    assert st["due_soon"].due_soon and not st["due_soon"].overdue
    assert not st["fresh"].due_soon and not st["fresh"].overdue
    assert st["online"].phase is Phase.AWAITING_RECEIPT
    assert st["correcting"].phase is Phase.AWAITING_CORRECTION
    assert st["consulting"].phase is Phase.PAUSED
    assert st["fee"].phase is Phase.AWAITING_FEE
    assert st["done"].phase is Phase.CONCLUDED and st["done"].on_time
    assert st["late"].phase is Phase.CONCLUDED and st["late"].on_time is False


def expected_tabs(apps: dict[str, Application]) -> dict[str, set[int]]:
    """Each tab's applications, from each application's own derived status."""
    out: dict[str, set[int]] = {key: set() for key, _ in TABS}
    for app in apps.values():
        app = Application.objects.get(pk=app.pk)
        st = services.status_of(app)
        out["all"].add(app.pk)
        if st.phase is Phase.CONCLUDED:
            out["concluded"].add(app.pk)
            continue
        out["open"].add(app.pk)
        if st.overdue:
            out["overdue"].add(app.pk)
        if st.due_soon:
            out["due_soon"].add(app.pk)
        if st.phase is Phase.AWAITING_RECEIPT:
            out["awaiting_receipt"].add(app.pk)
        if st.phase in (Phase.AWAITING_CORRECTION, Phase.AWAITING_FEE, Phase.PAUSED):
            out["waiting"].add(app.pk)
    return out


def test_each_tab_lists_exactly_the_applications_whose_derived_status_belongs_there(world, mix):
    c = client_for(world.clerk_a)
    expected = expected_tabs(mix)
    assert expected["overdue"] == {mix["overdue"].pk, mix["overdue_old"].pk}
    assert expected["waiting"] == {mix["correcting"].pk, mix["consulting"].pk, mix["fee"].pk}
    for key, _label in TABS:
        r = get(c, tab=key)
        assert set(listed(r)) == expected[key], key
        assert len(listed(r)) == len(expected[key]), key  # no row twice


def test_the_counts_on_the_tabs_match_the_lists(world, mix):
    c = client_for(world.clerk_a)
    expected = expected_tabs(mix)
    shown = tab_counts(get(c))
    for key in ("open", "due_soon", "overdue", "awaiting_receipt", "waiting"):
        assert shown[key] == len(expected[key]), key
    assert shown["concluded"] is None and shown["all"] is None  # not counted, by design


def test_a_reply_moves_an_application_from_overdue_to_concluded(world, mix):
    c = client_for(world.clerk_a)
    ops.issue_reply(world.clerk_a, mix["overdue"], on=TODAY, outcome="open")
    assert mix["overdue"].pk not in listed(get(c, tab="overdue"))
    assert mix["overdue"].pk in listed(get(c, tab="concluded"))
    assert tab_counts(get(c))["overdue"] == 1


def test_overdue_applications_come_first_then_by_deadline(world, mix):
    rows = get(client_for(world.clerk_a), tab="open").context["rows"]
    flags = [row.status.overdue for row in rows]
    assert flags == sorted(flags, reverse=True)  # every overdue row before every other
    assert flags.count(True) == 2
    overdue = [row.app.pk for row in rows if row.status.overdue]
    assert overdue == [mix["overdue_old"].pk, mix["overdue"].pk]  # the older deadline first
    dated = [row.status.deadline.deadline for row in rows if not row.status.overdue and row.status.deadline and row.status.deadline.deadline]
    assert dated == sorted(dated)
    undated = [i for i, row in enumerate(rows) if not (row.status.deadline and row.status.deadline.deadline)]
    assert undated == list(range(len(rows) - len(undated), len(rows)))  # no deadline (yet, or paused): last
    assert {rows[i].app.pk for i in undated} == {mix[k].pk for k in ("online", "consulting", "correcting", "fee")}


def test_the_overdue_rows_are_marked_in_the_html(world, mix):
    html = body(get(client_for(world.clerk_a), tab="open"))
    assert html.count('class="gk-row--overdue"') == 2
    assert html.count('class="gk-row--due"') == 1


@pytest.mark.parametrize("tab", ["open", "all"])  # open: paginated in Python; all: by the database
def test_pages_of_twenty_cover_every_application_once(world, tab):
    made = [register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2) + dt.timedelta(days=i % 10))[0].pk for i in range(PER_PAGE + 5)]
    c = client_for(world.clerk_a)
    first, second = get(c, tab=tab), get(c, tab=tab, p=2)
    assert len(listed(first)) == PER_PAGE and len(listed(second)) == 5
    assert sorted(listed(first) + listed(second)) == sorted(made)
    assert listed(get(c, tab=tab, p="x")) == listed(first)
    html = body(first)
    assert f'href="?tab={tab}&amp;p=2"' in html
    if tab == "open":  # the open cases are few and all classified: a total is free
        assert listed(get(c, tab=tab, p=99)) == listed(second)  # past the end: the last page
        assert f"第 1 / 2 页，共 {PER_PAGE + 5} 件" in html
    else:  # the whole history is paged without counting it (bench/workbench.py)
        assert listed(get(c, tab=tab, p=99)) == []
        assert "第 1 页" in html and 'href="?tab=all&amp;p=2"' in html
        assert "?tab=all&amp;p=3" not in body(second)


def test_the_page_links_keep_the_filters(world):
    for i in range(PER_PAGE + 1):
        register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2), content=f"请公开第{i}号文件")
    register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2), content="别的内容")
    c = client_for(world.clerk_a)
    html = body(get(c, tab="open", q="号文件", year=2026))
    link = re.search(r'href="(\?tab=open&amp;p=2[^"]*)"', html)
    assert link
    params = parse_qs(unescape(link.group(1))[1:])
    assert params == {"tab": ["open"], "p": ["2"], "q": ["号文件"], "year": ["2026"]}
    assert len(listed(c.get(reverse("foi_workbench") + unescape(link.group(1))))) == 1


# -- personal data -------------------------------------------------------------------------

NAME = "欧阳明月"
ID = resident_id(777)
PHONE = "13993612345"


@pytest.fixture
def personal(world):
    return register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2), name=NAME, id_number=ID, phone=PHONE)[0]


@pytest.mark.parametrize("who", ["leader_a", "principal_a", "secrecy_a", "supervisor"])
def test_those_who_do_not_handle_cases_see_masked_names_and_id_numbers(world, personal, who):
    c = client_for(getattr(world, who))
    wb = body(get(c, tab="open"))
    assert mask_name(NAME) in wb
    assert NAME not in wb
    detail = body(c.get(reverse("foi_detail", args=[personal.pk])))
    assert mask_name(NAME) in detail and mask_id_number(ID) in detail and mask_phone(PHONE) in detail
    for secret in (NAME, ID, PHONE):
        assert secret not in detail, (who, secret)
    assert mask_name(NAME) != NAME and mask_id_number(ID) != ID


@pytest.mark.parametrize("who", ["clerk_a", "head_a"])
def test_those_who_handle_cases_see_personal_data_in_full(world, personal, who):
    c = client_for(getattr(world, who))
    assert NAME in body(get(c, tab="open"))
    detail = body(c.get(reverse("foi_detail", args=[personal.pk])))
    for value in (NAME, ID, PHONE):
        assert value in detail


def test_search_by_applicant_name_only_matches_where_the_user_handles_cases(world, personal):
    # the same applicant name at B, and a user who is 科员 at A and supervises the region
    at_b = register_app(world.clerk_b, world.agency_b, received=dt.date(2026, 11, 2), name=NAME, content="请公开统计年鉴")[0]
    dual = agency_ops.add_member(None, world.agency_a, username="dual", role=Role.CLERK, full_name="双岗").user
    agency_ops.add_supervisor(None, world.city, username="dual")
    assert set(listed(get(client_for(dual), tab="all"))) == {personal.pk, at_b.pk}  # dual reads both

    assert listed(get(client_for(world.clerk_a), tab="all", q=NAME)) == [personal.pk]
    assert listed(get(client_for(world.clerk_b), tab="all", q=NAME)) == [at_b.pk]
    assert listed(get(client_for(dual), tab="all", q=NAME)) == [personal.pk]  # not B's: dual only reads B
    assert listed(get(client_for(dual), tab="all", q=NAME[:2])) == [personal.pk]
    for reader in (world.leader_a, world.supervisor, world.secrecy_a):
        assert listed(get(client_for(reader), tab="all", q=NAME)) == [], reader.username
    # content and number stay searchable for readers
    assert listed(get(client_for(world.supervisor), tab="all", q="统计年鉴")) == [at_b.pk]
    assert personal.pk in listed(get(client_for(world.leader_a), tab="all", q=personal.number))


def test_the_year_filter_uses_the_receipt_year(world):
    old = register_app(world.clerk_a, world.agency_a, received=dt.date(2025, 12, 30))[0]
    new = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 1, 5))[0]
    c = client_for(world.clerk_a)
    assert listed(get(c, tab="all", year=2025)) == [old.pk]
    assert listed(get(c, tab="all", year=2026)) == [new.pk]
