"""Allocate numbers that are unique and never reused, safe under concurrent requests."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.core.models import Sequence


def next_value(scope: str) -> int:
    """The next number of ``scope``. Call inside the transaction that uses the number.

    The row lock (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers) makes
    two concurrent callers wait for each other, so they never get the same value.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Sequence.objects.get_or_create(scope=scope)
        except IntegrityError:
            pass  # created by a concurrent caller
        seq = Sequence.objects.select_for_update().get(scope=scope)
        seq.last += 1
        seq.save(update_fields=["last"])
        return seq.last
