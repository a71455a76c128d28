"""Receivers: what publication does to the catalogue, and editors' groups following roles."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from gongkai.agencies.models import Membership
from gongkai.publishing import operations
from gongkai.publishing.models import PORTAL_DEPTH, CatalogEntry


@receiver(page_published)
def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    if isinstance(instance, CatalogEntry):
        operations.on_entry_published(instance, revision)
    elif instance.depth >= PORTAL_DEPTH - 1:
        operations._bump_cache(instance)


@receiver(page_unpublished)
def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, CatalogEntry):
        operations.on_entry_unpublished(instance)
    elif instance.depth >= PORTAL_DEPTH - 1:
        operations._bump_cache(instance)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    operations.sync_editor_group(instance.agency)
