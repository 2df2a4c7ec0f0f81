"""Concurrent open-week sign-ups (政府开放周, issue 15); run by hand, never in the test suite.

    .venv/bin/python bench/openweek_bench.py                   # SQLite (a temporary file)
    .venv/bin/python bench/openweek_bench.py --db postgres     # PostgreSQL at --pg-url
    .venv/bin/python bench/openweek_bench.py --people 50 --capacity 20 --duplicates 10

``--db postgres`` needs a server whose role may create databases (local: ``pg_ctlcluster 15
main start``, role gongkai/gongkai); it creates ``gk_bench_openweek`` and drops it at the end.

What it does: migrates a fresh database, creates one unit and one published event with
``--capacity`` seats through openweek.services, then ``--people`` threads (each with its own
database connection) start together at a barrier and sign up through ``services.register`` —
the function the public form calls — each with its own phone, and ``--duplicates`` more
threads at the same moment sign up again with a phone already used. A sign-up refused by the
database (SQLite's lock timeout) is retried with the same one-time token, as a browser retry
would. Then, in the database:

- **lost**: every distinct phone has exactly one registration;
- **over-booked**: confirmed registrations ≤ capacity (and = capacity when enough people came);
- **double registrations**: no phone holds two active registrations, and every duplicate got
  the Chinese "already registered" refusal;
- **order**: the confirmed are the first ``capacity`` serials, the waiting list follows.

The machine (bench.common.host) and the numbers are printed as Markdown for
docs/interaction-openweek.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import host  # noqa: E402 - after the path is set

DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/postgres"
PG_DB = "gk_bench_openweek"


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


def _setup(capacity: int) -> Any:
    # local import: Django is set up in main()
    from django.core.management import call_command

    # local import: Django is set up in main()
    from django.utils import timezone

    # local import: Django is set up in main()
    from gongkai.openweek import services

    # local import: Django is set up in main()
    from gongkai.organisations.models import OrganisationKind, Role

    # local import: Django is set up in main()
    from gongkai.testing import make_unit, make_user

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"migrated in {time.perf_counter() - t:.0f} s")
    unit = make_unit("南昌市教育局", kind=OrganisationKind.DEPARTMENT, slug="jyj")
    editor = make_user("bench_editor", roles=[(unit, Role.EDITOR)])
    now = timezone.now()
    starts = now + dt.timedelta(days=7)
    event = services.event_save(
        actor=editor,
        unit=unit,
        fields=services.EventFields(
            title="走进市教育局：招生考试服务开放日",
            description="",
            venue="市教育局一楼大厅",
            address="",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            capacity=capacity,
            registration_opens_at=now - dt.timedelta(days=1),
            registration_closes_at=starts - dt.timedelta(hours=1),
            needs_id=False,
        ),
    )
    return services.event_publish(actor=editor, event=event)


def sign_ups(event: Any, *, people: int, duplicates: int) -> dict[str, Any]:
    # local import: Django is set up in main()
    from django.core.exceptions import ValidationError
    from django.db import OperationalError, connection

    # local import: Django is set up in main()
    from gongkai.openweek import services

    jobs = [(n, f"tok-{n:05d}-a") for n in range(people)]
    jobs += [(n % people, f"tok-{n:05d}-b") for n in range(duplicates)]
    barrier = threading.Barrier(len(jobs))
    lock = threading.Lock()
    created: list[tuple[int, float]] = []
    refused: list[tuple[int, str]] = []
    failures: list[tuple[int, str]] = []
    retries: list[int] = []

    def work(n: int, token: str) -> None:
        barrier.wait()
        try:
            for attempt in range(5):
                t = time.perf_counter()
                try:
                    services.register(
                        event=event,
                        name=f"市民{n}",
                        phone=f"139{n:08d}",
                        key=f"bench:{n}",
                        token=token,
                    )
                except ValidationError as exc:
                    with lock:
                        refused.append((n, exc.code or ""))
                except OperationalError as exc:  # SQLite: database is locked
                    with lock:
                        retries.append(n)
                    if attempt == 4:
                        with lock:
                            failures.append((n, str(exc)))
                    continue
                else:
                    with lock:
                        created.append((n, time.perf_counter() - t))
                break
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "wall": wall,
        "created": created,
        "refused": refused,
        "failures": failures,
        "retries": retries,
    }


def check(event: Any, run: dict[str, Any], *, people: int, duplicates: int) -> dict[str, Any]:
    # local import: Django is set up in main()
    from gongkai.openweek.models import ACTIVE_STATUSES, Registration, RegistrationStatus

    rows = list(Registration.objects.filter(event=event).values("phone", "status", "serial"))
    phones = Counter(r["phone"] for r in rows)
    active = Counter(r["phone"] for r in rows if r["status"] in ACTIVE_STATUSES)
    confirmed = sorted(r["serial"] for r in rows if r["status"] == RegistrationStatus.CONFIRMED)
    waiting = sorted(r["serial"] for r in rows if r["status"] == RegistrationStatus.WAITING)
    capacity = event.capacity
    seconds = [s for _n, s in run["created"]]
    return {
        "sign-ups sent": people + duplicates,
        "registrations stored": len(rows),
        "lost (phones without a registration)": people - len(phones),
        "confirmed / capacity": f"{len(confirmed)} / {capacity}",
        "over-booked": max(0, len(confirmed) - capacity),
        "waiting": len(waiting),
        "double registrations (phones with 2+ active)": sum(1 for c in active.values() if c > 1),
        "duplicates refused (code duplicate)": sum(
            1 for _n, c in run["refused"] if c == "duplicate"
        ),
        "other refusals": sum(1 for _n, c in run["refused"] if c != "duplicate"),
        "failures after 5 tries": len(run["failures"]),
        "retries (lock timeout)": len(run["retries"]),
        "first come first served": confirmed == list(range(1, len(confirmed) + 1))
        and all(w > (confirmed[-1] if confirmed else 0) for w in waiting),
        "wall time (s)": round(run["wall"], 2),
        "sign-up median / max (ms)": (
            f"{statistics.median(seconds) * 1000:.0f} / {max(seconds) * 1000:.0f}"
            if seconds
            else "-"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--duplicates", type=int, default=10)
    parser.add_argument("--capacity", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = _database(args, Path(tmp))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        os.environ.setdefault("GONGKAI_VAR_DIR", tmp)
        # local import: after DATABASE_URL is set
        import django

        django.setup()
        # local import: Django is set up in main()
        from django.db import connection

        try:
            event = _setup(args.capacity)
            log(f"{args.people} people + {args.duplicates} duplicates sign up at once …")
            run = sign_ups(event, people=args.people, duplicates=args.duplicates)
            result = check(event, run, people=args.people, duplicates=args.duplicates)
            vendor = (
                f"SQLite {connection.Database.sqlite_version}"
                if connection.vendor == "sqlite"
                else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 100}"
            )
            connection.close()
        finally:
            _drop_database(args)
    machine = host()
    print(f"\n## Open-week sign-ups, {vendor}\n")
    print(
        f"Machine: {machine['nproc']} cores, {machine['cpu']}, {machine['ram_gib']} GiB, "
        f"{machine['os']}\n"
    )
    print("| measure | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value} |")
    ok = (
        result["lost (phones without a registration)"] == 0
        and result["over-booked"] == 0
        and result["double registrations (phones with 2+ active)"] == 0
        and result["failures after 5 tries"] == 0
    )
    print(f"\nResult: {'PASS' if ok else 'FAIL'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
