"""Who may read and adjust the 权责清单. Views ask here, nowhere else."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.powers.models import PowerItem

# The list is kept by the 政策法规 / office staff and signed off by section heads.
EDITOR_ROLES = frozenset({Role.SECTION_HEAD, Role.OFFICE_ADMIN})


def items_for(user: Any) -> QuerySet[PowerItem]:
    return PowerItem.objects.filter(agency_id__in=agency_auth.visible_agency_ids(user))


def access_item(user: Any, pk: Any) -> PowerItem:
    try:
        return items_for(user).select_related("agency").get(pk=pk)
    except (PowerItem.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该权责事项") from None


def can_edit(user: Any, agency: Agency | int) -> bool:
    return bool(agency_auth.roles_in(user, agency) & EDITOR_ROLES)


def require_edit(user: Any, agency: Agency) -> None:
    agency_auth.require_role(user, agency, EDITOR_ROLES, "调整权责清单")
