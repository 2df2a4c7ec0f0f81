"""Wagtail admin hooks of the mailbox's statistics and inspection screens (loaded by wagtail_hooks.py)."""
