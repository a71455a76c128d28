"""Tenant isolation: staff of agency B cannot edit, review or see the drafts of A, in the
operations and through the Wagtail admin."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.core.errors import NotAllowed
from gongkai.publishing import operations
from gongkai.publishing.models import CatalogEntry
from tests.publishing.conftest import entry_data

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_b_cannot_draft_edit_or_submit_in_as_portal(portal):
    w = portal.world
    with pytest.raises(NotAllowed):
        operations.draft_entry(w.clerk_b, portal.column("gzdt"), entry_data())
    entry = operations.draft_entry(w.clerk_a, portal.column("gzdt"), entry_data(title="A的草稿：宗教场所检查"))
    with pytest.raises(NotAllowed):
        operations.edit_entry(w.clerk_b, entry, entry_data(title="被B改写"))
    with pytest.raises(NotAllowed):
        operations.submit_for_review(w.clerk_b, entry)
    perms = entry.permissions_for_user(w.clerk_b)
    assert not perms.can_edit() and not perms.can_publish() and not perms.can_delete()
    assert portal.column("gzdt", portal.home_b).permissions_for_user(w.clerk_b).can_add_subpage()


def test_b_cannot_open_as_drafts_in_the_admin(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("gzdt"), entry_data(title="A的草稿：宗教场所检查"))
    b = _client(w.clerk_b)
    for url in (f"/admin/pages/{entry.pk}/edit/", f"/admin/pages/{entry.pk}/edit/preview/", f"/admin/pages/{entry.pk}/",
                f"/admin/pages/{portal.column('gzdt').pk}/", f"/admin/pages/{entry.pk}/revisions/"):
        resp = b.get(url)
        assert resp.status_code in (302, 403, 404), url
        assert "A的草稿" not in resp.content.decode(), url
    assert "A的草稿" not in b.get("/admin/pages/search/?q=草稿").content.decode()
    a = _client(w.clerk_a)
    assert a.get(f"/admin/pages/{entry.pk}/edit/").status_code == 200


def test_b_reviewers_cannot_review_as_items_and_do_not_see_them(portal):
    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Role
    from tests.conftest import PASSWORD

    w = portal.world
    head_b = agency_ops.add_member(None, w.agency_b, username="section_b", role=Role.SECTION_HEAD, full_name="统计局科长", password=PASSWORD).user
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data(title="待审：A的通知"))
    operations.submit_for_review(w.clerk_a, entry)
    with pytest.raises(NotAllowed):
        operations.review(head_b, entry, "approve", comment="")
    home = _client(head_b).get("/admin/").content.decode()
    assert "待审：A的通知" not in home
    assert "待审：A的通知" in _client(portal.section_a).get("/admin/").content.decode()
    assert not CatalogEntry.objects.get(pk=entry.pk).live


def test_the_public_never_sees_drafts(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("gzdt"), entry_data(title="草稿不公开"))
    c = Client()
    assert c.get(f"/mzw/gzdt/{entry.slug}/").status_code == 404
    assert "草稿不公开" not in c.get("/mzw/gzdt/").content.decode()
    assert "草稿不公开" not in c.get("/mzw/sitemap.xml").content.decode()
