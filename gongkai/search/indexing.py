"""Keep the search index in step with what the public can see.

A policy document is indexed while it is live, public and not 不予公开 (依申请公开 ones with
their metadata only); an interpretation while it and its policy are live. The indexed text is
the title, the metadata (发文字号, 索引号, 主题词, 发文机关, 主题分类), the body, and the text
of attachments where it can be extracted; for interpretations their facets and Q&A too.
"""

# write-guard: module — the derived search index, rebuilt from published pages.

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from django.db import connection, transaction
from django.utils.html import strip_tags
from wagtail.models import Page

from gongkai.library.models import DisclosureMode, InterpretationPage, PolicyDocumentPage
from gongkai.search import store, text
from gongkai.search.models import (
    VALIDITY_ORDER,
    DocumentKind,
    SearchDocument,
    SearchDocumentOrgan,
    rank_key,
)

MAX_ATTACHMENT_CHARS = 200_000


def _is_public(page: Page) -> bool:
    if not page.live or page.get_view_restrictions().exists():
        return False
    if isinstance(page, PolicyDocumentPage):
        return page.disclosure_mode != DisclosureMode.NOT_DISCLOSED
    if isinstance(page, InterpretationPage):
        return page.policy is not None and page.policy.live
    return False


def attachment_text(path: str) -> str:
    """Text of a .txt, .html or .docx attachment ('' for other formats or unreadable files)."""
    lower = path.lower()
    try:
        if lower.endswith((".txt", ".csv")):
            with Path(path).open(encoding="utf-8", errors="replace") as fh:
                return fh.read(MAX_ATTACHMENT_CHARS)
        if lower.endswith((".html", ".htm")):
            with Path(path).open(encoding="utf-8", errors="replace") as fh:
                return strip_tags(fh.read(MAX_ATTACHMENT_CHARS))
        if lower.endswith(".docx"):
            with zipfile.ZipFile(path) as docx:
                xml = docx.read("word/document.xml").decode("utf-8", errors="replace")
            xml = re.sub(r"</w:p>", "\n", xml)
            return strip_tags(xml)[:MAX_ATTACHMENT_CHARS]
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    return ""


def _policy_text(page: PolicyDocumentPage) -> tuple[str, list[int]]:
    units = [i.organisation for i in page.issuers.select_related("organisation")]
    meta = [page.doc_number, page.index_number or "", page.keywords, page.topic.label]
    meta += [o.name for o in units]
    parts = []
    if page.disclosure_mode == DisclosureMode.PROACTIVE:
        parts.append(page.body_text)
        for attachment in page.attachments.select_related("document"):
            parts.append(attachment.display_title())
            with suppress(NotImplementedError, ValueError):  # storage without local paths
                parts.append(attachment_text(attachment.document.file.path))
    parts.append(" ".join(m for m in meta if m))  # last: snippets show the body first
    return "\n".join(p for p in parts if p), [o.pk for o in units]


def _interpretation_text(page: InterpretationPage) -> str:
    return "\n".join(p for p in [page.policy.title if page.policy else "", page.full_text] if p)


@transaction.atomic
def index_page(page: Page) -> bool:
    """(Re)index the page if the public may see it, else take it out. Returns whether indexed."""
    page = page.specific
    if not isinstance(page, PolicyDocumentPage | InterpretationPage) or not _is_public(page):
        remove_page(page.pk)
        return False
    if isinstance(page, PolicyDocumentPage):
        body, unit_ids = _policy_text(page)
        kind, topic = DocumentKind.POLICY, page.topic
        extra = {
            "doc_type": page.doc_type,
            "validity": page.validity,
            "validity_order": VALIDITY_ORDER.get(page.validity, 0),
            "index_number": page.index_number or "",
            "doc_number": page.doc_number,
        }
    else:
        body, unit_ids = (
            _interpretation_text(page),
            [page.organisation_id] if page.organisation_id else [],
        )
        kind, topic = DocumentKind.INTERPRETATION, page.policy.topic if page.policy else None
        extra = {
            "doc_type": "",
            "validity": "valid",
            "validity_order": 0,
            "index_number": "",
            "doc_number": "",
        }
    published = page.published_on
    store.delete(page.pk)  # under the rank key it was indexed with, which may change now
    # The year of a policy is its year of issue (成文日期), as in its 索引号 and 发文字号.
    year_date = page.written_on if isinstance(page, PolicyDocumentPage) else published
    SearchDocument.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "kind": kind,
            "title": page.title,
            "url_path": page.url or "",
            "organisation_id": page.organisation_id,
            "topic": topic,
            "topic_group_id": (topic.parent_id or topic.pk) if topic else None,
            "published_on": published,
            "year": year_date.year if year_date else None,
            "text": f"{page.title}\n{body}",
            "rank_key": rank_key(VALIDITY_ORDER.get(str(extra["validity"]), 0), published, page.pk),
            **extra,
        },
    )
    SearchDocumentOrgan.objects.filter(document_id=page.pk).delete()
    SearchDocumentOrgan.objects.bulk_create(
        [
            SearchDocumentOrgan(document_id=page.pk, organisation_id=o)
            for o in dict.fromkeys(unit_ids)
        ]
    )
    doc = SearchDocument.objects.get(page_id=page.pk)
    store.write(
        page.pk,
        text.normalise(page.title),
        text.normalise(body),
        rank_key=doc.rank_key,
        kind=doc.kind,
        filters=filter_tokens(doc, unit_ids),
    )
    return True


def filter_tokens(doc: SearchDocument, unit_ids: Iterable[int]) -> list[str]:
    """The values a search can filter on, as tokens of the index (see store.filter_token)."""
    tokens = [store.filter_token("k", doc.kind)]
    tokens += [store.filter_token("o", o) for o in dict.fromkeys(unit_ids)]
    tokens += [
        store.filter_token("t", t) for t in dict.fromkeys([doc.topic_id, doc.topic_group_id]) if t
    ]
    if doc.year is not None:
        tokens.append(store.filter_token("y", doc.year))
    if doc.doc_type:
        tokens.append(store.filter_token("d", doc.doc_type))
    if doc.validity:
        tokens.append(store.filter_token("v", doc.validity))
    return tokens


def refresh_token_index(
    document_model: type[SearchDocument] = SearchDocument,
    unit_model: type[SearchDocumentOrgan] = SearchDocumentOrgan,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the token index anew from the SearchDocument rows alone (their plain text is the
    title, a line break and the indexed body), setting each row's rank key: after a change
    of the index layout, without reading the pages again. The models may be a migration's."""
    store.clear()
    units: dict[int, list[int]] = {}
    for document_id, organisation_id in unit_model.objects.order_by("pk").values_list(
        "document_id", "organisation_id"
    ):
        units.setdefault(document_id, []).append(organisation_id)
    pks = list(document_model.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), 500):
        batch = list(document_model.objects.filter(pk__in=pks[start : start + 500]).order_by("pk"))
        for doc in batch:
            doc.rank_key = rank_key(doc.validity_order, doc.published_on, doc.pk)
            title, _newline, body = doc.text.partition("\n")
            store.write(
                doc.pk,
                text.normalise(title),
                text.normalise(body),
                rank_key=doc.rank_key,
                kind=doc.kind,
                filters=filter_tokens(doc, units.get(doc.pk, [])),
            )
        document_model.objects.bulk_update(batch, ["rank_key"])
        if progress:
            progress(min(start + 500, len(pks)), len(pks))
    return len(pks)


def remove_page(page_id: int) -> None:
    store.delete(page_id)
    SearchDocument.objects.filter(page_id=page_id).delete()


def reindex_policy_and_interpretations(policy: PolicyDocumentPage) -> None:
    index_page(policy)
    for interpretation in InterpretationPage.objects.filter(policy=policy):
        index_page(interpretation)


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every page anew (after an upgrade, or to repair). Returns how many are indexed."""
    pages: Iterable[Page] = list(PolicyDocumentPage.objects.live().order_by("pk")) + list(
        InterpretationPage.objects.live().order_by("pk")
    )
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        store.clear()
    total, indexed = len(pages), 0  # type: ignore[arg-type]
    for n, page in enumerate(pages, start=1):
        with transaction.atomic():
            indexed += index_page(page)
        if progress and (n % 200 == 0 or n == total):
            progress(n, total)
    if store.is_postgres():
        with connection.cursor() as cursor:
            store.renew_index_method(cursor)
    return indexed
