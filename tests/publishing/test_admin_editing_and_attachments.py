"""Drafting in the Wagtail editor: a clerk creates an entry in their column (the agency is
set from the portal, the 文号 is normalised, bad metadata is refused in the form), and
attachments pass the upload checks."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.publishing.models import CatalogEntry, EntryAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(**over):
    data = {
        "title": "关于开展宗教活动场所安全检查的通知", "slug": "aqjc", "written_on": "2024-03-01", "formed_on": "2024-03-01",
        "doc_no": "张民宗发[2024]3号", "publisher": "", "genre": "通知", "topic": "", "document_kind": "", "validity": "有效",
        "repealed_on": "", "keywords": "", "summary": "部署安全检查。", "body": '{"blocks":[],"entityMap":{}}', "interprets": "",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0", "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(over)
    return data


def test_a_clerk_drafts_an_entry_in_the_editor(portal):
    c = Client()
    c.force_login(portal.world.clerk_a)
    column = portal.column("tzgg")
    url = f"/admin/pages/add/publishing/catalogentry/{column.pk}/"
    assert c.get(url).status_code == 200
    resp = c.post(url, _form())
    assert resp.status_code == 302, resp.content.decode()[:2000]
    entry = CatalogEntry.objects.get(slug="aqjc")
    assert entry.agency_id == portal.world.agency_a.pk and not entry.live and entry.index_no == ""
    assert entry.get_latest_revision_as_object().doc_no == "张民宗发〔2024〕3号"


@pytest.mark.parametrize(("field", "value"), [("summary", "字" * 101), ("doc_no", "张民宗发〔24〕3号"), ("validity", "废止"), ("formed_on", "2024-02-01")])
def test_bad_metadata_is_refused_in_the_form(portal, field, value):
    c = Client()
    c.force_login(portal.world.clerk_a)
    url = f"/admin/pages/add/publishing/catalogentry/{portal.column('tzgg').pk}/"
    resp = c.post(url, _form(**{field: value}))
    assert resp.status_code == 200 and not CatalogEntry.objects.filter(slug="aqjc").exists()


def test_a_clerk_of_b_cannot_open_the_add_form_in_a(portal):
    c = Client()
    c.force_login(portal.world.clerk_b)
    resp = c.post(f"/admin/pages/add/publishing/catalogentry/{portal.column('tzgg').pk}/", _form())
    assert resp.status_code in (302, 403) and not CatalogEntry.objects.filter(slug="aqjc").exists()


def test_attachments_are_checked(portal):
    ok = EntryAttachment(title="附件", file=SimpleUploadedFile("通知.pdf", PDF))
    ok.clean()
    assert ok.size == len(PDF) and len(ok.sha256) == 64
    for name, content in [("病毒.exe", b"MZ\x90\x00"), ("伪装.pdf", b"<html><script>alert(1)</script></html>"), ("空.pdf", b"")]:
        bad = EntryAttachment(title="附件", file=SimpleUploadedFile(name, content))
        with pytest.raises(ValidationError):
            bad.clean()
