from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.workdays import views


@hooks.register("register_admin_urls")
def urls() -> list[Any]:
    return [
        path("workdays/", views.index, name="workdays_index"),
        path("workdays/<int:year>/", views.year_view, name="workdays_year"),
    ]


@hooks.register("register_admin_menu_item")
def menu() -> MenuItem:
    return MenuItem("工作日历", reverse("workdays_index"), icon_name="date", order=900)
