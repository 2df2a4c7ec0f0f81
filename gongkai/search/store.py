"""The token index, one implementation per database, with the same matching semantics.

SQLite: an FTS5 table ``search_fts(rowid = rank key, t_grams, grams, words, f)``: the rowid
is ``SearchDocument.rank_key``, so FTS5 yields documents in list order and ``ORDER BY rowid
LIMIT n`` stops after n; ``f`` holds the filter values as tokens (``kpolicy``, ``o17``,
``t38``, ``y2024``, ``dnormative``, ``vvalid``), so filters and counts are FTS5 queries too.
``grams`` is the title and the body (as on PostgreSQL); ``t_grams`` the title again, each
bigram marked (``TITLE_MARK``) so that the title's tokens have short lists of their own.
PostgreSQL: rows ``search_tsv(page_id, chunk, grams, t_grams, words)`` of ``simple`` tsvectors
with a GIN index on ``grams``; a long body is split into chunks that overlap, because
tsvector positions stop at 16,383.

A term matches a document when its bigrams occur next to each other (an FTS5 phrase, a
tsquery ``<->`` chain): the same documents on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from gongkai.search import text

PG_CHUNK = 12000  # tokens per chunk, under the 16,383 position limit
PG_OVERLAP = 64  # a term of up to 64 characters is never cut by a chunk border
# SQLite: the gap between two runs, a token no query can produce (queries are made of Chinese
# characters, ASCII letters and digits; this is a Bopomofo letter, a word to FTS5's unicode61).
FTS_GAP = "\u3105"
TITLE_MARK = "\u310a"  # another Bopomofo letter: ㄊ就业 is 就业 in a title

SQLITE_SCHEMA = [
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "t_grams, grams, words, f, tokenize = 'unicode61 remove_diacritics 0')"
    ),
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]
PG_SCHEMA = [
    (
        "CREATE TABLE IF NOT EXISTS search_tsv ("
        " page_id bigint NOT NULL, chunk integer NOT NULL,"
        " grams tsvector NOT NULL, t_grams tsvector NOT NULL, words tsvector NOT NULL,"
        " PRIMARY KEY (page_id, chunk))"
    ),
    "CREATE INDEX IF NOT EXISTS search_tsv_grams ON search_tsv USING gin (grams)",
    "CREATE INDEX IF NOT EXISTS search_tsv_title ON search_tsv USING gin (t_grams)",
    "CREATE INDEX IF NOT EXISTS search_tsv_words ON search_tsv USING gin (words)",
]
PG_DROP = ["DROP TABLE IF EXISTS search_tsv"]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsvector_literal(tokens: Sequence[str]) -> str:
    """A tsvector literal with explicit positions, so that adjacency is exactly ours; an empty
    token is a gap that takes a position."""
    positions: dict[str, list[int]] = {}
    for i, token in enumerate(tokens, start=1):
        if token:
            positions.setdefault(token, []).append(min(i, 16383))
    return " ".join(f"'{tok}':{','.join(map(str, pos))}" for tok, pos in positions.items())


def _fts_stream(tokens: Sequence[str]) -> str:
    return " ".join(token or FTS_GAP for token in tokens)


def _pg_stream(tokens: Sequence[str]) -> list[str]:
    return [t for token in tokens for t in ((token,) if token else ("", ""))]


def filter_token(name: str, value: object) -> str:
    """The token of a filter value in the ``f`` column (SQLite): a letter and the value."""
    return name + "".join(c for c in str(value).lower() if c.isascii() and c.isalnum())


def write(
    page_id: int, title_norm: str, body_norm: str, *, rank_key: int, filters: Sequence[str]
) -> None:
    """Index a document that is not in the index (``delete`` it first when it may be).

    ``filters`` are its ``filter_token``s, ``rank_key`` its ``SearchDocument.rank_key``.
    """
    t_grams = text.gram_tokens(title_norm)
    b_grams = text.gram_tokens(body_norm)
    words = text.word_tokens(title_norm) + text.word_tokens(body_norm)
    with connection.cursor() as cursor:
        if not is_postgres():
            cursor.execute(
                "INSERT INTO search_fts(rowid, t_grams, grams, words, f) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    rank_key,
                    _fts_stream([TITLE_MARK + t if t else t for t in t_grams]),
                    _fts_stream([*t_grams, "", *b_grams]),
                    " ".join(words),
                    " ".join(filters),
                ],
            )
            return
        # Title and body in one stream with a gap between them, so no term spans the two.
        # A gap takes two positions: then bigrams at distance 2 are always in one run.
        t_grams = _pg_stream(t_grams)
        stream = [*t_grams, "", "", *_pg_stream(b_grams)]
        chunks = [
            stream[i : i + PG_CHUNK] for i in range(0, max(len(stream), 1), PG_CHUNK - PG_OVERLAP)
        ]
        for n, chunk in enumerate(chunks):
            cursor.execute(
                "INSERT INTO search_tsv(page_id, chunk, grams, t_grams, words) "
                "VALUES (%s, %s, %s::tsvector, %s::tsvector, %s::tsvector)",
                [
                    page_id,
                    n,
                    _tsvector_literal(chunk),
                    _tsvector_literal(t_grams) if n == 0 else "",
                    _tsvector_literal(words) if n == 0 else "",
                ],
            )


def delete(page_id: int) -> None:
    """Take a document out of the index; on SQLite while its SearchDocument row (which holds
    the rank key it was indexed under) still exists."""
    from gongkai.search.models import SearchDocument

    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute("DELETE FROM search_tsv WHERE page_id = %s", [page_id])
        else:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid IN "  # noqa: S608 - a table name
                f"(SELECT rank_key FROM {SearchDocument._meta.db_table} WHERE page_id = %s)",
                [page_id],
            )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_tsv" if is_postgres() else "DELETE FROM search_fts")
