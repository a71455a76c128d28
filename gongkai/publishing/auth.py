"""Who may do what in the portal. Roles come from ``agencies``; tenancy from ``visible_agency_ids``."""

from __future__ import annotations

from typing import Any

from gongkai.agencies.auth import require_role, roles_in, visible_agency_ids
from gongkai.agencies.models import Agency, Role

# Staff who draft and edit pages in their agency's portal (Wagtail add/change, never publish).
EDITOR_ROLES = {Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN}
# Staff who record pushes to other channels.
CHANNEL_ROLES = {Role.CLERK, Role.OFFICE_ADMIN}
# Staff who set up the portal of their agency (columns, 索引号 pattern).
PORTAL_ADMIN_ROLES = {Role.OFFICE_ADMIN}


def require_channel_role(user: Any, agency: Agency) -> None:
    require_role(user, agency, CHANNEL_ROLES, "记录渠道推送")


def is_editor(user: Any, agency_id: int) -> bool:
    return bool(roles_in(user, agency_id) & EDITOR_ROLES)


def readable_agency_ids(user: Any) -> list[int]:
    return visible_agency_ids(user)


def roles_by_agency_ids(user: Any) -> list[int]:
    from gongkai.agencies.auth import roles_by_agency

    return list(roles_by_agency(user))
