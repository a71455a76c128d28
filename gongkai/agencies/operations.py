"""Named operations on agencies, departments and staff. Each runs in a transaction and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from gongkai.agencies.models import Agency, AgencyKind, Department, Membership, Region, Role, Supervision
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.core.rules.identifiers import InvalidIdentifier, normalise_credit_code

STAFF_GROUP = "机关工作人员"


def staff_group() -> Group:
    """The Wagtail group that lets staff into the back office (权限仍按机关岗位判断)."""
    group, created = Group.objects.get_or_create(name=STAFF_GROUP)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def add_region(actor: Any, *, code: str, name: str, parent: Region | None = None) -> Region:
    code = code.strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise OperationError("行政区划代码应为6位（县级及以上）或9/12位数字", field="code")
    with transaction.atomic():
        region, _ = Region.objects.update_or_create(code=code, defaults={"name": name, "parent": parent})
        audit.record(actor, "agencies.region_saved", obj=region, summary=f"行政区划 {code} {name}")
    return region


def add_agency(
    actor: Any,
    *,
    code: str,
    name: str,
    kind: str = AgencyKind.DEPARTMENT,
    region: Region | None = None,
    slug: str | None = None,
    **contact: str,
) -> Agency:
    try:
        code = normalise_credit_code(code)
    except InvalidIdentifier as exc:
        raise OperationError(f"统一社会信用代码：{exc}", field="code") from None
    name = name.strip()
    if not name:
        raise OperationError("机关名称不能为空", field="name")
    if kind not in AgencyKind.values:
        raise OperationError("机关类型只能是“部门”（department）或“人民政府”（government）", field="kind")
    if Agency.objects.filter(credit_code=code).exists():
        raise OperationError(f"统一社会信用代码 {code} 已登记", field="code")
    slug = (slug or code.lower()).strip()
    if Agency.objects.filter(slug=slug).exists():
        raise OperationError(f"网址标识 {slug} 已被使用", field="slug")
    with transaction.atomic():
        agency = Agency.objects.create(credit_code=code, name=name, kind=kind, region=region, slug=slug, **contact)
        audit.record(actor, "agencies.agency_added", obj=agency, agency_id=agency.pk, summary=f"登记机关 {name}")
    return agency


def add_department(actor: Any, agency: Agency, name: str) -> Department:
    with transaction.atomic():
        dept, _ = Department.objects.get_or_create(agency=agency, name=name.strip())
        audit.record(actor, "agencies.department_added", obj=dept, agency_id=agency.pk, summary=f"科室 {name}")
    return dept


def add_member(
    actor: Any,
    agency: Agency,
    *,
    username: str,
    role: str,
    full_name: str = "",
    password: str | None = None,
    department: Department | None = None,
) -> Membership:
    if role not in Role.values:
        raise OperationError(f"未知岗位：{role}", field="role")
    user_model = get_user_model()
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(username=username)
        if created:
            user.first_name = full_name
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(staff_group())
        membership, _ = Membership.objects.get_or_create(
            user=user, agency=agency, role=role, defaults={"department": department}
        )
        audit.record(
            actor,
            "agencies.member_added",
            obj=membership,
            agency_id=agency.pk,
            summary=f"{full_name or username} 任 {Role(role).label}",
        )
    return membership


def add_supervisor(actor: Any, region: Region, *, username: str, full_name: str = "", password: str | None = None) -> Supervision:
    user_model = get_user_model()
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(username=username)
        if created:
            user.first_name = full_name
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(staff_group())
        sup, _ = Supervision.objects.get_or_create(user=user, region=region)
        audit.record(actor, "agencies.supervisor_added", obj=sup, summary=f"{full_name or username} 监督 {region}")
    return sup
