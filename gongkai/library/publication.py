"""The publication gate of unit content (先审后发).

Every publication of a unit's page goes through ``UnitContentPage.publish``, which calls
``check_publication(revision)``. The library does not know who approves: the review app
registers its authoriser here in ``ReviewConfig.ready()`` (``register_gate``), so the library
sits below review and the rule still holds for every path (workflow approval, scheduled
publishing, bulk actions, code). With no gate registered publication is refused: a site
without review cannot publish unit content by accident.

Publishing outside the workflow — imports of documents already published elsewhere, the unit
columns created with a unit, the demo city — happens inside ``system_publication(reason)``;
the gate sees the reason (``current_system_publication``) and the review record notes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from gongkai.core.types import User

Gate = Callable[[Any], None]

_gates: list[Gate] = []
_SYSTEM: ContextVar[tuple[str, User | None] | None] = ContextVar(
    "gongkai_system_publication", default=None
)


def register_gate(gate: Gate) -> None:
    """``gate(revision)`` raises ``ValidationError`` to refuse publishing ``revision``."""
    if gate not in _gates:
        _gates.append(gate)


def check_publication(revision: Any) -> None:
    if not _gates:
        raise ImproperlyConfigured("no publication gate registered (is gongkai.review installed?)")
    for gate in _gates:
        gate(revision)


@contextmanager
def system_publication(reason: str, actor: User | None = None) -> Iterator[None]:
    """Publishing outside the workflow, for imports of documents already published elsewhere,
    structural pages and the demo city: each such publication is recorded with the reason."""
    if not reason.strip():
        raise ValueError("a system publication needs a reason")
    token = _SYSTEM.set((reason, actor))
    try:
        yield
    finally:
        _SYSTEM.reset(token)


def current_system_publication() -> tuple[str, User | None] | None:
    return _SYSTEM.get()
