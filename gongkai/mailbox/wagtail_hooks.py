"""Wagtail loads this module; the mailbox's hooks live in one module per concern."""

from gongkai.mailbox import staff_hooks, stats_hooks

__all__ = ["staff_hooks", "stats_hooks"]
