"""Search and list public documents: matching, filters, ranking, counts per filter value.

Ranking (the same on both databases, deterministic): documents whose *title* contains every
term first; then those where every term falls on word boundaries (jieba's words); then the
rest — and within each tier valid before expired before abolished documents, newer before
older. Without a query the list is filtered and ordered by validity and date only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from gongkai.search import store, text
from gongkai.search.models import DocumentKind, SearchDocument, SearchDocumentOrgan
from gongkai.search.snippets import snippet

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Filters:
    unit: int | None = None  # an issuing unit (发文机关), Organisation pk; URL parameter `organ`
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
    # A query with no letter, digit or Chinese character in it (*, %, an emoji): it matches
    # nothing, rather than everything as an empty query would.
    unsearchable: bool = False
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    # Which kind of match the results are (MATCH_*): the query's strings as typed, all the
    # words they are made of, or some of those words. "" when there is no query.
    match: str = ""
    # The words the results were found with, for MATCH_WORDS and MATCH_NEAR.
    match_words: list[str] = field(default_factory=list)
    # MATCH_NEAR: the query's words none of the results hold all of.
    all_words: list[str] = field(default_factory=list)
    # MATCH_NEAR: the other sets of words as many as these found something with.
    other_words: list[list[str]] = field(default_factory=list)
    # MATCH_PHRASE: the query's words as separate terms, when they find more documents than
    # the phrase: the search a citizen may want next (""…"" → 就业 补贴).
    broader_query: str = ""
    broader_count: int = 0

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


# --- Matching -----------------------------------------------------------------------------------


def _fts_phrase(term: str) -> str:
    return 'grams : "' + " ".join(text.run_tokens(term)) + '"'


def _fts_title_phrase(term: str) -> str:
    return 't_grams : "' + " ".join(store.TITLE_MARK + t for t in text.run_tokens(term)) + '"'


def _scanned(term: str) -> bool:
    """A term the token index does not answer, found by a scan of the stored text instead
    (exact, slower): one Chinese character, which no gram holds alone; on PostgreSQL also a
    Chinese term longer than the overlap of two segments (store.pg_vector)."""
    if term < "\u3400":
        return False
    return len(term) == 1 or (store.is_postgres() and len(term) > store.PG_OVERLAP)


def _pg_segments() -> int:
    """How many segments the longest indexed text has: a term's query asks each of them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(segments), 1) FROM search_tsv")
        return int(cursor.fetchone()[0])


def _pg_terms(terms: list[str], segments: int, mark: str = "") -> str:
    return " & ".join(f"({store.pg_term(t, segments, mark)})" for t in terms)


def _matching(terms: list[str]) -> tuple[str, list[Any]]:
    """SQL condition on ``d.page_id`` for documents that contain every term."""
    parts: list[str] = []
    params: list[Any] = []
    indexed = [t for t in terms if not _scanned(t)]
    for term in terms:
        if _scanned(term):
            parts.append("d.text LIKE %s")
            params.append(f"%{term}%")
    if indexed and store.is_postgres():
        parts.append("d.page_id IN (SELECT page_id FROM search_tsv WHERE grams @@ %s::tsquery)")
        params.append(_pg_terms(indexed, _pg_segments()))
    elif indexed:
        parts.append("d.rank_key IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)")
        params.append(" AND ".join(_fts_phrase(t) for t in indexed))
    return " AND ".join(parts), params


def _tier_sql(terms: list[str]) -> tuple[str, list[Any]]:
    """0 = every term in the title, 1 = every term's words present as words, 2 = the rest."""
    multi = [t for t in terms if not _scanned(t)]
    if not multi:
        return "", []
    if store.is_postgres():
        title_q = _pg_terms(multi, 1, store.TITLE_MARK)
        words_q = store.pg_words([w for t in multi for w in _coarse_words(t)])
        sub = "d.page_id IN (SELECT page_id FROM search_tsv WHERE {col} @@ %s::tsquery)"
        title, words = sub.format(col="grams"), sub.format(col="tags")
    else:
        title_q = " AND ".join(_fts_title_phrase(t) for t in multi)
        words_q = " AND ".join(f'words : "{w}"' for t in multi for w in _coarse_words(t))
        sub = "d.rank_key IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        title, words = sub, sub
    return f"CASE WHEN {title} THEN 0 WHEN {words} THEN 1 ELSE 2 END, ", [title_q, words_q]


def _coarse_words(term: str) -> list[str]:
    """jieba's ordinary cut of a term, its words of two or more characters: the term is on
    word boundaries where these are words. One-character words (在, 之, 本) are left out —
    nearly every document has them, and they would make the test cost most — and a term cut
    into single characters only is one word itself."""
    if term < "\u3400":
        return [term]
    # local import: the word segmenter loads its dictionary on import; only search needs it
    import rjieba

    return [w for w in rjieba.cut(term) if len(w.strip()) > 1] or [term]


# --- Filters ----------------------------------------------------------------------------------


def _filter_sql(filters: Filters, skip: str | None = None) -> tuple[str, list[Any]]:
    parts: list[str] = ["1 = 1"]
    params: list[Any] = []
    if filters.kind:
        parts.append("d.kind = %s")
        params.append(filters.kind)
    if filters.unit is not None and skip != "organ":
        parts.append(
            f"d.page_id IN (SELECT document_id FROM {SearchDocumentOrgan._meta.db_table}"  # noqa: S608 - SQL fragments are constants; values are parameters
            " WHERE organisation_id = %s)"
        )
        params.append(filters.unit)
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
# PostgreSQL: the matches outside the title read in rank order before their words are tested;
# when tier 1 does not fill the page from these, every match is joined with the words.
PG_HEAD = 200
UNIT_TABLE = SearchDocumentOrgan._meta.db_table


MATCH_PHRASE = "phrase"  # every term occurs as typed (a substring of the text)
MATCH_WORDS = "words"  # every word of the query's segmentation occurs, not the phrase
MATCH_NEAR = "near"  # some of the query's words occur (as many as any document holds)
MAX_NEAR_WORDS = 6  # words tried in combinations for near matches (C(6, 3) = 20 searches)


def query_words(terms: list[str]) -> list[str]:
    """The words of the query's terms as jieba cuts them (one-character words left out, as
    function words: 的, 与, 和), each once, in order."""
    words: list[str] = []
    for term in terms:
        for word in _coarse_words(term):
            if word not in words:
                words.append(word)
    return words


def search(
    query: str = "",
    filters: Filters | None = None,
    *,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = False,
    fallback: bool = True,
) -> Results:
    """The documents matching a query, in tiers: people do not type spaces, and 就业补贴 must
    find the documents that speak of 就业 and 补贴 apart.

    1. the query's strings as typed, each a substring of the document (the guarantee of the
       index: recall of a substring scan); when there are any, these alone, and the search for
       the query's words apart offered (``broader_query``) if it finds more;
    2. else the documents holding every word of the query's segmentation (jieba);
    3. else those holding as many of the words as any document does (near matches), the set
       of words with the most documents first, the other sets offered.

    ``fallback=False``: the first tier only (the index's exact semantics)."""
    results = _search(query, filters, page=page, page_size=page_size, with_facets=with_facets)
    if results.terms:
        results.match = MATCH_PHRASE
        if fallback:
            results = _broader_tiers(results, filters, page, page_size, with_facets)
    return results


def _broader_tiers(
    results: Results, filters: Filters | None, page: int, page_size: int, with_facets: bool
) -> Results:
    """Tiers 2 and 3 of ``search`` when the phrase found nothing; the offer of the words
    apart when it found something."""
    words = query_words(results.terms)
    if results.count:
        if len(words) > 1 and words != results.terms and page == 1:
            broader = " ".join(words)
            count = _search(broader, filters, page=1, page_size=1).count
            if count > results.count:
                results.broader_query, results.broader_count = broader, count
        return results
    if words != results.terms:
        found = _search(
            " ".join(words), filters, page=page, page_size=page_size, with_facets=with_facets
        )
        if found.count:
            return _as_tier(found, results, MATCH_WORDS, words)
    if len(words) < 2:
        return results
    tried = words[:MAX_NEAR_WORDS]
    for size in range(len(tried) - 1, 0, -1):
        counted = []
        for subset in itertools.combinations(tried, size):
            n = _search(" ".join(subset), filters, page=1, page_size=1).count
            if n:
                counted.append((n, list(subset)))
        if counted:
            counted.sort(key=lambda c: -c[0])  # stable: ties keep the query's order
            best = counted[0][1]
            found = _search(
                " ".join(best), filters, page=page, page_size=page_size, with_facets=with_facets
            )
            found = _as_tier(found, results, MATCH_NEAR, best)
            found.all_words = words
            found.other_words = [subset for _n, subset in counted[1:]]
            return found
    return results


def _as_tier(found: Results, asked: Results, match: str, words: list[str]) -> Results:
    """The results of a broader search, presented as the answer to the query asked."""
    return dataclasses.replace(
        found,
        query=asked.query,
        did_you_mean=asked.did_you_mean,
        match=match,
        match_words=words,
    )


def _search(
    query: str = "",
    filters: Filters | None = None,
    *,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = False,
) -> Results:
    """The documents holding every term of the query as a substring (the index's semantics)."""
    filters = filters or Filters()
    terms = text.query_terms(query)
    if query.strip() and not terms:
        return Results(
            query=query, terms=[], count=0, page=1, page_size=page_size, hits=[], unsearchable=True
        )
    simplified = text.normalise(query.strip())
    did_you_mean = simplified if simplified != query.strip().lower() else None
    offset = (page - 1) * page_size
    fts = terms and not any(_scanned(t) for t in terms)
    with connection.cursor() as cursor:
        if fts and store.is_postgres():
            with transaction.atomic():
                _pg_planner(cursor)
                count, ids = _pg_search(cursor, terms, filters, offset, page_size)
        elif fts:
            count, ids = _fts_search(cursor, terms, filters, offset, page_size)
        else:
            count, ids = _sql_search(cursor, terms, filters, offset, page_size)
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


def _pg_planner(cursor: Any) -> None:
    """Evaluating @@ on a row reads its whole tsvector (TOASTed): keep the planner on the
    indexes, and parallel workers off (each would redo the subplans). No JIT: the estimates of
    a join of two index results are wild and would make PostgreSQL compile for 100 ms a
    statement that runs in 20. Memory for the sort and join of tens of thousands of matches.
    In a transaction."""
    cursor.execute("SET LOCAL enable_seqscan = off")
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL work_mem = '32MB'")


def _tiers(offset: int, limit: int, tiers: list[Any], fetch: Any, count: Any) -> list[int]:
    """The rows ``offset`` to ``offset + limit`` of the tiers one after another: each tier is
    fetched in rank order with a limit, and counted only when the page lies beyond it."""
    found: list[int] = []
    for tier in tiers:
        if len(found) == limit:
            break
        rows = fetch(tier, limit - len(found), offset)
        if rows:
            found += rows
            offset = 0
        elif offset:
            offset -= count(tier)
    return found


# SQLite: pure FTS5 queries over search_fts, whose rowid is the rank key.


def _filter_tokens(filters: Filters) -> list[str]:
    """The filter values as index tokens (store.filter_token), as indexing.filter_tokens
    writes them."""
    parts = []
    if filters.kind:
        parts.append(store.filter_token("k", filters.kind))
    for letter, value in (
        ("o", filters.unit),
        ("t", filters.topic),
        ("y", filters.year),
        ("d", filters.doc_type or None),
        ("v", filters.validity or None),
    ):
        if value is not None:
            parts.append(store.filter_token(letter, value))
    return parts


def _fts_filters(filters: Filters) -> list[str]:
    return [f'f : "{token}"' for token in _filter_tokens(filters)]


def _fts_search(
    cursor: Any, terms: list[str], filters: Filters, offset: int, limit: int
) -> tuple[int, list[int]]:
    matching = " AND ".join([_fts_phrase(t) for t in terms] + _fts_filters(filters))
    title = " AND ".join(_fts_title_phrase(t) for t in terms)
    only = " AND ".join(_fts_filters(filters))
    words = " AND ".join(f'words : "{w}"' for t in terms for w in _coarse_words(t))
    tiers = [
        (f"({title}) AND ({only})" if only else title, None),  # the title has every term
        (f"({matching}) AND ({words}) NOT ({title})", f"({words}) NOT ({title})"),
        (f"({matching}) NOT (({title}) OR ({words}))", None),
    ]
    gate_filters = f" AND ({only})" if only else ""

    def first_candidate(tier: tuple[str, str | None]) -> int | None:
        """Tier 1 is often empty for a long phrase, and FTS5 finds that out only at the end
        of the phrase's lists: its words alone (a superset, cheaper) tell where to begin."""
        if tier[1] is None:
            return 0
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid LIMIT 1",
            [f"({tier[1]}){gate_filters}"],
        )
        row = cursor.fetchone()
        return None if row is None else int(row[0])

    def fetch(tier: tuple[str, str | None], n: int, skip: int) -> list[int]:
        start = first_candidate(tier)
        if start is None:
            return []
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid >= %s "
            "ORDER BY rowid LIMIT %s OFFSET %s",
            [tier[0], start, n, skip],
        )
        return [row[0] for row in cursor.fetchall()]

    def count(tier: tuple[str, str | None]) -> int:
        cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [tier[0]])
        return int(cursor.fetchone()[0])

    keys = _tiers(offset, limit, tiers, fetch, count)
    # A first page that is not full holds every match.
    total = len(keys) if not offset and len(keys) < limit else count((matching, None))
    return total, _page_ids(cursor, keys)


def _page_ids(cursor: Any, keys: list[int]) -> list[int]:
    if not keys:
        return []
    cursor.execute(
        f"SELECT rank_key, page_id FROM {DOC_TABLE} WHERE rank_key IN "  # noqa: S608 - SQL fragments are constants; values are parameters
        f"({', '.join(['%s'] * len(keys))})",
        keys,
    )
    by_key = dict(cursor.fetchall())
    return [by_key[k] for k in keys if k in by_key]


# PostgreSQL: SQL over SearchDocument with the tsvector rows as subqueries.


def _pg_search(
    cursor: Any, terms: list[str], filters: Filters, offset: int, limit: int
) -> tuple[int, list[int]]:
    """Two statements on search_tsv alone. The terms, and the title's terms, are queries of
    the ``rum`` index on ``grams`` (``!`` for "not in the title"), the words one of the GIN
    index on ``tags``, the filters a test of the array ``f`` in the row. The first statement
    pages tier 0 (the title holds every term); the second finds the other matches and the
    documents with the words once each (materialised: each through its own index, never a
    row's tsvector read) and pages tiers 1 and 2 in one order. Each counts its rows as it
    goes (a window count), and the title's matches are matches: their sum is the total."""
    where: list[str] = []
    params: list[Any] = []
    if filters.kind:
        where.append("s.kind = %s")
        params.append(filters.kind)
    tokens = _filter_tokens(dataclasses.replace(filters, kind=None))
    if tokens:
        where.append("s.f @> %s::text[]")
        params.append(tokens)
    base = "".join(f"{w} AND " for w in where)
    title_q = _pg_terms(terms, 1, store.TITLE_MARK)
    rest = f"({_pg_terms(terms, _pg_segments())}) & !({title_q})"
    words_q = store.pg_words([w for t in terms for w in _coarse_words(t)])

    def counted(rows: list[Any], sql: str, values: list[Any]) -> int:
        if rows:
            return int(rows[0][1])
        cursor.execute(f"SELECT count(*) FROM ({sql}) x", values)  # noqa: S608 - SQL fragments are constants; values are parameters
        return int(cursor.fetchone()[0])

    title = f"SELECT s.page_id, s.rank_key FROM search_tsv s WHERE {base}s.grams @@ %s::tsquery"  # noqa: S608 - SQL fragments are constants; values are parameters
    cursor.execute(
        f"SELECT t.page_id, count(*) OVER () FROM ({title}) t ORDER BY t.rank_key LIMIT %s OFFSET %s",  # noqa: S608 - SQL fragments are constants; values are parameters
        [*params, title_q, limit, offset],
    )
    rows = cursor.fetchall()
    ids = [row[0] for row in rows]
    in_title = counted(rows, title, [*params, title_q]) if offset else (rows[0][1] if rows else 0)
    others = f"SELECT s.page_id, s.rank_key FROM search_tsv s WHERE {base}s.grams @@ %s::tsquery"  # noqa: S608 - SQL fragments are constants; values are parameters
    need, skip = limit - len(ids), max(0, offset - in_title)
    if not need:
        return in_title + counted([], others, [*params, rest]), ids
    # The other matches in rank order, the first PG_HEAD of them with whether they hold the
    # words (tier 1), and how many there are.
    cursor.execute(
        f"SELECT h.page_id, h.n, EXISTS (SELECT 1 FROM search_tsv x WHERE x.page_id = h.page_id"  # noqa: S608 - SQL fragments are constants; values are parameters
        f" AND x.tags @@ %s::tsquery) FROM (SELECT m.page_id, m.rank_key, count(*) OVER () AS n"
        f" FROM ({others}) m ORDER BY m.rank_key LIMIT %s) h ORDER BY h.rank_key",
        [words_q, *params, rest, PG_HEAD],
    )
    rows = cursor.fetchall()
    if not rows:
        return in_title, ids
    total = in_title + int(rows[0][1])
    one = [row[0] for row in rows if row[2]]
    two = [row[0] for row in rows if not row[2]]
    if len(rows) == int(rows[0][1]):  # every other match: tier 1, then tier 2
        return total, ids + [*one, *two][skip : skip + need]
    if len(one) >= skip + need:  # the first of tier 1 are among the first matches
        return total, ids + one[skip : skip + need]
    # Else all of tier 1 (matches with the words: a few, or the first page would hold them),
    # then tier 2 in rank order: the first matches without them, or the rest past them.
    cursor.execute(
        f"SELECT s.page_id FROM search_tsv s WHERE {base}s.grams @@ %s::tsquery"  # noqa: S608 - SQL fragments are constants; values are parameters
        " AND s.tags @@ %s::tsquery ORDER BY s.rank_key",
        [*params, rest, words_q],
    )
    one = [row[0] for row in cursor.fetchall()]
    reach = skip + need - len(one)  # how far into tier 2 the page goes
    if reach <= len(two):  # the first of tier 2 are among the first matches
        return total, ids + [*one, *two][skip : skip + need]
    start = max(0, skip - len(one))
    cursor.execute(
        f"{others} AND s.page_id <> ALL(%s) ORDER BY s.rank_key LIMIT %s OFFSET %s",
        [*params, rest, one, reach - start, start],
    )
    return total, ids + one[skip : skip + need] + [row[0] for row in cursor.fetchall()]


# Both databases: one-character terms (a scan of the text) and lists without a query.


def _sql_search(
    cursor: Any, terms: list[str], filters: Filters, offset: int, limit: int
) -> tuple[int, list[int]]:
    where, params = _filter_sql(filters)
    if terms:
        match, match_params = _matching(terms)
        where, params = f"{where} AND {match}", params + match_params
        tier, tier_params = _tier_sql(terms)
    else:
        tier, tier_params = "", []
    cursor.execute(f"SELECT count(*) FROM {DOC_TABLE} d WHERE {where}", params)  # noqa: S608 - SQL fragments are constants; values are parameters
    count = int(cursor.fetchone()[0])
    cursor.execute(
        f"SELECT d.page_id FROM {DOC_TABLE} d WHERE {where} "  # noqa: S608 - SQL fragments are constants; values are parameters
        f"ORDER BY {tier}d.rank_key LIMIT %s OFFSET %s",
        params + tier_params + [limit, offset],
    )
    return count, [row[0] for row in cursor.fetchall()]


_FACETS = (
    ("doc_type", "d.doc_type"),
    ("validity", "d.validity"),
    ("year", "d.year"),
    ("topic", "d.topic_group_id"),
    ("organ", "o.organisation_id"),
)


def facet_counts(terms: list[str], filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per value of each filter, each computed with the other filters applied: in one
    statement, over the documents that match the terms and the kind, found once."""
    if terms and not store.is_postgres() and not any(_scanned(t) for t in terms):
        matching = " AND ".join(
            [_fts_phrase(t) for t in terms] + _fts_filters(Filters(kind=filters.kind))
        )
        base = "d.rank_key IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        params: list[Any] = [matching]
    else:
        base, params = _filter_sql(Filters(kind=filters.kind))
        if terms:
            match, match_params = _matching(terms)
            base, params = f"{base} AND {match}", params + match_params
    rest = dataclasses.replace(filters, kind=None)
    parts = []
    for name, column in _FACETS:
        where, where_params = _filter_sql(rest, skip=name)
        join = f" JOIN {UNIT_TABLE} o ON o.document_id = d.page_id" if name == "organ" else ""
        parts.append(
            f"SELECT '{name}', CAST({column} AS text), count(*) "  # noqa: S608 - SQL fragments are constants; values are parameters
            f"FROM m d{join} WHERE {where} GROUP BY {column}"
        )
        params += where_params
    sql = (
        "WITH m AS MATERIALIZED (SELECT d.page_id, d.doc_type, d.validity, d.year, d.topic_id,"  # noqa: S608 - SQL fragments are constants; values are parameters
        f" d.topic_group_id FROM {DOC_TABLE} d WHERE {base}) " + " UNION ALL ".join(parts)
    )
    facets: dict[str, list[tuple[Any, int]]] = {name: [] for name, _column in _FACETS}
    with transaction.atomic(), connection.cursor() as cursor:
        if store.is_postgres():
            _pg_planner(cursor)
        cursor.execute(sql, params)
        for name, value, n in cursor.fetchall():
            if value not in (None, ""):
                facets[name].append((value if name in ("doc_type", "validity") else int(value), n))
    for values in facets.values():
        values.sort(key=lambda vn: (-vn[1], vn[0]))
    return facets


def _hit(doc: SearchDocument, terms: list[str]) -> Hit:

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
