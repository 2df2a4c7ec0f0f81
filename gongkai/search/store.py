"""The token index, one implementation per database, with the same matching semantics.

SQLite: an FTS5 table ``search_fts(rowid = rank key, t_grams, grams, words, f)``: the rowid
is ``SearchDocument.rank_key``, so FTS5 yields documents in list order and ``ORDER BY rowid
LIMIT n`` stops after n; ``f`` holds the filter values as tokens (``kpolicy``, ``o17``,
``t38``, ``y2024``, ``dnormative``, ``vvalid``), so filters and counts are FTS5 queries too.
``grams`` is the title and the body (as on PostgreSQL); ``t_grams`` the title again, each
bigram marked (``TITLE_MARK``) so that the title's tokens have short lists of their own.
PostgreSQL: one row ``search_tsv(page_id, rank_key, kind, segments, f, grams, tags)`` per
document: ``grams`` a ``simple`` tsvector of two-, three- and four-character grams (the
four-character ones at their offsets) and the title's grams marked, under a ``rum`` index that
keeps the positions, so that a phrase is checked inside the index (``pg_vector``,
``pg_term``); ``tags`` the words (GIN); ``f`` the filter values.

A term matches a document exactly where it occurs in the text (an FTS5 phrase of bigrams; a
lexeme or a phrase of four-character grams): the same documents on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, connection, transaction

from gongkai.search import text
from gongkai.search.models import SearchDocument

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
# PostgreSQL: a four-character gram in segment s ≥ 1 of a long text is the gram,
# SEGMENT_MARK and s.
SEGMENT_MARK = "\u3119"
PG_MAX_POSITION = 16383  # tsvector positions stop here
PG_MAX_POSITIONS = 256  # and a lexeme keeps at most this many of them
PG_OVERLAP = 64  # segments overlap so: a term of up to 64 characters lies inside one of them
PG_SEGMENT_LENGTHS = (16000, 4000, 1000, 256)  # tried in turn until every gram fits
# ``grams`` holds the text's grams and the title's (marked ㄊ), under a ``rum`` index;
# ``tags`` the words, under GIN (no positions needed, and GIN skips through long lists where
# rum reads them whole); ``f`` the filter values, an array read from the row. The tsvectors
# are kept out of line (TOAST): a row is then ~150 bytes, and a count, which visits the rows
# the index found, reads ~2,000 pages at 100,000 documents instead of 19,000 with the title
# inline (measured: 17 ms instead of 65 ms for 60,000 matches).
PG_TABLE = [
    (
        "CREATE TABLE IF NOT EXISTS search_tsv ("
        " page_id bigint PRIMARY KEY, rank_key bigint NOT NULL, kind varchar(20) NOT NULL,"
        " segments smallint NOT NULL, f text[] NOT NULL,"
        " grams tsvector NOT NULL, tags tsvector NOT NULL)"
        " WITH (toast_tuple_target = 128)"
    ),
    "ALTER TABLE search_tsv ALTER COLUMN f SET STORAGE PLAIN",
]
PG_DROP = ["DROP TABLE IF EXISTS search_tsv"]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _fts_stream(tokens: Sequence[str]) -> str:
    return " ".join(token or FTS_GAP for token in tokens)


def create_schema(cursor: Any) -> str:
    """Create the PostgreSQL token table and its indexes; returns the index method used.

    ``rum`` (Debian: postgresql-15-rum) keeps every lexeme's positions in the index, so a
    phrase of four-character grams is checked there; plain GIN finds the rows that hold the
    grams and PostgreSQL re-reads each row's tsvector to check where they stand (exact, slower
    for common phrases). ``CREATE EXTENSION rum`` needs a superuser: see docs/deployment.md.
    """
    for sql in PG_TABLE:
        cursor.execute(sql)
    return create_indexes(cursor)


def create_indexes(cursor: Any) -> str:
    """The indexes of search_tsv (after a bulk load, faster than kept up row by row)."""
    method = "rum" if _rum_available(cursor) else "gin"
    ops = " rum_tsvector_ops" if method == "rum" else ""
    cursor.execute(
        f"CREATE INDEX IF NOT EXISTS search_tsv_grams ON search_tsv USING {method} (grams{ops})"
    )
    cursor.execute("CREATE INDEX IF NOT EXISTS search_tsv_tags ON search_tsv USING gin (tags)")
    cursor.execute("CREATE INDEX IF NOT EXISTS search_tsv_segments ON search_tsv (segments)")
    return method


def renew_index_method(cursor: Any) -> bool:
    """Build the indexes again when ``rum`` has been installed since they were built (or has
    gone). Returns whether they were rebuilt."""
    cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_tsv_grams'")
    row = cursor.fetchone()
    if row is not None and ("USING rum" in row[0]) == _rum_available(cursor):
        return False
    cursor.execute("DROP INDEX IF EXISTS search_tsv_grams")
    create_indexes(cursor)
    return True


def _rum_available(cursor: Any) -> bool:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
    if cursor.fetchone():
        return True
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
    if not cursor.fetchone():
        return False
    try:
        with transaction.atomic():  # a savepoint: without the right to create it, go on without
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError:
        return False
    return True


def _grams(normalised: str) -> tuple[dict[str, list[int]], set[str]]:
    """Four-character grams with their offsets (from 1), and the other tokens: bigrams,
    trigrams, letter-and-digit runs and one-character runs."""
    positioned: dict[str, list[int]] = {}
    plain: set[str] = set()
    for match in text.RUN.finditer(normalised):
        run, start = match.group(), match.start() + 1
        if run[0] < "\u3400" or len(run) == 1:
            plain.add(run)
            continue
        for i in range(len(run) - 1):
            plain.add(run[i : i + 2])
            if i + 3 <= len(run):
                plain.add(run[i : i + 3])
            if i + 4 <= len(run):
                positioned.setdefault(run[i : i + 4], []).append(start + i)
    return positioned, plain


def pg_segment_length(normalised: str) -> int:
    """The length of the segments ``pg_vector`` cuts a text into."""
    return _segment_length(len(normalised), _grams(normalised)[0])


def _segment_length(length: int, positioned: dict[str, list[int]]) -> int:
    """The longest segment length at which every gram keeps all its positions: at most 256
    of them in each segment (a segment is shorter than the 16,383 positions)."""
    for seg in PG_SEGMENT_LENGTHS:
        many = [p for p in positioned.values() if len(p) > PG_MAX_POSITIONS]
        if length <= seg and not many:
            return seg
        if length > seg and all(
            max(_bucket_counts(p, seg, seg - PG_OVERLAP).values()) <= PG_MAX_POSITIONS for p in many
        ):
            return seg
    return PG_SEGMENT_LENGTHS[-1]


def _bucket_counts(positions: list[int], seg: int, step: int) -> dict[int, int]:
    counts: dict[int, int] = {}
    for p in positions:
        for s in _segments_of(p, seg, step):
            counts[s] = counts.get(s, 0) + 1
    return counts


def _segments_of(position: int, seg: int, step: int) -> range:
    """The segments [s·step, s·step + seg) that hold the gram starting at ``position`` (from 1)."""
    offset = position - 1
    first = max(0, -(-(offset + 4 - seg) // step))
    return range(first, offset // step + 1)


def pg_vector(normalised: str, *, title: str = "") -> tuple[str, int]:
    """The tsvector literal of a text (and of its title again, marked) and how many segments
    the text has.

    A four-character gram is a lexeme at its offset, so that a longer term is a phrase of its
    grams (``pg_term``). A text longer than a segment, or one where a gram occurs more often
    than a lexeme can keep positions, is cut into overlapping segments; a gram of segment
    s ≥ 1 is its own lexeme (gram + SEGMENT_MARK + s) with offsets inside that segment. Bigrams,
    trigrams and runs are lexemes at position 1: found, never placed.
    """
    positioned, plain = _grams(normalised)
    seg = _segment_length(len(normalised), positioned)
    step = seg - PG_OVERLAP
    lexemes: dict[str, list[int]] = {}
    segments = 1
    for gram, positions in positioned.items():
        for p in positions:
            for s in _segments_of(p, seg, step) if len(normalised) > seg else (0,):
                key = gram if s == 0 else f"{gram}{SEGMENT_MARK}{s}"
                lexemes.setdefault(key, []).append(p - s * step)
                segments = max(segments, s + 1)
    # A title (at most 255 characters) is one segment.
    t_positioned, t_plain = _grams(title[: PG_SEGMENT_LENGTHS[-1]])
    for gram, positions in t_positioned.items():
        lexemes[TITLE_MARK + gram] = positions
    plain |= {TITLE_MARK + token for token in t_plain}
    parts = [f"'{lex}':{','.join(map(str, pos))}" for lex, pos in lexemes.items()]
    parts += [f"'{token}':1" for token in plain]
    return " ".join(parts), segments


def pg_term(term: str, segments: int = 1, mark: str = "") -> str:
    """The tsquery of a term (two to 64 characters of one run): a gram of up to four
    characters is one lexeme; a longer term is the phrase of its four-character grams at
    offsets 0, 4, 8, … and the last one, in any segment. ``mark``: TITLE_MARK for the title."""
    if term < "\u3400" or len(term) < 4:
        return f"'{mark}{term}'"
    offsets = [*range(0, len(term) - 3, 4)]
    if offsets[-1] != len(term) - 4:
        offsets.append(len(term) - 4)
    chains = []
    for s in range(segments):
        end = f"{SEGMENT_MARK}{s}" if s else ""
        chain, last = f"'{mark}{term[:4]}{end}'", 0
        for o in offsets[1:]:
            chain, last = f"{chain} <{o - last}> '{mark}{term[o : o + 4]}{end}'", o
        chains.append(f"({chain})" if len(offsets) > 1 else chain)
    return " | ".join(chains)


def pg_words(words: Sequence[str]) -> str:
    return " & ".join(f"'{w}'" for w in words)


def filter_token(name: str, value: object) -> str:
    """The token of a filter value in the ``f`` column (SQLite): a letter and the value."""
    return name + "".join(c for c in str(value).lower() if c.isascii() and c.isalnum())


def write(
    page_id: int,
    title_norm: str,
    body_norm: str,
    *,
    rank_key: int,
    kind: str,
    filters: Sequence[str],
) -> None:
    """Index a document that is not in the index (``delete`` it first when it may be).

    ``filters`` are its ``filter_token``s, ``rank_key`` its ``SearchDocument.rank_key``.
    """
    words = text.word_tokens(title_norm) + text.word_tokens(body_norm)
    with connection.cursor() as cursor:
        if not is_postgres():
            t_grams = text.gram_tokens(title_norm)
            b_grams = text.gram_tokens(body_norm)
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
        # Title and body in one text, a line apart: no term spans the two.
        grams, segments = pg_vector(f"{title_norm}\n{body_norm}", title=title_norm)
        cursor.execute(
            "INSERT INTO search_tsv(page_id, rank_key, kind, segments, f, grams, tags) "
            "VALUES (%s, %s, %s, %s, %s, %s::tsvector, %s::tsvector)",
            [
                page_id,
                rank_key,
                kind,
                segments,
                list(filters),
                grams,
                " ".join(f"'{w}'" for w in dict.fromkeys(words)),
            ],
        )


def delete(page_id: int) -> None:
    """Take a document out of the index; on SQLite while its SearchDocument row (which holds
    the rank key it was indexed under) still exists."""

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
