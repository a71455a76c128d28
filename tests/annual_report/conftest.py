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
