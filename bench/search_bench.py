"""Benchmark of the public search (gongkai/search) at scale, run by hand.

    .venv/bin/python bench/search_bench.py --db sqlite --docs 100000 [--queries 300]
    .venv/bin/python bench/search_bench.py --db postgres --docs 100000 [--queries 300]

What it does, in one run:

1. Generates ``--docs`` realistic policy documents deterministically (bench/corpus.py) and
   writes them into a fresh database — ``bench/results/search-bench.sqlite3`` or the PostgreSQL
   database ``--pg-db`` (default ``gk_bench``, dropped and created again on the server of
   ``--pg-url``) — through the search layer: ``SearchDocument`` and ``SearchDocumentOrgan`` rows
   and ``gongkai.search.store.write``. Each document also gets a minimal Wagtail ``Page`` row
   (bulk insert with a valid tree path), so the schema, foreign keys and query plans are exactly
   the application's; creating 100,000 real pages would take hours and is not what is measured.
2. Stores the same documents as ``bench.benchapp.BenchDoc`` and indexes them with the
   configured Wagtail search backend (``modelsearch``'s database backend, as the admin uses):
   what a Wagtail site gets without Gongkai's index.
3. Draws a deterministic mix of 2-, 4- and 8-character queries from the texts (common strings
   from random places, rare ones from names, places and companies, a few fixed and a few that
   occur nowhere), each once without filters and once with 1–3 filters.
4. For each query measures Gongkai's search (the whole ``search()`` call; its count and page
   statements, timed inside the call; and ``with_facets=True`` as the search page calls it),
   Wagtail's search (first page of 20, count), and the substring scan: SQL ``LIKE '%q%'``
   (every ``--scan-every``-th query) and Python ``q in text`` over the normalised texts in
   memory, whose result sets are the recall reference. Recall and precision of every engine
   are computed over the complete result sets.
5. Writes ``bench/results/search-<db>[-<tag>].json`` and ``.md`` with the machine.

``--reuse`` keeps a database already built with the same ``--docs`` and ``--seed`` (the texts
are generated again in memory for the reference; nothing is written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.corpus import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import statement_log  # noqa: E402 - after the path is set

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai"
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
BATCH = 1000

# Queries every run contains: common words, phrases, a long phrase, and strings found nowhere.
FIXED_QUERIES = {
    2: ["政府", "工作", "就业", "医保", "量子"],
    4: ["政务公开", "就业补贴", "政府信息", "免申即享", "量子纠缠"],
    8: ["政府信息公开申请", "最低生活保障审核", "城乡居民基本医疗", "人工智能大模型应"],
}


# --- Database set-up (before Django starts) -----------------------------------------------------


def prepare_database(args: argparse.Namespace) -> tuple[str, bool]:
    """The DATABASE_URL to use, and whether the corpus must be built."""
    if args.db == "sqlite":
        path = Path(args.sqlite)
        if args.reuse and path.exists():
            return f"sqlite:///{path}", False
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", True
    import psycopg

    base = args.pg_url
    target = base.rsplit("/", 1)[0] + "/" + args.pg_db
    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [args.pg_db]
        ).fetchone()
        if args.reuse and exists:
            return target, False
        conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}"')
        conn.execute(f'CREATE DATABASE "{args.pg_db}"')
    return target, True


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


# --- Loading ------------------------------------------------------------------------------------


@dataclass
class Meta:
    """What the filters look at, per document (page id), kept in memory for the reference."""

    kind: str
    units: tuple[int, ...]
    topic: int | None
    topic_group: int | None
    year: int
    doc_type: str
    validity: str


@dataclass
class Corpus:
    ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # normalised title + "\n" + body, as indexed
    meta: list[Meta] = field(default_factory=list)
    rare: list[list[str]] = field(default_factory=list)
    unit_ids_by_slug: dict[str, int] = field(default_factory=dict)
    topic_ids: dict[str, tuple[int, int]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    index: dict[int, int] = field(default_factory=dict)  # page id -> position


def create_units() -> dict[str, int]:
    from gongkai.demo.units import UNITS, credit_code
    from gongkai.organisations import services as org_services
    from gongkai.organisations.models import Organisation

    by_name: dict[str, Organisation] = {}
    for i, unit in enumerate(UNITS, start=1):
        org = org_services.organisation_create(
            actor=None,
            parent=by_name.get(unit.parent) if unit.parent else None,
            name=unit.name,
            short_name=unit.short,
            slug=unit.slug,
            kind=unit.kind,
            credit_code=credit_code(i * 7919),
        )
        by_name[unit.name] = org
    return {o.slug: o.pk for o in by_name.values()}


def unit_ids() -> dict[str, int]:
    from gongkai.organisations.models import Organisation

    return dict(Organisation.objects.values_list("slug", "pk"))


def topic_ids() -> dict[str, tuple[int, int]]:
    from gongkai.demo import content
    from gongkai.library.importing.service import find_topic

    result = {}
    for domain in content.DOMAINS.values():
        for label in domain["topics"]:
            topic = find_topic(label)
            assert topic is not None, label
            result[label] = (topic.pk, topic.parent_id or topic.pk)
    return result


def create_pages(n: int) -> list[int]:
    """``n`` minimal Wagtail pages under the root (bulk insert, valid materialised paths)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Locale, Page

    root = Page.objects.get(depth=1)
    first = root.numchild + 1
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(Page)
    ids: list[int] = []
    with transaction.atomic():
        for start in range(0, n, 5000):
            pages = [
                Page(
                    path=Page._get_path(root.path, 2, first + i),
                    depth=2,
                    numchild=0,
                    title=f"bench {i}",
                    draft_title=f"bench {i}",
                    slug=f"bench-{i}",
                    url_path=f"/bench-{i}/",
                    content_type=content_type,
                    locale=locale,
                    live=True,
                )
                for i in range(start, min(n, start + 5000))
            ]
            ids += [p.pk for p in Page.objects.bulk_create(pages)]
        Page.objects.filter(pk=root.pk).update(numchild=first - 1 + n)
    return ids


def build(args: argparse.Namespace, corpus: Corpus, write: bool) -> None:
    """Generate the documents; when ``write``, store and index them (both engines)."""
    from django.db import connection

    from gongkai.search.models import SearchDocument

    t0 = time.perf_counter()
    if write:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        corpus.unit_ids_by_slug = create_units()
        corpus.timings["migrate_s"] = time.perf_counter() - t0
        t = time.perf_counter()
        corpus.ids = create_pages(args.docs)
        corpus.timings["pages_s"] = time.perf_counter() - t
    else:
        corpus.unit_ids_by_slug = unit_ids()
        corpus.ids = list(
            SearchDocument.objects.order_by("page_id").values_list("page_id", flat=True)
        )
        assert len(corpus.ids) == args.docs, "--reuse: the database holds another corpus"
    corpus.topic_ids = topic_ids()
    load_documents(args, corpus, write)
    corpus.index = {pid: i for i, pid in enumerate(corpus.ids)}
    if write:
        t = time.perf_counter()
        index_wagtail(args, corpus)
        corpus.timings["wagtail_index_s"] = time.perf_counter() - t
        t = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            elif args.sqlite_analyze:
                cursor.execute("ANALYZE")
        corpus.timings["analyze_s"] = time.perf_counter() - t


def load_documents(args: argparse.Namespace, corpus: Corpus, write: bool) -> None:
    """Generate, normalise and (when ``write``) store the documents, batch by batch."""
    from bench.corpus import Generator
    from gongkai.search import text

    t0 = time.perf_counter()
    generator = Generator(seed=args.seed)
    spent = dict.fromkeys(("generate", "normalise", "rows", "store"), 0.0)
    for start in range(0, args.docs, BATCH):
        t = time.perf_counter()
        docs = [generator.document(n) for n in range(start, min(args.docs, start + BATCH))]
        spent["generate"] += time.perf_counter() - t
        t = time.perf_counter()
        normalised = [(text.normalise(d.title), text.normalise(d.body)) for d in docs]
        spent["normalise"] += time.perf_counter() - t
        for doc, (title_norm, body_norm) in zip(docs, normalised, strict=True):
            topic, group = corpus.topic_ids[doc.topic_label]
            issuer_ids = tuple(dict.fromkeys(corpus.unit_ids_by_slug[u.slug] for u in doc.issuers))
            year = doc.written_on.year if doc.kind == "policy" else doc.published_on.year
            corpus.texts.append(f"{title_norm}\n{body_norm}")
            corpus.meta.append(
                Meta(doc.kind, issuer_ids, topic, group, year, doc.doc_type, doc.validity)
            )
            corpus.rare.append(doc.rare)
        if write:
            write_batch(corpus, docs, normalised, spent)
        if (start // BATCH) % 10 == 9:
            done = start + len(docs)
            rate = done / (time.perf_counter() - t0)
            print(f"  {done:,} documents, {rate:,.0f} docs/s", flush=True)
    corpus.timings.update({f"{k}_s": v for k, v in spent.items()})


def write_batch(
    corpus: Corpus, docs: list[Doc], normalised: list[tuple[str, str]], spent: dict[str, float]
) -> None:
    """SearchDocument rows as indexing.index_page writes them, then ``store.write``."""
    from django.db import transaction

    from gongkai.search import store
    from gongkai.search.models import VALIDITY_ORDER, SearchDocument, SearchDocumentOrgan

    inline_text = any(f.name == "text" for f in SearchDocument._meta.get_fields())
    has_rank_key = any(f.name == "rank_key" for f in SearchDocument._meta.get_fields())
    if has_rank_key:
        from gongkai.search.indexing import filter_tokens
        from gongkai.search.models import rank_key
    rows, unit_rows = [], []
    for doc in docs:
        page_id = corpus.ids[doc.number]
        meta = corpus.meta[doc.number]
        rows.append(
            SearchDocument(
                page_id=page_id,
                kind=doc.kind,
                title=doc.title,
                url_path=f"/bench-{doc.number}/",
                organisation_id=corpus.unit_ids_by_slug[doc.unit.slug],
                topic_id=meta.topic,
                topic_group_id=meta.topic_group,
                doc_type=doc.doc_type,
                validity=doc.validity,
                validity_order=VALIDITY_ORDER.get(doc.validity, 0),
                published_on=doc.published_on,
                year=meta.year,
                index_number=(
                    f"11360100{doc.unit.slug[:9]:0>9}/{doc.year}-{doc.index_serial:05d}"
                    if doc.kind == "policy"
                    else ""
                ),
                doc_number=doc.doc_number,
                **({"text": f"{doc.title}\n{doc.body}"} if inline_text else {}),
            )
        )
        if has_rank_key:
            rows[-1].rank_key = rank_key(rows[-1].validity_order, doc.published_on, page_id)
        unit_rows += [
            SearchDocumentOrgan(document_id=page_id, organisation_id=o) for o in meta.units
        ]
    with transaction.atomic():
        t = time.perf_counter()
        SearchDocument.objects.bulk_create(rows)
        SearchDocumentOrgan.objects.bulk_create(unit_rows)
        if not inline_text:  # the text in a table of its own (a patched schema)
            from gongkai.search.models import SearchText

            SearchText.objects.bulk_create(
                [
                    SearchText(document_id=corpus.ids[d.number], text=f"{d.title}\n{d.body}")
                    for d in docs
                ]
            )
        spent["rows"] += time.perf_counter() - t
        t = time.perf_counter()
        for row, doc, (title_norm, body_norm) in zip(rows, docs, normalised, strict=True):
            if has_rank_key:
                store.write(
                    row.page_id,
                    title_norm,
                    body_norm,
                    rank_key=row.rank_key,
                    kind=row.kind,
                    filters=filter_tokens(row, corpus.meta[doc.number].units),
                )
            else:  # the layout before the rank key
                store.write(row.page_id, title_norm, body_norm)
        spent["store"] += time.perf_counter() - t


def index_wagtail(args: argparse.Namespace, corpus: Corpus) -> None:
    from django.db import transaction
    from wagtail.search.backends import get_search_backend

    from bench.benchapp.models import BenchDoc
    from bench.corpus import Generator

    backend = get_search_backend()
    generator = Generator(seed=args.seed)
    rows_s = index_s = 0.0
    for start in range(0, args.docs, BATCH):
        docs = [generator.document(n) for n in range(start, min(args.docs, start + BATCH))]
        objs = [
            BenchDoc(
                id=corpus.ids[d.number],
                kind=d.kind,
                title=d.title,
                body=d.body,
                year=corpus.meta[d.number].year,
                doc_type=d.doc_type,
                validity=d.validity,
                topic_id=corpus.meta[d.number].topic,
                topic_group_id=corpus.meta[d.number].topic_group,
                published_on=d.published_on,
            )
            for d in docs
        ]
        with transaction.atomic():
            t = time.perf_counter()
            BenchDoc.objects.bulk_create(objs)
            rows_s += time.perf_counter() - t
            t = time.perf_counter()
            backend.add_bulk(BenchDoc, objs)
            index_s += time.perf_counter() - t
        if (start // BATCH) % 10 == 9:
            print(f"  Wagtail index: {start + len(docs):,} documents", flush=True)
    corpus.timings["wagtail_rows_s"] = rows_s
    corpus.timings["wagtail_add_bulk_s"] = index_s


# --- Queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str
    source: str  # fixed | common | rare
    filters: dict[str, Any]  # filters_of(filters); {"kind": None} is "no filters"

    @property
    def filtered(self) -> bool:
        return any(v is not None for v in self.filters.values())


def _window(rng: Any, corpus: Corpus, length: int, rare: bool) -> str | None:
    n = rng.randrange(len(corpus.texts))
    text = corpus.texts[n]
    if rare and corpus.rare[n]:
        item = rng.choice(corpus.rare[n])
        at = text.find(item)
        if at < 0:
            return None
        if len(item) >= length:
            start = at + rng.randint(0, len(item) - length)
        else:  # a short name with the characters around it
            start = max(0, at - rng.randint(0, length - len(item)))
    else:
        start = rng.randrange(max(1, len(text) - length))
    candidate = text[start : start + length]
    return candidate if len(candidate) == length and CJK_ONLY.match(candidate) else None


def make_queries(corpus: Corpus, count: int, seed: int) -> list[str]:
    """``count`` distinct strings, a third each of 2, 4 and 8 characters."""
    import random

    rng = random.Random(f"queries-{seed}")
    chosen: list[tuple[str, str]] = []
    for length in (2, 4, 8):
        wanted = count // 3 + (1 if length == 2 and count % 3 else 0)
        wanted += 1 if length == 4 and count % 3 == 2 else 0
        strings = [(q, "fixed") for q in FIXED_QUERIES[length]][:wanted]
        seen = {q for q, _ in strings}
        while len(strings) < wanted:
            rare = len(strings) % 2 == 1
            candidate = _window(rng, corpus, length, rare)
            if candidate and candidate not in seen:
                seen.add(candidate)
                strings.append((candidate, "rare" if rare else "common"))
        chosen += strings
    return chosen  # type: ignore[return-value]


def reference(corpus: Corpus, q: str) -> tuple[set[int], float]:
    t = time.perf_counter()
    ids = {corpus.ids[i] for i, text in enumerate(corpus.texts) if q in text}
    return ids, time.perf_counter() - t


def filter_variants(corpus: Corpus, q: str, ref: set[int], rng: Any) -> dict[str, Any]:
    """1–3 filters, values taken from a document that matches (when one does)."""
    pool = sorted(ref)
    pick = corpus.index[rng.choice(pool)] if pool else rng.randrange(len(corpus.ids))
    meta = corpus.meta[pick]
    names = rng.sample(
        ["organ", "year", "doc_type", "validity", "topic", "kind"], k=rng.randint(1, 3)
    )
    values: dict[str, Any] = {"kind": None}
    for name in names:
        if name == "organ":
            values["organ"] = rng.choice(meta.units)
        elif name == "year":
            values["year"] = meta.year
        elif name == "topic":
            values["topic"] = meta.topic_group if rng.random() < 0.5 else meta.topic
        elif name == "kind":
            values["kind"] = meta.kind
        elif name in ("doc_type", "validity"):
            values[name] = getattr(meta, name) or None
    return values


def apply_filters(corpus: Corpus, ids: set[int], f: dict[str, Any]) -> set[int]:
    def keep(m: Meta) -> bool:
        return (
            (f.get("kind") is None or m.kind == f["kind"])
            and (f.get("organ") is None or f["organ"] in m.units)
            and (f.get("topic") is None or f["topic"] in (m.topic, m.topic_group))
            and (f.get("year") is None or m.year == f["year"])
            and (not f.get("doc_type") or m.doc_type == f["doc_type"])
            and (not f.get("validity") or m.validity == f["validity"])
        )

    return {pid for pid in ids if keep(corpus.meta[corpus.index[pid]])}


# --- Engines ------------------------------------------------------------------------------------


def _timed_search(q: str, filters: Any, **kwargs: Any) -> tuple[Any, dict[str, float], list]:
    from gongkai.search.query import search

    with statement_log() as log:
        t = time.perf_counter()
        results = search(q, filters, page=1, page_size=20, **kwargs)
        total = time.perf_counter() - t
    ms = {"search": total * 1000, "sql": sum(s[2] for s in log) * 1000}
    if not kwargs:
        # The count is every statement that counts (the tiers counted to reach a later page
        # too), the page all the others (the tiers in rank order, the rows of the page).
        counting = [s for s in log if "count(*)" in s[0]]
        ms["count"] = sum(s[2] for s in counting) * 1000
        ms["page"] = ms["sql"] - ms["count"]
    return results, ms, log


def filters_of(f: dict[str, Any]) -> Any:
    """A filter dict as search.query.Filters: its keys are the search page's parameter names,
    and the parameter ``organ`` is the field ``Filters.unit``."""
    from gongkai.search.query import Filters  # local import: Django is set up at run time

    return Filters(**{("unit" if key == "organ" else key): value for key, value in f.items()})


def ours(q: str, f: dict[str, Any]) -> dict[str, Any]:
    """search() three times: first execution, again at once (warm: what it touched is now in
    memory), and with facets as the search page calls it."""
    filters = filters_of(f)
    _results, first, _log = _timed_search(q, filters)
    results, warm, log = _timed_search(q, filters)
    faceted, with_facets, _log = _timed_search(q, filters, with_facets=True)
    return {
        "count": results.count,
        "page_ids": [h.page_id for h in results.hits],
        "ms": {
            "search": warm["search"],
            "count": warm["count"],
            "page": warm["page"],
            "snippets": warm["search"] - warm["sql"],
            "search_with_facets": with_facets["search"],
            "search_first": first["search"],
            "count_first": first["count"],
            "page_first": first["page"],
        },
        "facets": {name: dict(values) for name, values in faceted.facets.items()},
        "facets_count": faceted.count,
        "statements": {  # the slowest statement of each part, for its plan
            part: max(mine or log, key=lambda s: s[2])[:2]
            for part, mine in (
                ("count", [s for s in log if "count(*)" in s[0]]),
                ("page", [s for s in log if "count(*)" not in s[0]]),
            )
        },
    }


def expected_facets(corpus: Corpus, ref_all: set[int], f: dict[str, Any]) -> dict[str, Any]:
    """Counts per filter value over the documents that contain the string, each with the
    other filters applied (what search(with_facets=True) must return)."""
    result: dict[str, dict[Any, int]] = {}
    for name in ("doc_type", "validity", "year", "topic", "organ"):
        counts: dict[Any, int] = {}
        for pid in apply_filters(corpus, ref_all, {**f, name: None}):
            meta = corpus.meta[corpus.index[pid]]
            values = {
                "doc_type": [meta.doc_type],
                "validity": [meta.validity],
                "year": [meta.year],
                "topic": [meta.topic_group],
                "organ": list(meta.units),
            }[name]
            for value in values:
                if value not in (None, ""):
                    counts[value] = counts.get(value, 0) + 1
        result[name] = counts
    return result


def ours_all_ids(q: str, f: dict[str, Any]) -> set[int]:
    """The complete result set, with the WHERE clause search() builds (no LIMIT)."""
    from django.db import connection

    from gongkai.search import query, text

    where, params = query._filter_sql(filters_of(f))
    terms = text.query_terms(q)
    match, match_params = query._matching(terms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.page_id FROM {query.DOC_TABLE} d WHERE {where} AND {match}",
            params + match_params,
        )
        return {row[0] for row in cursor.fetchall()}


def wagtail_queryset(f: dict[str, Any]) -> Any:
    from django.db.models import Q

    from bench.benchapp.models import BenchDoc
    from gongkai.search.models import SearchDocumentOrgan

    qs = BenchDoc.objects.all()
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
    if f.get("organ") is not None:
        unit_docs = SearchDocumentOrgan.objects.filter(organisation_id=f["organ"])
        qs = qs.filter(id__in=list(unit_docs.values_list("document_id", flat=True)))
    if f.get("topic") is not None:
        qs = qs.filter(Q(topic_id=f["topic"]) | Q(topic_group_id=f["topic"]))
    if f.get("year") is not None:
        qs = qs.filter(year=f["year"])
    if f.get("doc_type"):
        qs = qs.filter(doc_type=f["doc_type"])
    if f.get("validity"):
        qs = qs.filter(validity=f["validity"])
    return qs


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Abort a statement that runs longer (SQLite: progress handler; PostgreSQL:
    statement_timeout). The statement then raises django.db.OperationalError."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        return
    deadline = time.perf_counter() + seconds
    raw = connection.connection
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


def limited(seconds: float, work: Callable[[], Any]) -> tuple[Any, float | None]:
    """(result, seconds) of ``work``, or (None, None) when it ran out of time."""
    from django.db import OperationalError

    t = time.perf_counter()
    try:
        with time_limit(seconds):
            result = work()
    except OperationalError:
        return None, None
    return result, time.perf_counter() - t


def wagtail(q: str, f: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Wagtail's search over BenchDoc: first page (ranked), count, and all ids (unranked)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    _page, first_s = limited(timeout, lambda: list(backend.search(q, wagtail_queryset(f))[:20]))
    _page, page_s = (
        limited(timeout, lambda: list(backend.search(q, wagtail_queryset(f))[:20]))
        if first_s is not None
        else (None, None)
    )
    count, count_s = limited(timeout, lambda: backend.search(q, wagtail_queryset(f)).count())
    if count is not None and (count == 0 or (_page is not None and count == len(_page))):
        ids = {o.pk for o in _page or []}  # the page holds every hit
    else:
        ids, _ = limited(
            timeout,
            lambda: {
                o.pk
                for o in backend.search(q, wagtail_queryset(f).only("id"), order_by_relevance=False)
            },
        )
    timeouts = [
        name for name, v in (("page", page_s), ("count", count_s), ("ids", ids)) if v is None
    ]
    return {
        "count": count,
        "ids": ids,
        # A statement that ran out of time counts as the time limit (a lower bound).
        "ms": {
            "page": (page_s if page_s is not None else timeout) * 1000,
            "count": (count_s if count_s is not None else timeout) * 1000,
            "page_first": (first_s if first_s is not None else timeout) * 1000,
        },
        "timeouts": timeouts,
    }


def like_scan(q: str, f: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection

    from gongkai.search import query

    where, params = query._filter_sql(filters_of(f))
    text_table = getattr(query, "TEXT_TABLE", None)  # a patched schema keeps the text apart
    where += (
        f" AND d.page_id IN (SELECT document_id FROM {text_table} WHERE text LIKE %s)"
        if text_table
        else " AND d.text LIKE %s"
    )
    params = [*params, f"%{q}%"]
    with connection.cursor() as cursor:
        t = time.perf_counter()
        cursor.execute(f"SELECT count(*) FROM {query.DOC_TABLE} d WHERE {where}", params)
        count = cursor.fetchone()[0]
        count_s = time.perf_counter() - t
        t = time.perf_counter()
        cursor.execute(
            f"SELECT d.page_id FROM {query.DOC_TABLE} d WHERE {where} "
            "ORDER BY d.validity_order, d.published_on DESC, d.page_id DESC LIMIT 20",
            params,
        )
        cursor.fetchall()
        page_s = time.perf_counter() - t
    return {"count": count, "ms": {"count": count_s * 1000, "page": page_s * 1000}}


# --- Running ------------------------------------------------------------------------------------


class Load:
    """CPU used by other processes on the machine while the queries run (the machine may be
    shared): total busy time from /proc/stat minus this process and its database backend."""

    def __init__(self) -> None:
        from django.db import connection

        self.backend_pid = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend_pid = cursor.fetchone()[0]
        self.start = self._sample()
        self.loadavg_start = os.getloadavg()

    def _sample(self) -> tuple[float, float, float]:
        tick = os.sysconf("SC_CLK_TCK")
        with Path("/proc/stat").open() as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
        busy = (sum(fields[:8]) - fields[3] - fields[4]) / tick  # all but idle and iowait
        own = sum(os.times()[:2])
        if self.backend_pid:
            with Path(f"/proc/{self.backend_pid}/stat").open() as fh:
                stat = fh.read().rsplit(")", 1)[1].split()
            own += (int(stat[11]) + int(stat[12])) / tick
        return time.perf_counter(), busy, own

    def report(self) -> dict[str, Any]:
        end = self._sample()
        wall = end[0] - self.start[0]
        return {
            "wall_s": round(wall, 1),
            "other_processes_cores": round(
                (end[1] - self.start[1] - (end[2] - self.start[2])) / wall, 2
            ),
            "this_benchmark_cores": round((end[2] - self.start[2]) / wall, 2),
            "loadavg_start": self.loadavg_start,
            "loadavg_end": os.getloadavg(),
        }


def recall_precision(got: set[int], ref: set[int]) -> tuple[int, int, int]:
    """(true positives, |got|, |ref|)."""
    return len(got & ref), len(got), len(ref)


def run_queries(args: argparse.Namespace, corpus: Corpus) -> list[dict[str, Any]]:
    import random

    rng = random.Random(f"filters-{args.seed}")
    strings = make_queries(corpus, args.queries // 2, args.seed)
    records: list[dict[str, Any]] = []
    # Warm-up: the first queries of each kind through every engine, not recorded.
    for q, _source in strings[:: max(1, len(strings) // 12)]:
        ours(q, {"kind": None})
    wagtail(strings[0][0], {"kind": None}, args.timeout)
    t0 = time.perf_counter()
    for n, (q, source) in enumerate(strings):
        ref_all, python_s = reference(corpus, q)
        variants = [{"kind": None}, filter_variants(corpus, q, ref_all, rng)]
        for v, f in enumerate(variants):
            ref = apply_filters(corpus, ref_all, f)
            record: dict[str, Any] = {
                "q": q,
                "length": len(q),
                "source": source,
                "filters": {k: v for k, v in f.items() if v is not None},
                "filtered": v == 1,
                "expected": len(ref),
            }
            if v == 0:
                record["python_scan_ms"] = python_s * 1000
            result = ours(q, f)
            got = ours_all_ids(q, f)
            record["ours"] = {
                "ms": result["ms"],
                "count": result["count"],
                "page_ids": result["page_ids"],  # to compare the order between runs
                "tp_got_ref": recall_precision(got, ref),
                "count_ok": result["count"] == len(ref) == len(got),
                "page_ok": set(result["page_ids"]) <= ref
                and len(result["page_ids"]) == min(20, len(ref)),
                "facets_ok": result["facets"] == expected_facets(corpus, ref_all, f)
                and result["facets_count"] == len(ref),
            }
            record["_statements"] = result["statements"]
            if (2 * n + v) % args.wagtail_every == 0:
                w = wagtail(q, f, args.timeout)
                record["wagtail"] = {
                    "ms": w["ms"],
                    "count": w["count"],
                    "timeouts": w["timeouts"],
                    # None: listing every hit ran out of time (left out of recall, precision).
                    "tp_got_ref": None if w["ids"] is None else recall_precision(w["ids"], ref),
                }
            if (2 * n + v) % args.scan_every == 0:
                scan = like_scan(q, f)
                record["like"] = {"ms": scan["ms"], "count": scan["count"]}
                record["like"]["count_ok"] = scan["count"] == len(ref)
            records.append(record)
        if n % 25 == 24:
            rate = (n + 1) / (time.perf_counter() - t0)
            print(f"  {n + 1}/{len(strings)} queries ({rate:.1f}/s)", flush=True)
    return records


# --- Reporting ----------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str, Callable[[dict[str, Any]], bool]] = {"all": lambda r: True}
    for length in (2, 4, 8):
        groups[f"{length} chars"] = lambda r, n=length: r["length"] == n
    groups["no filters"] = lambda r: not r["filtered"]
    groups["with filters"] = lambda r: r["filtered"]
    metrics = [
        ("ours", "search"),
        ("ours", "count"),
        ("ours", "page"),
        ("ours", "snippets"),
        ("ours", "search_with_facets"),
        ("ours", "search_first"),
        ("ours", "count_first"),
        ("ours", "page_first"),
        ("wagtail", "page"),
        ("wagtail", "count"),
        ("wagtail", "page_first"),
        ("like", "page"),
        ("like", "count"),
    ]
    out: dict[str, Any] = {"latency_ms": {}, "quality": {}}
    for name, pred in groups.items():
        rows = [r for r in records if pred(r)]
        table = {}
        for engine, metric in metrics:
            values = [r[engine]["ms"][metric] for r in rows if engine in r]
            if values:
                table[f"{engine}.{metric}"] = {
                    "n": len(values),
                    "p50": pct(values, 50),
                    "p95": pct(values, 95),
                    "max": max(values),
                }
        values = [r["python_scan_ms"] for r in rows if "python_scan_ms" in r]
        if values:
            table["python_scan.all_ids"] = {
                "n": len(values),
                "p50": pct(values, 50),
                "p95": pct(values, 95),
                "max": max(values),
            }
        out["latency_ms"][name] = table
    for engine in ("ours", "wagtail"):
        known = [r for r in records if r.get(engine, {}).get("tp_got_ref") is not None]
        tp = sum(r[engine]["tp_got_ref"][0] for r in known)
        got = sum(r[engine]["tp_got_ref"][1] for r in known)
        ref = sum(r[engine]["tp_got_ref"][2] for r in known)
        exact = sum(len(set(r[engine]["tp_got_ref"])) == 1 for r in known)
        out["quality"][engine] = {
            "recall": tp / ref if ref else 1.0,
            "precision": tp / got if got else 1.0,
            "queries_exact": exact,
            "queries": len(known),
            "queries_unknown": sum(
                1 for r in records if engine in r and r[engine]["tp_got_ref"] is None
            ),
            "queries_with_hits_expected": sum(1 for r in known if r["expected"]),
            "queries_finding_any_expected": sum(
                r[engine]["tp_got_ref"][0] > 0 for r in known if r["expected"]
            ),
        }
        if engine == "wagtail":
            out["quality"][engine]["timeouts"] = {
                part: sum(part in r["wagtail"]["timeouts"] for r in records if "wagtail" in r)
                for part in ("page", "count", "ids")
            }
    out["quality"]["ours"]["count_ok"] = sum(r["ours"]["count_ok"] for r in records)
    out["quality"]["ours"]["page_ok"] = sum(r["ours"]["page_ok"] for r in records)
    out["quality"]["ours"]["facets_ok"] = sum(r["ours"]["facets_ok"] for r in records)
    likes = [r for r in records if "like" in r]
    out["quality"]["like"] = {
        "count_ok": sum(r["like"]["count_ok"] for r in likes),
        "n": len(likes),
    }
    return out


def explain(records: list[dict[str, Any]], how_many: int) -> list[dict[str, Any]]:
    """Query plans of the slowest count and page statements of ours."""
    from django.db import connection

    pg = connection.vendor == "postgresql"
    plans = []
    seen = set()
    for part in ("count", "page"):
        slowest = sorted(records, key=lambda r: -r["ours"]["ms"][part])
        for r in slowest:
            if len([p for p in plans if p["part"] == part]) >= how_many:
                break
            key = (part, r["q"], json.dumps(r["filters"], sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            sql, params = r["_statements"][part]
            prefix = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
            with connection.cursor() as cursor:
                t = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                again = (time.perf_counter() - t) * 1000
                cursor.execute(prefix + sql, params)
                rows = cursor.fetchall()
            plan = "\n".join(row[0] for row in rows) if pg else "\n".join(str(row) for row in rows)
            plans.append(
                {
                    "part": part,
                    "q": r["q"],
                    "filters": r["filters"],
                    "expected": r["expected"],
                    "ms": r["ours"]["ms"][part],
                    "ms_again": again,
                    "sql": sql,
                    "params": [str(p) for p in params],
                    "plan": plan,
                }
            )
    return plans


def machine(args: argparse.Namespace) -> dict[str, Any]:
    import sqlite3

    from django.db import connection

    cpu = ""
    with Path("/proc/cpuinfo").open() as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with Path("/proc/meminfo").open() as fh:
        mem_kb = int(fh.readline().split()[1])
    pg_version = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
    else:
        try:
            out = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False)
            pg_version = out.stdout.strip()
        except OSError:
            pg_version = "n/a"
    import django
    import wagtail

    import gongkai

    def git(*cmd: str) -> str:
        out = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    return {
        "date": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "code": str(Path(gongkai.__file__).parent),
        "commit": git("rev-parse", "--short", "HEAD"),
        "search_changes": git("diff", "--stat", "HEAD", "--", "gongkai/search").splitlines()[-1:],
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg_version,
        "db": args.db,
    }


def sizes() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                "WHERE relname IN ('search_tsv', 'gongkai_search_searchdocument', "
                "'wagtailsearch_indexentry', 'benchapp_benchdoc')"
            )
            return {name: round(size / 2**20, 1) for name, size in cursor.fetchall()}
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        total = pages * cursor.fetchone()[0]
        result = {"database file": round(total / 2**20, 1)}
        try:
            cursor.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
            by_name = dict(cursor.fetchall())
            for prefix in (
                "search_fts",
                "gongkai_search_searchdocument",
                "wagtailsearch",
                "benchapp",
            ):
                result[prefix + "*"] = round(
                    sum(v for k, v in by_name.items() if k.startswith(prefix)) / 2**20, 1
                )
        except Exception:  # dbstat is optional in SQLite builds
            pass
        return result


def fmt(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def markdown(report: dict[str, Any]) -> str:
    m, load, s = report["machine"], report["load"], report["summary"]
    lines = [
        f"# Search benchmark — {m['db']}, {report['docs']:,} documents",
        "",
        (
            f"{m['date']} · {m['nproc']} cores {m['cpu']} · {m['ram_gb']} GB RAM · {m['os']} · "
            f"Python {m['python']} · Django {m['django']} · Wagtail {m['wagtail']} · "
            f"SQLite {m['sqlite']} · PostgreSQL {m['postgresql']}"
        ),
        "",
        (
            f"Queries: {len(report['records']) // 2} strings (⅓ each of 2, 4 and 8 characters), "
            f"each without and with 1–3 filters = {len(report['records'])} searches; "
            f"seed {report['seed']}."
        ),
        "",
        "## Loading",
        "",
    ]
    if load.get("built"):
        lines += [
            "| step | seconds | docs/s |",
            "|---|---:|---:|",
        ]
        for key in (
            "generate_s",
            "normalise_s",
            "rows_s",
            "store_s",
            "wagtail_rows_s",
            "wagtail_add_bulk_s",
        ):
            if key in load:
                lines.append(
                    f"| {key[:-2]} | {load[key]:,.1f} | {report['docs'] / load[key]:,.0f} |"
                )
        ours_s = load["normalise_s"] + load["rows_s"] + load["store_s"]
        lines += [
            (
                f"| **ours: normalise + rows + store.write** | {ours_s:,.1f} | "
                f"**{report['docs'] / ours_s:,.0f}** |"
            ),
            "",
            (
                "Other steps: migrate "
                f"{load.get('migrate_s', 0):.0f} s, pages {load.get('pages_s', 0):.0f} s, "
                f"analyze {load.get('analyze_s', 0):.0f} s."
            ),
        ]
        if "built_in_an_earlier_run" in load:
            lines += ["", f"(Database built by an earlier run, {load['built_in_an_earlier_run']}.)"]
    else:
        lines.append("Database reused (--reuse); no loading measured.")
    busy = report["machine_load_during_queries"]
    lines += [
        "",
        (
            f"Machine load while the queries ran ({busy['wall_s']:,.0f} s): other processes used "
            f"{busy['other_processes_cores']} of {m['nproc']} cores on average, this benchmark "
            f"(with its database backend) {busy['this_benchmark_cores']}; load average "
            f"{busy['loadavg_start'][0]:.1f} → {busy['loadavg_end'][0]:.1f}."
        ),
    ]
    lines += ["", "Sizes (MB): " + ", ".join(f"{k} {v:,}" for k, v in report["sizes"].items()), ""]
    lines += [
        "## Latency (ms)",
        "",
        (
            "`ours.search` is the whole `search(q, filters, page_size=20)` call (count + page + "
            "snippets), `ours.count`/`ours.page` its statements, measured at once after a first "
            "execution (`*_first`): this machine's memory manager (DAMON pageout) evicts file "
            "pages unused for about a minute, so first executions read from disk. "
            "`ours.search_with_facets` is the call the search page makes (after the two). "
            "`wagtail.*` is Wagtail's database search over the same documents (page after a "
            "first execution, then count); `like.*` a `LIKE '%q%'` scan (count, then page), "
            "`python_scan` `q in text` over the normalised texts in memory."
        ),
        "",
    ]
    for group, table in s["latency_ms"].items():
        lines += [
            f"### {group}",
            "",
            "| engine.metric | n | p50 | p95 | max |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, v in table.items():
            lines.append(
                f"| {name} | {v['n']} | {fmt(v['p50'])} | {fmt(v['p95'])} | {fmt(v['max'])} |"
            )
        lines.append("")
    lines += [
        "## Recall and precision against the substring scan",
        "",
        "| engine | recall | precision | exact result sets | queries with hits | found any |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for engine in ("ours", "wagtail"):
        q = s["quality"][engine]
        lines.append(
            f"| {engine} | {q['recall']:.4f} | {q['precision']:.4f} | "
            f"{q['queries_exact']}/{q['queries']} | {q['queries_with_hits_expected']} | "
            f"{q['queries_finding_any_expected']} |"
        )
    w = s["quality"]["wagtail"]
    lines += [
        "",
        (
            f"Wagtail statements that ran out of the {report['timeout_s']:g} s limit (counted as "
            f"{report['timeout_s']:g} s above): {w['timeouts']}; searches whose complete result set "
            f"is unknown for that reason (left out of its recall): {w['queries_unknown']}."
        ),
    ]
    q = s["quality"]["ours"]
    lines += [
        "",
        (
            f"Ours: count equal to the scan in {q['count_ok']}/{q['queries']} searches; first page "
            f"drawn from the expected set in {q['page_ok']}/{q['queries']}; facet counts equal to "
            f"the scan's in {q['facets_ok']}/{q['queries']}. LIKE scan counts equal "
            f"to the Python scan in {s['quality']['like']['count_ok']}/{s['quality']['like']['n']}."
        ),
        "",
        "## Slowest searches (ours.search)",
        "",
        "| q | filters | hits | search | count | page | with facets | first search |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(report["records"], key=lambda r: -r["ours"]["ms"]["search"])[:15]:
        ms = r["ours"]["ms"]
        lines.append(
            f"| {r['q']} | {json.dumps(r['filters'], ensure_ascii=False)} | {r['expected']} | "
            f"{fmt(ms['search'])} | {fmt(ms['count'])} | {fmt(ms['page'])} | "
            f"{fmt(ms['search_with_facets'])} | {fmt(ms['search_first'])} |"
        )
    lines += ["", "## Query plans of the slowest statements", ""]
    for p in report["plans"]:
        lines += [
            (
                f"**{p['part']}** `{p['q']}` {json.dumps(p['filters'], ensure_ascii=False)} — "
                f"{p['expected']} hits, {fmt(p['ms'])} ms (again: {fmt(p['ms_again'])} ms)"
            ),
            "",
            "```sql",
            p["sql"],
            "-- params: " + ", ".join(p["params"]),
            "```",
            "```",
            p["plan"],
            "```",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument(
        "--queries", type=int, default=300, help="searches: half the strings without filters"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scan-every", type=int, default=3, help="LIKE scan every n-th search")
    parser.add_argument("--wagtail-every", type=int, default=3, help="Wagtail every n-th search")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--pg-db", default="gk_bench")
    parser.add_argument("--sqlite", default=str(RESULTS / "search-bench.sqlite3"), help="file")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--sqlite-analyze", action="store_true", help="run ANALYZE on SQLite")
    parser.add_argument("--tag", default="", help="suffix of the results files")
    parser.add_argument("--timeout", type=float, default=5.0, help="Wagtail statement limit, s")
    parser.add_argument("--explain", type=int, default=3, help="plans of the n slowest")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    url, build_it = prepare_database(args)
    setup_django(url)
    print(f"{args.db}: {'building' if build_it else 'reusing'} {args.docs:,} documents", flush=True)
    corpus = Corpus()
    t = time.perf_counter()
    build(args, corpus, build_it)
    print(f"  ready in {time.perf_counter() - t:,.0f} s: {corpus.timings}", flush=True)
    build_file = RESULTS / f"search-{args.db}.build.json"
    if build_it:
        build_file.write_text(
            json.dumps(
                {
                    "docs": args.docs,
                    "seed": args.seed,
                    "date": machine(args)["date"],
                    **corpus.timings,
                }
            )
        )
    elif build_file.exists():  # the timings of the run that built this database
        earlier = json.loads(build_file.read_text())
        if (earlier.pop("docs"), earlier.pop("seed")) == (args.docs, args.seed):
            corpus.timings = {**earlier, "built_in_an_earlier_run": earlier.pop("date")}
    load = Load()
    records = run_queries(args, corpus)
    query_load = load.report()
    print(f"  queries: {query_load}", flush=True)
    report = {
        "machine": machine(args),
        "docs": args.docs,
        "seed": args.seed,
        "timeout_s": args.timeout,
        "load": {"built": build_it or "normalise_s" in corpus.timings, **corpus.timings},
        "machine_load_during_queries": query_load,
        "sizes": sizes(),
        "summary": summarise(records),
        "plans": explain(records, args.explain),
        "records": records,
    }
    if report["load"]["built"]:
        report["load"]["ours_docs_per_s"] = args.docs / (
            corpus.timings["normalise_s"] + corpus.timings["rows_s"] + corpus.timings["store_s"]
        )
    for r in records:
        r.pop("_statements", None)
    stem = f"search-{args.db}" + (f"-{args.tag}" if args.tag else "")
    (RESULTS / f"{stem}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=list)
    )
    (RESULTS / f"{stem}.md").write_text(markdown(report))
    print(f"  wrote {RESULTS / stem}.json and .md", flush=True)
    summary = report["summary"]
    for name in ("ours.search", "ours.search_with_facets", "wagtail.page", "like.count"):
        v = summary["latency_ms"]["all"].get(name)
        if v:
            print(f"  {name}: p50 {v['p50']:.1f} ms, p95 {v['p95']:.1f} ms, max {v['max']:.1f} ms")
    print(f"  quality: {json.dumps(summary['quality'])}")


if __name__ == "__main__":
    main()
