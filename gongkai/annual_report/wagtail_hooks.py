"""Put the annual report into the Wagtail back office: URLs, the menu, styles."""

from __future__ import annotations

from typing import Any

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from gongkai.agencies.auth import current_agency, supervised_regions, visible_agency_ids
from gongkai.annual_report.models import AnnualReportPage
from gongkai.annual_report.views import approval, editor, oversight


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("annual-report/", editor.index, name="annual_report_index"),
        path("annual-report/<int:agency_id>/<int:year>/", editor.editor, name="annual_report_editor"),
        path("annual-report/<int:agency_id>/<int:year>/figure/", editor.figure, name="annual_report_figure"),
        path("annual-report/<int:agency_id>/<int:year>/figure/clear/", editor.clear_figure, name="annual_report_clear_figure"),
        path("annual-report/<int:agency_id>/<int:year>/section/<slug:key>/", editor.section, name="annual_report_section"),
        path("annual-report/<int:agency_id>/<int:year>/finalise/", editor.finalise, name="annual_report_finalise"),
        path("annual-report/<int:agency_id>/<int:year>/preview/", editor.preview, name="annual_report_preview"),
        path("annual-report/<int:agency_id>/<int:year>/illustrated/", editor.illustrated_preview, name="annual_report_illustrated"),
        path("annual-report/<int:agency_id>/<int:year>/download/<slug:kind>/", editor.download, name="annual_report_download"),
        path("annual-report/documents/", editor.documents_home, name="annual_report_documents_home"),
        path("annual-report/<int:agency_id>/documents/", editor.documents, name="annual_report_documents"),
        path("annual-report/<int:agency_id>/documents/<int:doc_id>/repeal/", editor.repeal, name="annual_report_repeal"),
        path("annual-report/version/<int:pk>/", approval.version, name="annual_report_version"),
        path("annual-report/version/<int:pk>/publish/", approval.publish, name="annual_report_publish"),
        path("annual-report/version/<int:pk>/return/", approval.send_back, name="annual_report_return"),
        path("annual-report/version/<int:pk>/review/<slug:action>/", approval.review_step, name="annual_report_review"),
        path("annual-report/version/<int:pk>/download/<slug:kind>/", approval.version_download, name="annual_report_version_download"),
        path("annual-report/oversight/", oversight.overview, name="annual_report_oversight"),
        path("annual-report/region/<int:region_id>/<int:year>/", oversight.region_report, name="annual_report_region"),
        path("annual-report/region/<int:region_id>/<int:year>/download/<slug:kind>/", oversight.region_download, name="annual_report_region_download"),
    ]


def _reads_reports(request: Any) -> bool:
    return bool(visible_agency_ids(request.user))


def _supervises(request: Any) -> bool:
    return supervised_regions(request.user).exists()


class _ReportItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return _reads_reports(request)


class _DocumentsItem(MenuItem):
    """The register of the agency the user works in."""

    def is_shown(self, request: Any) -> bool:
        return current_agency(request, staff_only=True) is not None


class _SupervisorItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return _supervises(request)


report_menu = Menu(register_hook_name="register_annual_report_menu_item", construct_hook_name="construct_annual_report_menu")


@hooks.register("register_annual_report_menu_item")
def _reports() -> MenuItem:
    return _ReportItem("年度报告", reverse("annual_report_index"), icon_name="doc-full", order=100)


@hooks.register("register_annual_report_menu_item")
def _documents() -> MenuItem:
    return _DocumentsItem("规章和规范性文件登记", reverse("annual_report_documents_home"), icon_name="list-ul", order=200)


@hooks.register("register_annual_report_menu_item")
def _oversight() -> MenuItem:
    return _SupervisorItem("年报督查", reverse("annual_report_oversight"), icon_name="view", order=300)


class ReportSubmenu(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        return _reads_reports(request)


@hooks.register("register_admin_menu_item")
def _menu() -> MenuItem:
    return ReportSubmenu("政府信息公开年报", report_menu, icon_name="doc-full-inverse", order=160)


@hooks.register("insert_global_admin_css")
def _css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("annual_report/admin.css"))


@hooks.register("before_edit_page")
def _report_page_opens_its_version(request: Any, page: Any) -> Any:
    """A report page is made by 定稿 and not edited by hand: Wagtail's editor (and every
    action posted to it — save, submit, cancel, revert) leads to the version's page, which
    shows the report, its checks and its review, and takes the review decisions."""
    if isinstance(page, AnnualReportPage):
        return redirect("annual_report_version", pk=page.report_version_id)
    return None
