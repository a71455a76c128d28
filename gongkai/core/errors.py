"""Errors raised by operations, carrying a Chinese message and the field it concerns."""

from __future__ import annotations


class OperationError(Exception):
    """An operation refused its input. ``message`` is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(OperationError):
    """The actor lacks the role the operation needs."""
