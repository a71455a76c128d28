"""索引号: allocated at first publication from the agency's pattern, unique per agency, never
reused, and safe when many entries are published at once (PostgreSQL)."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, transaction

from gongkai.publishing import operations
from gongkai.publishing.models import CatalogEntry
from tests.publishing.conftest import entry_data, publish_through_review


@pytest.mark.django_db
def test_numbers_follow_the_pattern_and_count_up_per_year(portal, monkeypatch):
    from gongkai.publishing import clock

    monkeypatch.setattr(clock, "today", lambda: __import__("datetime").date(2024, 5, 6))
    a = publish_through_review(portal, "tzgg", title="第一条通知")
    b = publish_through_review(portal, "gzdt", title="第一条动态")
    assert a.index_no == "11620700MB1234567D/2024-00001"
    assert b.index_no == "11620700MB1234567D/2024-00002"
    monkeypatch.setattr(clock, "today", lambda: __import__("datetime").date(2025, 1, 2))
    c = publish_through_review(portal, "tzgg", title="新年第一条")
    assert c.index_no == "11620700MB1234567D/2025-00001"


@pytest.mark.django_db
def test_a_number_survives_republication_and_is_not_reused_after_deletion(portal):
    w = portal.world
    a = publish_through_review(portal, "tzgg", title="会被修改的通知")
    first = a.index_no
    operations.edit_entry(w.clerk_a, a, entry_data(title="会被修改的通知（修订）"))
    operations.submit_for_review(w.clerk_a, a)
    from tests.publishing.conftest import approve_all

    approve_all(portal, a)
    a.refresh_from_db()
    assert a.index_no == first and a.title.endswith("（修订）")
    CatalogEntry.objects.get(pk=a.pk).delete()
    b = publish_through_review(portal, "tzgg", title="之后的通知")
    assert b.index_no != first and int(b.index_no[-5:]) == int(first[-5:]) + 1


@pytest.mark.django_db
def test_the_pattern_is_per_agency_and_configurable(portal):
    portal.home_a.index_no_pattern = "{org_code}-{year}{month:02d}-{seq:04d}"
    portal.home_a.save()
    a = publish_through_review(portal, "tzgg")
    assert re.fullmatch(r"MB1234567-\d{6}-0001", a.index_no)


@pytest.mark.django_db
def test_imported_legacy_numbers_are_skipped_not_duplicated(portal):
    from gongkai.publishing import clock

    year = clock.today().year
    legacy = operations.draft_entry(portal.world.clerk_a, portal.column("tzgg"), entry_data(title="旧系统迁移的文件"))
    CatalogEntry.objects.filter(pk=legacy.pk).update(index_no=f"11620700MB1234567D/{year}-00001")
    fresh = publish_through_review(portal, "tzgg", title="新发布")
    assert fresh.index_no == f"11620700MB1234567D/{year}-00002"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_publications_get_twenty_different_numbers(portal):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises all writers, so there is no concurrency to test (the sequential tests above run there)")
    drafts = [operations.draft_entry(portal.world.clerk_a, portal.column("gzdt"), entry_data(title=f"并发发布{i}")) for i in range(20)]
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def publish(entry_id: int) -> None:
        from django.db import connection as conn

        try:
            entry = CatalogEntry.objects.get(pk=entry_id)
            revision = entry.get_latest_revision()
            barrier.wait(timeout=30)
            with transaction.atomic():
                revision.publish(skip_permission_checks=True)
        except BaseException as exc:
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=publish, args=(d.pk,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    numbers = list(CatalogEntry.objects.filter(pk__in=[d.pk for d in drafts]).values_list("index_no", flat=True))
    assert len(numbers) == 20 and all(numbers) and len(set(numbers)) == 20
    serials = sorted(int(n[-5:]) for n in numbers)
    assert serials == list(range(serials[0], serials[0] + 20))
