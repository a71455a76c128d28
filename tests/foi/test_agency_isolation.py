"""Agency isolation (issue 2, acceptance 5): staff of agency A cannot see or act on agency
B's data through any URL or command.

Every URL of ``foi`` and ``workdays`` is found in the URL configuration (not listed by
hand), so a URL added later is covered without editing this file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.core.errors import NotAllowed
from gongkai.core.models import AuditEvent
from gongkai.core.rules.identifiers import mask_id_number, mask_name
from gongkai.foi import operations as ops
from gongkai.foi.letters import LETTERS
from gongkai.foi.models import Application, ApplicationEvent
from gongkai.foi.views.admin import ACTIONS
from tests.web_helpers import (
    any_text,
    body,
    client_for,
    counts,
    fast_passwords,  # noqa: F401 (fixture)
    fresh_caches,  # noqa: F401 (fixture)
    register_app,
    resident_id,
    submit_online,
    valid_action_data,
)

pytestmark = pytest.mark.usefixtures("fast_passwords", "fresh_caches")

TODAY = dt.date(2026, 11, 16)
URL_PREFIXES = ("foi_", "workdays_")

# What only B's records contain: if any of these shows up for clerk_a, B's data leaked.
B_NAME = "欧阳统计"
B_ID = resident_id(901)
B_PHONE = "13800009999"
B_CONTENT = "统计局内部专项调查原始数据甲乙丙"
B_ONLINE_NAME = "司马在线"
B_ONLINE_CONTENT = "统计局在线申请材料丁戊己"
B_MARKERS = (B_NAME, B_ID, B_PHONE, B_CONTENT, B_ONLINE_NAME, B_ONLINE_CONTENT)
# The start of the message of ``NotAllowed`` raised by ``agencies.auth.require_role``.
NOT_ALLOWED = "的权限（需要以下岗位之一"


@pytest.fixture
def apps(world, freeze_today, django_user_model, settings, tmp_path):
    freeze_today(TODAY)
    settings.MEDIA_ROOT = tmp_path
    a, _ = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2), name="王甲方", content="请公开本委2026年民族团结进步创建经费")
    b, _ = register_app(
        world.clerk_b, world.agency_b, received=dt.date(2026, 11, 3), name=B_NAME, id_number=B_ID, phone=B_PHONE, content=B_CONTENT
    )
    ops.attach(world.clerk_b, b, SimpleUploadedFile("调查底稿.txt", f"{B_NAME} {B_ID}".encode(), "text/plain"))
    b_online, _ = submit_online(world.agency_b, name=B_ONLINE_NAME, content=B_ONLINE_CONTENT)
    b_done, _ = register_app(world.clerk_b, world.agency_b, received=dt.date(2026, 10, 12), name=B_NAME, id_number=B_ID, content=B_CONTENT + "（已办结）")
    ops.issue_reply(world.clerk_b, b_done, on=dt.date(2026, 10, 20), outcome="open")
    # one of B's applications in every other tab: overdue, due soon, waiting for a 补正
    b_overdue, _ = register_app(world.clerk_b, world.agency_b, received=dt.date(2026, 9, 1), name=B_NAME, id_number=B_ID, content=B_CONTENT + "（逾期）")
    b_due, _ = register_app(world.clerk_b, world.agency_b, received=dt.date(2026, 10, 20), name=B_NAME, id_number=B_ID, content=B_CONTENT + "（将到期）")
    b_waiting, _ = register_app(world.clerk_b, world.agency_b, received=dt.date(2026, 11, 10), name=B_NAME, id_number=B_ID, content=B_CONTENT + "（待补正）")
    ops.request_correction(world.clerk_b, b_waiting, on=dt.date(2026, 11, 11), items="请写明调查名称")
    root = django_user_model.objects.create_superuser("root", password="x-Root-2026-x")
    b_all = {b.pk, b_online.pk, b_done.pk, b_overdue.pk, b_due.pk, b_waiting.pk}
    return {"a": a, "b": b, "b_online": b_online, "b_done": b_done, "b_all": b_all, "root": root}


def leaked(response: Any) -> list[str]:
    text = any_text(response)
    return [m for m in B_MARKERS if m in text]


# -- finding every URL ---------------------------------------------------------------------


def _walk(patterns: list[Any]) -> Iterator[URLPattern]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name and p.name.startswith(URL_PREFIXES):
            yield p


def url_patterns() -> dict[str, URLPattern]:
    return {p.name: p for p in _walk(get_resolver().url_patterns)}


def _value(param: str, converter: Any, app: Any, world: Any) -> Any:
    if param == "pk":
        return app.pk
    if param == "att_id":
        return app.attachments.values_list("pk", flat=True).first() or 1
    if param == "year":
        return TODAY.year
    if param == "slug":
        return world.agency_b.slug
    return 1 if type(converter).__name__ == "IntConverter" else "1"


def urls_with_pk(app: Any, world: Any) -> list[tuple[str, str]]:
    """(name, url) for every URL that names one application: every action of foi_act,
    every kind of letter."""
    out = []
    for name, p in sorted(url_patterns().items()):
        params = p.pattern.converters
        if "pk" not in params:
            continue
        variants: list[dict[str, str]] = [{}]
        if "action" in params:
            variants = [{"action": a} for a in [*ACTIONS, "attach", "no-such-action"]]
        elif "kind" in params:
            variants = [{"kind": k} for k in LETTERS]
        for extra in variants:
            kwargs = {k: _value(k, c, app, world) for k, c in params.items()} | extra
            out.append((name, reverse(name, kwargs=kwargs)))
    return out


def urls_without_pk(world: Any) -> list[tuple[str, str]]:
    out = []
    for name, p in sorted(url_patterns().items()):
        params = p.pattern.converters
        if "pk" in params:
            continue
        kwargs = {k: _value(k, c, None, world) for k, c in params.items()}
        out.append((name, reverse(name, kwargs=kwargs)))
    return out


def test_the_url_enumeration_finds_the_urls_this_file_relies_on():
    names = set(url_patterns())
    assert {"foi_workbench", "foi_register", "foi_detail", "foi_act", "foi_deadline_calculator", "foi_fee_calculator",
            "foi_public_apply", "foi_public_query", "foi_public_status", "workdays_index", "workdays_year"} <= names


# -- clerk_a against B's applications ------------------------------------------------------


@pytest.mark.parametrize("which", ["b", "b_online", "b_done"])
def test_every_url_naming_a_b_application_is_404_for_clerk_a_and_writes_nothing(world, apps, which):
    target = apps[which]
    missing = Application.objects.order_by("-pk").first().pk + 1000
    c = client_for(world.clerk_a)
    before = counts()
    checked = 0
    for name, url in urls_with_pk(target, world):
        action = url.rstrip("/").rsplit("/", 1)[-1]
        post_data = valid_action_data(action, TODAY) if action in ACTIONS else {"text": "x"}
        for method in ("get", "post"):
            send = getattr(c, method)
            r = send(url, post_data) if method == "post" else send(url)
            # indistinguishable from an application that does not exist
            r_missing = send(url.replace(f"/{target.pk}/", f"/{missing}/", 1), post_data) if method == "post" else send(url.replace(f"/{target.pk}/", f"/{missing}/", 1))
            assert r.status_code == r_missing.status_code, (method, name, url, r.status_code, r_missing.status_code)
            if method == "post" or name != "foi_act":
                assert r.status_code == 404, (method, name, url, r.status_code)
            else:
                assert r.status_code in (404, 405), (method, name, url, r.status_code)
            assert not leaked(r), (method, name, url, leaked(r))
            checked += 1
    assert checked >= 2 * (len(ACTIONS) + 3)
    assert counts() == before


def test_urls_without_an_application_never_show_b_data_to_clerk_a_even_when_asked_for_b(world, apps):
    c = client_for(world.clerk_a)
    before_b = Application.objects.filter(agency=world.agency_b).count()
    b_events = ApplicationEvent.objects.filter(application__agency=world.agency_b).count()
    for name, url in urls_without_pk(world):
        b = world.agency_b.pk
        for query in ("", f"?agency={b}", f"?agency={b}&format=csv", f"?agency={b}&q={B_NAME[:3]}", f"?tab=all&agency={b}&q={B_CONTENT[:6]}"):
            r = c.get(url + query)
            assert r.status_code < 500, (name, query, r.status_code)
            assert not leaked(r), (name, query, leaked(r))
        r = c.post(url + f"?agency={world.agency_b.pk}", {"agency": world.agency_b.pk})
        assert r.status_code < 500, (name, r.status_code)
        assert not leaked(r), (name, leaked(r))
    assert Application.objects.filter(agency=world.agency_b).count() == before_b
    assert ApplicationEvent.objects.filter(application__agency=world.agency_b).count() == b_events


def test_registering_with_agency_b_in_the_url_registers_into_clerk_as_own_agency(world, apps):
    c = client_for(world.clerk_a)
    data = {
        "channel": "in_person", "submitted_on": "2026-11-16", "kind": "natural_person", "name": "钱登记",
        "id_type": "resident_id", "id_number": resident_id(), "phone": "13900001111",
        "content": "请公开某某文件", "form_requirement": "纸质", "delivery": "邮寄", "pieces": "1",
    }
    b_before = Application.objects.filter(agency=world.agency_b).count()
    r = c.post(reverse("foi_register") + f"?agency={world.agency_b.pk}", data)
    assert r.status_code == 302
    created = Application.objects.get(applicant__name="钱登记")
    assert created.agency == world.agency_a
    assert Application.objects.filter(agency=world.agency_b).count() == b_before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_back_office_ledger_export_gives_clerk_a_only_as_ledger_even_when_asked_for_b(world, apps, fmt):
    url = reverse("foi_ledger_export")
    mine = client_for(world.clerk_a).get(url, {"agency": world.agency_b.pk, "format": fmt})
    assert mine.status_code == 200
    assert "王甲方" in any_text(mine)
    assert not leaked(mine)
    theirs = client_for(world.clerk_b).get(url, {"format": fmt})  # the positive control
    assert B_NAME in any_text(theirs)


# -- the workbench and the dashboard -------------------------------------------------------


@pytest.mark.parametrize("tab", ["open", "due_soon", "overdue", "awaiting_receipt", "waiting", "concluded", "all"])
def test_the_workbench_never_lists_b_applications_for_clerk_a(world, apps, tab):
    c = client_for(world.clerk_a)
    for query in ("", f"&agency={world.agency_b.pk}", f"&q={B_NAME[:3]}", f"&q={B_CONTENT[:8]}", f"&q={apps['b'].number}"):
        r = c.get(reverse("foi_workbench") + f"?tab={tab}" + query)
        assert r.status_code == 200
        assert not leaked(r), (tab, query, leaked(r))
        listed = {row.app.pk for row in r.context["rows"]}
        assert listed <= {apps["a"].pk}, (tab, query)


def test_the_workbench_lists_a_for_clerk_a_and_b_for_clerk_b_in_every_tab(world, apps):
    # the positive side of the test above: B has an application in every tab, so the
    # test above would see it if the scoping failed
    r = client_for(world.clerk_a).get(reverse("foi_workbench") + "?tab=all")
    assert {row.app.pk for row in r.context["rows"]} == {apps["a"].pk}
    c = client_for(world.clerk_b)
    r = c.get(reverse("foi_workbench") + "?tab=all")
    assert {row.app.pk for row in r.context["rows"]} == apps["b_all"]
    assert B_NAME in body(r)
    for tab in ("open", "due_soon", "overdue", "awaiting_receipt", "waiting", "concluded"):
        rows = c.get(reverse("foi_workbench") + f"?tab={tab}").context["rows"]
        assert rows and {row.app.pk for row in rows} <= apps["b_all"], tab


def _dashboard_counts(response: Any) -> dict[str, int]:
    html = body(response)
    found = dict(
        (label, int(n)) for n, label in re.findall(r'<span class="gk-dash-n">(\d+)</span>\s*([^<\s]+)</a>', html)
    )
    assert {"已逾期", "即将到期", "待确认收到", "办理中"} <= set(found), html[:2000]
    return found


def test_the_dashboard_panel_counts_only_visible_applications(world, apps):
    open_a = Application.objects.filter(agency=world.agency_a, concluded_on__isnull=True).count()
    open_b = Application.objects.filter(agency=world.agency_b, concluded_on__isnull=True).count()
    assert open_a and open_b > open_a
    assert _dashboard_counts(client_for(world.clerk_a).get(reverse("wagtailadmin_home")))["办理中"] == open_a
    b = _dashboard_counts(client_for(world.clerk_b).get(reverse("wagtailadmin_home")))
    assert b["办理中"] == open_b
    assert b["待确认收到"] == 1  # B's online application
    assert _dashboard_counts(client_for(world.clerk_a).get(reverse("wagtailadmin_home")))["待确认收到"] == 0
    assert _dashboard_counts(client_for(world.supervisor).get(reverse("wagtailadmin_home")))["办理中"] == open_a + open_b


# -- the supervisor: reads A and B, acts on neither ----------------------------------------


def test_the_supervisor_sees_both_agencies_with_personal_data_masked(world, apps):
    c = client_for(world.supervisor)
    r = c.get(reverse("foi_workbench") + "?tab=all")
    assert {row.app.pk for row in r.context["rows"]} == {apps["a"].pk} | apps["b_all"]
    assert B_NAME not in body(r)
    assert mask_name(B_NAME) in body(r)
    r = c.get(reverse("foi_detail", args=[apps["b"].pk]))
    assert r.status_code == 200
    html = body(r)
    assert B_CONTENT in html  # the request itself is the agency's record, readable by the supervisor
    assert B_NAME not in html and B_ID not in html and B_PHONE not in html
    assert mask_name(B_NAME) in html and mask_id_number(B_ID) in html
    assert "没有办理权限" in html
    assert 'action="/admin/foi/' not in html  # no action forms, no upload form


@pytest.mark.parametrize("user", ["supervisor", "leader_a", "secrecy_a"])
def test_every_action_post_by_a_reader_is_refused_and_writes_nothing(world, apps, user):
    """leader_a (分管领导) may approve extensions and nothing else; the others only read."""
    actor = getattr(world, user)
    c = client_for(actor)
    app = apps["a"]
    for action in [*ACTIONS, "attach"]:
        if action == "extend" and user == "leader_a":
            continue  # allowed: covered in test_back_office_actions
        before = counts()
        if action == "attach":
            r = c.post(reverse("foi_act", args=[app.pk, action]), {"attachment": SimpleUploadedFile("a.txt", b"hello", "text/plain")})
            assert r.status_code == 302
            r = c.get(r["Location"])
        else:
            r = c.post(reverse("foi_act", args=[app.pk, action]), valid_action_data(action, TODAY))
            assert r.status_code == 400, (user, action, r.status_code)
        assert NOT_ALLOWED in body(r), (user, action)
        assert counts() == before, (user, action)


def test_a_superuser_is_a_platform_operator_and_cannot_act_on_an_agencys_application(world, apps):
    root = apps["root"]
    c = client_for(root)
    assert c.get(reverse("foi_detail", args=[apps["b"].pk])).status_code == 200
    for action in ACTIONS:
        before = counts()
        r = c.post(reverse("foi_act", args=[apps["b"].pk, action]), valid_action_data(action, TODAY))
        assert r.status_code == 400, (action, r.status_code)
        assert NOT_ALLOWED in body(r), action
        assert counts() == before, action
    with pytest.raises(NotAllowed):
        ops.add_note(root, apps["b"], text="平台运维人员的备注")
    with pytest.raises(NotAllowed):
        register_app(root, world.agency_b, received=TODAY)
    # and the register page sends them away instead of registering into some agency
    before = counts()
    r = c.get(reverse("foi_register"))
    assert r.status_code == 302
    assert counts() == before


def test_clerk_b_cannot_act_on_as_applications_through_operations_either(world, apps):
    """The operations check the role themselves (commands and future views rely on it)."""
    before = counts()
    for call in (
        lambda: ops.add_note(world.clerk_b, apps["a"], text="越权备注"),
        lambda: ops.request_correction(world.clerk_b, apps["a"], on=TODAY, items="越权补正"),
        lambda: ops.approve_extension(world.clerk_b, apps["a"], on=TODAY, reason="越权延期"),
        lambda: ops.issue_reply(world.clerk_b, apps["a"], on=TODAY, outcome="open"),
        lambda: ops.withdraw(world.supervisor, apps["a"], on=TODAY),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert counts() == before


# -- people outside the back office --------------------------------------------------------


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_people_without_a_role_cannot_reach_the_admin(world, apps, who):
    c = client_for(world.outsider if who == "outsider" else None)
    login = reverse("wagtailadmin_login")
    before = counts()
    targets = [reverse("wagtailadmin_home")] + [url for _, url in urls_without_pk(world) if url.startswith("/admin/")]
    targets += [url for _, url in urls_with_pk(apps["a"], world)] + [url for _, url in urls_with_pk(apps["b"], world)]
    for url in targets:
        for method in ("get", "post"):
            r = getattr(c, method)(url)
            assert r.status_code == 302, (who, method, url, r.status_code)
            assert r["Location"].startswith(login), (who, method, url, r["Location"])
            assert not leaked(r)
    assert counts() == before


# -- commands ------------------------------------------------------------------------------


def test_import_ledger_into_a_never_touches_bs_application_with_the_same_number(world, apps, tmp_path):
    """gongkai import_ledger --agency A: a row whose 申请编号 is one of B's creates A's own
    application; B's application, its events and its audit trail are unchanged. And the
    import service refuses a clerk of A importing into B."""
    from gongkai.foi.ledger import import_ledger

    b = Application.objects.get(pk=apps["b_done"].pk)
    assert not Application.objects.filter(agency=world.agency_a, number=b.number).exists()
    b_state = (b.state, b.events_folded, b.applicant.name, b.content)
    b_events = list(ApplicationEvent.objects.filter(application__agency=world.agency_b).values_list("pk", flat=True))
    b_audit = AuditEvent.objects.filter(agency_id=world.agency_b.pk).count()
    headers = ["申请编号", "申请人类型", "申请人", "证件号码", "申请方式", "收到日期", "申请内容"]
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        ",".join(headers) + "\n" + ",".join([b.number, "自然人", "台账甲", "", "当面", "2026-11-05", "台账导入的申请"]) + "\n",
        encoding="utf-8",
    )
    call_command("import_ledger", str(ledger), agency=world.agency_a.credit_code, verbosity=0)
    imported = Application.objects.get(agency=world.agency_a, number=b.number)
    assert imported.applicant.name == "台账甲"
    b.refresh_from_db()
    assert (b.state, b.events_folded, b.applicant.name, b.content) == b_state
    assert list(ApplicationEvent.objects.filter(application__agency=world.agency_b).values_list("pk", flat=True)) == b_events
    assert AuditEvent.objects.filter(agency_id=world.agency_b.pk).count() == b_audit

    before = counts()
    with pytest.raises(NotAllowed):
        import_ledger(world.clerk_a, world.agency_b, str(ledger))
    assert counts() == before


def test_export_ledger_of_a_contains_none_of_bs_applications(world, apps, capsys):
    call_command("export_ledger", agency=world.agency_a.credit_code)
    out = capsys.readouterr().out
    assert "王甲方" in out
    assert not [m for m in B_MARKERS if m in out]
