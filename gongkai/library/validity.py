"""有效性 of a policy document, derived from its dates and from the documents that act on it.

政府网站发展指引 (国办发〔2017〕47号): when a document is amended, abolished or expires, the
published original must say so. The validity shown is therefore never typed in: it follows
from (in order of precedence) a published document that abolishes or replaces it, an
abolition recorded by hand (an act outside the system), and the end of its validity period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    ABOLISHED = "abolished", _("废止")


class RelationKind(models.TextChoices):
    """How one document acts on another (the source acts on the target)."""

    REPLACES = "replaces", _("替代")
    AMENDS = "amends", _("修改")
    ABOLISHES = "abolishes", _("废止")


# Publishing a document that replaces another abolishes the old one (…原《×》同时废止).
ENDING_KINDS = frozenset({RelationKind.REPLACES, RelationKind.ABOLISHES})


@dataclass(frozen=True)
class Act:
    """A live document that acts on the one whose validity we derive."""

    kind: str
    source_id: int
    source_title: str
    effective_on: dt.date


@dataclass(frozen=True)
class DerivedValidity:
    validity: str
    changed_on: dt.date | None
    reason: str
    superseded_by_id: int | None


def derive_validity(
    *,
    today: dt.date,
    valid_until: dt.date | None,
    abolished_on: dt.date | None,
    abolition_note: str,
    acts: list[Act],
) -> DerivedValidity:
    ending = sorted(
        (a for a in acts if a.kind in ENDING_KINDS and a.effective_on <= today),
        key=lambda a: (a.effective_on, a.source_id),
    )
    if ending:
        first = ending[0]
        verb = "替代" if first.kind == RelationKind.REPLACES else "废止"
        return DerivedValidity(
            Validity.ABOLISHED,
            first.effective_on,
            f"已被《{first.source_title}》{verb}",
            first.source_id,
        )
    if abolished_on is not None and abolished_on <= today:
        return DerivedValidity(Validity.ABOLISHED, abolished_on, abolition_note or "已废止", None)
    if valid_until is not None and valid_until < today:
        return DerivedValidity(
            Validity.EXPIRED, valid_until + dt.timedelta(days=1), "有效期届满", None
        )
    return DerivedValidity(Validity.VALID, None, "", None)
