"""Put 政务服务 into the Wagtail back office: URLs and the "政务服务" menu.

The menu is shared: ``powers`` and ``supervision`` add their entries through the
``register_zwfw_menu_item`` hook (a hook name, so the sibling apps need not import this one).
"""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from gongkai.agencies.auth import visible_agency_ids
from gongkai.service_catalog.views import admin as views


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("zwfw/items/", views.item_list, name="service_item_list"),
        path("zwfw/items/new/", views.item_new, name="service_item_new"),
        path("zwfw/items/<int:pk>/", views.item_detail, name="service_item_detail"),
        path("zwfw/items/<int:pk>/edit/", views.item_edit, name="service_item_edit"),
        path("zwfw/items/<int:pk>/do/<slug:action>/", views.item_act, name="service_item_act"),
        path("zwfw/cases/", views.case_list, name="service_case_list"),
        path("zwfw/cases/new/", views.case_new, name="service_case_new"),
        path("zwfw/cases/<int:pk>/", views.case_detail, name="service_case_detail"),
        path("zwfw/cases/<int:pk>/do/<slug:action>/", views.case_act, name="service_case_act"),
    ]


def _visible(request: Any) -> bool:
    return bool(visible_agency_ids(request.user))


class _Item(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return _visible(request)


zwfw_menu = Menu(register_hook_name="register_zwfw_menu_item", construct_hook_name="construct_zwfw_menu")


@hooks.register("register_zwfw_menu_item")
def _items() -> MenuItem:
    return _Item("事项", reverse("service_item_list"), icon_name="list-ul", order=100)


@hooks.register("register_zwfw_menu_item")
def _cases() -> MenuItem:
    return _Item("办件", reverse("service_case_list"), icon_name="tasks", order=200)


class ZwfwSubmenu(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        return _visible(request)


@hooks.register("register_admin_menu_item")
def _menu() -> MenuItem:
    return ZwfwSubmenu("政务服务", zwfw_menu, icon_name="site", order=160)
