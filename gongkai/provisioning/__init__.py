"""Orchestration of a new unit across organisations, library, portal and review."""
