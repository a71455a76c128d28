"""The 年报体检 page of the back office: upload, read the findings in Chinese; bad files
give a Chinese message, never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def client_a(client, world):
    client.force_login(world.head_a)
    return client


def test_the_menu_and_page_are_there(client_a):
    page = client_a.get(reverse("report_audit"))
    assert page.status_code == 200
    assert "年报体检" in page.content.decode()
    from wagtail import hooks

    items = [fn() for fn in hooks.get_hooks("register_admin_menu_item")]
    assert any(i.label == "年报体检" and i.url == reverse("report_audit") for i in items)


def test_uploaded_reports_show_their_findings_grouped_with_the_cell(client_a):
    files = [
        SimpleUploadedFile("seed.txt", (CORPUS / "seed_tables_missing.txt").read_bytes(), "text/plain"),
        SimpleUploadedFile("blanks.txt", (CORPUS / "blank_slash_dash.txt").read_bytes(), "text/plain"),
    ]
    page = client_a.post(reverse("report_audit"), {"reports": files})
    html = page.content.decode()
    assert page.status_code == 200
    assert "“三、收到和处理政府信息公开申请情况”缺少统计表格" in html
    assert "表二“规章”行“本年制发件数”列" in html
    assert "张掖市民族宗教事务委员会" in html


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.exe", b"MZ\x90\x00"),
        ("report.pdf", b"%PDF-1.4\n% broken\n"),
        ("report.docx", b"PK\x03\x04not really a word file"),
        ("report.html", b""),
    ],
)
def test_a_bad_file_gives_a_chinese_message_not_a_500(client_a, name, data):
    page = client_a.post(reverse("report_audit"), {"reports": [SimpleUploadedFile(name, data)]})
    assert page.status_code == 200
    assert f"“{name}”" in page.content.decode()
