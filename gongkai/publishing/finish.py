"""WAGTAIL_FINISH_WORKFLOW_ACTION. Wagtail imports this while defining its own models, so
nothing is imported at module level."""

from __future__ import annotations

from typing import Any


def publish_on_completion(workflow_state: Any, user: Any = None) -> None:
    """Every review step approved → publish the approved revision (operations.publish_after_review)."""
    from gongkai.publishing import operations

    operations.publish_after_review(workflow_state, user)
