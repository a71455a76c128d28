"""``gongkai demo``'s 政务服务 part gives the seed agency what its 2024 report describes: 18
items (9 行政许可, 1 行政确认, 4 其他行政权力, 4 公共服务) all handled at once, 28 权责事项,
and 双随机 inspections that replay from their recorded seeds."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.db.models import F

from gongkai.demo import service_scenarios
from gongkai.powers import services as power_services
from gongkai.powers.models import PowerItem
from gongkai.service_catalog.models import Case, ServiceItem
from gongkai.supervision import operations as sup_ops
from gongkai.supervision.models import Inspection, PlanDraw

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def test_the_demo_builds_the_seed_agencys_items_powers_cases_and_inspections(world):
    today = dt.date.today()
    lines = service_scenarios.run(world.clerk_a, world.head_a, world.agency_a, random.Random(1), today)
    assert len(lines) == 3
    items = ServiceItem.objects.filter(agency=world.agency_a)
    assert Counter(items.values_list("type_code", flat=True)) == {"XK": 9, "QR": 1, "QT": 4, "GG": 4}
    assert all(i.instant and i.is_published for i in items)
    assert len(power_services.list_as_of(PowerItem.objects.filter(agency=world.agency_a), today)) == 28
    concluded = Case.objects.filter(agency=world.agency_a, concluded_on__isnull=False)
    assert concluded.count() > 100
    # 即办: every approved case was accepted, decided and concluded on one day
    assert not concluded.filter(decision="approved").exclude(accepted_on=F("concluded_on")).exists()
    assert Inspection.objects.filter(agency=world.agency_a, published_on__isnull=False).exists()
    assert all(sup_ops.replay(d) for d in PlanDraw.objects.all())
