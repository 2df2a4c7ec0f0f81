"""Online submissions under concurrent applicants, and the reminder scan over a million cases;
run by hand (issue 5), never in the test suite.

    .venv/bin/python bench/applications_bench.py --db sqlite [--submissions 2000] [--clients 50]
    .venv/bin/python bench/applications_bench.py --db postgres [--servers 2x8,4x4,2x4] [--cases 1000000]
    .venv/bin/python bench/applications_bench.py --db postgres --cases 0     # submissions only
    .venv/bin/python bench/applications_bench.py --db sqlite --snapshot      # the committed tree

It installs nothing; ``--db postgres`` needs a server at ``--pg-url`` whose role may create
databases (it creates ``gk_bench_apps`` and its copies, and drops them at the end).

What it does, in one run:

1. Migrates a fresh template database (a SQLite file in a temporary dir, or the PostgreSQL
   database ``gk_bench_apps_tpl``) and creates one unit with its pages (``jyj``, 南昌市教育局), under
   production-like settings: GONGKAI_ENV=production, DEBUG=0, a random SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1 and ``bench/settings_apps.py``, which raises
   ``GONGKAI["APPLICATION_LIMIT"]`` (every simulated applicant comes from 127.0.0.1; the counter
   is still incremented per submission, as in production) and keeps mail in memory.
2. For each gunicorn configuration of ``--servers`` (``WxT``: ``-w W -k gthread --threads T``):
   copies the template to a fresh database, starts gunicorn on loopback and lets ``--clients``
   threads (Python, ``http.client``, one keep-alive connection each) file ``--submissions``
   applications through the real HTTP path. Each applicant is a new visitor: GET the form (CSRF
   cookie and token, the one-time submission token), POST a valid application of a natural
   person (a different name, ID number and phone each time), follow the redirect to the receipt
   and read the receipt number. Then, in the database: **lost** — every POST answered 302 has
   its case (by its submission token, and by the number its receipt showed) and the number of
   cases equals the number of 302s; **duplicated** — the serials of the unit and year are
   exactly 1..N, numbers and submission tokens are unique, the counter stands at N, each case has
   one ``received`` event.
3. Double submissions (``--doubles``): applicants whose browser sends the same form twice at
   the same moment (a double click on two connections); each pair must file one application,
   and the statuses of both answers and what their redirects lead to are recorded.
4. The reminder scan (``--cases``, default 1,000,000): a fresh database with the 37 demo units
   (a head with an e-mail address in each, an overseer at the city), and ``--cases``
   applications written in bulk (COPY on PostgreSQL, executemany on SQLite) with received dates
   over three years up to today, ~90 % closed, the recent ones open, a few thousand open past
   their deadline; then, in a separate process, ``reminders.run(today=…)`` (first run: sends;
   second run: nothing new to send), ``reminders.overdue_counts(units)`` for all units, the two
   scan queries on their own, EXPLAIN of each, wall time and memory (``ru_maxrss`` of the
   process; tracemalloc peak in a repeated run), the latency of a one-row commit; on SQLite the
   dashboard counts again after ``ANALYZE``, which the application never runs.
5. Writes ``bench/results/applications-<db>[-<tag>].json`` and ``.md`` with the machine.

The load generator runs on the same two cores as the servers and the database, and other
processes on the machine are not stopped: the busy share of the CPUs is recorded per run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import importlib.metadata
import json
import os
import platform
import random
import re
import resource
import secrets
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import host  # noqa: E402 - after the path is set
from bench.pages_bench import (  # noqa: E402 - after the path is set
    CpuMeter,
    _table,
    command_output,
    die_with_parent,
    free_port,
    wait_ready,
)

RESULTS = Path(__file__).resolve().parent / "results"
HOST = "127.0.0.1"
DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/postgres"
PG_DB = "gk_bench_apps"
UNIT_SLUG = "jyj"
APPLY_PATH = f"/ysqgk/apply/{UNIT_SLUG}/"

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_INPUT = re.compile(r'name="submission_token" value="([^"]*)"')
RECEIPT_NUMBER = re.compile(r'id="receipt-number">([^<]+)<')
ERROR_ITEM = re.compile(r'<ul class="errorlist[^"]*"[^>]*>\s*<li>([^<]+)</li>')
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆"
TOPICS = [
    "2025年南昌市义务教育学校划片范围的文件",
    "东湖区老旧小区改造项目的立项批复和资金安排",
    "本市2024年度城乡居民最低生活保障资金发放情况",
    "红谷滩区某地块国有土地使用权出让合同",
    "2025年市教育局部门预算及“三公”经费说明",
    "南昌市中小学校课后服务收费标准的依据文件",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Applicants -----------------------------------------------------------------------------

GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(rng: random.Random) -> str:
    """A valid 18-character resident ID number (GB 11643 check character) from Nanchang."""
    # Nanchang districts and counties whose codes were in force at every birth date drawn
    # (the number carries the area code of the year of birth; python-stdnum checks it).
    area = rng.choice(["360102", "360103", "360104", "360121", "360123", "360124"])
    born = dt.date(1984, 1, 1) + dt.timedelta(days=rng.randrange(365 * 21))
    body = f"{area}{born:%Y%m%d}{rng.randrange(1000):03d}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, GB11643_WEIGHTS, strict=True)) % 11]
    return body + check


def applicant(rng: random.Random, n: int) -> dict[str, str]:
    return {
        "applicant_type": "natural",
        "applicant_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        "id_doc_type": "id_card",
        "id_number": id_number(rng),
        "phone": f"139{rng.randrange(10**8):08d}",
        "email": f"applicant{n}@example.com",
        "address": f"江西省南昌市东湖区八一大道{rng.randrange(1, 999)}号",
        "postcode": "330006",
        "description": f"{rng.choice(TOPICS)}（申请 {n}）",
        "delivery_form": "electronic",
        "delivery_way": "online",
    }


def cookies_from(response: http.client.HTTPResponse) -> dict[str, str]:
    # Set by Django with Secure under GONGKAI_ENV=production; a browser behind the TLS proxy
    # sends them back, so does this jar (the connection to gunicorn is plain HTTP, as nginx's).
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key.strip()] = val.strip()
    return jar


class Client:
    """One applicant's browser: a keep-alive connection, a cookie jar per application."""

    def __init__(self, port: int, timeout: float) -> None:
        self.port = port
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str, dict[str, str]]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: retry once on a new one
                # (before anything was read; a POST is only retried if it was not answered).
                self.close()
                if attempt == 2:
                    raise
                continue
            except Exception:
                self.close()
                raise
            headers_out = {k.lower(): v for k, v in response.getheaders()}
            if response.will_close:
                self.close()
            return response.status, headers_out, text, cookies_from(response)
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class Outcome:
    """One simulated applicant."""

    n: int
    started: float = 0.0
    get_ms: float | None = None
    post_ms: float | None = None
    receipt_ms: float | None = None
    total_ms: float | None = None
    get_status: int | None = None
    post_status: int | None = None
    receipt_status: int | None = None
    token: str = ""
    number: str = ""
    error: str = ""
    double_statuses: list[int] = field(default_factory=list)
    double_receipts: list[int | None] = field(default_factory=list)


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def get_form(client: Client, out: Outcome) -> tuple[dict[str, str], str, str] | None:
    t = time.perf_counter()
    status, _h, html, jar = client.request("GET", APPLY_PATH)
    out.get_ms = (time.perf_counter() - t) * 1000
    out.get_status = status
    csrf, token = CSRF_INPUT.search(html), TOKEN_INPUT.search(html)
    if status != 200 or not csrf or not token or "csrftoken" not in jar:
        out.error = f"form: HTTP {status}"
        return None
    return jar, csrf.group(1), token.group(1)


def post_form(
    client: Client, jar: dict[str, str], csrf: str, token: str, fields: dict[str, str]
) -> tuple[int, dict[str, str], dict[str, str], str]:
    body = urllib.parse.urlencode(
        {**fields, "csrfmiddlewaretoken": csrf, "submission_token": token}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(jar),
        "Origin": f"http://{HOST}:{client.port}",
        "Referer": f"http://{HOST}:{client.port}{APPLY_PATH}",
    }
    status, response_headers, text, new_cookies = client.request("POST", APPLY_PATH, body, headers)
    return status, response_headers, new_cookies, text


def follow(client: Client, location: str, jar: dict[str, str], out: Outcome) -> None:
    parts = urllib.parse.urlsplit(location)
    # Follow the whole Location, as a browser does (the receipt may carry the form's token).
    path = (parts.path + (f"?{parts.query}" if parts.query else "")) or location
    t = time.perf_counter()
    status, _h, html, _c = client.request("GET", path, headers={"Cookie": cookie_header(jar)})
    out.receipt_ms = (time.perf_counter() - t) * 1000
    out.receipt_status = status
    found = RECEIPT_NUMBER.search(html)
    if status == 200 and found:
        out.number = found.group(1).strip()
    elif not out.error:
        out.error = f"receipt: HTTP {status}" + ("" if found else " without a number")


def submit_one(client: Client, rng: random.Random, n: int) -> Outcome:
    """GET the form, POST it, follow the redirect to the receipt."""
    out = Outcome(n=n, started=time.perf_counter())
    try:
        form = get_form(client, out)
        if form is None:
            return out
        jar, csrf, token = form
        out.token = token
        t = time.perf_counter()
        status, headers, new_cookies, text = post_form(client, jar, csrf, token, applicant(rng, n))
        out.post_ms = (time.perf_counter() - t) * 1000
        out.post_status = status
        if status != 302:
            out.error = f"post: HTTP {status}"
            if status == 200:  # the form again, with its errors
                out.error += " " + " ".join(ERROR_ITEM.findall(text))[:120]
            return out
        follow(client, headers.get("location", ""), {**jar, **new_cookies}, out)
    except Exception as exc:
        out.error = f"{type(exc).__name__}: {exc}"[:200]
        client.close()
    finally:
        out.total_ms = (time.perf_counter() - out.started) * 1000
    return out


def double_submit(port: int, timeout: float, rng: random.Random, n: int) -> Outcome:
    """The same form sent twice at the same moment on two connections (a double click)."""
    first, second = Client(port, timeout), Client(port, timeout)
    out = Outcome(n=n, started=time.perf_counter())
    try:
        form = get_form(first, out)
        if form is None:
            return out
        jar, csrf, token = form
        out.token = token
        fields = applicant(rng, n)
        gate = threading.Barrier(2)
        results: list[tuple[int, dict[str, str], dict[str, str], str] | str] = [
            "not sent",
            "not sent",
        ]

        def send(i: int, client: Client) -> None:
            try:
                gate.wait(timeout=10)
                results[i] = post_form(client, jar, csrf, token, fields)
            except Exception as exc:
                results[i] = f"{type(exc).__name__}: {exc}"[:200]

        threads = [
            threading.Thread(target=send, args=(i, c)) for i, c in enumerate((first, second))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        out.double_statuses = [r[0] if isinstance(r, tuple) else 0 for r in results]
        # The pair filed its application if either POST was answered with the redirect.
        out.post_status = 302 if 302 in out.double_statuses else max(out.double_statuses)
        errors = [r for r in results if isinstance(r, str)]
        if errors:
            out.error = errors[0]
        # The receipt of each answer that redirected, in its own session.
        receipts = []
        for result, client in zip(results, (first, second), strict=True):
            if isinstance(result, tuple) and result[0] == 302:
                probe = Outcome(n=n)
                follow(client, result[1].get("location", ""), {**jar, **result[2]}, probe)
                receipts.append((probe.receipt_status, probe.number))
        out.number = next((num for _s, num in receipts if num), "")
        # What each of the two answers led to: the receipt (200 with the number and the code),
        # or the application index (302: the answer that found the case has no receipt).
        out.double_receipts = [status for status, _num in receipts]
        out.receipt_status = receipts[0][0] if receipts else None
        out.error = out.error or ("" if out.number else f"no receipt: {receipts}")
    finally:
        first.close()
        second.close()
        out.total_ms = (time.perf_counter() - out.started) * 1000
    return out


def load(
    port: int, *, clients: int, total: int, timeout: float, seed: int, doubles: bool = False
) -> tuple[list[Outcome], float]:
    """``clients`` threads filing ``total`` applications between them; wall time."""
    counter = iter(range(total))
    lock = threading.Lock()
    outcomes: list[Outcome] = []

    def worker(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        client = Client(port, timeout)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            out = double_submit(port, timeout, rng, n) if doubles else submit_one(client, rng, n)
            with lock:
                outcomes.append(out)
        client.close()

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes, key=lambda o: o.n), time.perf_counter() - started


def percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 1)


def latency(values: list[float | None]) -> dict[str, float | None]:
    clean = [v for v in values if v is not None]
    return {
        "p50_ms": percentile(clean, 50),
        "p95_ms": percentile(clean, 95),
        "p99_ms": percentile(clean, 99),
        "max_ms": round(max(clean), 1) if clean else None,
    }


def count_by(values: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return dict(sorted(counts.items()))


# --- Django side (run in child processes: ``--child <task>``) -------------------------------


def child_setup() -> None:
    """A unit with its pages (the apply form needs its home page)."""
    from gongkai.demo.units import credit_code
    from gongkai.organisations.models import OrganisationKind
    from gongkai.provisioning import services as provisioning_services

    provisioning_services.unit_create(
        actor=None,
        parent=None,
        name="南昌市教育局",
        short_name="市教育局",
        slug=UNIT_SLUG,
        kind=OrganisationKind.GOVERNMENT,
        credit_code=credit_code(7919),
    )
    import gongkai

    emit({"gongkai": str(Path(gongkai.__file__).parent.parent)})


def child_verify(posted_ok: list[str]) -> None:
    """Lost and duplicated cases of the unit, against the tokens answered 302."""
    from django.db.models import Count

    from gongkai.applications.models import Application, ApplicationEvent
    from gongkai.core.models import Sequence
    from gongkai.organisations.models import Organisation

    unit = Organisation.objects.get(slug=UNIT_SLUG)
    cases = Application.objects.filter(organisation=unit)
    rows = list(cases.values_list("year", "serial", "number", "submission_token"))
    per_year: dict[int, list[int]] = {}
    for year, serial, _number, _token in rows:
        per_year.setdefault(year, []).append(serial)
    serials_ok = all(sorted(s) == list(range(1, len(s) + 1)) for s in per_year.values())
    tokens = [t for *_rest, t in rows]
    db_tokens = set(tokens)
    counters = {
        int(s.year): s.last_value
        for s in Sequence.objects.filter(scope="application", key=str(unit.pk))
    }
    events = dict(
        ApplicationEvent.objects.filter(application__organisation=unit, kind="received")
        .values("application")
        .annotate(n=Count("pk"))
        .values_list("application", "n")
    )
    ok_set = set(posted_ok)
    emit(
        {
            "cases": len(rows),
            "years": {str(y): len(s) for y, s in per_year.items()},
            "serials_1_to_n": serials_ok,
            "serial_duplicates": sum(len(s) - len(set(s)) for s in per_year.values()),
            "serial_gaps": sum(max(s) - len(set(s)) for s in per_year.values() if s),
            "number_duplicates": len(rows) - len({r[2] for r in rows}),
            "token_null": sum(t is None for t in tokens),
            "token_duplicates": len(tokens) - len(db_tokens),
            "counter_matches": all(counters.get(y) == len(s) for y, s in per_year.items()),
            "counters": {str(k): v for k, v in counters.items()},
            "cases_without_one_received_event": sum(
                1 for pk in cases.values_list("pk", flat=True) if events.get(pk) != 1
            ),
            "posted_302_without_case": len(ok_set - db_tokens),
            "cases_without_302": len(db_tokens - ok_set),
            "numbers": sorted(r[2] for r in rows),
        }
    )


def child_populate(cases: int, seed: int, today: str) -> None:
    """The 37 demo units with a head each and a city overseer; ``cases`` applications in bulk."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from gongkai.applications.models import Application
    from gongkai.core.models import Sequence
    from gongkai.demo.units import UNITS, credit_code
    from gongkai.organisations import services as org_services
    from gongkai.organisations.models import Organisation, Role

    t0 = time.perf_counter()
    users = get_user_model()
    by_name: dict[str, Organisation] = {}
    with transaction.atomic():
        for i, unit in enumerate(UNITS, start=1):
            existing = Organisation.objects.filter(slug=unit.slug).first()  # the intake unit
            org = existing or org_services.organisation_create(
                actor=None,
                parent=by_name.get(unit.parent) if unit.parent else None,
                name=unit.name,
                short_name=unit.short,
                slug=unit.slug,
                kind=unit.kind,
                credit_code=credit_code(i * 104729),
            )
            by_name[unit.name] = org
            head = users.objects.create_user(
                f"head-{unit.slug}", email=f"head-{unit.slug}@nc.gov.cn"
            )
            org_services.membership_grant(
                actor=None, user=head, organisation=org, role=Role.UNIT_HEAD
            )
        city = by_name[UNITS[0].name]
        overseer = users.objects.create_user("overseer-nc", email="gkb@nc.gov.cn")
        org_services.membership_grant(
            actor=None, user=overseer, organisation=city, role=Role.OVERSEER
        )
    units = [(o.pk, o.slug) for o in by_name.values()]
    setup_s = time.perf_counter() - t0

    columns, rows = generated_cases(cases, units, seed, dt.date.fromisoformat(today))
    t = time.perf_counter()
    table = Application._meta.db_table
    counters: dict[tuple[int, int], int] = {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.connection
                with (
                    raw.cursor() as pg,
                    pg.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
                ):
                    for row in rows(counters):
                        copy.write_row(row)
            else:
                sql = (
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})"
                )
                batch: list[tuple[Any, ...]] = []
                for row in rows(counters):
                    batch.append(row)
                    if len(batch) == 20000:
                        cursor.executemany(sql, batch)
                        batch = []
                cursor.executemany(sql, batch)
        Sequence.objects.bulk_create(
            [
                Sequence(scope="application", key=str(org), year=year, last_value=last)
                for (org, year), last in counters.items()
            ]
        )
    insert_s = time.perf_counter() - t
    t = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {table}")
    analyze_s = time.perf_counter() - t
    emit(
        {
            "units": len(units),
            "setup_s": round(setup_s, 1),
            "insert_s": round(insert_s, 1),
            "analyze_s": round(analyze_s, 1),
            "rows": Application.objects.count(),
        }
    )


OPEN_MIX = [  # open cases by state: mostly being handled
    ("received", 8),
    ("assigned", 60),
    ("correction_requested", 5),
    ("consulting", 5),
    ("fee_pending", 1),
    ("reply_drafted", 12),
    ("legal_review", 4),
    ("approved", 5),
]
OUTCOME_MIX = [
    ("disclosed", 40),
    ("partial", 15),
    ("unavailable.not_held", 20),
    ("refused.internal", 5),
    ("other.no_correction", 5),
    ("other.other", 15),
]


def generated_cases(
    total: int, units: list[tuple[int, str]], seed: int, today: dt.date
) -> tuple[list[str], Any]:
    """Columns and a row generator: received dates spread evenly over three years up to
    ``today``; units weighted (a few busy ones, many quiet ones); a case received within the
    last 30 days is open with 70 % probability, an older one closed (92.5 %), replied and not
    yet closed (7.2 %) or still open past its deadline (0.3 %). The deadline in force is 28
    calendar days (≈ 20 working days) after receipt, 56 when extended (5 %)."""
    from gongkai.applications import outcomes

    known = set(outcomes.BY_CODE)
    outcome_mix = [(c, w) for c, w in OUTCOME_MIX if c in known] or [(next(iter(known)), 1)]
    columns = [
        "organisation_id", "year", "serial", "number", "query_code_digest", "submission_token",
        "applicant_type", "applicant_name", "id_doc_type", "id_number", "credit_code",
        "legal_representative", "contact_person", "phone", "email", "address", "postcode",
        "description", "delivery_form", "delivery_way", "channel", "submitted_at", "received_on",
        "status", "correction_request", "correction_text", "extended", "extension_reason",
        "due_on", "extended_due_on", "current_due_on", "deadline_provisional",
        "deadline_derivation", "outcome", "outcome_basis", "replied_on", "closed_on",
    ]  # fmt: skip
    days = 3 * 365
    start = today - dt.timedelta(days=days - 1)
    weights = [1.0 / (1 + i) ** 0.6 for i in range(len(units))]
    open_states, open_w = zip(*OPEN_MIX, strict=True)
    outcome_codes, outcome_w = zip(*outcome_mix, strict=True)
    digest = "0" * 64

    def rows(counters: dict[tuple[int, int], int]) -> Any:
        rng = random.Random(seed)
        unit_pick = rng.choices(range(len(units)), weights=weights, k=total)
        for j in range(total):
            received = start + dt.timedelta(days=j * days // total)
            org, slug = units[unit_pick[j]]
            key = (org, received.year)
            serial = counters[key] = counters.get(key, 0) + 1
            age = (today - received).days
            extended = rng.random() < 0.05
            due = received + dt.timedelta(days=28)
            current = received + dt.timedelta(days=56) if extended else due
            r = rng.random()
            if age <= 30:
                status = "closed" if r < 0.3 else rng.choices(open_states, open_w)[0]
            else:
                status = "closed" if r < 0.925 else "replied" if r < 0.997 else "assigned"
            replied = closed = None
            outcome = ""
            if status in ("closed", "replied"):
                replied = min(today, received + dt.timedelta(days=rng.randint(3, 27)))
                closed = replied if status == "closed" else None
                outcome = rng.choices(outcome_codes, outcome_w)[0]
            yield (
                org, received.year, serial, f"{slug}-{received.year}-{serial:05d}", digest, None,
                "natural", "申请人", "id_card", "360102198507150013", "", "", "", "13907911234",
                "", "", "", "政府信息公开申请（基准数据）", "electronic", "online", "online",
                dt.datetime.combine(received, dt.time(9, 30), tzinfo=dt.UTC), received,
                status, "", "", extended, "", due, current if extended else None, current,
                False, "[]", outcome, "", replied, closed,
            )  # fmt: skip

    return columns, rows


def child_scan(today: str) -> None:
    """Time and memory of the reminder scan and the dashboard counts; EXPLAIN of both."""
    import gc
    import tracemalloc

    from django.core import mail
    from django.db import connection
    from django.db.models import Q

    from gongkai.applications import reminders
    from gongkai.applications.models import OPEN_STATUSES, Application, Reminder
    from gongkai.organisations.models import Organisation
    from gongkai.workdays.calendar import DatabaseCalendar
    from gongkai.workdays.deadlines import add_workdays

    day = dt.date.fromisoformat(today)
    result: dict[str, Any] = {"today": today}

    def rss_mib() -> float:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    Application.objects.exists()  # connect, load the app
    horizon = add_workdays(DatabaseCalendar(), day, 3)
    soon_q = Application.objects.filter(
        status__in=OPEN_STATUSES, current_due_on__gte=day, current_due_on__lte=horizon
    )
    overdue_q = Application.objects.filter(Q(status__in=OPEN_STATUSES), current_due_on__lt=day)
    units = list(Organisation.objects.all())
    result["data"] = {
        "cases": Application.objects.count(),
        "open": Application.objects.filter(status__in=OPEN_STATUSES).count(),
        "closed": Application.objects.filter(status="closed").count(),
        "replied": Application.objects.filter(status="replied").count(),
        "due_soon": soon_q.count(),
        "overdue": overdue_q.count(),
        "horizon": horizon.isoformat(),
        "units": len(units),
    }
    result["rss_after_setup_mib"] = rss_mib()

    result["scan_queries_ms"], result["scan_queries_rows"] = time_windows(soon_q, overdue_q)

    def timed_run(label: str) -> None:
        mail.outbox = []
        gc.collect()
        t = time.perf_counter()
        stats = reminders.run(today=day)
        seconds = time.perf_counter() - t
        result[label] = {
            "s": round(seconds, 2),
            "due_soon": stats.due_soon,
            "overdue": stats.overdue,
            "mails": len(mail.outbox),
            "rss_mib": rss_mib(),
        }
        log(f"  {label}: {seconds:.2f} s, {stats.due_soon} due soon, {stats.overdue} overdue")

    timed_run("run_first")
    timed_run("run_again")  # every reminder already sent: nothing new

    # Peak Python memory of a full first run (reminders deleted, run again under tracemalloc).
    Reminder.objects.all().delete()
    mail.outbox = []
    gc.collect()
    tracemalloc.start()
    t = time.perf_counter()
    stats = reminders.run(today=day)
    traced_s = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    result["run_traced"] = {
        "s": round(traced_s, 2),
        "due_soon": stats.due_soon,
        "overdue": stats.overdue,
        "tracemalloc_peak_mib": round(peak / 2**20, 1),
    }
    mail.outbox = []

    result["overdue_counts"] = measure_counts(units, day)
    result["rss_end_mib"] = rss_mib()
    result["commit_ms"] = commit_latency()

    result["explain"] = explain_scans(day, horizon, units)
    if connection.vendor == "sqlite":
        result["after_analyze"] = analyze_and_recount(units, day, horizon)
    emit(result)


def commit_latency(n: int = 300) -> float:
    """Median ms of a transaction that updates one row: what each reminder's own transaction
    pays at commit."""
    from django.db import transaction

    from gongkai.core.models import Sequence

    Sequence.objects.create(scope="bench-commit", key="", year=2000)
    timings = []
    for i in range(n):
        t = time.perf_counter()
        with transaction.atomic():
            Sequence.objects.filter(scope="bench-commit").update(last_value=i)
        timings.append((time.perf_counter() - t) * 1000)
    Sequence.objects.filter(scope="bench-commit").delete()
    return round(statistics.median(timings), 2)


def analyze_and_recount(units: list[Any], day: dt.date, horizon: dt.date) -> dict[str, Any]:
    """Nothing in the application runs ANALYZE on SQLite; with statistics the planner may
    choose another index for the dashboard counts."""
    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "analyze_s": round(time.perf_counter() - t, 1),
        "overdue_counts": measure_counts(units, day),
        "explain": explain_scans(day, horizon, units),
    }


def time_windows(soon_q: Any, overdue_q: Any) -> tuple[float, int]:
    """The two scan queries on their own (the ids the windows select): median ms of 5, rows."""
    timings, rows = [], 0
    for _ in range(5):
        t = time.perf_counter()
        rows = len(list(soon_q.values_list("pk", flat=True))) + len(
            list(overdue_q.values_list("pk", flat=True))
        )
        timings.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(timings), 1), rows


def measure_counts(units: list[Any], day: dt.date) -> dict[str, Any]:
    """The city dashboard: open / due soon / overdue per unit, for every unit."""
    import tracemalloc

    from gongkai.applications import reminders

    timings = []
    for _ in range(5):
        t = time.perf_counter()
        counts = reminders.overdue_counts(units, today=day)
        timings.append((time.perf_counter() - t) * 1000)
    tracemalloc.start()
    reminders.overdue_counts(units, today=day)
    counts_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "ms_median": round(statistics.median(timings), 1),
        "ms_all": [round(v, 1) for v in timings],
        "units_with_open_cases": len(counts),
        "totals": {k: sum(c[k] for c in counts.values()) for k in ("open", "soon", "overdue")},
        "tracemalloc_peak_kib": round(counts_peak / 1024, 1),
    }


def explain_scans(day: dt.date, horizon: dt.date, units: list[Any]) -> dict[str, Any]:
    """The plans of the two windows of ``reminders.run`` and of ``overdue_counts``."""
    from django.db import connection
    from django.db.models import Count, Q

    from gongkai.applications.models import OPEN_STATUSES, Application

    soon_q = Application.objects.filter(
        status__in=OPEN_STATUSES, current_due_on__gte=day, current_due_on__lte=horizon
    )
    overdue_q = Application.objects.filter(Q(status__in=OPEN_STATUSES), current_due_on__lt=day)

    def explain(qs: Any) -> dict[str, str]:
        sql, params = qs.query.sql_with_params()
        text = qs.explain(**({"analyze": True} if connection.vendor == "postgresql" else {}))
        return {"sql": sql % tuple(repr(p) for p in params), "plan": text}

    counts_full = (
        Application.objects.filter(organisation__in=units, status__in=OPEN_STATUSES)
        .values("organisation")
        .annotate(
            open=Count("pk"),
            soon=Count("pk", filter=Q(current_due_on__gte=day, current_due_on__lte=horizon)),
            overdue=Count("pk", filter=Q(current_due_on__lt=day)),
        )
    )
    return {
        "due_soon": explain(soon_q.select_related("organisation", "handler")),
        "overdue": explain(overdue_q.select_related("organisation", "handler")),
        "overdue_counts": explain(counts_full),
    }


def emit(data: dict[str, Any]) -> None:
    print("@@" + json.dumps(data, ensure_ascii=False, default=str), flush=True)


def child_main(task: str, payload: str) -> None:
    import django

    django.setup()
    kwargs = json.loads(payload)
    {
        "setup": child_setup,
        "verify": child_verify,
        "populate": child_populate,
        "scan": child_scan,
    }[task](**kwargs)


# --- The benchmark (parent process) ---------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.stack = contextlib.ExitStack()
        self.tmp = Path(tempfile.mkdtemp(prefix="gk-ab-"))
        self.secret = secrets.token_urlsafe(50)
        self.db_version = ""
        self.pg_databases: set[str] = set()
        self.results: dict[str, Any] = {"http": [], "doubles": [], "scan": None}
        self.timings: dict[str, float] = {}
        self.src = ROOT
        self.tree = command_output(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])

    def snapshot(self) -> None:
        """Run the committed tree (``git archive HEAD``) plus these bench files, not the
        working tree, which may hold someone's unfinished work (read-only for git)."""
        src = self.tmp / "src"
        src.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
        for name in ("applications_bench.py", "settings_apps.py"):
            shutil.copyfile(Path(__file__).resolve().parent / name, src / "bench" / name)
        head = command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
        dirty = subprocess.run(  # --no-optional-locks: leaves the index alone
            [
                "git",
                "--no-optional-locks",
                "-C",
                str(ROOT),
                "status",
                "--porcelain",
                "--",
                "gongkai",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        self.tree = f"{head} (git archive HEAD" + (
            "; the working tree's uncommitted changes under gongkai/ not included)"
            if dirty
            else ")"
        )
        self.src = src

    # Environment and processes

    def env(self, db_url: str, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GONGKAI_", "DJANGO_")) and k not in ("DATABASE_URL", "DEBUG")
        }
        env.update(
            GONGKAI_ENV="production",
            DEBUG="0",
            SECRET_KEY=self.secret,
            ALLOWED_HOSTS=HOST,
            GONGKAI_VAR_DIR=str(self.tmp / "var"),
            DATABASE_URL=db_url,
            DJANGO_SETTINGS_MODULE="bench.settings_apps",
            PYTHONPATH=os.pathsep.join(
                [str(self.src), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
            LOG_LEVEL="WARNING",
        )
        env.update(extra)
        return env

    def child(self, db_url: str, task: str, timeout: float = 3600, **kwargs: Any) -> dict[str, Any]:
        done = subprocess.run(
            [
                sys.executable,
                str(self.src / "bench" / Path(__file__).name),
                "--child",
                task,
                json.dumps(kwargs),
            ],
            env=self.env(db_url),
            cwd=self.src,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        for line in done.stdout.splitlines():
            if line.startswith("[") and not line.startswith("@@"):
                print(line, flush=True)
        if done.returncode:
            raise RuntimeError(f"child {task} failed:\n{done.stderr[-4000:]}")
        line = [row for row in done.stdout.splitlines() if row.startswith("@@")][-1]
        return dict(json.loads(line[2:]))

    def migrate(self, db_url: str) -> None:
        t = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "gongkai.cli", "migrate", "--noinput"],
            env=self.env(db_url),
            cwd=self.src,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.timings["migrate_s"] = round(time.monotonic() - t, 1)

    # Databases: a migrated template, copied for each run

    def pg(self) -> Any:
        import psycopg

        return psycopg.connect(self.args.pg_url, autocommit=True)

    def pg_url(self, name: str) -> str:
        return self.args.pg_url.rsplit("/", 1)[0] + "/" + name

    def create_template(self) -> None:
        (self.tmp / "var").mkdir(exist_ok=True)
        if self.args.db == "sqlite":
            self.template = self.tmp / "template.sqlite3"
            self.template_url = f"sqlite:///{self.template}"
            self.db_version = f"SQLite {sqlite3.sqlite_version}"
        else:
            name = f"{PG_DB}_tpl"
            with self.pg() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
                row = conn.execute("SHOW server_version").fetchone()
                self.db_version = f"PostgreSQL {row[0] if row else '?'}"
            self.pg_databases.add(name)
            self.template_url = self.pg_url(name)
        log(f"database: {self.db_version}; migrating the template …")
        self.migrate(self.template_url)
        setup = self.child(self.template_url, "setup")
        self.timings["source"] = setup["gongkai"]
        if self.args.db == "sqlite":  # one file, no WAL left beside it
            with sqlite3.connect(self.template) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("PRAGMA journal_mode=DELETE")
        log(f"template migrated in {self.timings['migrate_s']} s")

    def fresh(self, label: str) -> str:
        """A copy of the template."""
        if self.args.db == "sqlite":
            path = self.tmp / f"{label}.sqlite3"
            shutil.copyfile(self.template, path)
            return f"sqlite:///{path}"
        name = f"{PG_DB}_{label}"
        with self.pg() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{PG_DB}_tpl"')
        self.pg_databases.add(name)
        return self.pg_url(name)

    def drop(self, url: str) -> None:
        if self.args.db == "sqlite":
            path = url.removeprefix("sqlite:///")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        name = url.rsplit("/", 1)[1]
        with self.pg() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.pg_databases.discard(name)

    def drop_all(self) -> None:
        if self.args.db == "postgres":
            with self.pg() as conn:
                for name in sorted(self.pg_databases):
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.pg_databases.clear()

    # gunicorn

    def start_gunicorn(self, db_url: str, workers: int, threads: int) -> tuple[Any, int, Path]:
        port = free_port()
        log_path = self.tmp / f"gunicorn-{workers}x{threads}-{port}.log"
        log_file = log_path.open("wb")
        cmd = [sys.executable, "-m", "gunicorn", "gongkai.wsgi", "-w", str(workers)]
        cmd += ["-k", "gthread", "--threads", str(threads), "-b", f"{HOST}:{port}"]
        cmd += ["--timeout", "120", "--keep-alive", "30"]
        proc = subprocess.Popen(
            cmd,
            env=self.env(db_url),
            cwd=self.src,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,  # noqa: PLW1509 - spawned from the main thread
        )
        log_file.close()
        wait_ready(port, APPLY_PATH, proc)
        return proc, port, log_path

    @staticmethod
    def stop(proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    # 1. Submissions

    def run_submissions(self, workers: int, threads: int, *, doubles: bool = False) -> None:
        a = self.args
        label = f"{'doubles' if doubles else 'http'}_{workers}x{threads}"
        db_url = self.fresh(label)
        proc, port, log_path = self.start_gunicorn(db_url, workers, threads)
        try:
            # Warm-up: every worker process and thread loads its templates (form GETs only, so
            # the database holds exactly the measured submissions).
            self.warm_up(port)
            time.sleep(1.0)
            total = a.doubles if doubles else a.submissions
            log(f"{label}: {total} {'double submissions' if doubles else 'submissions'}, "
                f"{a.clients} clients, gunicorn -w {workers} -k gthread --threads {threads} …")  # fmt: skip
            with CpuMeter() as cpu:
                outcomes, wall = load(port, clients=a.clients, total=total, timeout=a.timeout,
                                      seed=a.seed + workers * 100 + threads, doubles=doubles)  # fmt: skip
        finally:
            self.stop(proc)
        server_log = log_path.read_text(errors="replace")
        verify = self.child(
            db_url,
            "verify",
            posted_ok=[o.token for o in outcomes if o.post_status == 302 and o.token],
        )
        self.drop(db_url)
        result = self.summarise(
            outcomes=outcomes,
            wall=wall,
            verify=verify,
            server_log=server_log,
            cpu=cpu,
            workers=workers,
            threads=threads,
            doubles=doubles,
        )
        self.results["doubles" if doubles else "http"].append(result)
        self.write()

    def warm_up(self, port: int) -> None:
        def get() -> None:
            client = Client(port, self.args.timeout)
            for _ in range(3):
                with contextlib.suppress(Exception):
                    client.request("GET", APPLY_PATH)
            client.close()

        threads = [threading.Thread(target=get) for _ in range(self.args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def summarise(
        self,
        *,
        outcomes: list[Outcome],
        wall: float,
        verify: dict[str, Any],
        server_log: str,
        cpu: CpuMeter,
        workers: int,
        threads: int,
        doubles: bool,
    ) -> dict[str, Any]:
        numbers_db = set(verify.pop("numbers"))
        ok = [o for o in outcomes if o.post_status == 302]
        complete = [o for o in ok if o.number]
        receipt_numbers = [o.number for o in complete]
        checks = {
            **verify,
            "posts_302": len(ok),
            "cases_equal_302s": verify["cases"] == len(ok),
            "receipt_numbers_not_in_db": len(set(receipt_numbers) - numbers_db),
            "receipt_numbers_repeated": len(receipt_numbers) - len(set(receipt_numbers)),
        }
        checks["lost"] = checks["posted_302_without_case"] + checks["receipt_numbers_not_in_db"]
        checks["duplicated"] = (
            checks["serial_duplicates"]
            + checks["number_duplicates"]
            + checks["token_duplicates"]
            + checks["receipt_numbers_repeated"]
        )
        if doubles:  # two POSTs per case: one case per pair with a 302
            pairs_ok = sum(1 for o in outcomes if 302 in o.double_statuses)
            checks["cases_equal_302s"] = verify["cases"] == pairs_ok
            checks["pairs_with_a_302"] = pairs_ok
        checks["ok"] = bool(
            checks["lost"] == 0
            and checks["duplicated"] == 0
            and checks["serials_1_to_n"]
            and checks["counter_matches"]
            and checks["cases_equal_302s"]
            and checks["cases_without_one_received_event"] == 0
            and checks["token_null"] == 0
        )
        errors = [o for o in outcomes if o.error]
        log_lines = server_log.splitlines()
        result = {
            "gunicorn": f"-w {workers} -k gthread --threads {threads}",
            "workers": workers,
            "threads": threads,
            "clients": self.args.clients,
            "attempted": len(outcomes),
            "submitted": len(complete),
            "wall_s": round(wall, 2),
            "submissions_per_s": round(len(complete) / wall, 1) if wall else None,
            "http_requests_per_s": round(
                sum(
                    (o.get_status is not None)
                    + (len(o.double_statuses) or (o.post_status is not None))
                    + (o.receipt_status is not None)
                    for o in outcomes
                )
                / wall,
                1,
            ),
            "latency": {
                "form_get": latency([o.get_ms for o in outcomes]),
                "post": latency([o.post_ms for o in outcomes]),
                "receipt_get": latency([o.receipt_ms for o in outcomes]),
                "whole": latency([o.total_ms for o in complete]),
            },
            "statuses": {
                "form_get": count_by([o.get_status for o in outcomes]),
                "post": count_by(
                    [s for o in outcomes for s in (o.double_statuses or [o.post_status])]
                ),
                "receipt_get": count_by([o.receipt_status for o in outcomes]),
            },
            "errors": len(errors),
            "errors_by_kind": count_by([re.sub(r"\d{3,}", "N", o.error)[:80] for o in errors]),
            "server_log": {
                "database_is_locked": server_log.count("database is locked"),
                "internal_server_error": server_log.count("Internal Server Error"),
                "integrity_error": server_log.count("IntegrityError"),
                "tracebacks": server_log.count("Traceback"),
                "worker_timeouts": server_log.count("WORKER TIMEOUT"),
                "first_error": first_error(log_lines),
            },
            "own_cpu_pct": cpu.own_pct,
            "other_cpu_pct": cpu.other_pct,
            # CPU time of this script's processes (gunicorn, the load generator, SQLite inside
            # gunicorn; not the PostgreSQL server) per application filed.
            "own_cpu_ms_per_submission": round(
                cpu.own_pct / 100 * (os.cpu_count() or 1) * wall * 1000 / len(complete), 1
            )
            if complete
            else None,
            "checks": checks,
        }
        if doubles:
            result["pairs_by_statuses"] = count_by(
                [",".join(map(str, sorted(o.double_statuses))) for o in outcomes]
            )
            result["pairs_by_receipts"] = count_by(
                [",".join(map(str, sorted(map(str, o.double_receipts)))) for o in outcomes]
            )
        log(
            f"  {result['submissions_per_s']} submissions/s ({result['http_requests_per_s']} "
            f"HTTP req/s), POST p50 {result['latency']['post']['p50_ms']} ms p95 "
            f"{result['latency']['post']['p95_ms']} ms, errors {len(errors)} "
            f"{result['errors_by_kind']}; cases {checks['cases']}, lost {checks['lost']}, "
            f"duplicated {checks['duplicated']}, ok={checks['ok']} "
            f"(CPU: ours {cpu.own_pct} %, others {cpu.other_pct} %)"
        )
        return result

    # 2. The reminder scan

    def run_scan(self) -> None:
        a = self.args
        # The application's day (TIME_ZONE Asia/Shanghai), not the machine's.
        today = (a.today or dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()).isoformat()
        db_url = self.fresh("scan")
        log(f"scan: writing {a.cases:,} applications over 37 units …")
        populate = self.child(db_url, "populate", cases=a.cases, seed=a.seed, today=today)
        log(
            f"  written in {populate['insert_s']} s (+ analyze {populate['analyze_s']} s); "
            "scanning in a fresh process …"
        )
        with CpuMeter() as cpu:
            scan = self.child(db_url, "scan", today=today)
        scan["own_cpu_pct"], scan["other_cpu_pct"] = cpu.own_pct, cpu.other_pct
        if self.args.db == "sqlite":
            scan["db_file_mib"] = round(
                Path(db_url.removeprefix("sqlite:///")).stat().st_size / 2**20, 1
            )
        self.drop(db_url)
        self.results["scan"] = {"populate": populate, **scan}
        self.write()

    # Report

    def machine(self) -> dict[str, Any]:
        versions = {
            "python": platform.python_version(),
            "django": importlib.metadata.version("django"),
            "wagtail": importlib.metadata.version("wagtail"),
            "gunicorn": importlib.metadata.version("gunicorn"),
            "psycopg": importlib.metadata.version("psycopg"),
            "database": self.db_version,
        }
        return {
            **host(),
            "versions": versions,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "git": self.tree,
        }

    def write(self) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = f"applications-{self.args.db}" + (f"-{self.args.tag}" if self.args.tag else "")
        a = self.args
        data = {
            "machine": self.machine(),
            "config": {
                "db": a.db,
                "submissions": a.submissions,
                "clients": a.clients,
                "servers": a.servers,
                "doubles": a.doubles,
                "cases": a.cases,
                "settings": "bench.settings_apps (APPLICATION_LIMIT raised, locmem mail)",
                "setup_seconds": self.timings,
            },
            **self.results,
        }
        (RESULTS / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2))
        (RESULTS / f"{name}.md").write_text(render_markdown(data))
        return RESULTS / f"{name}.md"

    def run(self) -> Path:
        with self.stack:
            self.stack.callback(shutil.rmtree, self.tmp, True)
            self.stack.callback(self.drop_all)
            if self.args.snapshot:
                self.snapshot()
            self.create_template()
            for workers, threads in parse_servers(self.args.servers):
                if self.args.submissions:
                    self.run_submissions(workers, threads)
            if self.args.doubles:
                workers, threads = parse_servers(self.args.servers)[0]
                self.run_submissions(workers, threads, doubles=True)
            if self.args.cases:
                self.run_scan()
            return self.write()


def first_error(lines: list[str]) -> list[str]:
    """The first error the server logged, with its traceback (chained exceptions included)."""
    for i, line in enumerate(lines):
        if "ERROR" in line or line.startswith("Traceback") or "Internal Server Error" in line:
            block = [line]
            for row in lines[i + 1 : i + 120]:
                if row.startswith(("[", "Internal Server Error")):  # the next log record
                    break
                block.append(row)
            return block
    return []


def parse_servers(text: str) -> list[tuple[int, int]]:
    return [(int(w), int(t)) for w, t in (part.split("x") for part in text.split(",") if part)]


# --- Markdown -------------------------------------------------------------------------------


def _statuses(cells: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in cells.items()) or "–"


def render_markdown(data: dict[str, Any]) -> str:
    m, c = data["machine"], data["config"]
    v = m["versions"]
    out = [
        f"# Applications: submissions and the reminder scan — {c['db']} ({m['date']})",
        "",
        f"Machine: {m['nproc']} × {m['cpu']}, {m['ram_gib']} GiB RAM, {m['os']}.  ",
        (
            f"Python {v['python']}, Django {v['django']}, Wagtail {v['wagtail']}, gunicorn "
            f"{v['gunicorn']}, psycopg {v['psycopg']}, {v['database']}; tree `{m['git']}`."
        ),
        "",
        (
            "**The load generator (Python threads) runs on the same cores as gunicorn and the "
            "database**, and other processes on the machine were not stopped: the share of all "
            "CPUs they used during each run is shown (others' CPU %)."
        ),
        "",
    ]
    if data["http"]:
        out += [
            f"## Online submissions, {c['clients']} concurrent applicants",
            "",
            (
                "Each applicant: GET the form (CSRF cookie, one-time token), POST a valid "
                "application (natural person, a different name and ID number each time), follow "
                "the redirect to the receipt. A fresh database with one unit per row; "
                "production settings (DEBUG=0) with the submission limit raised. “Our CPU” is "
                "gunicorn and the load generator (and SQLite, inside gunicorn; not the "
                "PostgreSQL server, whose processes count among the others)."
            ),
            "",
        ]
        rows = []
        for r in data["http"]:
            lat = r["latency"]
            rows.append(
                [
                    f"`{r['gunicorn']}`",
                    f"{r['submitted']} / {r['attempted']}",
                    f"**{r['submissions_per_s']}**",
                    r["http_requests_per_s"],
                    f"{lat['post']['p50_ms']} / {lat['post']['p95_ms']}",
                    f"{lat['whole']['p50_ms']} / {lat['whole']['p95_ms']}",
                    f"{lat['form_get']['p50_ms']} / {lat['form_get']['p95_ms']}",
                    f"{r['errors']}"
                    + (f" ({_statuses(r['errors_by_kind'])})" if r["errors"] else ""),
                    r["server_log"]["database_is_locked"],
                    r["checks"]["lost"],
                    r["checks"]["duplicated"],
                    "yes" if r["checks"]["ok"] else "**no**",
                    r["other_cpu_pct"],
                    r.get("own_cpu_ms_per_submission"),
                ]
            )
        out += _table(
            [
                "gunicorn",
                "filed / tried",
                "submissions/s",
                "HTTP req/s",
                "POST p50 / p95 ms",
                "GET+POST+receipt p50 / p95 ms",
                "form GET p50 / p95 ms",
                "errors",
                "“database is locked” in the log",
                "lost",
                "duplicated",
                "checks ok",
                "others' CPU %",
                "our CPU ms / submission",
            ],
            rows,
        )
        out += [
            "",
            "POST statuses: "
            + "; ".join(
                f"`{r['gunicorn']}` {_statuses(r['statuses']['post'])}" for r in data["http"]
            ),
            "",
            (
                "Checks, in the database after each run: every POST answered 302 has its case "
                "(by its submission token) and every receipt number shown exists (**lost**); "
                "the unit's serials for the year are exactly 1..N, numbers and submission tokens "
                "are unique and no receipt number was shown twice (**duplicated**); the number "
                "of cases equals the number of 302s, the counter stands at N, each case has one "
                "`received` event."
            ),
        ]
        for r in data["http"]:
            ch = r["checks"]
            out += [
                "",
                (
                    f"- `{r['gunicorn']}`: {ch['cases']} cases for {ch['posts_302']} POSTs answered "
                    f"302; serials 1..N: {ch['serials_1_to_n']}; serial/number/token duplicates: "
                    f"{ch['serial_duplicates']}/{ch['number_duplicates']}/{ch['token_duplicates']}; "
                    f"302 without a case: {ch['posted_302_without_case']}; cases without a 302: "
                    f"{ch['cases_without_302']}; counter = N: {ch['counter_matches']}; "
                    f"server log: {r['server_log']['internal_server_error']} internal server errors, "
                    f"{r['server_log']['database_is_locked']} “database is locked”, "
                    f"{r['server_log']['integrity_error']} IntegrityError."
                ),
            ]
    if data["doubles"]:
        out += ["", "## Double submissions (the same form POSTed twice at once)", ""]
        for r in data["doubles"]:
            ch = r["checks"]
            out += [
                (
                    f"`{r['gunicorn']}`, {c['clients']} clients, {r['attempted']} pairs: cases "
                    f"{ch['cases']}; pairs by the statuses of their two POSTs: "
                    f"{_statuses(r['pairs_by_statuses'])}; the receipt GETs that followed them "
                    "(200: the receipt with number and query code; 302: sent to the index, no "
                    f"receipt): {_statuses(r.get('pairs_by_receipts', {}))}; pairs without a "
                    "receipt number at all: "
                    f"{r['attempted'] - r['submitted']}; token duplicates {ch['token_duplicates']}; "
                    f"serials 1..N {ch['serials_1_to_n']}; server log: "
                    f"{r['server_log']['internal_server_error']} internal server errors, "
                    f"{r['server_log']['integrity_error']} IntegrityError."
                ),
            ]
    scan = data.get("scan")
    if scan:
        d, p = scan["data"], scan["populate"]
        oc = scan["overdue_counts"]
        out += [
            "",
            f"## The reminder scan over {d['cases']:,} cases",
            "",
            (
                f"{d['units']} units; received dates over three years up to {scan['today']}; "
                f"{d['closed']:,} closed, {d['replied']:,} replied, {d['open']:,} open, of which "
                f"{d['due_soon']:,} due by {d['horizon']} (3 working days) and {d['overdue']:,} "
                f"overdue. Written in {p['insert_s']} s"
                + (
                    f" (+ VACUUM ANALYZE {p['analyze_s']} s)"
                    if c["db"] == "postgres"
                    else " (no ANALYZE: SQLite as the application leaves it)"
                )
                + (f"; database file {scan['db_file_mib']} MiB" if "db_file_mib" in scan else "")
                + ". Measured in a fresh process; a head with an e-mail address in each unit and "
                "an overseer at the city, mail to Django's locmem backend. A transaction that "
                f"writes commits in {scan.get('commit_ms', '?')} ms (median; each reminder is "
                "its own transaction). Other processes used "
                f"{scan.get('other_cpu_pct', '?')} % of all CPUs during the scan"
                + (" (the PostgreSQL server among them)." if c["db"] == "postgres" else ".")
            ),
            "",
        ]
        out += _table(
            ["step", "time", "cases", "memory"],
            [
                [
                    "the two scan queries alone (ids of both windows, median of 5)",
                    f"{scan['scan_queries_ms']} ms",
                    scan["scan_queries_rows"],
                    "",
                ],
                [
                    "`reminders.run(today=…)`, first run (sends)",
                    f"**{scan['run_first']['s']} s**",
                    (
                        f"{scan['run_first']['due_soon']} due soon + {scan['run_first']['overdue']} "
                        f"overdue; {scan['run_first']['mails']} mails"
                    ),
                    (
                        f"max RSS {scan['run_first']['rss_mib']} MiB (process; "
                        f"{scan['rss_after_setup_mib']} MiB before)"
                    ),
                ],
                [
                    "`reminders.run(today=…)`, again the same day (nothing new)",
                    f"{scan['run_again']['s']} s",
                    f"{scan['run_again']['due_soon']} + {scan['run_again']['overdue']}",
                    f"max RSS {scan['run_again']['rss_mib']} MiB",
                ],
                [
                    "first run again under tracemalloc",
                    f"{scan['run_traced']['s']} s",
                    f"{scan['run_traced']['due_soon']} + {scan['run_traced']['overdue']}",
                    f"Python peak **{scan['run_traced']['tracemalloc_peak_mib']} MiB**",
                ],
                [
                    f"`reminders.overdue_counts(units)`, all {d['units']} units (median of 5)",
                    f"**{oc['ms_median']} ms**",
                    (
                        f"{oc['units_with_open_cases']} units: open {oc['totals']['open']:,}, soon "
                        f"{oc['totals']['soon']:,}, overdue {oc['totals']['overdue']:,}"
                    ),
                    f"Python peak {oc['tracemalloc_peak_kib']} KiB",
                ],
            ],
        )
        for key, title in (
            ("due_soon", "due-soon window"),
            ("overdue", "overdue window"),
            ("overdue_counts", "dashboard counts"),
        ):
            e = scan["explain"][key]
            out += ["", f"EXPLAIN, {title}:", "", "```", e["plan"].strip(), "```"]
        after = scan.get("after_analyze")
        if after:
            oc2 = after["overdue_counts"]
            out += [
                "",
                (
                    f"After `ANALYZE` ({after['analyze_s']} s; the application never runs it): "
                    f"`overdue_counts` **{oc2['ms_median']} ms** (median of 5), plan:"
                ),
                "",
                "```",
                after["explain"]["overdue_counts"]["plan"].strip(),
                "```",
            ]
    return "\n".join(out) + "\n"


# --- Command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="a database to connect to")
    parser.add_argument("--submissions", type=int, default=2000, help="per server config; 0: none")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--servers", default="2x8,4x4", help="gunicorn configs WORKERSxTHREADS, comma-separated"
    )
    parser.add_argument("--doubles", type=int, default=200, help="double submissions; 0: none")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per HTTP request")
    parser.add_argument("--cases", type=int, default=1_000_000, help="scan size; 0: no scan")
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, help="the scan's day (default today)"
    )
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="run the committed tree (git archive HEAD) instead of the working tree",
    )
    parser.add_argument("--tag", default="", help="suffix of the result files")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child_main(argv[1], argv[2])
        return
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = Bench(args).run()
    print(report.read_text())
    log(f"written: {report} and {report.with_suffix('.json').name}")


if __name__ == "__main__":
    main()
