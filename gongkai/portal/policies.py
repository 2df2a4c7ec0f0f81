"""Who handles the public's error reports (我为政府网站找错) in the back office.

A report belongs to the unit whose page it is: anyone with a role in that unit, and the
overseers above it, may see it and update its status; deleting one (spam) takes the unit's
management capability. A report on the site's own pages (no unit) belongs to the site's
operator: superusers and the overseers of a top-level unit. Nobody creates reports in the admin
(they come from the public form). The admin's permission policy (permissions.py) and the
services (services.py) both decide here.
"""

from __future__ import annotations

from gongkai.core.types import User
from gongkai.organisations import policies as org_policies
from gongkai.organisations.policies import Capability
from gongkai.portal.models import ErrorReport


def is_site_operator(user: User) -> bool:
    return org_policies.is_city_disclosure_office(user)


def can_handle_error_report(user: User, report: ErrorReport) -> bool:
    """See the report and update its status and note."""
    unit = report.organisation
    if unit is None:
        return is_site_operator(user)
    return org_policies.can_view_organisation_admin(user, unit)


def can_delete_error_report(user: User, report: ErrorReport) -> bool:
    unit = report.organisation
    if unit is None:
        return is_site_operator(user)
    return org_policies.has_capability(user, unit, Capability.MANAGE_UNIT)
