"""The 权责清单 in the back office: URLs, and its entry in the "政务服务" menu."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.auth import visible_agency_ids
from gongkai.powers.views import admin as views


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("zwfw/powers/", views.power_list, name="powers_list"),
        path("zwfw/powers/new/", views.power_new, name="powers_new"),
        path("zwfw/powers/<int:pk>/", views.power_detail, name="powers_detail"),
        path("zwfw/powers/<int:pk>/do/<slug:action>/", views.power_act, name="powers_act"),
    ]


class _Item(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(visible_agency_ids(request.user))


@hooks.register("register_zwfw_menu_item")
def _powers() -> MenuItem:
    return _Item("权责清单", reverse("powers_list"), icon_name="clipboard-list", order=300)
