"""Concurrent letter submissions (issue 15): zero lost, zero duplicated, gapless numbers; run by
hand, never in the test suite.

    .venv/bin/python bench/letters_bench.py                      # SQLite (a temporary file)
    .venv/bin/python bench/letters_bench.py --db postgres        # PostgreSQL at --pg-url
    .venv/bin/python bench/letters_bench.py --writers 50 --letters 4

``--db postgres`` needs a server whose role may create databases (local: ``pg_ctlcluster 15
main start``, role gongkai/gongkai); it creates ``gk_bench_letters`` and drops it at the end.

What it does:

1. Migrates a fresh database and creates one unit (南昌市教育局).
2. ``--writers`` threads, each with its own database connection, start together at a barrier
   and submit ``--letters`` letters each through ``mailbox.intake_services.letter_submit`` —
   the function the public form (/hdjl/) calls — each with its own one-time form token. Every
   tenth form is sent twice with the same token, the copy queued right behind the first so
   that another thread usually sends it at the same moment (a double click on two
   connections). A submission refused by the database (SQLite's lock timeout) is retried with
   the same token, as a browser retry would.
3. Checks, in the database: **lost** — every token has its letter with the subject sent;
   **duplicated** — as many letters as distinct tokens, both copies of a resubmitted form got
   the same letter (one with a query code, the copy without); **gapless** — the serials of the
   year are exactly 1..n and every number is distinct and formatted from its serial.

The machine (bench.common.host) and the numbers are printed as Markdown for the docs.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import host  # noqa: E402 - after the path is set

DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/postgres"
PG_DB = "gk_bench_letters"


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
    # local import: Django is set up in main()
    from django.core.management import call_command

    # local import: Django is set up in main()
    from gongkai.testing import make_unit

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"migrated in {time.perf_counter() - t:.0f} s")
    return make_unit("南昌市教育局", slug="jyj")


def subject_of(i: int) -> str:
    return f"关于第{i}号学区划分的咨询"


def writers(unit: Any, *, threads: int, letters: int) -> dict[str, Any]:
    # local import: Django is set up in main()
    from django.db import OperationalError, connection

    # local import: Django is set up in main(); mbpub's module (docs/interaction-mailbox-stats.md)
    from gongkai.mailbox.intake_services import letter_submit

    # local import: Django is set up in main()
    from gongkai.mailbox.models import Channel

    total = threads * letters
    work: queue.Queue[tuple[int, str]] = queue.Queue()
    resubmitted = set()
    for i in range(total):
        work.put((i, f"bench-{i:06d}"))
        if i % 10 == 0:
            work.put((i, f"bench-{i:06d}"))  # the same form again, right behind
            resubmitted.add(i)
    results: list[tuple[int, int, bool, float]] = []  # (i, letter pk, got a code, seconds)
    retries: list[int] = []
    failures: list[tuple[int, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

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
                        letter, code = letter_submit(
                            channel=Channel.CONSULT,
                            unit=unit,
                            category=None,
                            subject=subject_of(i),
                            body="孩子明年入学，请问所在小区属于哪所小学的学区？",
                            name=f"市民{i}",
                            phone="13800000000",
                            email="",
                            address="",
                            consent_publish=i % 2 == 0,
                            attachments=[],
                            token=token,
                            submitter_key=f"bench:{i}",
                        )
                    except OperationalError as exc:  # SQLite: database is locked
                        with lock:
                            retries.append(i)
                        if attempt == 4:
                            with lock:
                                failures.append((i, str(exc)))
                        continue
                    except Exception as exc:  # counted and reported, not a dead thread
                        with lock:
                            failures.append((i, repr(exc)))
                        break
                    with lock:
                        results.append((i, letter.pk, code is not None, time.perf_counter() - t))
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
        "writers": threads,
        **_check(results, resubmitted, total),
        "retries_after_lock": len(retries),
        "failed": len(failures),
        "first_failure": failures[0][1][:200] if failures else "",
        "wall_s": round(wall, 2),
        "letters_per_s": round(len(results) / wall, 1),
    }


def _check(
    results: list[tuple[int, int, bool, float]], resubmitted: set[int], total: int
) -> dict[str, Any]:
    """Lost, duplicated and gaps, from the database."""
    # local import: Django is set up in main()
    from gongkai.mailbox.models import Letter

    stored = {
        t: (pk, subject, year, serial, number)
        for t, pk, subject, year, serial, number in Letter.objects.filter(
            submission_token__startswith="bench-"
        ).values_list("submission_token", "pk", "subject", "year", "serial", "number")
    }
    answered = {i for i, _pk, _code, _s in results}
    lost = [i for i in range(total) if stored.get(f"bench-{i:06d}", (0, ""))[1] != subject_of(i)]
    rows = Letter.objects.filter(submission_token__startswith="bench-").count()
    by_item: dict[int, list[tuple[int, bool]]] = {}
    for i, pk, code, _s in results:
        by_item.setdefault(i, []).append((pk, code))
    bad_resubmits = [
        i
        for i in resubmitted
        if len({pk for pk, _c in by_item.get(i, [])}) != 1
        or sorted(c for _pk, c in by_item.get(i, [])) != [False, True]
    ]
    coded = sum(1 for _i, _pk, code, _s in results if code)
    years = {year for _pk, _s, year, _serial, _n in stored.values()}
    serials = sorted(serial for _pk, _s, _y, serial, _n in stored.values())
    numbers = [n for _pk, _s, _y, _serial, n in stored.values()]
    latencies = sorted(s for _i, _pk, _c, s in results)
    return {
        "submissions": total + len(resubmitted),
        "forms": total,
        "resubmitted_forms": len(resubmitted),
        "answered": len(results),
        "with_query_code": coded,
        "letters_stored": rows,
        "forms_unanswered": total - len(answered),
        "lost": len(lost),
        "duplicated": rows - len(stored) + max(coded - len(stored), 0),
        "resubmits_not_single": len(bad_resubmits),
        "years": sorted(years),
        "gapless": serials == list(range(1, len(serials) + 1)),
        "distinct_numbers": len(set(numbers)) == len(numbers),
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "latency_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1)
        if latencies
        else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--letters", type=int, default=4, help="forms submitted per writer")
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
            unit = _setup()
            log(f"{args.writers} writers × {args.letters} forms …")
            result = writers(unit, threads=args.writers, letters=args.letters)
            vendor = (
                f"SQLite {connection.Database.sqlite_version}"
                if connection.vendor == "sqlite"
                else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 100}"
            )
            connection.close()
        finally:
            _drop_database(args)

    print(f"\n### Concurrent letters — {vendor}\n")
    print(f"Machine: {host()}\n")
    print("| measure | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value} |")
    ok = (
        result["lost"] == 0
        and result["duplicated"] == 0
        and result["resubmits_not_single"] == 0
        and result["gapless"]
        and result["distinct_numbers"]
        and result["forms_unanswered"] == 0
    )
    print(f"\n{'PASS' if ok else 'FAIL'}: zero lost, zero duplicated, gapless numbering")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
