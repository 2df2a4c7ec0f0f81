"""The section 政策落实结果评价 on a policy's and its interpretations' public pages
(library.related): the published evaluations of the policy with their conclusions."""

from __future__ import annotations

from wagtail.models import Page

from gongkai.evaluation import selectors
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.library.related import RelatedLink, RelatedSection


def evaluation_section(page: Page) -> RelatedSection | None:
    if isinstance(page, PolicyDocumentPage):
        policy_id: int | None = page.pk
    elif isinstance(page, InterpretationPage):
        policy_id = page.policy_id
    else:
        return None
    if policy_id is None:
        return None
    links = [
        RelatedLink(
            title=e.title,
            url=e.url or "",
            note=f"评价结论：{e.get_conclusion_display()}" if e.conclusion else "评价进行中",
        )
        for e in selectors.live_for_policy(policy_id)[:10]
    ]
    return RelatedSection(key="evaluation", heading="政策落实结果评价", links=links)
