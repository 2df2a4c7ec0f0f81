"""Wagtail admin hooks of the mailbox's handling screens (loaded by wagtail_hooks.py)."""
