"""Put 依申请公开 into the Wagtail back office: URLs, menu, dashboard panel, styles."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from gongkai.agencies.auth import visible_agency_ids
from gongkai.foi.views import admin as views
from gongkai.foi.views import ledger as ledger_views


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("foi/", views.workbench, name="foi_workbench"),
        path("foi/new/", views.register, name="foi_register"),
        path("foi/<int:pk>/", views.detail, name="foi_detail"),
        path("foi/<int:pk>/do/<slug:action>/", views.act, name="foi_act"),
        path("foi/<int:pk>/letter/<slug:kind>/", views.letter, name="foi_letter"),
        path("foi/<int:pk>/attachment/<int:att_id>/", views.attachment, name="foi_attachment"),
        path("foi/<int:pk>/letter/<slug:kind>/<str:ref>/", views.letter, name="foi_letter_ref"),
        path("foi/ledger/", ledger_views.ledger_page, name="foi_ledger"),
        path("foi/ledger/export/", ledger_views.ledger_export, name="foi_ledger_export"),
        path("foi/tools/deadline/", views.deadline_calculator, name="foi_deadline_calculator"),
        path("foi/tools/fee/", views.fee_calculator, name="foi_fee_calculator"),
    ]


def _staff_or_supervisor(request: Any) -> bool:
    return bool(visible_agency_ids(request.user))


class _Item(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return _staff_or_supervisor(request)


foi_menu = Menu(
    register_hook_name="register_foi_menu_item",
    construct_hook_name="construct_foi_menu",
)


@hooks.register("register_foi_menu_item")
def _workbench() -> MenuItem:
    return _Item("申请工作台", reverse("foi_workbench"), icon_name="list-ul", order=100)


@hooks.register("register_foi_menu_item")
def _register() -> MenuItem:
    return _Item("登记申请", reverse("foi_register"), icon_name="plus", order=200)


@hooks.register("register_foi_menu_item")
def _ledger() -> MenuItem:
    return _Item("台账导入导出", reverse("foi_ledger"), icon_name="table", order=300)


@hooks.register("register_foi_menu_item")
def _deadline() -> MenuItem:
    return _Item("期限计算器", reverse("foi_deadline_calculator"), icon_name="date", order=400)


@hooks.register("register_foi_menu_item")
def _fee() -> MenuItem:
    return _Item("收费计算器", reverse("foi_fee_calculator"), icon_name="calculator", order=500)


class FoiSubmenu(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        return _staff_or_supervisor(request)


@hooks.register("register_admin_menu_item")
def _menu() -> MenuItem:
    return FoiSubmenu("依申请公开", foi_menu, icon_name="mail", order=150)


class WorkloadPanel(Component):
    """Dashboard: the user's open applications by urgency, and calendar warnings."""

    name = "foi_workload"
    order = 50
    template_name = "foi/admin/dashboard_panel.html"

    def __init__(self, request: Any) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        from gongkai.foi import services
        from gongkai.foi.models import Application
        from gongkai.foi.rules.status import Phase
        from gongkai.workdays.services import missing_next_year

        today = services.today()
        counts = {"open": 0, "overdue": 0, "due_soon": 0, "awaiting_receipt": 0}
        visible = visible_agency_ids(self.request.user)
        for st in services.open_statuses(Application.objects.filter(agency_id__in=visible)).values():
            counts["open"] += 1
            counts["overdue"] += st.overdue
            counts["due_soon"] += st.due_soon
            counts["awaiting_receipt"] += st.phase is Phase.AWAITING_RECEIPT
        return {"counts": counts, "missing_year": missing_next_year(today), "today": today, "request": self.request}


@hooks.register("construct_homepage_panels")
def _panels(request: Any, panels: list[Any]) -> None:
    if _staff_or_supervisor(request):
        panels.insert(0, WorkloadPanel(request))


@hooks.register("insert_global_admin_css")
def _css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("foi/admin.css"))
