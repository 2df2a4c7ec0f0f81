"""Reminders before deadlines and escalation after them: services/reminders.py (the daily run
writes the Reminder rows, so it is a service). Kept as a name for its callers (the command,
the dashboards, reports.oversight)."""

from __future__ import annotations

from gongkai.applications.services.reminders import BATCH, ReminderStats, overdue_counts, run

__all__ = ["BATCH", "ReminderStats", "overdue_counts", "run"]
