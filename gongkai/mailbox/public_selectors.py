"""What the public may read of the mailbox: published letters (Letter.is_public, masked text
only), the FAQ, the channels, and the "先查一查" suggestions while a citizen writes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gongkai.mailbox.models import (
    Category,
    Channel,
    ChannelSetting,
    FaqEntry,
    Letter,
    LetterStatus,
)
from gongkai.mailbox.periods import response_workdays
from gongkai.organisations.models import Organisation
from gongkai.search.models import DocumentKind
from gongkai.search.query import Filters, query_words, search

SUGGESTION_LIMIT = 5
MAX_QUERY_CHARS = 100


def public_letters() -> QuerySet[Letter]:
    """The letters the public may see: the same rule as Letter.is_public, as a query. A letter
    whose reply page is not live is not public yet either."""
    return (
        Letter.objects.filter(
            status=LetterStatus.ANSWERED,
            consent_publish=True,
            publish=True,
            reply_page__live=True,
        )
        .select_related("organisation", "category", "reply_page")
        .order_by("-answered_on", "-id")
    )


def filter_letters(
    letters: QuerySet[Letter],
    *,
    channel: str = "",
    unit_id: int | None = None,
    category_id: int | None = None,
    year: int | None = None,
    q: str = "",
) -> QuerySet[Letter]:
    if channel:
        letters = letters.filter(channel=channel)
    if unit_id is not None:
        letters = letters.filter(organisation_id=unit_id)
    if category_id is not None:
        letters = letters.filter(category_id=category_id)
    if year is not None:
        letters = letters.filter(answered_on__year=year)
    for word in _words(q):
        letters = letters.filter(
            Q(public_subject__icontains=word)
            | Q(public_body__icontains=word)
            | Q(answer__icontains=word)
        )
    return letters


def _words(q: str) -> list[str]:
    q = " ".join(q.split())[:MAX_QUERY_CHARS]
    if not q:
        return []
    # Every typed string must occur; a long run of Chinese is cut into words (jieba) so that
    # 就业补贴 finds a letter about 就业 and 补贴 apart.
    words = []
    for term in q.split(" "):
        cut = query_words([term]) if len(term) > 4 else []
        words.extend(cut or [term])
    return words[:8]


def public_letter(letter_id: int) -> Letter | None:
    return public_letters().filter(pk=letter_id).first()


def letter_years() -> list[int]:
    years = public_letters().dates("answered_on", "year", order="DESC")
    return [d.year for d in years]


def letter_units() -> list[Organisation]:
    ids = public_letters().values("organisation_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def writable_units() -> QuerySet[Organisation]:
    """The units a citizen may write to: those with a home page on the site."""
    units: QuerySet[Organisation] = Organisation.objects.filter(home_page__isnull=False)
    return units.order_by("path")


def categories() -> list[Category]:
    return list(Category.objects.order_by("order", "pk"))


@dataclass(frozen=True)
class ChannelInfo:
    channel: str
    label: str
    workdays: int
    intro: str
    enabled: bool


def channels() -> list[ChannelInfo]:
    settings = {s.channel: s for s in ChannelSetting.objects.all()}
    rows = []
    for value, label in Channel.choices:
        setting = settings.get(value)
        rows.append(
            ChannelInfo(
                channel=value,
                label=str(label),
                workdays=response_workdays(value),
                intro=setting.intro if setting else "",
                enabled=setting.enabled if setting else True,
            )
        )
    return rows


def faq_entries(unit_id: int | None = None) -> list[FaqEntry]:
    entries = FaqEntry.objects.filter(published=True).select_related("organisation")
    if unit_id is not None:
        entries = entries.filter(organisation_id=unit_id)
    return list(entries.order_by("organisation__path", "order", "-updated_at"))


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "letter" or "policy"
    title: str
    url: str
    detail: str  # the unit (letters) or the document number (policies)


def suggestions(q: str) -> list[Suggestion]:
    """Answers that may already exist: published letters and policies from the site's own
    search, at most SUGGESTION_LIMIT of each."""
    if not _words(q):
        return []
    rows: list[Suggestion] = []
    for letter in filter_letters(public_letters(), q=q)[:SUGGESTION_LIMIT]:
        rows.append(
            Suggestion(
                kind="letter",
                title=letter.public_subject or letter.number,
                url=letter.reply_page.url or "",
                detail=letter.organisation.name if letter.organisation else "",
            )
        )
    results = search(
        " ".join(q.split())[:MAX_QUERY_CHARS],
        Filters(kind=DocumentKind.POLICY),
        page=1,
        page_size=SUGGESTION_LIMIT,
    )
    for hit in results.hits:
        rows.append(
            Suggestion(kind="policy", title=hit.title, url=hit.url_path, detail=hit.doc_number)
        )
    return rows
