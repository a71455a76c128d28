"""Who may read and act on 政务服务事项 and 办件. Views and commands ask here, nowhere else."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.service_catalog.models import Case, ServiceItem

# Window staff who work cases: 受理、审批、办结 (the seed agency's clerks do all three steps).
HANDLER_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN})
# Who edits the catalogue of items.
EDITOR_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN})
# Who publishes an item's 办事指南 to the public or withdraws it.
PUBLISHER_ROLES = frozenset({Role.SECTION_HEAD, Role.OFFICE_ADMIN, Role.DEPUTY_LEADER, Role.PRINCIPAL_LEADER})
# Applicants' ID numbers and telephones are shown only to those who work cases.
PERSONAL_DATA_ROLES = HANDLER_ROLES


def items_for(user: Any) -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(agency_id__in=agency_auth.visible_agency_ids(user))


def cases_for(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(agency_id__in=agency_auth.visible_agency_ids(user))


def access_item(user: Any, pk: Any) -> ServiceItem:
    """The item, or 404 when it does not exist or belongs to another tenant."""
    try:
        return items_for(user).select_related("agency", "department").get(pk=pk)
    except (ServiceItem.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该事项") from None


def access_case(user: Any, pk: Any) -> Case:
    try:
        return cases_for(user).select_related("agency", "item").get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该办件") from None


def can_handle(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & HANDLER_ROLES)


def can_edit(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & EDITOR_ROLES)


def can_publish(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & PUBLISHER_ROLES)


def can_see_personal_data(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & PERSONAL_DATA_ROLES)


def require_handle(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, HANDLER_ROLES, "办理政务服务办件")


def require_edit(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, EDITOR_ROLES, "维护政务服务事项")


def require_publish(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, PUBLISHER_ROLES, "发布或停用办事指南")
