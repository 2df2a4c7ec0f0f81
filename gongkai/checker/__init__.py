"""The content checker: finds personal data, classification markings, sensitive words, wrong
expressions and formal errors in text before it is published (issue 4, docs/checker.md).

``from gongkai.checker import check_text, redact, load_ruleset, Finding`` — the names are loaded
on first use, so that Django's app loading does not pay for the dictionaries.
"""

from __future__ import annotations

from typing import Any

from gongkai.checker import extract

_ENGINE = (
    "Finding",
    "Ruleset",
    "RulesError",
    "check_text",
    "default_ruleset",
    "load_ruleset",
    "redact",
)
_EXTRACT = ("UnusableInput", "extract_text", "html_to_text")
__all__ = [
    "Finding",
    "RulesError",
    "Ruleset",
    "UnusableInput",
    "check_text",
    "default_ruleset",
    "extract_text",
    "html_to_text",
    "load_ruleset",
    "redact",
]


def __getattr__(name: str) -> Any:
    if name in _ENGINE:
        # local import: checker.engine imports this module
        from gongkai.checker import engine

        return getattr(engine, name)
    if name in _EXTRACT:
        return getattr(extract, name)
    raise AttributeError(name)
