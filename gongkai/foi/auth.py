"""Who may read and act on 依申请公开 records. Views and commands ask here, nowhere else."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.foi.models import Application

# Staff who handle applications (登记、补正、征求意见、收费、答复).
HANDLER_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN})
# 条例第三十三条第二款: extension needs the consent of the head of the disclosure office;
# the office's 管理员 and the agency's leaders may give it.
EXTENSION_ROLES = frozenset({Role.OFFICE_ADMIN, Role.DEPUTY_LEADER, Role.PRINCIPAL_LEADER})
# Personal data (身份证号, 电话, 地址) is shown in full only to those who handle the case.
PERSONAL_DATA_ROLES = HANDLER_ROLES


def applications_for(user: Any) -> QuerySet[Application]:
    """Every application the user may read: their agencies' and their supervised regions'."""
    return Application.objects.filter(agency_id__in=agency_auth.visible_agency_ids(user))


def access_application(user: Any, pk: int) -> Application:
    """The application, or 404 when it does not exist or belongs to another tenant."""
    try:
        return applications_for(user).select_related("agency", "applicant").get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该申请") from None


def can_handle(user: Any, agency: Agency) -> bool:
    return bool(agency_auth.roles_in(user, agency) & HANDLER_ROLES)


def can_extend(user: Any, agency: Agency) -> bool:
    return bool(agency_auth.roles_in(user, agency) & EXTENSION_ROLES)


def can_see_personal_data(user: Any, agency: Agency) -> bool:
    return bool(agency_auth.roles_in(user, agency) & PERSONAL_DATA_ROLES)


def require_handle(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, HANDLER_ROLES, "办理依申请公开")


def require_extend(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, EXTENSION_ROLES, "批准延期答复")
