"""互联网+监管 in the back office: URLs, and its entry in the "政务服务" menu."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.auth import visible_agency_ids
from gongkai.supervision.views import admin as views


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("zwfw/supervision/", views.index, name="supervision_index"),
        path("zwfw/supervision/entities/new/", views.entity_new, name="supervision_entity_new"),
        path("zwfw/supervision/entities/<int:pk>/", views.entity_detail, name="supervision_entity_detail"),
        path("zwfw/supervision/entities/<int:pk>/do/<slug:action>/", views.entity_act, name="supervision_entity_act"),
        path("zwfw/supervision/inspectors/new/", views.inspector_new, name="supervision_inspector_new"),
        path("zwfw/supervision/plans/new/", views.plan_new, name="supervision_plan_new"),
        path("zwfw/supervision/plans/<int:pk>/", views.plan_detail, name="supervision_plan_detail"),
        path("zwfw/supervision/plans/<int:pk>/do/<slug:action>/", views.plan_act, name="supervision_plan_act"),
        path("zwfw/supervision/inspections/<int:pk>/do/<slug:action>/", views.inspection_act, name="supervision_inspection_act"),
    ]


class _Item(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(visible_agency_ids(request.user))


@hooks.register("register_zwfw_menu_item")
def _supervision() -> MenuItem:
    return _Item("监管检查", reverse("supervision_index"), icon_name="search", order=400)
