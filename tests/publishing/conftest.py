"""Portal fixtures: the agencies of ``world`` with their portals opened, a 科室负责人 at A
(the first review step), and helpers that draft and review through the real operations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import PASSWORD


@dataclass
class Portal:
    world: Any
    home_a: Any
    home_b: Any
    section_a: Any  # 科室负责人 at A

    def column(self, slug: str, home: Any = None) -> Any:
        from gongkai.publishing.models import ColumnPage

        return ColumnPage.objects.descendant_of(home or self.home_a).get(slug=slug)

    @property
    def reviewers(self) -> list[Any]:
        """The four steps' reviewers at A, in workflow order."""
        w = self.world
        return [self.section_a, w.secrecy_a, w.leader_a, w.principal_a]


@pytest.fixture
def portal(world: Any) -> Portal:
    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Role
    from gongkai.publishing import operations

    section = agency_ops.add_member(None, world.agency_a, username="section_a", role=Role.SECTION_HEAD, full_name="马科长", password=PASSWORD, department=world.office_a).user
    home_a = operations.create_portal(None, world.agency_a)
    home_b = operations.create_portal(None, world.agency_b)
    return Portal(world, home_a, home_b, section)


def entry_data(**kw: Any) -> Any:
    from gongkai.publishing.operations import EntryData

    base = {"title": "关于做好2024年宗教活动场所安全检查工作的通知", "written_on": dt.date(2024, 3, 1),
            "summary": "部署全市宗教活动场所消防和建筑安全检查。", "body": "<p>各县区民族宗教部门：为做好宗教活动场所安全工作……</p>",
            "genre": "通知", "topic": "民族、宗教\\宗教事务"}
    base.update(kw)
    return EntryData(**base)


def publish_through_review(portal: Portal, column_slug: str = "tzgg", **kw: Any) -> Any:
    """Draft as the clerk, submit, approve all four steps (attesting at 保密审查)."""
    from gongkai.publishing import operations

    entry = operations.draft_entry(portal.world.clerk_a, portal.column(column_slug), entry_data(**kw))
    operations.submit_for_review(portal.world.clerk_a, entry)
    approve_all(portal, entry)
    entry.refresh_from_db()
    return entry


def approve_all(portal: Portal, entry: Any) -> None:
    from gongkai.publishing import operations

    for reviewer in portal.reviewers:
        data = {"comment": "同意"}
        if reviewer == portal.world.secrecy_a:
            data.update(attested=True, attestation="不涉密，可以公开")
        operations.review(reviewer, entry, "approve", **data)
