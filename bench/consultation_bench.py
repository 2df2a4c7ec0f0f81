"""Concurrent commenters and the moderation queue at 100,000 comments (issue 14); run by hand,
never in the test suite.

    .venv/bin/python bench/consultation_bench.py                      # SQLite (a temporary file)
    .venv/bin/python bench/consultation_bench.py --db postgres        # PostgreSQL at --pg-url
    .venv/bin/python bench/consultation_bench.py --commenters 50 --posts 20 --comments 100000

``--db postgres`` needs a server whose role may create databases (local: ``pg_ctlcluster 15
main start``, role gongkai/gongkai); it creates ``gk_bench_participation`` and drops it at the
end. It installs nothing.

What it does, in one run:

1. Migrates a fresh database, creates one unit (南昌市住房和城乡建设局) and publishes one open
   consultation with the demo's parking draft (gongkai.demo.participation), through the
   services like the demo.
2. **Concurrent commenters**: ``--commenters`` threads, each with its own database connection
   (Django opens one per thread), start together at a barrier and post ``--posts`` comments
   each through ``participation.services.comment_submit``, the function the public comment
   form calls, each post with its own one-time form token, on a clause of the draft. Every
   tenth post is sent twice with the same token, the second copy queued right behind the first
   so that another thread usually sends it at the same moment (a double click on two
   connections). A post refused by the database (SQLite's lock timeout) is retried with the
   same token, as a browser retry would. Then, in the database: **lost** — every token posted
   has its comment, with the text that was posted; **duplicated** — the number of comments
   equals the number of distinct tokens, and both copies of a resubmitted form got the same
   comment back (one ``created``, one not).
3. **The moderation queue**: comments are bulk-created until the consultation has
   ``--comments`` (default 100,000; 40 % pending, 55 % accepted, 5 % held, spread over the
   period and the clauses), then ``selectors.moderation_queue`` is timed ``--runs`` times
   (default 20) for the first page of pending comments (the staff screen's default), the first
   page of all comments, the first page of one clause, and the 200th page by keyset; the
   median must be within 100 ms. The first page's query plan is printed.

The machine (bench.common.host) and the numbers are printed as Markdown for
docs/participation-bench.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import host, statement_log  # noqa: E402 - after the path is set

DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/postgres"
PG_DB = "gk_bench_participation"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _database(args: argparse.Namespace, tmp: Path) -> str:
    if args.db == "sqlite":
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    # local import: only for --db postgres
    import psycopg

    with psycopg.connect(args.pg_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return args.pg_url.rsplit("/", 1)[0] + f"/{PG_DB}"


def _drop_database(args: argparse.Namespace) -> None:
    if args.db != "postgres":
        return
    # local import: only for --db postgres
    import psycopg

    with psycopg.connect(args.pg_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def _setup() -> Any:
    """One unit and one open, published consultation; returns the page."""
    # local import: Django is set up in main()
    from django.core.management import call_command

    # local import: Django is set up in main()
    from django.utils import timezone

    # local import: Django is set up in main()
    from gongkai.demo.participation import PARKING_DRAFT, PARKING_TITLE

    # local import: Django is set up in main()
    from gongkai.library.publication import system_publication

    # local import: Django is set up in main()
    from gongkai.organisations.models import OrganisationKind

    # local import: Django is set up in main()
    from gongkai.participation import services

    # local import: Django is set up in main()
    from gongkai.participation.models import ConsultationPage

    # local import: Django is set up in main()
    from gongkai.testing import make_unit

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"migrated in {time.perf_counter() - t:.0f} s")
    unit = make_unit("南昌市住房和城乡建设局", kind=OrganisationKind.GOVERNMENT, slug="zjj")
    today = timezone.localdate()
    opens = today - dt.timedelta(days=3)
    page = services.consultation_create(
        actor=None,
        unit=unit,
        title=PARKING_TITLE,
        kind="normative",
        opens_on=opens,
        closes_on=(services.earliest_close_for(kind="normative", opens_on=opens) or opens)
        + dt.timedelta(days=20),
        draft_text=PARKING_DRAFT,
    )
    with system_publication("基准测试"):
        page.get_latest_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


# --- 1. Concurrent commenters -------------------------------------------------------------------


def commenters(page: Any, *, threads: int, posts: int) -> dict[str, Any]:
    # local import: Django is set up in main()
    from django.db import OperationalError, connection

    # local import: Django is set up in main()
    from gongkai.participation import services

    clauses = list(page.consulted_version().clauses.order_by("order"))
    total = threads * posts
    work: queue.Queue[tuple[int, str]] = queue.Queue()
    resubmitted = set()
    for i in range(total):
        work.put((i, f"bench-{i:06d}"))
        if i % 10 == 0:
            work.put((i, f"bench-{i:06d}"))  # the same form again, right behind
            resubmitted.add(i)
    results: list[tuple[int, int, bool, float]] = []  # (i, comment pk, created, seconds)
    retries: list[int] = []
    failures: list[tuple[int, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def text_of(i: int) -> str:
        return f"第{i}号意见：建议明确车位租金的调整幅度和频次，并公示收费依据。"

    def worker() -> None:
        barrier.wait()
        try:
            while True:
                try:
                    i, token = work.get_nowait()
                except queue.Empty:
                    return
                for attempt in range(5):
                    t = time.perf_counter()
                    try:
                        submitted = services.comment_submit(
                            consultation=page,
                            text=text_of(i),
                            key=services.submitter_key(client=f"bench:{i}"),
                            clause=clauses[i % len(clauses)],
                            consent_publish=i % 2 == 0,
                            token=token,
                        )
                    except OperationalError as exc:  # SQLite: database is locked
                        with lock:
                            retries.append(i)
                        if attempt == 4:
                            with lock:
                                failures.append((i, str(exc)))
                        continue
                    with lock:
                        results.append(
                            (i, submitted.comment.pk, submitted.created, time.perf_counter() - t)
                        )
                    break
        finally:
            connection.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "commenters": threads,
        **_check(page, results, resubmitted, total, text_of),
        "retries_after_lock": len(retries),
        "failed_after_retries": len(failures),
        "wall_s": round(wall, 2),
        "posts_per_s": round(len(results) / wall, 1),
    }


def _check(
    page: Any,
    results: list[tuple[int, int, bool, float]],
    resubmitted: set[int],
    total: int,
    text_of: Any,
) -> dict[str, Any]:
    """Lost and duplicated comments, from the database."""
    # local import: Django is set up in main()
    from gongkai.participation.models import Comment

    stored = {
        c.token: (c.pk, c.text)
        for c in Comment.objects.filter(consultation=page, token__startswith="bench-")
    }
    answered = {i for i, _pk, _created, _s in results}
    lost = [i for i in answered if stored.get(f"bench-{i:06d}", (0, ""))[1] != text_of(i)]
    rows = Comment.objects.filter(consultation=page, token__startswith="bench-").count()
    by_item: dict[int, list[tuple[int, bool]]] = {}
    for i, pk, created, _s in results:
        by_item.setdefault(i, []).append((pk, created))
    bad_resubmits = [
        i
        for i in resubmitted
        if len({pk for pk, _c in by_item.get(i, [])}) != 1
        or sorted(c for _pk, c in by_item.get(i, [])) != [False, True]
    ]
    created_count = sum(1 for _i, _pk, created, _s in results if created)
    latencies = sorted(s for _i, _pk, _c, s in results)
    return {
        "posts": total + len(resubmitted),
        "forms": total,
        "resubmitted_forms": len(resubmitted),
        "answered": len(results),
        "created": created_count,
        "comments_stored": rows,
        "forms_unanswered": total - len(answered),
        "lost": len(lost),
        "duplicated": rows - len(stored) + max(created_count - len(stored), 0),
        "resubmits_not_single": len(bad_resubmits),
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1),
        "latency_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }


# --- 2. The moderation queue at 100,000 comments ------------------------------------------------


def fill(page: Any, target: int) -> float:
    # local import: Django is set up in main()
    from django.utils import timezone

    # local import: Django is set up in main()
    from gongkai.participation.models import Comment, CommentStatus

    rng = random.Random(14)
    clauses = list(page.consulted_version().clauses.order_by("order"))
    have = Comment.objects.filter(consultation=page).count()
    now = timezone.now()
    span = 3 * 24 * 3600
    t = time.perf_counter()
    batch: list[Any] = []
    for n in range(have, target):
        roll = rng.random()
        status = (
            CommentStatus.PENDING
            if roll < 0.40
            else CommentStatus.ACCEPTED
            if roll < 0.95
            else CommentStatus.HELD
        )
        text = (
            f"关于第{n % 11 + 1}条的意见{n}：建议进一步明确相关规定，{rng.choice('甲乙丙丁戊')}。"
        )
        batch.append(
            Comment(
                consultation=page,
                clause=rng.choice(clauses),
                text=text,
                public_text=text,
                submitter_key=f"fill{n}",
                status=status,
                hold_reason="与本草案无关" if status == CommentStatus.HELD else "",
                created_at=now - dt.timedelta(seconds=rng.randrange(span)),
            )
        )
        if len(batch) == 5000:
            Comment.objects.bulk_create(batch)
            batch = []
    if batch:
        Comment.objects.bulk_create(batch)
    return time.perf_counter() - t


def _timed(call: Any, runs: int) -> dict[str, float]:
    call()  # warm: the first run pays for the statement cache and the pages it reads
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(times[-1], 2),
        "min_ms": round(times[0], 2),
    }


def queue_timings(page: Any, runs: int) -> dict[str, Any]:
    # local import: Django is set up in main()
    from django.db import connection

    # local import: Django is set up in main()
    from gongkai.participation import selectors

    # local import: Django is set up in main()
    from gongkai.participation.models import Comment

    clause = page.consulted_version().clauses.order_by("order")[3]
    after = None
    for _ in range(199):  # the keyset of the 200th page of pending comments (or the last)
        rows = selectors.moderation_queue(page, after=after)
        if not rows:
            break
        after = (rows[-1].created_at, rows[-1].pk)
    out: dict[str, Any] = {
        "comments": Comment.objects.filter(consultation=page).count(),
        "first page, pending": _timed(lambda: selectors.moderation_queue(page), runs),
        "first page, all statuses": _timed(
            lambda: selectors.moderation_queue(page, status=""), runs
        ),
        "first page, one clause": _timed(
            lambda: selectors.moderation_queue(page, clause_id=clause.pk), runs
        ),
        "200th page, pending (keyset)": _timed(
            lambda: selectors.moderation_queue(page, after=after), runs
        ),
    }
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    plans: dict[str, list[str]] = {}
    for label, kwargs in (
        ("first page, pending", {}),
        ("first page, all statuses", {"status": ""}),
        ("200th page, pending (keyset)", {"after": after}),
    ):
        with statement_log() as statements:
            selectors.moderation_queue(page, **kwargs)
        sql, params, _s = statements[0]
        with connection.cursor() as cursor:
            cursor.execute(explain + sql, params)
            plans[label] = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    out["plans"] = plans
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--commenters", type=int, default=50)
    parser.add_argument("--posts", type=int, default=20, help="forms posted per commenter")
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = _database(args, Path(tmp))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        # local import: after DATABASE_URL is set
        import django

        django.setup()
        # local import: Django is set up in main()
        from django.db import connection

        try:
            page = _setup()
            log(f"{args.commenters} commenters × {args.posts} forms …")
            concurrent = commenters(page, threads=args.commenters, posts=args.posts)
            log(f"concurrent: {concurrent}")
            log(f"filling to {args.comments} comments …")
            filled = fill(page, args.comments)
            log(f"filled in {filled:.0f} s")
            # Right after the bulk load the planner's statistics are stale (PostgreSQL's
            # autovacuum analyses later; the application never runs ANALYZE on SQLite): the
            # queue is timed then, and again after ANALYZE.
            stale = queue_timings(page, args.runs)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            timings = queue_timings(page, args.runs)
            vendor = (
                f"SQLite {connection.Database.sqlite_version}"
                if connection.vendor == "sqlite"
                else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 100}"
            )
            connection.close()
        finally:
            _drop_database(args)

    _report(
        vendor=vendor,
        concurrent=concurrent,
        filled=filled,
        stale=stale,
        timings=timings,
        runs=args.runs,
    )


def _report(
    *,
    vendor: str,
    concurrent: dict[str, Any],
    filled: float,
    stale: dict[str, Any],
    timings: dict[str, Any],
    runs: int,
) -> None:
    machine = host()
    print()
    print(f"### {vendor}")
    print()
    print(
        f"Machine: {machine['nproc']} cores, {machine['cpu']}, {machine['ram_gib']} GiB, "
        f"{machine['os']}; shared with other processes (not stopped)."
    )
    print()
    print("| concurrent commenters | |")
    print("|---|---|")
    for key, value in concurrent.items():
        print(f"| {key} | {value} |")
    print()
    print(f"Moderation queue at {timings['comments']:,} comments (bulk-filled in {filled:.0f} s), ")
    print(f"{runs} runs after one warm-up:")
    print()
    print("| page | median ms | min ms | max ms | median ms before ANALYZE |")
    print("|---|---|---|---|---|")
    for key, value in timings.items():
        if isinstance(value, dict) and "median_ms" in value:
            print(
                f"| {key} | {value['median_ms']} | {value['min_ms']} | {value['max_ms']} "
                f"| {stale[key]['median_ms']} |"
            )
    print()
    for label, plan in timings["plans"].items():
        print(f"Plan of the {label} (after ANALYZE):")
        print()
        for line in plan:
            print(f"    {line}")
        print()


if __name__ == "__main__":
    main()
