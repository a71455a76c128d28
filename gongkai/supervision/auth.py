"""Who may read and act on 互联网+监管 records. Views ask here, nowhere else."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.supervision.models import Inspection, InspectionPlan, Inspector, SupervisedEntity

# Who keeps the entities, grades, inspectors and 回避 records, makes plans, draws and publishes.
MANAGER_ROLES = frozenset({Role.SECTION_HEAD, Role.OFFICE_ADMIN})
# Who records inspection results.
RECORDER_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN})


def visible(user: Any, model: type[Model]) -> QuerySet[Any]:
    return model.objects.filter(agency_id__in=agency_auth.visible_agency_ids(user))


def entities_for(user: Any) -> QuerySet[SupervisedEntity]:
    return visible(user, SupervisedEntity)


def inspectors_for(user: Any) -> QuerySet[Inspector]:
    return visible(user, Inspector)


def plans_for(user: Any) -> QuerySet[InspectionPlan]:
    return visible(user, InspectionPlan)


def inspections_for(user: Any) -> QuerySet[Inspection]:
    return visible(user, Inspection)


def access(user: Any, model: type[Model], pk: Any) -> Any:
    """The record, or 404 when it does not exist or belongs to another tenant."""
    try:
        return visible(user, model).select_related("agency").get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404("没有找到该记录") from None


def can_manage(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & MANAGER_ROLES)


def can_record(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & RECORDER_ROLES)


def require_manage(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, MANAGER_ROLES, "管理双随机抽查")


def require_record(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, RECORDER_ROLES, "登记检查结果")
