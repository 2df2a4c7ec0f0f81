"""Sections that apps above the library add to a policy's and an interpretation's public page.

The library may not import the apps that link to its pages (online interviews explain a policy;
an evaluation judges it), so they register a provider here in their ``AppConfig.ready`` and the
page templates render whatever the providers return (``{% related_sections page as sections %}``).
A provider gets the page and returns a section, or None when it has nothing for that page.
Providers must only return what the public may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    note: str = ""  # a date, a status: shown after the link


@dataclass(frozen=True)
class RelatedSection:
    key: str  # stable id, also the heading's HTML id
    heading: str
    links: list[RelatedLink] = field(default_factory=list)


Provider = Callable[[Page], RelatedSection | None]

_providers: dict[str, Provider] = {}


def register_related(key: str, provider: Provider) -> None:
    """Add (or replace, so that a reloaded app does not add twice) the provider named ``key``."""
    _providers[key] = provider


def related_sections(page: Page) -> list[RelatedSection]:
    """The non-empty sections of every provider, in the order they were registered."""
    sections = []
    for provider in _providers.values():
        section = provider(page)
        if section is not None and section.links:
            sections.append(section)
    return sections
