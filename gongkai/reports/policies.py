"""Who may do what with annual reports and the office's oversight screens: every permission
decision of the reports app, answered from the unit-capability table of
gongkai.organisations.policies.

- Compiling a unit's report (编制: drafting its page, refreshing its tables) and entering the
  figures other systems hold is the unit's drafting staff's (Capability.DRAFT); removing an
  entered figure is signing off (Capability.PUBLISH, 签发). Publishing the report page itself is
  review's: it goes through the unit's workflow like all unit content (gongkai.review).
- The disclosure office (Capability.OVERSEE) sees the units of its subtree: the oversight
  screen (监督总览), the overview of every unit's table 三, and any of those units' reports
  computed now. A unit outside its subtree is answered as a missing one (404).
- ``actor=None`` is the command line (``manage.py report …``), run by the operator on the
  server: allowed.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import (
    Capability,
    has_capability,
    organisations_with_capability,
)

# Which capability each admin action on a ReportFigure needs on the figure's unit (the
# figures' admin screens, registered with register_unit_scoped).
FIGURE_ACTIONS: dict[str, Capability] = {
    "add": Capability.DRAFT,
    "change": Capability.DRAFT,
    "delete": Capability.PUBLISH,
}


def compilable_units(user: User) -> QuerySet[Organisation]:
    """The units whose annual report the user may compile (and whose figures they may enter)."""
    return organisations_with_capability(user, Capability.DRAFT).order_by("path")


def can_compile_any(user: User) -> bool:
    """The 编制年度报告 screen and the 其他系统数据 menu entry."""
    return compilable_units(user).exists()


def can_compile(user: User | None, unit: Organisation) -> bool:
    """Draft or refresh ``unit``'s report page."""
    return user is None or has_capability(user, unit, FIGURE_ACTIONS["add"])


def can_edit_figures(user: User | None, unit: Organisation) -> bool:
    """Enter or change a table-二 figure of ``unit`` (admin screen, import)."""
    return user is None or has_capability(user, unit, FIGURE_ACTIONS["change"])


def can_delete_figures(user: User | None, unit: Organisation) -> bool:
    """Remove an entered figure of ``unit``."""
    return user is None or has_capability(user, unit, FIGURE_ACTIONS["delete"])


def overseen_units(user: User) -> QuerySet[Organisation]:
    """The units whose oversight, overview and computed reports the user may see."""
    return organisations_with_capability(user, Capability.OVERSEE).order_by("path")


def can_oversee(user: User) -> bool:
    """The office's screens: 监督总览, 全市年报概览, 编制单位年度报告, the dashboard panel."""
    return overseen_units(user).exists()


def can_see_unit_report(user: User, unit: Organisation) -> bool:
    """Another unit's oversight detail and its report computed now."""
    return overseen_units(user).filter(pk=unit.pk).exists()
