"""The annual report's computation for a whole city (issue 6), run by hand, never in the test suite.

    .venv/bin/python bench/report_bench.py --db sqlite   [--cases 1000000] [--repeat 7]
    .venv/bin/python bench/report_bench.py --db postgres [--cases 1000000] [--repeat 7]

Target: ``compute.compute(city, 2025, subtree=True)`` within 2× of the *floor*, one hand-written
GROUP BY statement computing table 三 over the same rows in one pass.

What it does, in one run:

1. A fresh database: a SQLite file (``--sqlite``, default ``bench/results/report-bench.sqlite3``,
   ignored by git) or the PostgreSQL database ``--pg-db`` (default ``gk_bench_report``, dropped and
   created on the server of ``--pg-url``), migrated; a city of ``--units`` (200) units made with
   ``organisations.services.organisation_create`` (南昌市人民政府, 46 city departments, 9 districts and
   counties with 8 departments and 8 streets or townships each; no Wagtail pages: table 三 and 四
   do not read them, table 二 finds no documents); ``--cases`` applications received 2023–2025,
   written in bulk (COPY on PostgreSQL, executemany in one transaction on SQLite) as of
   ``AS_OF`` (20 January 2026, when the 2025 reports are written): units weighted (a few busy ones,
   many quiet ones), 88 % natural persons, ~90 % closed with an outcome of each of the 21 rows,
   replies after 2–60 days (5 % extended), some replied and not closed, cases ended without a
   reply (其他处理: closed_on only), some closed without an outcome, the recent ones open; and
   ~3,000 Appeal rows. PostgreSQL gets VACUUM ANALYZE (autovacuum would); SQLite is left as the
   application leaves it (no ANALYZE) and measured again after ANALYZE.
2. In a fresh process (so that its memory is the computation's), waiting until no other benchmark
   runs: the first call and the median of ``--repeat`` warm calls of ``compute.compute(city,
   subtree=True)``, ``compute.table_3`` alone for the city's 200 ids, the **floor**, the **alt**
   (the proposed single-statement table 三, below), ``compute.totals_by_unit`` and its alt,
   ``compute.charts(city)``, and ``compute.compute(unit)`` with its floor for the busiest unit.
   The floor's and the alt's tables are asserted equal to ``compute.table_3``'s (and 一 + 二 =
   （七）总计 + 四 in every column). EXPLAIN (ANALYZE, BUFFERS on PostgreSQL; QUERY PLAN on SQLite) of
   every statement; max RSS and the tracemalloc peak of the city's computation; the CPU other
   processes used meanwhile.
3. Writes ``bench/results/report-<db>[-<tag>].json`` and ``.md`` with the machine, then drops the
   database (``--keep`` keeps it; ``--reuse`` measures a database kept by an earlier run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import importlib.metadata
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import host, statement_log  # noqa: E402 - after the path is set

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/postgres"
YEAR = 2025
AS_OF = dt.date(2026, 1, 20)  # the day the 2025 reports are computed
OTHER_BENCHMARKS = r"applications_bench|search_bench|pages_bench|checker_bench|gunicorn"


def log(message: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {message}", flush=True)


# --- The city ------------------------------------------------------------------------------------

CITY = "南昌市人民政府"
CITY_DEPARTMENTS = [
    "人民政府办公室", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "民族宗教事务局",
    "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局",
    "住房和城乡建设局", "城市管理和综合执法局", "交通运输局", "水利局", "农业农村局", "商务局",
    "文化广电新闻出版旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
    "人民政府国有资产监督管理委员会", "市场监督管理局", "体育局", "统计局", "医疗保障局",
    "林业局", "行政审批局", "信访局", "机关事务管理局", "地方金融监督管理局", "数据局",
    "住房保障和房产管理局", "园林绿化局", "公共资源交易中心", "住房公积金管理中心", "人民防空办公室",
    "粮食和物资储备局", "口岸办公室", "投资促进局", "乡村振兴局", "城市更新局", "轨道交通集团",
]  # fmt: skip
DISTRICTS = [
    ("东湖区", "dh"), ("西湖区", "xh"), ("青云谱区", "qyp"), ("青山湖区", "qsh"), ("新建区", "xj"),
    ("红谷滩区", "hgt"), ("南昌县", "ncx"), ("进贤县", "jx"), ("安义县", "ay"),
]  # fmt: skip
DISTRICT_DEPARTMENTS = [
    "教育局", "民政局", "财政局", "人力资源和社会保障局", "住房和城乡建设局", "卫生健康委员会",
    "市场监督管理局", "城市管理局",
]  # fmt: skip
STREETS = 8


def create_city() -> list[tuple[int, str]]:
    """The city's units as (pk, slug), the city first: 1 + 46 + 9 × (1 + 8 + 8) = 200."""
    from gongkai.demo.units import credit_code
    from gongkai.organisations import services as org_services
    from gongkai.organisations.models import OrganisationKind as K

    made: list[tuple[int, str]] = []
    serial = iter(range(1, 10_000))

    def create(parent: Any, name: str, slug: str, kind: str) -> Any:
        org = org_services.organisation_create(
            actor=None,
            parent=parent,
            name=name,
            short_name=name[:40],
            slug=slug,
            kind=kind,
            credit_code=credit_code(next(serial) * 7919),
        )
        made.append((org.pk, slug))
        return org

    city = create(None, CITY, "nc", K.GOVERNMENT)
    for i, name in enumerate(CITY_DEPARTMENTS):
        create(city, "南昌市" + name, f"nc-d{i:02d}", K.DEPARTMENT)
    for district, code in DISTRICTS:
        gov = create(city, f"南昌市{district}人民政府", code, K.GOVERNMENT)
        for i, name in enumerate(DISTRICT_DEPARTMENTS):
            create(gov, f"南昌市{district}{name}", f"{code}-d{i}", K.DEPARTMENT)
        for i in range(STREETS):
            kind = K.STREET if district.endswith("区") else K.TOWNSHIP
            label = "街道办事处" if kind == K.STREET else "镇人民政府"
            create(gov, f"南昌市{district}第{i + 1}{label}", f"{code}-s{i}", kind)
    return made


# --- The cases -----------------------------------------------------------------------------------

APPLICANT_MIX = [
    ("natural", 880), ("commercial", 60), ("research", 5), ("public_interest", 5),
    ("legal_service", 20), ("other", 30),
]  # fmt: skip
# Outcomes of replied cases (其他处理 1 and 2 end without a reply: closed_on only).
REPLY_MIX = [
    ("disclosed", 380), ("partial", 120), ("refused.state_secret", 2), ("refused.prohibited", 3),
    ("refused.security", 3), ("refused.third_party", 10), ("refused.internal", 25),
    ("refused.process", 25), ("refused.enforcement", 10), ("refused.query", 15),
    ("unavailable.not_held", 220), ("unavailable.needs_creation", 30), ("unavailable.unclear", 15),
    ("not_processed.petition", 30), ("not_processed.repeat", 20),
    ("not_processed.publication", 3), ("not_processed.excessive", 5), ("not_processed.confirm", 8),
    ("other.other", 50),
]  # fmt: skip
OPEN_MIX = [
    ("received", 8), ("assigned", 60), ("correction_requested", 5), ("consulting", 5),
    ("fee_pending", 1), ("reply_drafted", 12), ("legal_review", 4), ("approved", 5),
]  # fmt: skip
YEAR_SHARE = {2023: 0.30, 2024: 0.33, 2025: 0.37}
COLUMNS = [
    "organisation_id", "year", "serial", "number", "query_code_digest", "submission_token",
    "applicant_type", "applicant_name", "id_doc_type", "id_number", "credit_code",
    "legal_representative", "contact_person", "phone", "email", "address", "postcode",
    "description", "delivery_form", "delivery_way", "channel", "submitted_at", "received_on",
    "status", "correction_request", "correction_text", "extended", "extension_reason",
    "due_on", "extended_due_on", "current_due_on", "deadline_provisional",
    "deadline_derivation", "outcome", "outcome_basis", "replied_on", "closed_on",
]  # fmt: skip


def received_dates(total: int, rng: random.Random) -> list[dt.date]:
    """``total`` receipt days over 2023–2025, in order: YEAR_SHARE per year, weekends at 15 %."""
    days: list[dt.date] = []
    weights: list[float] = []
    for year, share in YEAR_SHARE.items():
        first = dt.date(year, 1, 1)
        span = [first + dt.timedelta(days=k) for k in range((dt.date(year + 1, 1, 1) - first).days)]
        w = [0.15 if d.weekday() >= 5 else 1.0 for d in span]
        scale = share / sum(w)
        days += span
        weights += [x * scale for x in w]
    return sorted(rng.choices(days, weights=weights, k=total))


def generated_cases(total: int, units: list[tuple[int, str]], seed: int) -> Iterator[tuple]:
    """The rows of COLUMNS, received in date order; a unit's cases spread over the table."""
    rng = random.Random(seed)
    # A few busy units, many quiet ones: the city's departments first (自然资源, 住建 …), then the
    # district governments and departments, then streets and townships; shuffled within a level.
    levels: dict[int, list[int]] = {}
    for k, (_pk, slug) in enumerate(units):
        level = 0 if slug == "nc" or slug.startswith("nc-d") else 1 if "-s" not in slug else 2
        levels.setdefault(level, []).append(k)
    order = []
    for level in sorted(levels):
        rng.shuffle(levels[level])
        order += levels[level]
    unit_weights = [0.0] * len(units)
    for rank, k in enumerate(order):
        unit_weights[k] = 1.0 / (1 + rank) ** 0.8
    picks = rng.choices(range(len(units)), weights=unit_weights, k=total)
    types, type_w = zip(*APPLICANT_MIX, strict=True)
    replies, reply_w = zip(*REPLY_MIX, strict=True)
    opens, open_w = zip(*OPEN_MIX, strict=True)
    counters: dict[tuple[int, int], int] = {}
    digest = "0" * 64
    for j, received in enumerate(received_dates(total, rng)):
        org, slug = units[picks[j]]
        serial = counters[org, received.year] = counters.get((org, received.year), 0) + 1
        extended = rng.random() < 0.05
        due = received + dt.timedelta(days=28)
        current = received + dt.timedelta(days=56) if extended else due
        # Days to the answer: mostly within 20 working days, longer when extended, a few late.
        if extended:
            took = rng.randint(25, 56)
        else:
            took = int(rng.triangular(2, 32, 12)) if rng.random() < 0.98 else rng.randint(29, 60)
        answered = received + dt.timedelta(days=took)
        r = rng.random()
        status, outcome, replied, closed = "assigned", "", None, None
        if r < 0.003 or answered > AS_OF:  # stuck: still open whatever its age
            status = rng.choices(opens, open_w)[0]
        elif r < 0.045:  # ended without a reply (其他处理 1/2): closed_on only
            status, closed = "closed", answered
            outcome = "other.no_correction" if r < 0.035 else "other.fee_unpaid"
        elif r < 0.046:  # closed without an outcome (e.g. imported without one): never answered
            status, closed = "closed", answered
        elif r < 0.10:  # replied, not closed yet
            status, replied = "replied", answered
            outcome = rng.choices(replies, reply_w)[0]
        else:  # replied, then closed a few days later
            status, replied = "closed", answered
            closed = min(AS_OF, answered + dt.timedelta(days=rng.randint(0, 6)))
            outcome = rng.choices(replies, reply_w)[0]
        applicant_type = rng.choices(types, type_w)[0]
        yield (
            org, received.year, serial, f"{slug}-{received.year}-{serial:06d}", digest, None,
            applicant_type, "申请人", "id_card", "360102198507150013", "", "", "", "13907911234",
            "", "", "", "政府信息公开申请（基准数据）", "electronic", "online", "online",
            dt.datetime.combine(received, dt.time(9, 30), tzinfo=dt.UTC), received,
            status, "", "", extended, "", due, current if extended else None, current,
            False, "[]", outcome, "", replied, closed,
        )  # fmt: skip


def insert_cases(total: int, units: list[tuple[int, str]], seed: int) -> dict[str, float]:
    from django.db import connection, transaction

    from gongkai.applications.models import Application

    table = Application._meta.db_table
    t = time.perf_counter()
    rows = generated_cases(total, units, seed)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                cursor.connection.cursor() as pg,
                pg.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            sql = (
                f"INSERT INTO {table} ({', '.join(COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in COLUMNS)})"
            )
            batch: list[tuple] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 10_000:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)
    return {"cases_s": time.perf_counter() - t}


def insert_appeals(units: list[tuple[int, str]], seed: int) -> int:
    """About 1,000 reconsiderations and lawsuits a year, a third linked to a case."""
    from gongkai.applications.models import Appeal, Application

    rng = random.Random(seed + 1)
    first, last = (
        Application.objects.order_by("pk").values_list("pk", flat=True).first(),
        Application.objects.order_by("-pk").values_list("pk", flat=True).first(),
    )
    kinds = [("reconsideration", 70), ("direct_suit", 18), ("suit_after_reconsideration", 12)]
    results = [("upheld", 60), ("corrected", 12), ("other", 18), ("pending", 10)]
    appeals = []
    for year in YEAR_SHARE:
        for _ in range(rng.randint(950, 1050)):
            filed = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            result = rng.choices(*zip(*results, strict=True))[0]
            appeals.append(
                Appeal(
                    organisation_id=rng.choice(units)[0],
                    application_id=rng.randint(first, last) if rng.random() < 0.33 else None,
                    year=year,
                    kind=rng.choices(*zip(*kinds, strict=True))[0],
                    result=result,
                    filed_on=filed,
                    decided_on=None if result == "pending" else filed + dt.timedelta(days=60),
                )
            )
    Appeal.objects.bulk_create(appeals, batch_size=10_000)
    return len(appeals)


def child_build(cases: int, seed: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from gongkai.applications.models import Application

    timings: dict[str, float] = {}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate_s"] = time.perf_counter() - t
    t = time.perf_counter()
    units = create_city()
    timings["units_s"] = time.perf_counter() - t
    log(f"  {len(units)} units in {timings['units_s']:.1f} s; writing {cases:,} cases")
    timings.update(insert_cases(cases, units, seed))
    log(f"  cases written in {timings['cases_s']:.1f} s")
    t = time.perf_counter()
    appeals = insert_appeals(units, seed)
    timings["appeals_s"] = time.perf_counter() - t
    t = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    timings["analyze_s"] = time.perf_counter() - t
    return {
        "units": len(units),
        "cases": Application.objects.count(),
        "appeals": appeals,
        "timings_s": {k: round(v, 1) for k, v in timings.items()},
        "db_size_mib": db_size_mib(),
    }


def db_size_mib() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return round(cursor.fetchone()[0] / 2**20, 1)
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return round(pages * cursor.fetchone()[0] / 2**20, 1)


# --- The floor and the proposed single-statement version ---------------------------------------

ANSWERED_SQL = "(a.status IN ('replied', 'closed') AND a.outcome <> '')"
ANSWERED_ON_SQL = "COALESCE(a.replied_on, a.closed_on)"


def floor_sql(n_ids: int) -> str:
    """Table 三 in one pass over the units' cases received by 31 December: one row per
    (applicant type, outcome) with 一, 二, 三 and 四 as filtered counts. Grouping by the two plain
    columns lets the planner estimate ~130 groups and hash them. Parameters: floor_params."""
    ids = ", ".join(["%s"] * n_ids)
    # Every answered case has its answer day (replied_on or closed_on), so "answered before d"
    # is simply ANSWERED AND ANSWERED_ON < d.
    return f"""
SELECT a.applicant_type, a.outcome,
       COUNT(*) FILTER (WHERE a.received_on >= %s) AS new,
       COUNT(*) FILTER (WHERE a.received_on < %s
                        AND NOT ({ANSWERED_SQL} AND {ANSWERED_ON_SQL} < %s)) AS carried_in,
       COUNT(*) FILTER (WHERE {ANSWERED_SQL} AND {ANSWERED_ON_SQL} BETWEEN %s AND %s) AS answered,
       COUNT(*) FILTER (WHERE NOT ({ANSWERED_SQL} AND {ANSWERED_ON_SQL} <= %s)) AS carried_out
FROM applications_application a
WHERE a.organisation_id IN ({ids}) AND a.received_on <= %s
GROUP BY a.applicant_type, a.outcome
"""


def floor_params(ids: list[int], year: int) -> list[Any]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return [start, start, start, start, end, end, *ids, end]


def rows_to_table(rows: Any) -> dict[str, Any]:
    """The labels.py shape from rows (applicant type, outcome, new, carried in, answered in the
    year, carried out)."""
    from gongkai.reports import labels as L

    table = L.empty_t3()
    for applicant_type, outcome, new, carried_in, answered, carried_out in rows:
        col = L.APPLICANT_COLUMN[applicant_type]
        table[L.NEW][col] += new
        table[L.CARRIED_IN][col] += carried_in
        table[L.CARRIED_OUT][col] += carried_out
        if answered:
            group, item = L.outcome_cell(outcome)
            cell = table[L.RESULTS][group][item] if item else table[L.RESULTS][group]
            cell[col] += answered
            table[L.RESULTS][L.RESULTS_TOTAL][col] += answered
    for path in L.t3_rows():
        cell = L.t3_cell(table, path)
        cell[L.TOTAL] = sum(cell[c] for c in L.APPLICANT_COLUMNS)
    return table


def floor(ids: list[int], year: int) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(floor_sql(len(ids)), floor_params(ids, year))
        return rows_to_table(cursor.fetchall())


def alt_table_3(ids: list[int], year: int) -> dict[str, Any]:
    """The proposed single-GROUP-BY table 三, measured beside the four-statement form before
    commit 984318d; it is now compute.table_3 itself (kept so that runs stay comparable)."""
    from gongkai.reports.compute import table_3

    return table_3(ids, year)


def alt_totals_by_unit(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Likewise, the one-GROUP-BY totals: now compute.totals_by_unit."""
    from gongkai.reports.compute import totals_by_unit

    return totals_by_unit(ids, year)


# --- Measuring -----------------------------------------------------------------------------------


IN_LIST = re.compile(r"IN \((?:(?:%s|\?|\d+), ){10,}(?:%s|\?|\d+)\)")


def short_sql(sql: str) -> str:
    """The SQL with its long IN list of unit ids shortened and the table's name dropped from
    its columns."""
    sql = sql.replace('"applications_application".', "")
    return IN_LIST.sub(lambda m: f"IN (<{m.group(0).count(',') + 1} unit ids>)", sql)


def explain(sql: str, params: list[Any]) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return "\n".join(r[0] for r in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(str(c) for c in r) for r in cursor.fetchall())


class Load:
    """CPU used by other processes while measuring (this process and its PostgreSQL backend
    excluded), from /proc/stat."""

    def __init__(self) -> None:
        from django.db import connection

        self.backend = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend = cursor.fetchone()[0]
        self.start = self._sample()

    def _sample(self) -> tuple[float, float, float]:
        tick = os.sysconf("SC_CLK_TCK")
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = (sum(fields[:8]) - fields[3] - fields[4]) / tick
        own = sum(os.times()[:2])
        if self.backend:
            stat = Path(f"/proc/{self.backend}/stat").read_text().rsplit(")", 1)[1].split()
            own += (int(stat[11]) + int(stat[12])) / tick
        return time.perf_counter(), busy, own

    def report(self) -> dict[str, float]:
        end = self._sample()
        wall = end[0] - self.start[0]
        return {
            "wall_s": round(wall, 1),
            "other_processes_cores": round(
                (end[1] - self.start[1] - (end[2] - self.start[2])) / wall, 2
            ),
            "this_benchmark_cores": round((end[2] - self.start[2]) / wall, 2),
        }


def rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def check_t3(table: dict[str, Any]) -> None:
    """一 + 二 = （七）总计 + 四 in every column."""
    from gongkai.reports import labels as L

    for col in L.COLUMNS:
        left = table[L.NEW][col] + table[L.CARRIED_IN][col]
        right = table[L.RESULTS][L.RESULTS_TOTAL][col] + table[L.CARRIED_OUT][col]
        assert left == right, (col, left, right)


COVERING_INDEX = (
    "CREATE INDEX bench_application_report ON applications_application "
    "(organisation_id, received_on, applicant_type, status, outcome, replied_on, closed_on)"
)
COVER_TARGETS = (
    "table_3_city", "floor_city", "alt_table_3_city", "totals_by_unit", "alt_totals_by_unit",
    "compute_unit", "floor_unit", "alt_table_3_unit",
)  # fmt: skip


def child_measure(repeat: int, label: str, cover: bool = False) -> dict[str, Any]:  # noqa: PLR0915 - one measured run, in order
    import gc
    import tracemalloc

    from django.db import connection
    from django.db.models import Count

    from gongkai.applications.models import Application
    from gongkai.organisations.models import Organisation
    from gongkai.reports import compute
    from gongkai.reports import labels as L

    result: dict[str, Any] = {"label": label}
    if cover:
        # The proposed index (not in the models): every column table 三 reads, after the two
        # of application_org_received, so the rows are counted from the index alone.
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(COVERING_INDEX)
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE applications_application")
        result["index_s"] = round(time.perf_counter() - t, 1)
        result["index_sql"] = COVERING_INDEX
    t = time.perf_counter()
    city = Organisation.objects.get(slug="nc")
    connect_ms = (time.perf_counter() - t) * 1000
    ids = compute.unit_ids(city, True)
    busiest_id = (
        Application.objects.values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("organisation_id", flat=True)[0]
    )
    unit = Organisation.objects.get(pk=busiest_id)
    result["rss_before_mib"] = rss_mib()
    data = {
        "cases": Application.objects.count(),
        "city_units": len(ids),
        "connect_ms": round(connect_ms, 1),
        "unit": unit.name,
        "unit_cases": Application.objects.filter(organisation=unit).count(),
        "unit_cases_received_by_end": Application.objects.filter(
            organisation=unit, received_on__lte=dt.date(YEAR, 12, 31)
        ).count(),
    }
    result["data"] = data

    targets: dict[str, Callable[[], Any]] = {
        "compute_city": lambda: compute.compute(city, YEAR, subtree=True),
        "table_3_city": lambda: compute.table_3(ids, YEAR),
        "floor_city": lambda: floor(ids, YEAR),
        "alt_table_3_city": lambda: alt_table_3(ids, YEAR),
        "table_2_city": lambda: compute.table_2(ids, YEAR),
        "table_4_city": lambda: compute.table_4(ids, YEAR),
        "totals_by_unit": lambda: compute.totals_by_unit(ids, YEAR),
        "alt_totals_by_unit": lambda: alt_totals_by_unit(ids, YEAR),
        "charts_city": lambda: compute.charts(city, YEAR, subtree=True),
        "compute_unit": lambda: compute.compute(unit, YEAR),
        "floor_unit": lambda: floor([unit.pk], YEAR),
        "alt_table_3_unit": lambda: alt_table_3([unit.pk], YEAR),
    }
    if cover:
        targets = {k: v for k, v in targets.items() if k in COVER_TARGETS}
    load = Load()
    timings: dict[str, list[float]] = {k: [] for k in targets}
    statements: dict[str, list[tuple[str, list[Any], float]]] = {}
    values: dict[str, Any] = {}
    # First calls, in a fresh process (the database's cache is whatever the build left).
    for name, fn in targets.items():
        gc.collect()
        with statement_log() as stmts:
            t = time.perf_counter()
            values[name] = fn()
            timings[name].append((time.perf_counter() - t) * 1000)
        statements[name] = stmts
    for _ in range(repeat):
        for name, fn in targets.items():
            gc.collect()
            t = time.perf_counter()
            fn()
            timings[name].append((time.perf_counter() - t) * 1000)
    result["load"] = load.report()
    result["timings_ms"] = {
        name: {
            "first": round(ms[0], 1),
            "median": round(statistics.median(ms[1:]), 1),
            "min": round(min(ms[1:]), 1),
            "max": round(max(ms[1:]), 1),
            "all": [round(v, 1) for v in ms[1:]],
            "statements": len(statements[name]),
            "sql_ms_first": round(sum(s[2] for s in statements[name]) * 1000, 1),
        }
        for name, ms in timings.items()
    }

    # Same numbers.
    t3 = values["table_3_city"]
    check_t3(t3)
    assert "compute_city" not in values or values["compute_city"]["三"] == t3
    assert values["floor_city"] == t3, "floor differs from compute.table_3"
    assert values["alt_table_3_city"] == t3, "alt differs from compute.table_3"
    assert values["floor_unit"] == values["compute_unit"]["三"], "unit floor differs"
    assert values["alt_table_3_unit"] == values["compute_unit"]["三"], "unit alt differs"
    assert values["alt_totals_by_unit"] == values["totals_by_unit"], "alt totals differ"
    tot = values["totals_by_unit"]
    assert sum(v["new"] for v in tot.values()) == t3[L.NEW][L.TOTAL]
    assert sum(v["answered"] for v in tot.values()) == t3[L.RESULTS][L.RESULTS_TOTAL][L.TOTAL]
    assert sum(v["carried_out"] for v in tot.values()) == t3[L.CARRIED_OUT][L.TOTAL]
    result["checks"] = "floor = alt = compute.table_3 (city and unit); alt totals = totals_by_unit"
    result["table_3_city"] = t3
    result["plans"] = plans_of(statements)
    if cover:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX bench_application_report")
        return result
    result["table_4_city"] = values["compute_city"]["四"]

    # Memory of the city's computation.
    gc.collect()
    tracemalloc.start()
    compute.compute(city, YEAR, subtree=True)
    result["compute_city_tracemalloc_peak_kib"] = round(
        tracemalloc.get_traced_memory()[1] / 1024, 1
    )
    tracemalloc.stop()
    gc.collect()
    tracemalloc.start()
    compute.totals_by_unit(ids, YEAR)
    result["totals_tracemalloc_peak_kib"] = round(tracemalloc.get_traced_memory()[1] / 1024, 1)
    tracemalloc.stop()
    result["rss_end_mib"] = rss_mib()

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN ('work_mem', "
                "'shared_buffers', 'max_parallel_workers_per_gather', 'jit', 'effective_cache_size')"
            )
            result["pg_settings"] = dict(cursor.fetchall())
    return result


def plans_of(statements: dict[str, list[tuple[str, list[Any], float]]]) -> dict[str, Any]:
    """EXPLAIN of every statement on applications of table_3 (city), the floor, the alt, the
    totals and the unit's."""
    plans: dict[str, list[dict[str, Any]]] = {}
    for name in ("table_3_city", "floor_city", "alt_table_3_city", "totals_by_unit",
                 "alt_totals_by_unit", "compute_unit", "floor_unit"):  # fmt: skip
        plans[name] = []
        for sql, params, seconds in statements.get(name, []):
            if (
                not sql.lstrip().upper().startswith("SELECT")
                or "applications_application" not in sql
            ):
                continue
            plans[name].append(
                {
                    "sql": short_sql(sql),
                    "first_ms": round(seconds * 1000, 1),
                    "plan": short_sql(explain(sql, params)),
                }
            )
    return plans


def child_analyze() -> dict[str, Any]:
    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"analyze_s": round(time.perf_counter() - t, 1)}


def child_main(task: str, payload: str) -> None:
    import django

    django.setup()
    kwargs = json.loads(payload)
    out = {"build": child_build, "measure": child_measure, "analyze": child_analyze}[task](**kwargs)
    print("@@" + json.dumps(out, ensure_ascii=False, default=str), flush=True)


# --- The run -------------------------------------------------------------------------------------


def others_running() -> list[str]:
    out = subprocess.run(
        ["pgrep", "-fa", OTHER_BENCHMARKS], capture_output=True, text=True, check=False
    ).stdout
    return [line for line in out.splitlines() if "report_bench" not in line]


def wait_for_quiet(max_wait_s: float) -> float:
    t = time.perf_counter()
    announced = False
    while others := others_running():
        if time.perf_counter() - t > max_wait_s:
            log(f"still running after {max_wait_s:.0f} s, measuring anyway: {others}")
            break
        if not announced:
            log(f"waiting for other benchmarks to finish: {others}")
            announced = True
        time.sleep(15)
    return round(time.perf_counter() - t, 1)


def run_child(url: str, task: str, **kwargs: Any) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONHASHSEED": "0",
    }
    proc = subprocess.run(
        [sys.executable, __file__, "--child", task, "--payload", json.dumps(kwargs)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    for line in proc.stdout.splitlines():
        if not line.startswith("@@"):
            print(line, flush=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-6000:])
        raise SystemExit(f"child {task} failed ({proc.returncode})")
    return json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("@@"))[2:])


def prepare(args: argparse.Namespace) -> tuple[str, bool]:
    """The DATABASE_URL, and whether it must be built."""
    if args.db == "sqlite":
        path = Path(args.sqlite)
        if args.reuse and path.exists():
            return f"sqlite:///{path}", False
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", True
    import psycopg

    with psycopg.connect(args.pg_url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [args.pg_db]
        ).fetchone()
        if args.reuse and exists:
            return pg_target(args), False
        conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}"')
        conn.execute(f'CREATE DATABASE "{args.pg_db}"')
    return pg_target(args), True


def pg_target(args: argparse.Namespace) -> str:
    return args.pg_url.rsplit("/", 1)[0] + "/" + args.pg_db


def drop(args: argparse.Namespace) -> None:
    if args.db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.sqlite}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(args.pg_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}"')


def machine(url: str) -> dict[str, Any]:
    def git(*cmd: str) -> str:
        out = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    if url.startswith("sqlite"):
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        import psycopg

        with psycopg.connect(url) as conn:
            database = conn.execute("SHOW server_version").fetchone()[0]
            database = f"PostgreSQL {database.split()[0]}"
    changed = git("status", "--short", "--", "gongkai/reports", "gongkai/applications/models.py")
    return {
        **host(),
        "versions": {
            "python": platform.python_version(),
            "django": importlib.metadata.version("django"),
            "wagtail": importlib.metadata.version("wagtail"),
            "psycopg": importlib.metadata.version("psycopg"),
            "database": database,
        },
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_in_measured_code": changed.splitlines(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7, help="warm calls per measurement")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--sqlite", default=str(RESULTS / "report-bench.sqlite3"))
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--pg-db", default="gk_bench_report")
    parser.add_argument("--reuse", action="store_true", help="measure a database kept earlier")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--max-wait", type=float, default=3600, help="s to wait for quiet")
    parser.add_argument("--tag", default="")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--payload", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child, args.payload)
        return

    url, build = prepare(args)
    data: dict[str, Any] = {"config": {"db": args.db, "cases": args.cases, "year": YEAR,
                                       "as_of": AS_OF.isoformat(), "repeat": args.repeat,
                                       "seed": args.seed}}  # fmt: skip
    try:
        if build:
            log(f"building {args.db}: {args.cases:,} cases")
            t = time.perf_counter()
            data["build"] = run_child(url, "build", cases=args.cases, seed=args.seed)
            data["build"]["total_s"] = round(time.perf_counter() - t, 1)
            log(f"built in {data['build']['total_s']} s: {data['build']}")
        # One report_bench measures at a time (a SQLite and a PostgreSQL run may build at once).
        with Path("/tmp/gk_report_bench.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data["waited_for_others_s"] = wait_for_quiet(args.max_wait)
            log("measuring")
            data["measure"] = run_child(url, "measure", repeat=args.repeat, label="as built")
            if args.db == "sqlite":
                data["analyze"] = run_child(url, "analyze")
                log("measuring again after ANALYZE")
                data["measure_analyzed"] = run_child(
                    url, "measure", repeat=args.repeat, label="after ANALYZE"
                )
            log("measuring with the proposed covering index")
            data["measure_cover"] = run_child(
                url, "measure", repeat=args.repeat, label="covering index", cover=True
            )
        data["machine"] = machine(url)
    finally:
        if not args.keep:
            drop(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"report-{args.db}" + (f"-{args.tag}" if args.tag else "")
    (RESULTS / f"{name}.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2, default=str)
    )
    (RESULTS / f"{name}.md").write_text(markdown(data))
    log(f"wrote {RESULTS / name}.md")


# --- Markdown ------------------------------------------------------------------------------------

ROWS = [
    ("compute_city", "`compute.compute(city, 2025, subtree=True)` (tables 二, 三, 四)"),
    ("table_3_city", "`compute.table_3(ids, 2025)` (city)"),
    ("floor_city", "**floor**: one hand-written GROUP BY for table 三 (city)"),
    ("alt_table_3_city", "alt: table 三 as one ORM GROUP BY (the bench's copy)"),
    ("table_2_city", "`compute.table_2` (city; no documents in this database)"),
    ("table_4_city", "`compute.table_4` (city)"),
    ("totals_by_unit", "`compute.totals_by_unit(ids, 2025)`"),
    ("alt_totals_by_unit", "alt: totals by unit as one GROUP BY (the bench's copy)"),
    ("charts_city", "`compute.charts(city, 2025, subtree=True)`"),
    ("compute_unit", "`compute.compute(unit, 2025)` (busiest unit)"),
    ("floor_unit", "floor for that unit"),
    ("alt_table_3_unit", "alt table 三 for that unit"),
]


def measure_md(m: dict[str, Any]) -> list[str]:
    t = m["timings_ms"]
    ratio = t["compute_city"]["median"] / t["floor_city"]["median"]
    ratio_t3 = t["table_3_city"]["median"] / t["floor_city"]["median"]
    ratio_alt = t["alt_table_3_city"]["median"] / t["floor_city"]["median"]
    ratio_unit = t["compute_unit"]["median"] / t["floor_unit"]["median"]
    d = m["data"]
    lines = [
        (
            f"**compute / floor = {ratio:.2f}×** (target ≤ 2×; table 三 alone {ratio_t3:.2f}×; the "
            f"alt (one GROUP BY) {ratio_alt:.2f}×; one unit {ratio_unit:.2f}×)."
        ),
        "",
        (
            f"City: {d['city_units']} units, {d['cases']:,} cases. Unit: {d['unit']} with "
            f"{d['unit_cases']:,} cases. Median of {len(t['compute_city']['all'])} warm calls, "
            "interleaved; *first* is the first call in a fresh process."
        ),
        "",
        "| what | first ms | warm median ms | min–max ms | statements | vs floor |",
        "|---|---|---|---|---|---|",
    ]
    for key, label in ROWS:
        r = t[key]
        floor_key = (
            "floor_unit" if key.endswith("_unit") and key != "alt_totals_by_unit" else "floor_city"
        )
        vs = (
            r["median"] / t[floor_key]["median"]
            if key.startswith(("compute", "table_3", "alt_table", "floor"))
            else None
        )
        lines.append(
            f"| {label} | {r['first']:.1f} | **{r['median']:.1f}** | {r['min']:.1f}–{r['max']:.1f} "
            f"| {r['statements']} | {f'{vs:.2f}×' if vs else ''} |"
        )
    lines += [
        "",
        (
            f"Memory: max RSS of the measuring process {m['rss_before_mib']} MiB after start-up, "
            f"{m['rss_end_mib']} MiB at the end; Python peak (tracemalloc) of the city's "
            f"`compute.compute` {m['compute_city_tracemalloc_peak_kib']} KiB, of `totals_by_unit` "
            f"{m['totals_tracemalloc_peak_kib']} KiB (the rows are counted in the database; a few "
            "hundred result rows come back)."
        ),
        "",
        (
            f"Other processes used {m['load']['other_processes_cores']} cores on average while "
            f"measuring ({m['load']['wall_s']} s; this benchmark and its database backend "
            f"{m['load']['this_benchmark_cores']})."
        ),
        "",
        f"Checks: {m['checks']}; 一 + 二 = （七）总计 + 四 in every column.",
        "",
    ]
    return lines


def plans_md(m: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    titles = {
        "table_3_city": "`compute.table_3`, city",
        "floor_city": "floor, city",
        "alt_table_3_city": "alt (proposed table 三), city",
        "totals_by_unit": "`compute.totals_by_unit`",
        "alt_totals_by_unit": "alt totals by unit",
        "compute_unit": "`compute.compute(unit)`",
        "floor_unit": "floor, unit",
    }
    for key, title in titles.items():
        for i, p in enumerate(m["plans"].get(key, []), start=1):
            lines += [
                f"**{title}, statement {i}** (first call {p['first_ms']} ms)",
                "",
                "```sql",
                p["sql"].strip(),
                "```",
                "",
                "```",
                p["plan"].strip(),
                "```",
                "",
            ]
    return lines


def t3_md(t3: dict[str, Any]) -> list[str]:
    from gongkai.reports import labels as L

    lines = ["| row | " + " | ".join(L.COLUMNS) + " |", "|---|" + "---|" * len(L.COLUMNS)]
    for path in L.t3_rows():
        cell = L.t3_cell(t3, path)
        label = " ".join(path[1:]) if len(path) == 3 else path[-1]
        lines.append(f"| {label} | " + " | ".join(f"{cell[c]:,}" for c in L.COLUMNS) + " |")
    return lines


def markdown(data: dict[str, Any]) -> str:
    m, mach, v = data["measure"], data["machine"], data["machine"]["versions"]
    b = data.get("build")
    lines = [
        f"# Annual report computation — {data['config']['db']} ({mach['date']})",
        "",
        f"Machine: {mach['nproc']} × {mach['cpu']}, {mach['ram_gib']} GiB RAM, {mach['os']}.  ",
        f"Python {v['python']}, Django {v['django']}, Wagtail {v['wagtail']}, psycopg {v['psycopg']}, "
        f"{v['database']}; commit `{mach['commit']}`"
        + (
            f" (uncommitted changes in the measured code: {', '.join(mach['uncommitted_in_measured_code'])})"
            if mach["uncommitted_in_measured_code"]
            else " (measured code unchanged)"
        )
        + ".",
        "",
        "Run: `" + " ".join(["bench/report_bench.py", "--db", data["config"]["db"]]) + "`"
        f" (seed {data['config']['seed']}, {data['config']['repeat']} warm calls).",
        "",
    ]
    if b:
        tm = b["timings_s"]
        lines += [
            "## Data",
            "",
            (
                f"{b['units']} units (南昌市人民政府, 46 city departments, 9 districts and counties with 16 "
                f"units each); {b['cases']:,} applications received 2023–2025 as of "
                f"{data['config']['as_of']}; {b['appeals']:,} appeals. Database {b['db_size_mib']} MiB."
            ),
            "",
            f"Build {b['total_s']} s: migrate {tm['migrate_s']} s, units {tm['units_s']} s, "
            f"cases {tm['cases_s']} s (generated in Python and written "
            f"{'with COPY' if data['config']['db'] == 'postgres' else 'with executemany, one transaction'}),"
            f" appeals {tm['appeals_s']} s"
            + (
                f", VACUUM ANALYZE {tm['analyze_s']} s"
                if data["config"]["db"] == "postgres"
                else ""
            )
            + ".",
            "",
            "Table 三 of the city for 2025 (identical from compute, floor and alt):",
            "",
            *t3_md(m["table_3_city"]),
            "",
        ]
    lines += [
        "## Timings"
        + (" (as the application leaves SQLite: no ANALYZE)" if "measure_analyzed" in data else ""),
        "",
    ]
    lines += measure_md(m)
    if "measure_analyzed" in data:
        lines += [f"## Timings after ANALYZE ({data['analyze']['analyze_s']} s)", ""]
        lines += measure_md(data["measure_analyzed"])
    if "pg_settings" in m:
        lines += [
            "PostgreSQL settings: "
            + ", ".join(f"{k}={v}" for k, v in m["pg_settings"].items())
            + ".",
            "",
        ]
    if "measure_cover" in data:
        c = data["measure_cover"]
        tc, tm_ = c["timings_ms"], m["timings_ms"]
        lines += [
            f"## With the proposed covering index (built in {c['index_s']} s, dropped after)",
            "",
            f"`{c['index_sql']}`"
            + (" (after ANALYZE)" if "measure_analyzed" in data else "")
            + ".",
            "",
            (
                f"**table 三 / floor = {tc['table_3_city']['median'] / tc['floor_city']['median']:.2f}×; "
                f"alt / floor = {tc['alt_table_3_city']['median'] / tc['floor_city']['median']:.2f}×; "
                f"alt with the index / floor without it = "
                f"{tc['alt_table_3_city']['median'] / tm_['floor_city']['median']:.2f}×.**"
            ),
            "",
            "| what | first ms | warm median ms | min–max ms | without the index, median ms |",
            "|---|---|---|---|---|",
        ]
        for key, label in ROWS:
            if key in tc:
                r = tc[key]
                lines.append(
                    f"| {label} | {r['first']:.1f} | **{r['median']:.1f}** | "
                    f"{r['min']:.1f}–{r['max']:.1f} | {tm_[key]['median']:.1f} |"
                )
        lines += ["", f"Other processes used {c['load']['other_processes_cores']} cores.", ""]
    lines += ["## Plans", ""]
    lines += plans_md(m)
    if "measure_analyzed" in data:
        lines += ["## Plans after ANALYZE", ""]
        lines += plans_md(data["measure_analyzed"])
    if "measure_cover" in data:
        lines += ["## Plans with the covering index", ""]
        lines += plans_md(data["measure_cover"])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
