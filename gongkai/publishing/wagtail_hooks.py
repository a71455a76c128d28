"""Put 主动公开 into the Wagtail back office: menu, dashboard panel, entry buttons, vocabulary."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet

from gongkai.agencies.auth import visible_agency_ids
from gongkai.publishing.models import CatalogEntry, TopicCategory
from gongkai.publishing.views import admin as views

register_snippet(TopicCategory)


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("publishing/timeliness/", views.timeliness, name="publishing_timeliness"),
        path("publishing/pushes/", views.pushes, name="publishing_pushes"),
        path("publishing/push/<int:entry_id>/", views.push_form, name="publishing_push"),
        path("publishing/notices/", views.notices, name="publishing_notices"),
    ]


class _Item(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(visible_agency_ids(request.user))


publishing_menu = Menu(register_hook_name="register_publishing_menu_item", construct_hook_name="construct_publishing_menu")


@hooks.register("register_publishing_menu_item")
def _timeliness() -> MenuItem:
    return _Item("公开时效", reverse("publishing_timeliness"), icon_name="time", order=100)


@hooks.register("register_publishing_menu_item")
def _pushes() -> MenuItem:
    return _Item("渠道推送", reverse("publishing_pushes"), icon_name="site", order=200)


@hooks.register("register_publishing_menu_item")
def _notices() -> MenuItem:
    return MenuItem("审核通知", reverse("publishing_notices"), icon_name="mail", order=300)


class PublishingSubmenu(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(visible_agency_ids(request.user))


@hooks.register("register_admin_menu_item")
def _menu() -> MenuItem:
    return PublishingSubmenu("主动公开", publishing_menu, icon_name="doc-full", order=140)


@hooks.register("register_page_header_buttons")
def _push_button(page: Any, user: Any, view_name: str, next_url: str | None = None) -> Any:
    if page.live and page.specific_class is CatalogEntry:
        yield Button("记录渠道推送", reverse("publishing_push", args=[page.pk]), icon_name="site", priority=62)


class ReviewPanel(Component):
    name = "publishing_review"
    order = 60
    template_name = "publishing/admin/dashboard_panel.html"

    def __init__(self, request: Any) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return views.dashboard_context(self.request.user)


@hooks.register("construct_homepage_panels")
def _panels(request: Any, panels: list[Any]) -> None:
    if visible_agency_ids(request.user):
        panels.insert(1, ReviewPanel(request))
