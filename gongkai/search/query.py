"""Search and list public documents: matching, filters, ranking, counts per filter value.

Ranking (the same on both databases, deterministic): documents whose *title* contains every
term first; then those where every term falls on word boundaries (jieba's words); then the
rest — and within each tier valid before expired before abolished documents, newer before
older. Without a query the list is filtered and ordered by validity and date only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from gongkai.search import store, text
from gongkai.search.models import DocumentKind, SearchDocument, SearchDocumentOrgan

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Filters:
    organ: int | None = None  # an issuing unit (发文机关), Organisation pk
    topic: int | None = None  # a topic or topic group, Topic pk
    year: int | None = None  # publication year
    doc_type: str | None = None
    validity: str | None = None
    kind: str | None = DocumentKind.POLICY  # None: every kind


@dataclass(frozen=True)
class Hit:
    page_id: int
    kind: str
    title: str
    url_path: str
    snippet: str  # HTML: escaped text with <mark> around the terms
    validity: str
    published_on: dt.date | None
    index_number: str
    doc_number: str


@dataclass
class Results:
    query: str
    terms: list[str]
    count: int
    page: int
    page_size: int
    hits: list[Hit]
    did_you_mean: str | None = None  # the simplified form of a traditional-character query
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


# --- Matching -----------------------------------------------------------------------------------


def _fts_phrase(term: str) -> str:
    return '"' + " ".join(text.run_tokens(term)) + '"'


def _pg_phrase(term: str) -> str:
    return " <-> ".join(f"'{t}'" for t in text.run_tokens(term))


def _single_char(term: str) -> bool:
    return len(term) == 1 and term >= "\u3400"


def _matching(terms: list[str]) -> tuple[str, list[Any]]:
    """SQL condition on ``d.page_id`` for documents that contain every term."""
    parts: list[str] = []
    params: list[Any] = []
    for term in terms:
        if _single_char(term):
            # One character: no bigram holds it alone; scan the stored text (exact, slower).
            parts.append("d.text LIKE %s")
            params.append(f"%{term}%")
            continue
        if store.is_postgres():
            parts.append("d.page_id IN (SELECT page_id FROM search_tsv WHERE grams @@ %s::tsquery)")
            params.append(_pg_phrase(term))
        else:
            parts.append("d.page_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)")
            params.append("{t_grams b_grams} : " + _fts_phrase(term))
    return " AND ".join(parts), params


def _tier_sql(terms: list[str]) -> tuple[str, list[Any]]:
    """0 = every term in the title, 1 = every term's words present as words, 2 = the rest."""
    multi = [t for t in terms if not _single_char(t)]
    if not multi:
        return "", []
    if store.is_postgres():
        title_q = " & ".join(f"({_pg_phrase(t)})" for t in multi)
        words_q = " & ".join(f"'{w}'" for t in multi for w in _coarse_words(t))
        sub = "d.page_id IN (SELECT page_id FROM search_tsv WHERE {col} @@ %s::tsquery)"
    else:
        title_q = " AND ".join("t_grams : " + _fts_phrase(t) for t in multi)
        words_q = " AND ".join(f'words : "{w}"' for t in multi for w in _coarse_words(t))
        sub = "d.page_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
    title, words = sub.format(col="t_grams"), sub.format(col="words")
    return f"CASE WHEN {title} THEN 0 WHEN {words} THEN 1 ELSE 2 END, ", [title_q, words_q]


def _coarse_words(term: str) -> list[str]:
    """jieba's ordinary cut of a term: the term is on word boundaries where these are words."""
    if term < "\u3400":
        return [term]
    import rjieba

    return [w for w in rjieba.cut(term) if w.strip()]


# --- Filters ----------------------------------------------------------------------------------


def _filter_sql(filters: Filters, skip: str | None = None) -> tuple[str, list[Any]]:
    parts: list[str] = ["1 = 1"]
    params: list[Any] = []
    if filters.kind:
        parts.append("d.kind = %s")
        params.append(filters.kind)
    if filters.organ is not None and skip != "organ":
        parts.append(
            f"d.page_id IN (SELECT document_id FROM {SearchDocumentOrgan._meta.db_table}"  # noqa: S608 - SQL fragments are constants; values are parameters
            " WHERE organisation_id = %s)"
        )
        params.append(filters.organ)
    if filters.topic is not None and skip != "topic":
        parts.append("(d.topic_id = %s OR d.topic_group_id = %s)")
        params += [filters.topic, filters.topic]
    if filters.year is not None and skip != "year":
        parts.append("d.year = %s")
        params.append(filters.year)
    if filters.doc_type and skip != "doc_type":
        parts.append("d.doc_type = %s")
        params.append(filters.doc_type)
    if filters.validity and skip != "validity":
        parts.append("d.validity = %s")
        params.append(filters.validity)
    return " AND ".join(parts), params


# --- Search ---------------------------------------------------------------------------------------

DOC_TABLE = SearchDocument._meta.db_table


def search(
    query: str = "",
    filters: Filters | None = None,
    *,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = False,
) -> Results:
    filters = filters or Filters()
    terms = text.query_terms(query)
    simplified = text.normalise(query.strip())
    did_you_mean = simplified if simplified != query.strip().lower() else None
    where, params = _filter_sql(filters)
    if terms:
        match, match_params = _matching(terms)
        where, params = f"{where} AND {match}", params + match_params
        tier, tier_params = _tier_sql(terms)
    else:
        tier, tier_params = "", []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {DOC_TABLE} d WHERE {where}", params)  # noqa: S608 - SQL fragments are constants; values are parameters
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.page_id FROM {DOC_TABLE} d WHERE {where} "  # noqa: S608 - SQL fragments are constants; values are parameters
            f"ORDER BY {tier}d.validity_order, d.published_on DESC, d.page_id DESC "
            "LIMIT %s OFFSET %s",
            params + tier_params + [page_size, (page - 1) * page_size],
        )
        ids = [row[0] for row in cursor.fetchall()]
    docs = SearchDocument.objects.in_bulk(ids)
    hits = [_hit(docs[i], terms) for i in ids if i in docs]
    results = Results(
        query=query,
        terms=terms,
        count=count,
        page=page,
        page_size=page_size,
        hits=hits,
        did_you_mean=did_you_mean,
    )
    if with_facets:
        results.facets = facet_counts(terms, filters)
    return results


def facet_counts(terms: list[str], filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per value of each filter, each computed with the other filters applied."""
    facets: dict[str, list[tuple[Any, int]]] = {}
    for name, column in (
        ("doc_type", "d.doc_type"),
        ("validity", "d.validity"),
        ("year", "d.year"),
        ("topic", "d.topic_group_id"),
        ("organ", "o.organisation_id"),
    ):
        where, params = _filter_sql(filters, skip=name)
        if terms:
            match, match_params = _matching(terms)
            where, params = f"{where} AND {match}", params + match_params
        join = (
            f" JOIN {SearchDocumentOrgan._meta.db_table} o ON o.document_id = d.page_id"
            if name == "organ"
            else ""
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {column}, count(*) FROM {DOC_TABLE} d{join} WHERE {where} "  # noqa: S608 - SQL fragments are constants; values are parameters
                f"GROUP BY {column} ORDER BY count(*) DESC, {column}",
                params,
            )
            facets[name] = [(value, n) for value, n in cursor.fetchall() if value not in (None, "")]
    return facets


def _hit(doc: SearchDocument, terms: list[str]) -> Hit:
    from gongkai.search.snippets import snippet

    return Hit(
        page_id=doc.page_id,
        kind=doc.kind,
        title=doc.title,
        url_path=doc.url_path,
        snippet=snippet(doc.text, terms),
        validity=doc.validity,
        published_on=doc.published_on,
        index_number=doc.index_number,
        doc_number=doc.doc_number,
    )
