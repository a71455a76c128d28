"""Who may see and do what in which agency. The one place tenant scoping is decided.

Every query for tenant data starts from ``agencies_visible_to`` or ``require_role``;
views never filter by agency themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency, Membership, Region, Role, Supervision
from gongkai.core.errors import NotAllowed

_CACHE_ATTR = "_gongkai_roles"


def roles_by_agency(user: Any) -> dict[int, set[str]]:
    """{agency_id: {role, ...}} for the user's memberships, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        for agency_id, role in Membership.objects.filter(user=user, agency__is_active=True).values_list(
            "agency_id", "role"
        ):
            cached.setdefault(agency_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def roles_in(user: Any, agency: Agency | int) -> set[str]:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return roles_by_agency(user).get(agency_id, set())


def supervised_regions(user: Any) -> QuerySet[Region]:
    if not getattr(user, "is_authenticated", False):
        return Region.objects.none()
    return Region.objects.filter(pk__in=Supervision.objects.filter(user=user).values("region"))


def _supervised_q(user: Any) -> Q:
    paths = list(supervised_regions(user).values_list("path", flat=True))
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(region__path__startswith=path)
    return q


def visible_agency_ids(user: Any) -> list[int]:
    """Ids of the agencies whose records the user may read, cached on the user object.

    Tenant queries filter with this literal list (``agency_id IN (...)``) so that the
    database uses its (agency, ...) indexes instead of planning a semi-join."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_gongkai_visible", None)
    if cached is None:
        if user.is_superuser:
            cached = list(Agency.objects.values_list("pk", flat=True))
        else:
            cached = sorted(
                Agency.objects.filter(Q(pk__in=list(roles_by_agency(user))) | _supervised_q(user)).values_list("pk", flat=True)
            )
        user._gongkai_visible = cached
    return cached


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Agencies whose records the user may read: their own, and those of regions they supervise."""
    return Agency.objects.filter(pk__in=visible_agency_ids(user))


def is_supervisor_of(user: Any, agency: Agency) -> bool:
    if not getattr(user, "is_authenticated", False) or agency.region_id is None:
        return False
    path = agency.region.path
    return any(path.startswith(p) for p in supervised_regions(user).values_list("path", flat=True))


def can_read(user: Any, agency: Agency) -> bool:
    return bool(roles_in(user, agency)) or is_supervisor_of(user, agency) or getattr(user, "is_superuser", False)


def require_role(user: Any, agency: Agency, roles: Iterable[str], doing: str) -> None:
    """Raise ``NotAllowed`` unless the user holds one of ``roles`` in ``agency``.

    Superusers are platform operators, not office staff: they do not act on an agency's
    records (so every action in the log belongs to a person of that agency).
    """
    allowed = set(roles)
    if not roles_in(user, agency) & allowed:
        names = "、".join(Role(r).label for r in Role.values if r in allowed)
        raise NotAllowed(f"您没有在“{agency.name}”{doing}的权限（需要以下岗位之一：{names}）")


def staff_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies where the user holds a role (not merely supervises)."""
    return Agency.objects.filter(pk__in=list(roles_by_agency(user)))


SESSION_KEY = "gongkai_agency"


def current_agency(request: Any, *, staff_only: bool = False) -> Agency | None:
    """The agency the user is working in: chosen with ?agency=<id> (kept in the session),
    else their first. ``staff_only`` limits the choice to agencies where they hold a role."""
    qs = staff_agencies(request.user) if staff_only else agencies_visible_to(request.user)
    chosen = request.GET.get("agency") or request.session.get(SESSION_KEY)
    agency = None
    if chosen and str(chosen).isdigit():
        agency = qs.filter(pk=int(chosen)).first()
    if agency is None:
        agency = qs.order_by("pk").first()
    if agency is not None and request.GET.get("agency"):
        request.session[SESSION_KEY] = agency.pk
    return agency
