"""Put 年报体检 into the Wagtail back office: its URL and a menu item."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.report_audit import views


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [path("report-audit/", views.audit_page, name="report_audit")]


@hooks.register("register_admin_menu_item")
def _menu() -> MenuItem:
    return MenuItem("年报体检", reverse("report_audit"), icon_name="doc-full", order=180)
