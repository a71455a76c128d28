"""Each back-office action of an application through its view (POST /admin/foi/<pk>/do/<action>/).

Success: a redirect to the application and exactly one new event of the expected kind.
Refusal (a rule of the 条例, a missing role, a bad date): the page again with status 400,
the Chinese reason inside the form that was submitted, and nothing written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.foi import operations as ops
from gongkai.foi.models import Application, ApplicationEvent, Attachment
from gongkai.foi.rules.events import EventKind
from gongkai.foi.views.admin import ACTIONS
from tests.web_helpers import (
    body,
    client_for,
    counts,
    fast_passwords,  # noqa: F401 (fixture)
    fresh_caches,  # noqa: F401 (fixture)
    register_app,
    submit_online,
    valid_action_data,
)

pytestmark = pytest.mark.usefixtures("fast_passwords", "fresh_caches")

TODAY = dt.date(2026, 11, 16)  # a Monday
LONG_AGO = dt.date(2026, 9, 1)  # every 补正 and 缴费 period started then has run out by TODAY


@pytest.fixture(autouse=True)
def _today(freeze_today, settings, tmp_path):
    freeze_today(TODAY)
    settings.MEDIA_ROOT = tmp_path


def received(world: Any, on: dt.date = dt.date(2026, 11, 2)) -> Application:
    return register_app(world.clerk_a, world.agency_a, received=on)[0]


def _online(world: Any) -> Application:
    return submit_online(world.agency_a)[0]


def _correction_requested(world: Any, on: dt.date = dt.date(2026, 11, 3)) -> Application:
    app = received(world, min(on, dt.date(2026, 11, 2)))
    return ops.request_correction(world.clerk_a, app, on=on, items="请写明文件名称")


def _consulting(world: Any) -> Application:
    app = received(world)
    return ops.start_consultation(world.clerk_a, app, on=dt.date(2026, 11, 4), party="third_party", name="某公司")


def _fee_sent(world: Any, on: dt.date = dt.date(2026, 11, 4)) -> Application:
    app = received(world, min(on, dt.date(2026, 11, 2)))
    return ops.send_fee_notice(world.clerk_a, app, on=on, method="per_page", units=120)


def _replied(world: Any) -> Application:
    return ops.issue_reply(world.clerk_a, received(world), on=dt.date(2026, 11, 10), outcome="open")


# action -> (who acts, how to make an application the action applies to, the event it appends)
SUCCESS: dict[str, tuple[str, Callable[[Any], Application], EventKind]] = {
    "confirm": ("clerk_a", _online, EventKind.RECEIPT_CONFIRMED),
    "correction": ("clerk_a", received, EventKind.CORRECTION_REQUESTED),
    "corrected": ("clerk_a", _correction_requested, EventKind.CORRECTION_RECEIVED),
    "correction_expired": ("clerk_a", lambda w: _correction_requested(w, LONG_AGO), EventKind.CORRECTION_EXPIRED),
    "consult": ("clerk_a", received, EventKind.CONSULTATION_STARTED),
    "consult_end": ("clerk_a", _consulting, EventKind.CONSULTATION_ENDED),
    "extend": ("head_a", received, EventKind.EXTENSION_APPROVED),
    "fee": ("clerk_a", received, EventKind.FEE_NOTICE_SENT),
    "fee_paid": ("clerk_a", _fee_sent, EventKind.FEE_PAID),
    "fee_expired": ("clerk_a", lambda w: _fee_sent(w, LONG_AGO), EventKind.FEE_EXPIRED),
    "reply": ("clerk_a", received, EventKind.REPLY_ISSUED),
    "deliver": ("clerk_a", _replied, EventKind.DELIVERED),
    "withdraw": ("clerk_a", received, EventKind.WITHDRAWN),
    "note": ("clerk_a", received, EventKind.NOTE),
}


def test_every_action_of_the_view_has_a_success_case_here():
    assert set(SUCCESS) == set(ACTIONS)


def act_url(app: Application, action: str) -> str:
    return reverse("foi_act", args=[app.pk, action])


def form_html(response: Any, app: Application, action: str) -> str:
    """The HTML of the form that posts to ``action`` on the re-rendered page."""
    url = re.escape(act_url(app, action))
    forms = re.findall(rf'<form method="post" action="{url}"[^>]*>(.*?)</form>', body(response), flags=re.S)
    assert forms, f"the page has no form for {action}"
    return "\n".join(forms)


@pytest.mark.parametrize("action", sorted(SUCCESS))
def test_a_successful_action_redirects_to_the_application_and_appends_exactly_one_event(world, action):
    who, make, kind = SUCCESS[action]
    app = make(world)
    seq_before = app.events.count()
    before = counts()
    c = client_for(getattr(world, who))
    r = c.post(act_url(app, action), valid_action_data(action, TODAY))
    assert r.status_code == 302, re.findall(r'role="alert">(.*?)</div>', body(r))
    assert r["Location"] == reverse("foi_detail", args=[app.pk])
    after = counts()
    assert after.events == before.events + 1
    assert after.applications == before.applications and after.attachments == before.attachments
    assert after.audit == before.audit + 1
    last = app.events.order_by("-seq").first()
    assert (last.seq, last.kind, last.actor) == (seq_before + 1, kind.value, getattr(world, who))
    # the page it redirects to confirms it
    page = c.get(r["Location"])
    assert page.status_code == 200
    assert f"已办理：{ACTIONS[action][0]}" in body(page)


def test_the_office_leader_may_approve_an_extension_too(world):
    app = received(world)
    r = client_for(world.leader_a).post(act_url(app, "extend"), valid_action_data("extend", TODAY))
    assert r.status_code == 302
    assert app.events.order_by("-seq").first().kind == EventKind.EXTENSION_APPROVED


def test_attaching_a_file_stores_it_and_writes_no_event(world):
    app = received(world)
    before = counts()
    r = client_for(world.clerk_a).post(
        act_url(app, "attach"), {"kind": "application", "attachment": SimpleUploadedFile("申请书.txt", "申请公开某文件".encode(), "text/plain")}
    )
    assert r.status_code == 302
    after = counts()
    assert (after.attachments, after.events, after.audit) == (before.attachments + 1, before.events, before.audit + 1)
    assert Attachment.objects.get(application=app).original_name == "申请书.txt"


# -- refusals ------------------------------------------------------------------------------


def _two_corrections(world: Any) -> Application:
    app = _correction_requested(world)
    return ops.receive_correction(world.clerk_a, app, on=dt.date(2026, 11, 5))


REFUSED = [
    # (case id, who, application, action, POST data changes, words the reason must contain, field of the error or None)
    ("second-correction", "clerk_a", _two_corrections, "correction", {}, ["一次性告知"], None),
    ("expire-correction-too-early", "clerk_a", lambda w: _correction_requested(w, dt.date(2026, 11, 10)), "correction_expired", {}, ["补正期限至", "届满"], "on"),
    ("expire-fee-too-early", "clerk_a", lambda w: _fee_sent(w, dt.date(2026, 11, 10)), "fee_expired", {}, ["缴费期限至", "届满"], "on"),
    ("extension-by-a-clerk", "clerk_a", received, "extend", {}, ["批准延期答复的权限", "公开办管理员", "分管领导"], None),
    ("second-extension", "head_a", lambda w: ops.approve_extension(w.head_a, received(w), on=dt.date(2026, 11, 5), reason="调档"), "extend", {}, ["延期只能批准一次"], None),
    ("reply-while-fee-unpaid", "clerk_a", _fee_sent, "reply", {}, ["缴费"], None),
    ("deliver-before-reply", "clerk_a", received, "deliver", {}, ["尚未作出答复"], None),
    ("action-on-a-concluded-application", "clerk_a", _replied, "consult", {}, ["已于", "办结"], None),
    ("future-date", "clerk_a", received, "consult", {"on": "2026-11-17"}, ["不能晚于今天"], "on"),
    ("date-before-receipt", "clerk_a", received, "correction", {"on": "2026-10-30"}, ["不能早于收到申请日期"], "on"),
    ("fee-under-the-free-allowance", "clerk_a", received, "fee", {"units": "30"}, ["不应收费"], "method"),
    ("confirm-twice", "clerk_a", received, "confirm", {}, ["已确认收到"], None),
]


@pytest.mark.parametrize(("case", "who", "make", "action", "changes", "words", "field"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_refused_action_shows_the_reason_in_its_form_with_status_400_and_writes_nothing(world, case, who, make, action, changes, words, field):
    app = make(world)
    before = counts()
    data = valid_action_data(action, TODAY) | changes
    r = client_for(getattr(world, who)).post(act_url(app, action), data)
    assert r.status_code == 400, r.status_code
    assert counts() == before
    html = form_html(r, app, action)
    for w in words:
        assert w in html, (case, w)
    errors = re.findall(r'<div class="gk-error" role="alert">(.*?)</div>', html, flags=re.S)
    if field is None:
        assert 'class="help-block help-critical"' in html
    else:
        assert errors, case
        field_block = re.search(rf'<div class="gk-field gk-field--error">\s*<label for="id_{action}_{field}">.*?</div>\s*</div>', html, flags=re.S)
        assert field_block and any(w in field_block.group(0) for w in words or [""]), (case, field)
    assert f"“{ACTIONS[action][0]}”未能办理" in body(r)


@pytest.mark.parametrize("action", sorted(a for a, (_, form, _, _) in ACTIONS.items() if "on" in form.base_fields))
@pytest.mark.parametrize("bad", ["2026-02-30", "16/11/2026", "昨天", ""])
def test_an_invalid_date_is_a_field_error_never_a_500(world, action, bad):
    who, make, _ = SUCCESS[action]
    app = make(world)
    before = counts()
    r = client_for(getattr(world, who)).post(act_url(app, action), valid_action_data(action, TODAY) | {"on": bad})
    assert r.status_code == 400
    assert counts() == before
    html = form_html(r, app, action)
    message = "请填写日期" if bad == "" else "日期不是有效日期"
    assert re.search(rf'<label for="id_{action}(?:_\w+)?_on">.*?<div class="gk-error" role="alert">{message}</div>', html, flags=re.S), (action, bad)


def test_element_ids_are_unique_on_the_page_so_each_label_names_its_own_field(world):
    app = _consulting(world)
    ops.start_consultation(world.clerk_a, app, on=dt.date(2026, 11, 5), party="other_organ", name="张掖市财政局")
    for response in (
        client_for(world.clerk_a).get(reverse("foi_detail", args=[app.pk])),
        client_for(world.clerk_a).post(act_url(app, "consult_end"), {"ref": "2", "on": "bad"}),
    ):
        ids = re.findall(r'\sid="([^"]+)"', body(response))
        assert len([i for i in ids if i.endswith("_on")]) > 3
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates
        for label in re.findall(r'<label for="([^"]+)"', body(response)):
            assert label in ids, label


def test_an_unknown_action_is_refused_without_writing(world):
    app = received(world)
    before = counts()
    c = client_for(world.clerk_a)
    r = c.post(act_url(app, "approve-everything"), {"on": "2026-11-16"})
    assert r.status_code == 302
    assert "未知的办理操作" in body(c.get(r["Location"]))
    assert counts() == before


def test_actions_only_accept_post(world):
    app = received(world)
    before = counts()
    for action in ACTIONS:
        assert client_for(world.clerk_a).get(act_url(app, action), valid_action_data(action, TODAY)).status_code == 405
    assert counts() == before


# -- CSRF ----------------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused_with_403(world):
    app = received(world)
    c = client_for(world.clerk_a, enforce_csrf_checks=True)
    before = counts()
    for action in [*ACTIONS, "attach"]:
        r = c.post(act_url(app, action), valid_action_data(action, TODAY) if action in ACTIONS else {})
        assert r.status_code == 403, action
    assert counts() == before


def test_the_same_post_with_the_token_from_the_page_is_accepted(world):
    # the other side of the test above: the 403 is the CSRF check, not something else
    app = received(world)
    c = client_for(world.clerk_a, enforce_csrf_checks=True)
    page = body(c.get(reverse("foi_detail", args=[app.pk])))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    r = c.post(act_url(app, "note"), valid_action_data("note", TODAY) | {"csrfmiddlewaretoken": token})
    assert r.status_code == 302
    assert ApplicationEvent.objects.filter(application=app, kind=EventKind.NOTE).count() == 1
