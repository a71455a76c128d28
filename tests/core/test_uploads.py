"""Uploaded files: allowed types pass; a wrong extension, a renamed executable or HTML page,
an empty file and an oversize file are refused with a Chinese message, through the public
application form, the public 补正 form and the back office's attach action, and nothing is
stored (no row, no file)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core.errors import OperationError
from gongkai.core.uploads import check_upload
from gongkai.foi import operations as ops
from gongkai.foi.models import Attachment
from tests.web_helpers import (
    body,
    client_for,
    counts,
    fast_passwords,  # noqa: F401 (fixture)
    register_app,
    resident_id,
    text_of,
)

pytestmark = pytest.mark.usefixtures("fast_passwords")

TODAY = dt.date(2026, 11, 16)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("身份证复印件说明")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "清单"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ALLOWED = {
    "申请书.pdf": PDF,
    "身份证.png": PNG,
    "身份证.JPG": JPG,
    "说明.docx": _docx(),
    "清单.xlsx": _xlsx(),
    "说明.txt": "申请公开的信息：2025年预算".encode(),
    "清单.csv": "序号,名称\n1,预算表\n".encode("gb18030"),
}

REFUSED = {
    # case: (file name, content, words of the message)
    "executable": ("setup.exe", EXE, ["不允许上传"]),
    "html page": ("page.html", HTML, ["不允许上传"]),
    "svg": ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", ["不允许上传"]),
    "no extension": ("README", b"hello", ["不允许上传"]),
    "executable renamed as pdf": ("申请书.pdf", EXE, ["内容与扩展名不符"]),
    "elf renamed as png": ("照片.png", ELF, ["内容与扩展名不符"]),
    "html renamed as pdf": ("申请书.pdf", HTML, ["内容与扩展名不符"]),
    "pdf renamed as docx": ("说明.docx", PDF, ["内容与扩展名不符"]),
    "binary renamed as txt": ("说明.txt", EXE, ["内容与扩展名不符"]),
    "empty": ("空白.pdf", b"", ["空文件"]),
}


@pytest.fixture(autouse=True)
def _media(freeze_today, settings, tmp_path):
    freeze_today(TODAY)
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# -- the check itself ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_allowed_types_pass_the_check(name):
    checked = check_upload(io.BytesIO(ALLOWED[name]), name)
    assert checked.size == len(ALLOWED[name])
    assert checked.name == name


def test_the_check_keeps_only_the_base_name():
    assert check_upload(io.BytesIO(PDF), "../../etc/申请书.pdf").name == "申请书.pdf"


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_files_fail_the_check_with_a_chinese_message(case):
    name, content, words = REFUSED[case]
    with pytest.raises(OperationError) as exc:
        check_upload(io.BytesIO(content), name)
    for w in words:
        assert w in exc.value.message
    assert exc.value.field == "attachment"


@pytest.mark.parametrize("size", [1, 100, 8192, 8193, 70_000])
def test_a_file_over_the_limit_fails_the_check_whatever_its_size(settings, size):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = size
    check_upload(io.BytesIO(b"a" * size), "ok.txt")  # exactly at the limit: fine
    with pytest.raises(OperationError) as exc:
        check_upload(io.BytesIO(b"a" * (size + 1)), "big.txt")
    assert "超过" in exc.value.message
    assert re.search(r"超过\d", exc.value.message) and "超过0" not in exc.value.message


# -- through the back office's attach action -----------------------------------------------


@pytest.fixture
def app(world):
    return register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))[0]


def attach(world: Any, app: Any, name: str, content: bytes) -> tuple[Any, str]:
    c = client_for(world.clerk_a)
    r = c.post(reverse("foi_act", args=[app.pk, "attach"]), {"kind": "application", "attachment": upload(name, content)})
    assert r.status_code == 302
    return r, text_of(c.get(r["Location"]))


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_the_attach_action_stores_allowed_files(world, app, settings, name):
    _, page = attach(world, app, name, ALLOWED[name])
    assert "文件已上传" in page
    att = Attachment.objects.get(application=app)
    assert att.original_name == name and att.size == len(ALLOWED[name])
    assert [p.read_bytes() for p in stored_files(settings)] == [ALLOWED[name]]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_attach_action_refuses_bad_files_and_stores_nothing(world, app, settings, case):
    name, content, words = REFUSED[case]
    before = counts()
    _, page = attach(world, app, name, content)
    for w in words:
        assert w in page, case
    assert counts() == before
    assert stored_files(settings) == []


def test_the_attach_action_refuses_an_oversize_file(world, app, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 10_000
    before = counts()
    _, page = attach(world, app, "大文件.pdf", PDF + b"0" * 10_000)
    assert "超过" in page
    assert counts() == before
    assert stored_files(settings) == []


def test_the_attach_action_without_a_file_says_so(world, app):
    c = client_for(world.clerk_a)
    before = counts()
    r = c.post(reverse("foi_act", args=[app.pk, "attach"]), {"kind": "application"})
    assert "请选择要上传的文件" in text_of(c.get(r["Location"]))
    assert counts() == before


# -- through the public forms --------------------------------------------------------------


def public_form(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "natural_person", "name": "马晓东", "id_type": "resident_id", "id_number": resident_id(),
        "phone": "13893600000", "content": "2025年张掖市宗教活动场所财政补助资金分配方案",
        "form_requirement": "电子数据", "delivery": "电子邮件", "agree": "on",
    } | changes


def test_the_public_form_stores_an_allowed_attachment_with_the_application(world, settings):
    c = Client()
    r = c.post(reverse("foi_public_apply", args=[world.agency_a.slug]), public_form(attachment=upload("身份证.png", PNG)))
    assert r.status_code == 302
    att = Attachment.objects.get()
    assert att.original_name == "身份证.png" and att.application.agency == world.agency_a
    assert len(stored_files(settings)) == 1


@pytest.mark.parametrize("case", [*sorted(REFUSED), "oversize"])
def test_the_public_form_refuses_bad_attachments_and_creates_nothing(world, settings, case):
    if case == "oversize":
        settings.GONGKAI_ATTACHMENT_MAX_BYTES = 10_000
        name, content, words = "大文件.pdf", PDF + b"0" * 10_000, ["超过"]
    else:
        name, content, words = REFUSED[case]
    before = counts()
    r = Client().post(reverse("foi_public_apply", args=[world.agency_a.slug]), public_form(attachment=upload(name, content)))
    assert r.status_code == 400
    summary = re.search(r'<div class="errorsummary".*?</div>', body(r), flags=re.S)
    assert summary, case
    for w in words:
        assert w in summary.group(0), case
    assert counts() == before  # no application without its attachment, no applicant, no event
    assert stored_files(settings) == []


def test_the_public_correction_form_refuses_a_bad_attachment_and_records_nothing(world, settings):
    c = Client()
    c.post(reverse("foi_public_apply", args=[world.agency_a.slug]), public_form())
    code = re.search(r'id="query-code">([^<]+)<', body(c.get(reverse("foi_public_done")))).group(1)
    app = ops.find_by_query_code(code)
    ops.confirm_receipt(world.clerk_a, app, on=TODAY)
    ops.request_correction(world.clerk_a, app, on=TODAY, items="请提供身份证明")
    before = counts()
    r = c.post(reverse("foi_public_status"), {"text": "已附身份证明", "attachment": upload("身份证.pdf", EXE)})
    assert r.status_code in (200, 400)
    assert "内容与扩展名不符" in body(r)
    assert counts() == before  # the 补正 is not recorded without its file: the applicant can resubmit
    assert stored_files(settings) == []
    # and resubmitting with a good file works
    r = c.post(reverse("foi_public_status"), {"text": "已附身份证明", "attachment": upload("身份证.pdf", PDF)})
    assert r.status_code == 302
    assert Attachment.objects.get(application=app).original_name == "身份证.pdf"


def test_registering_with_a_bad_attachment_in_the_back_office_registers_nothing(world, settings):
    data = public_form(channel="in_person", submitted_on=TODAY.isoformat(), pieces="1", attachment=upload("申请书.pdf", HTML))
    before = counts()
    r = client_for(world.clerk_a).post(reverse("foi_register"), data)
    assert r.status_code == 400
    assert "内容与扩展名不符" in text_of(r)
    assert counts() == before
    assert stored_files(settings) == []
    data["attachment"] = upload("申请书.pdf", PDF)
    assert client_for(world.clerk_a).post(reverse("foi_register"), data).status_code == 302
    assert Attachment.objects.get().original_name == "申请书.pdf"


def test_a_text_file_whose_first_8_kb_end_inside_a_chinese_character_is_accepted():
    """check_upload reads 8192 bytes; a 3-byte UTF-8 character may straddle that cut."""
    import io

    from gongkai.core.uploads import check_upload

    text = ("a" + "公开" * 4000).encode("utf-8")  # 1 + 6 * 4000 bytes: byte 8192 falls inside 公/开
    assert len(text) > 8192 and not text[:8192].decode("utf-8", errors="ignore").endswith("开公")
    checked = check_upload(io.BytesIO(text), "年报.txt")
    assert checked.content_type == "text/plain"
