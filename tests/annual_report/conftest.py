from __future__ import annotations

from typing import Any

import pytest

from gongkai.annual_report.build import build_report
from tests.annual_report.scenario import seed_year


@pytest.fixture
def seeded(world: Any, freeze_today: Any) -> Any:
    """The demo agency's 2024 (see scenario.py); returns its applications."""
    return seed_year(world, freeze_today)


@pytest.fixture
def reports(world: Any, seeded: Any) -> dict[str, dict[str, Any]]:
    """The 2024 report of agency A in the 2021 format and, forced, in the 2019 format."""
    return {v: build_report(world.agency_a, 2024, format_version=v) for v in ("2021", "2019")}


# -- the report in the 主动公开 portal's review ----------------------------------------------

from tests.publishing.conftest import portal  # noqa: E402, F401 (fixture: portals of A and B, 科室负责人 at A)

REVIEW_COMMENTS = {"科室审核": "科室审核同意", "保密审查": "", "分管领导审核": "分管领导同意", "主要领导审定": "同意发布"}


def review_step(user: Any, agency: Any, year: int, action: str = "approve", comment: str | None = None) -> None:
    """Decide the current step of the year's report page as ``user`` (attesting at 保密审查)."""
    from gongkai.annual_report import review
    from gongkai.publishing import operations as portal_ops

    page = review.page_for(agency, year)
    data: dict[str, Any] = {"comment": comment if comment is not None else "同意"}
    ws = page.current_workflow_state
    if action == "approve" and ws is not None and ws.current_task_state.task.specific.requires_attestation:
        data.update(attested=True, attestation="经审查不涉及国家秘密和工作秘密，可以公开")
    portal_ops.review(user, page, action, **data)


def walk_review(reviewers: list[Any], agency: Any, year: int) -> None:
    for user in reviewers:
        review_step(user, agency, year)
