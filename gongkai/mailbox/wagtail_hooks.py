"""Wagtail loads this module; the mailbox's hooks live in one module per concern."""

from gongkai.mailbox import staff_hooks, stats_hooks

__all__ = ["staff_hooks", "stats_hooks"]
from gongkai.mailbox import public_hooks  # noqa: F401 - the public side's audit actions
