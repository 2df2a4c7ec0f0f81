"""Requests per second of public pages under concurrent clients, against nginx; run by hand.

    .venv/bin/python bench/pages_bench.py --db sqlite [--duration 15] [--connections 50]
    .venv/bin/python bench/pages_bench.py --db postgres [--documents 100] [--rounds 2]
    .venv/bin/python bench/pages_bench.py --db sqlite --redis --proxy-cache   # extra targets

It installs nothing. It needs ``wrk`` and ``nginx`` from Debian (``apt-get install -y wrk
nginx``); ``--redis`` also needs ``redis-server`` (``apt-get install -y redis-server``) and the
``redis`` Python package importable by the venv's Python (e.g. through PYTHONPATH); ``--db
postgres`` a server at ``--pg-url`` whose role may create databases.

What it does, in one run:

1. Prepares a fresh database — a SQLite file in a temporary var dir, or the PostgreSQL database
   ``gk_pages_bench`` (dropped and created again, dropped at the end) — with ``gongkai migrate``
   and ``gongkai load-demo`` (the whole demo, or ``--documents N``), under production-like
   settings: GONGKAI_ENV=production, DEBUG=0, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
   GONGKAI_VAR_DIR in the temporary dir (so the default FileBasedCache is under it).
2. Starts gunicorn servers on loopback, each ``gunicorn gongkai.wsgi -w 2 -k gthread --threads
   4``: with the page cache (the default settings), with the page cache off
   (GONGKAI_PAGE_CACHE_SECONDS=0) and, with ``--redis``, with the page cache in a local
   ``redis-server`` (GONGKAI_REDIS_URL). Two workers because there are two cores and the load
   generator needs its share of them; the threaded worker because it keeps HTTP/1.1
   connections alive (the sync worker closes every connection, so each request also pays a
   TCP connect and accept in Python) and because a worker can overlap a database wait on a
   cache miss. ``--workers``, ``--threads`` and ``--worker-class sync`` change this.
3. Picks the policy detail page (the real seed document of the demo), the library list
   ``/zcwjk/`` and a filtered list ``/zcwjk/?year=2025``; saves each page's HTML exactly as the
   application serves it into a directory served by nginx (a minimal nginx.conf written to the
   temporary dir, ``nginx -c … -p …`` with ``daemon off``, on loopback, stopped at the end).
   With ``--proxy-cache`` nginx also proxies to the cached gunicorn with a one-second
   micro-cache (proxy_cache_valid 1s, revalidated with the application's ETag).
4. For each page and each server, in interleaved rounds: ``wrk -t2 -c50 -d15s --latency``;
   requests/s, p50/p99 latency, errors and the ratio to nginx serving the same HTML. Then the
   same with ``If-None-Match`` (conditional GET answered with 304) on the policy page.
5. Invalidation under load: while wrk loads the policy page of a cached server, publishes a new
   title through the application in a separate process with the same settings
   (``page.title = …; page.save_revision().publish()``), once in autocommit as in a shell and
   once inside ``transaction.atomic()`` as Wagtail's workflow approval and Gongkai's
   ``policy_save`` do. Pollers on fresh connections record when the new title appears; one
   second after the publication returned, probes on fresh connections — each worker that
   served one is recorded by a gunicorn ``post_request`` hook — must all show the new title and
   cover every worker; an If-None-Match request with the old ETag must get 200 and a new ETag
   (and 304 before the publication and with the new ETag after it).
6. Writes ``bench/results/pages-<db>[-<tag>].json`` and ``.md`` with the machine.

The load generator (wrk) runs on the same cores as the servers, and other processes on the
machine are not stopped: the busy share of the CPUs just before each run is recorded.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import http.client
import importlib.metadata
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import host  # noqa: E402 - after the path is set

RESULTS = Path(__file__).resolve().parent / "results"
HOST = "127.0.0.1"
DEFAULT_PG_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/postgres"
PG_DB = "gk_pages_bench"
APT_HINT = "apt-get install -y wrk nginx"
TITLE_MARK = "（基准修订"

# gunicorn configuration: records which worker served each request carrying X-GK-Probe.
PROBE_CONF = """\
import os

PROBE_LOG = os.environ.get("GK_PAGES_PROBE_LOG")


def post_request(worker, req, environ, resp):
    probe = environ.get("HTTP_X_GK_PROBE")
    if probe and PROBE_LOG:
        with open(PROBE_LOG, "a") as log:
            log.write(f"{probe} {os.getpid()}\\n")
"""

NGINX_CONF = """\
{user}worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    types {{ text/html html; }}
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    server {{
        listen {host}:{static_port};
        root {prefix}/html;
    }}
{proxy}}}
"""

# Micro-cache in front of the application: at most one request a second per page reaches
# gunicorn (a conditional one, answered 304 from the page cache while nothing changed).
NGINX_PROXY = """\
    proxy_cache_path {prefix}/proxy_cache levels=1:2 keys_zone=pages:10m max_size=256m
                     inactive=10m use_temp_path=off;
    upstream gongkai {{ server {host}:{upstream}; keepalive 16; }}
    server {{
        listen {host}:{proxy_port};
        location / {{
            proxy_pass http://gongkai;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_cache pages;
            proxy_cache_key "$request_method $request_uri elder=$cookie_gk_elder";
            proxy_cache_valid 200 1s;
            proxy_ignore_headers Cache-Control Expires;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            proxy_cache_background_update on;
            add_header X-Proxy-Cache $upstream_cache_status;
        }}
    }}
"""

PICK_PAGES = """
from gongkai.library.models import PolicyDocumentPage
live = PolicyDocumentPage.objects.live()
# The real seed document of the demo (a long text), else the newest.
page = (live.filter(title__contains="2024年南昌市政务公开工作要点").first()
        or live.order_by("-pk").first())
print("@@" + json.dumps({"pk": page.pk, "url": page.url, "title": page.title,
                         "documents": live.count()}))
"""

PUBLISH = """
import time
from django.db import transaction
from wagtail.models import Page
page = Page.objects.get(pk=PK).specific
page.title = TITLE
started = time.time()
if ATOMIC:  # as Wagtail's workflow approval (WorkflowState.finish) and policy_save publish
    with transaction.atomic():
        page.save_revision().publish()
else:
    page.save_revision().publish()
print("@@" + json.dumps({"started": started, "published": time.time()}))
"""


# --- Small helpers --------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def find_tool(name: str) -> str | None:
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def die_with_parent() -> None:
    """In a server's process: get SIGTERM if this script dies (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fetch(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], str]:
    """One GET on a fresh connection (as urllib does): status, lower-cased headers, text."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def wait_ready(port: int, path: str, proc: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if fetch(port, path, timeout=5)[0] == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"server on port {port} not ready after {seconds:.0f} s")


class CpuMeter:
    """CPU used during a run (percent of all CPUs): by this script's processes (servers, wrk)
    and by everything else on the machine, from /proc/stat and /proc/<pid>/stat."""

    def __enter__(self) -> CpuMeter:
        self.start = self.snapshot()
        return self

    def __exit__(self, *_exc: object) -> None:
        idle, total, own = (b - a for a, b in zip(self.start, self.snapshot(), strict=True))
        total = max(1, total)
        self.own_pct = round(100 * own / total, 1)
        self.other_pct = round(max(0.0, 100 * (total - idle - own) / total), 1)

    @staticmethod
    def snapshot() -> tuple[int, int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        me = os.getpid()
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    rest = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    stats[int(entry.name)] = rest
        tree, grew = {me}, True
        while grew:
            new = {pid for pid, rest in stats.items() if int(rest[1]) in tree} - tree
            tree |= new
            grew = bool(new)
        own = sum(int(stats[pid][11]) + int(stats[pid][12]) for pid in tree if pid in stats)
        if me in stats:  # children that ran and were waited for (wrk, snippets)
            own += int(stats[me][13]) + int(stats[me][14])
        return values[3] + values[4], sum(values), own


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            pids.append(int(entry.name))
    return sorted(pids)


def command_output(cmd: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False)
        return (done.stdout + done.stderr).strip().splitlines()[0]
    return "?"


def command_output_all(cmd: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False).stdout
    return "?"


# --- wrk ------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return round(float(number) * UNITS[unit], 3)


def parse_wrk(output: str) -> dict[str, Any]:
    result: dict[str, Any] = {"errors": 0, "non_2xx_3xx": 0}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = round(float(m.group(1)), 1)
    if m := re.search(r"(\d+) requests in ([\d.]+\w+)", output):
        result["requests"] = int(m.group(1))
    for pct in ("50", "75", "90", "99"):
        if m := re.search(rf"^\s+{pct}%\s+([\d.]+\w+)", output, re.MULTILINE):
            result[f"p{pct}_ms"] = _ms(m.group(1))
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result["socket_errors"] = dict(
            zip(("connect", "read", "write", "timeout"), map(int, m.groups()), strict=True)
        )
        result["errors"] += sum(result["socket_errors"].values())
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["non_2xx_3xx"] = int(m.group(1))
        result["errors"] += result["non_2xx_3xx"]
    return result


# --- Data -----------------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    path: str  # in the application
    static_path: str  # in nginx's directory
    bytes: int = 0


@dataclass
class Target:
    key: str
    label: str
    port: int
    static: bool = False  # nginx serving the saved HTML
    gunicorn: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)  # for a publisher using the same cache
    probe_log: Path | None = None
    root: Path = ROOT  # the source tree it runs (--alt-root: a patched copy)

    def path(self, page: Page) -> str:
        return page.static_path if self.static else page.path

    def url(self, page: Page) -> str:
        return f"http://{HOST}:{self.port}{self.path(page)}"


# --- The benchmark --------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, tools: dict[str, str]) -> None:
        self.args = args
        self.tools = tools
        self.stack = contextlib.ExitStack()
        self.tmp = Path(tempfile.mkdtemp(prefix="gk-pb-"))
        self.secret = secrets.token_urlsafe(50)
        self.db_url = ""
        self.db_version = ""
        self.pages: dict[str, Page] = {}
        self.targets: dict[str, Target] = {}
        self.policy: dict[str, Any] = {}
        self.results: dict[str, Any] = {"throughput": [], "conditional": [], "invalidation": []}
        self.timings: dict[str, float] = {}

    # Environment and processes

    def env(self, root: Path = ROOT, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GONGKAI_", "DJANGO_")) and k not in ("DATABASE_URL", "DEBUG")
        }
        python_path = [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]
        env.update(
            GONGKAI_ENV="production",
            DEBUG="0",
            SECRET_KEY=self.secret,
            ALLOWED_HOSTS=HOST,
            GONGKAI_VAR_DIR=str(self.tmp / "var"),
            DATABASE_URL=self.db_url,
            DJANGO_SETTINGS_MODULE="gongkai.settings",
            PYTHONPATH=os.pathsep.join(python_path),
            LOG_LEVEL="WARNING",
        )
        env.update(extra)
        return env

    def gongkai(self, *argv: str) -> None:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "gongkai.cli", *argv],
            env=self.env(),
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL if argv[0] == "migrate" else None,
        )
        self.timings[argv[0]] = round(time.monotonic() - started, 1)

    def django(
        self, code: str, env: dict[str, str] | None = None, root: Path = ROOT
    ) -> dict[str, Any]:
        script = "import json\nimport django\ndjango.setup()\n" + code
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env or self.env(),
            cwd=root,  # python -c puts the working directory first on sys.path
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode:
            raise RuntimeError(f"Django snippet failed:\n{done.stderr[-4000:]}")
        line = [row for row in done.stdout.splitlines() if row.startswith("@@")][-1]
        return dict(json.loads(line[2:]))

    def spawn(
        self, name: str, cmd: list[str], env: dict[str, str], cwd: Path = ROOT
    ) -> subprocess.Popen[bytes]:
        log_file = (self.tmp / f"{name}.log").open("wb")
        self.stack.callback(log_file.close)
        proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=cwd,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,  # noqa: PLW1509 - spawned from the main thread
        )
        self.stack.callback(self.stop, proc)
        return proc

    @staticmethod
    def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    # Set-up

    def prepare_database(self) -> None:
        (self.tmp / "var").mkdir()
        if self.args.db == "sqlite":
            self.db_url = f"sqlite:///{self.tmp / 'var' / 'gongkai.sqlite3'}"
            self.db_version = f"SQLite {sqlite3.sqlite_version}"
        else:
            import psycopg

            with psycopg.connect(self.args.pg_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{PG_DB}"')
                row = conn.execute("SHOW server_version").fetchone()
                self.db_version = f"PostgreSQL {row[0] if row else '?'}"
            self.stack.callback(self.drop_pg_database)
            self.db_url = self.args.pg_url.rsplit("/", 1)[0] + "/" + PG_DB
        log(f"database: {self.db_version}, var dir {self.tmp / 'var'}")
        self.gongkai("migrate", "--noinput")
        demo = ["load-demo"]
        if self.args.documents:
            demo += ["--documents", str(self.args.documents)]
        log(f"migrated in {self.timings['migrate']} s; loading the demo …")
        self.gongkai(*demo)
        log(f"demo loaded in {self.timings['load-demo']} s")

    def drop_pg_database(self) -> None:
        import psycopg

        with psycopg.connect(self.args.pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')

    def start_gunicorn(self, key: str, label: str, root: Path = ROOT, **env_extra: str) -> Target:
        port = free_port()
        probe_log = self.tmp / f"{key}-probes.log"
        conf = self.tmp / "gunicorn_probe.py"
        conf.write_text(PROBE_CONF)
        cmd = [sys.executable, "-m", "gunicorn", "gongkai.wsgi", "-c", str(conf)]
        cmd += ["-w", str(self.args.workers), "-k", self.args.worker_class]
        if self.args.worker_class == "gthread":
            cmd += ["--threads", str(self.args.threads)]
        cmd += ["-b", f"{HOST}:{port}"]
        env = self.env(root, **env_extra)
        proc = self.spawn(
            f"gunicorn-{key}", cmd, {**env, "GK_PAGES_PROBE_LOG": str(probe_log)}, cwd=root
        )
        wait_ready(port, "/", proc)
        target = Target(key, label, port, gunicorn=proc, env=env, probe_log=probe_log, root=root)
        self.targets[key] = target
        return target

    def start_redis(self) -> str:
        port = free_port()
        cmd = [self.tools["redis-server"], "--bind", HOST, "--port", str(port), "--save", ""]
        cmd += ["--appendonly", "no", "--daemonize", "no"]
        self.spawn("redis", cmd, dict(os.environ))
        for _ in range(50):
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 1):
                return f"redis://{HOST}:{port}/0"
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def pick_pages(self) -> None:
        self.policy = self.django(PICK_PAGES)
        year = self.args.year
        self.pages = {
            "policy": Page("policy", "政策文件 detail", self.policy["url"], "/policy/"),
            "library": Page("library", "政策文件库 list", "/zcwjk/", "/library/"),
            "filtered": Page(
                "filtered", f"政策文件库 ?year={year}", f"/zcwjk/?year={year}", "/library-year/"
            ),
        }

    def start_nginx(self) -> None:
        prefix = self.tmp / "nginx"
        for sub in ("html", "tmp", "proxy_cache"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        source = self.targets["cache"]
        for page in self.pages.values():
            status, _headers, body = fetch(source.port, page.path)
            if status != 200:
                raise RuntimeError(f"{page.path}: HTTP {status}")
            target = prefix / "html" / page.static_path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            page.bytes = len(body.encode())
        user = ""
        if os.geteuid() == 0:  # workers drop to nobody: let them read the pages, write caches
            user = "user nobody nogroup;\n"
            self.tmp.chmod(0o711)
            for path in [prefix, *prefix.rglob("*")]:
                shutil.chown(path, "nobody", "nogroup")
        static_port, proxy_port = free_port(), free_port()
        proxy = ""
        if self.args.proxy_cache:
            proxy = NGINX_PROXY.format(
                prefix=prefix, host=HOST, upstream=source.port, proxy_port=proxy_port
            )
        conf = prefix / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                user=user,
                workers=os.cpu_count() or 2,
                prefix=prefix,
                host=HOST,
                static_port=static_port,
                proxy=proxy,
            )
        )
        cmd = [self.tools["nginx"], "-c", str(conf), "-p", str(prefix), "-e", str(prefix / "e.log")]
        proc = self.spawn("nginx", cmd, dict(os.environ))
        self.stack.callback(self.stop, proc, signal.SIGQUIT)
        wait_ready(static_port, "/policy/", proc)
        self.targets["nginx"] = Target("nginx", "nginx, static HTML file", static_port, True)
        if self.args.proxy_cache:
            self.targets["proxy"] = Target(
                "proxy",
                "nginx micro-cache (1 s) → gunicorn + page cache",
                proxy_port,
                env=source.env,
            )
            wait_ready(proxy_port, "/", proc)

    def start_servers(self) -> None:
        self.start_gunicorn("cache", "gunicorn + page cache (file)")
        if self.args.alt_root:
            label = f"gunicorn + page cache (file), {self.args.alt_label}"
            self.start_gunicorn("alt", label, root=self.args.alt_root.resolve())
        self.start_gunicorn("nocache", "gunicorn, page cache off", GONGKAI_PAGE_CACHE_SECONDS="0")
        if self.args.redis:
            redis_url = self.start_redis()
            self.start_gunicorn(
                "redis", "gunicorn + page cache (Redis)", GONGKAI_REDIS_URL=redis_url
            )
        self.pick_pages()
        self.start_nginx()
        order = ["nginx", "proxy", "cache", "alt", "redis", "nocache"]
        self.targets = {k: self.targets[k] for k in order if k in self.targets}
        log("servers: " + ", ".join(f"{t.key}=:{t.port}" for t in self.targets.values()))

    # Load

    def wrk_cmd(self, url: str, duration: float, headers: tuple[str, ...] = ()) -> list[str]:
        cmd = [self.tools["wrk"], f"-t{self.args.wrk_threads}", f"-c{self.args.connections}"]
        cmd += [f"-d{max(1, round(duration))}s", "--latency"]
        for header in headers:
            cmd += ["-H", header]
        return [*cmd, url]

    def wrk(self, url: str, duration: float, headers: tuple[str, ...] = ()) -> dict[str, Any]:
        done = subprocess.run(
            self.wrk_cmd(url, duration, headers),
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 120,
        )
        return parse_wrk(done.stdout)

    def measure(self, target: Target, page: Page, headers: tuple[str, ...] = ()) -> dict[str, Any]:
        time.sleep(1.0)  # let the servers finish what the previous run left queued
        with CpuMeter() as cpu:
            result = self.wrk(target.url(page), self.args.duration, headers)
        result.update(own_cpu_pct=cpu.own_pct, other_cpu_pct=cpu.other_pct)
        return result

    def warm_up(self) -> None:
        for page in self.pages.values():
            for target in self.targets.values():
                self.wrk(target.url(page), self.args.warmup)

    def run_throughput(self) -> None:
        for round_no in range(1, self.args.rounds + 1):
            for page in self.pages.values():
                for target in self.targets.values():
                    result = self.measure(target, page)
                    result.update(page=page.key, target=target.key, round=round_no)
                    self.results["throughput"].append(result)
                    log(
                        f"round {round_no} {page.key:<8} {target.key:<8} "
                        f"{result.get('rps', 0):>9.1f} req/s  p50 {result.get('p50_ms')} ms  "
                        f"p99 {result.get('p99_ms')} ms  errors {result['errors']}  "
                        f"(CPU: ours {result['own_cpu_pct']} %, others {result['other_cpu_pct']} %)"
                    )

    def run_conditional(self) -> None:
        page = self.pages["policy"]
        for round_no in range(1, self.args.rounds + 1):
            for target in self.targets.values():
                status, headers, _body = fetch(target.port, target.path(page))
                etag = headers.get("etag", "")
                check = fetch(target.port, target.path(page), {"If-None-Match": etag})[0]
                result = self.measure(target, page, (f"If-None-Match: {etag}",))
                result.update(
                    page=page.key, target=target.key, round=round_no, etag=etag, check=check
                )
                self.results["conditional"].append(result)
                log(
                    f"round {round_no} 304      {target.key:<8} {result.get('rps', 0):>9.1f} "
                    f"req/s  (status of the check request: {check}, first {status})"
                )

    # Invalidation

    def run_invalidation(self) -> None:
        base = self.policy["title"].split(TITLE_MARK)[0]
        number = 0
        for key in ("cache", "alt", "redis", "proxy"):
            if key not in self.targets:
                continue
            for atomic in (False, True):
                number += 1
                title = f"{base}{TITLE_MARK}{number}）"
                result = Invalidation(self, self.targets[key], title, atomic=atomic).run()
                self.policy["title"] = title
                self.results["invalidation"].append(result)
                log(
                    f"invalidation {key:<6} {result['mode']:<10} ok={result['ok']}  "
                    f"new title everywhere after {result['all_fresh_after_s']} s  "
                    f"stale probes after {result['bound_s']} s: {result['stale_probes_after_bound']}"
                )

    # Report

    def machine(self) -> dict[str, Any]:
        versions = {
            "python": platform.python_version(),
            "django": importlib.metadata.version("django"),
            "wagtail": importlib.metadata.version("wagtail"),
            "gunicorn": importlib.metadata.version("gunicorn"),
            "nginx": command_output([self.tools["nginx"], "-v"]),
            "wrk": command_output([self.tools["wrk"], "-v"]).split(" Copyright")[0],
            "database": self.db_version,
        }
        if "redis-server" in self.tools:
            versions["redis"] = command_output([self.tools["redis-server"], "--version"])
        return {
            **host(),
            "versions": versions,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "git": command_output(["git", "-C", str(ROOT), "describe", "--always", "--dirty"]),
        }

    def config(self) -> dict[str, Any]:
        a = self.args
        return {
            "db": a.db,
            "documents": self.policy.get("documents"),
            "duration_s": a.duration,
            "connections": a.connections,
            "wrk_threads": a.wrk_threads,
            "rounds": a.rounds,
            "gunicorn": f"-w {a.workers} -k {a.worker_class}"
            + (f" --threads {a.threads}" if a.worker_class == "gthread" else ""),
            "nginx_workers": os.cpu_count(),
            "alt_root": str(a.alt_root) if a.alt_root else None,
            "alt_diff": command_output_all(["git", "-C", str(a.alt_root), "diff"])
            if a.alt_root
            else None,
            "setup_seconds": self.timings,
        }

    def summarise(self, rows: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
        summary: dict[str, dict[str, dict[str, Any]]] = {}
        for page in [key for key in self.pages if any(r["page"] == key for r in rows)]:
            cells = {}
            # The ratio to nginx is taken within each round (runs a minute apart), then the
            # median: other processes on the machine change the rates from round to round.
            nginx = {
                r["round"]: r.get("rps")
                for r in rows
                if r["page"] == page and r["target"] == "nginx"
            }
            for target in self.targets:
                mine = [r for r in rows if r["page"] == page and r["target"] == target]
                if not mine:
                    continue
                ratios = [
                    round(100 * r.get("rps", 0) / nginx[r["round"]], 1)
                    for r in mine
                    if nginx.get(r["round"])
                ]
                cells[target] = {
                    "rps": round(statistics.median(r.get("rps", 0) for r in mine), 1),
                    "rps_all": [r.get("rps") for r in mine],
                    "p50_ms": round(statistics.median(r.get("p50_ms", 0) for r in mine), 2),
                    "p99_ms": round(statistics.median(r.get("p99_ms", 0) for r in mine), 2),
                    "errors": sum(r["errors"] for r in mine),
                    "pct_of_nginx": round(statistics.median(ratios), 1) if ratios else None,
                    "pct_of_nginx_all": ratios,
                    "other_cpu_pct": round(statistics.median(r["other_cpu_pct"] for r in mine), 1),
                }
            summary[page] = cells
        return summary

    def write(self) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = f"pages-{self.args.db}" + (f"-{self.args.tag}" if self.args.tag else "")
        data = {
            "machine": self.machine(),
            "config": self.config(),
            "pages": {k: {**vars(p), "app_url": p.path} for k, p in self.pages.items()},
            "targets": {k: t.label for k, t in self.targets.items()},
            "summary": self.summarise(self.results["throughput"]),
            "summary_conditional": self.summarise(self.results["conditional"]),
            **self.results,
        }
        (RESULTS / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2))
        (RESULTS / f"{name}.md").write_text(render_markdown(data))
        return RESULTS / f"{name}.md"

    def run(self) -> Path:
        with self.stack:
            self.stack.callback(shutil.rmtree, self.tmp, True)
            self.prepare_database()
            self.start_servers()
            if not self.args.no_throughput:
                log("warming up …")
                self.warm_up()
                self.run_throughput()
                self.write()  # what is measured so far, should a later step fail
                self.run_conditional()
                self.write()
            if not self.args.no_invalidation:
                self.run_invalidation()
            return self.write()


class Invalidation:
    """Publish a new title of the policy page while wrk loads it; see the module docstring."""

    POLLERS = 4

    def __init__(self, bench: Bench, target: Target, title: str, *, atomic: bool) -> None:
        self.bench = bench
        self.target = target
        self.title = title
        self.atomic = atomic
        self.path = target.path(bench.pages["policy"])
        self.polls: list[dict[str, Any]] = []
        self.stop = threading.Event()
        self.counter = 0
        self.lock = threading.Lock()
        # The application must serve the new page within a second; nginx's micro-cache may
        # serve its copy for its validity (1 s) and one re-render more.
        self.bound = 1.0 if target.gunicorn else 2.0

    def probe(self, kind: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
        with self.lock:
            self.counter += 1
            probe_id = f"{kind}{self.counter}"
        started = time.time()
        try:
            status, response_headers, body = fetch(
                self.target.port, self.path, {"X-GK-Probe": probe_id, **(headers or {})}
            )
        except (OSError, http.client.HTTPException) as exc:
            status, response_headers, body = 0, {}, repr(exc)
        return {
            "id": probe_id,
            "started": started,
            "ended": time.time(),
            "status": status,
            "fresh": self.title in body,
            "etag": response_headers.get("etag"),
            "cache": response_headers.get("x-page-cache") or response_headers.get("x-proxy-cache"),
        }

    def poll(self) -> None:
        while not self.stop.is_set():
            self.polls.append(self.probe("poll"))
            time.sleep(0.02)

    def workers(self, probes: list[dict[str, Any]]) -> dict[int, dict[str, int]]:
        """Which gunicorn worker served each probe (from the post_request hook's log)."""
        if self.target.probe_log is None or not self.target.probe_log.exists():
            return {}
        served = dict(
            line.split() for line in self.target.probe_log.read_text().splitlines() if line
        )
        per_worker: dict[int, dict[str, int]] = {}
        for p in probes:
            if p["id"] in served:
                cell = per_worker.setdefault(int(served[p["id"]]), {"probes": 0, "fresh": 0})
                cell["probes"] += 1
                cell["fresh"] += int(p["fresh"])
        return per_worker

    def check_every_worker(self) -> list[dict[str, Any]]:
        """Fresh connections until each worker has answered at least three probes."""
        pids = child_pids(self.target.gunicorn.pid) if self.target.gunicorn else []
        probes: list[dict[str, Any]] = []
        for _ in range(300):
            probes.append(self.probe("check"))
            if len(probes) >= 20 and (not pids or len(probes) % 10 == 0):
                time.sleep(0.1)  # the hook writes after the response
                seen = self.workers(probes)
                if not pids or all(seen.get(pid, {}).get("probes", 0) >= 3 for pid in pids):
                    break
        return probes

    def run(self) -> dict[str, Any]:
        bench = self.bench
        port = self.target.port
        _status, headers, body_before = fetch(port, self.path)
        etag_before = headers.get("etag", "")
        status_304_before = fetch(port, self.path, {"If-None-Match": etag_before})[0]
        wrk = subprocess.Popen(
            bench.wrk_cmd(f"http://{HOST}:{port}{self.path}", 120),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            time.sleep(1.5)
            pollers = [threading.Thread(target=self.poll) for _ in range(self.POLLERS)]
            for thread in pollers:
                thread.start()
            time.sleep(0.5)
            code = f"PK = {bench.policy['pk']}\nTITLE = {self.title!r}\nATOMIC = {self.atomic}\n"
            published = bench.django(code + PUBLISH, env=self.target.env, root=self.target.root)
            t_pub = float(published["published"])
            time.sleep(max(0.0, t_pub + self.bound - time.time()))
            checks = self.check_every_worker()
            after = self.probe("etag", {"If-None-Match": etag_before})
            after_304 = self.probe("etag", {"If-None-Match": after["etag"] or ""})
            time.sleep(max(0.0, t_pub + self.bound + 2.0 - time.time()))
            late = [self.probe("late") for _ in range(10)]
            self.stop.set()
            for thread in pollers:
                thread.join()
            load_running = wrk.poll() is None
        finally:
            self.stop.set()
            wrk.send_signal(signal.SIGINT)  # wrk prints its summary on SIGINT
            wrk_output = wrk.communicate(timeout=30)[0]
        return self.report(
            t_pub=t_pub,
            publish_seconds=round(t_pub - float(published["started"]), 3),
            etag_before=etag_before,
            status_304_before=status_304_before,
            after=after,
            after_304=after_304,
            checks=checks,
            late=late,
            load_running=load_running,
            old_title_before=self.title not in body_before,
            wrk=parse_wrk(wrk_output),
        )

    def report(self, *, t_pub: float, **r: Any) -> dict[str, Any]:
        polls_after = [p for p in self.polls if p["started"] >= t_pub]
        stale_after = [p for p in polls_after if not p["fresh"]]
        fresh = [p for p in self.polls if p["fresh"]]
        probes_after_bound = [
            p for p in [*self.polls, *r["checks"], *r["late"]] if p["started"] >= t_pub + self.bound
        ]
        stale_after_bound = [p for p in probes_after_bound if not p["fresh"]]
        workers = self.workers(r["checks"])
        pids = child_pids(self.target.gunicorn.pid) if self.target.gunicorn else []
        after, after_304 = r["after"], r["after_304"]
        etag_ok = (
            (r["status_304_before"] == 304 or not self.target.gunicorn)
            and after["status"] == 200
            and after["fresh"]
            and after["etag"] not in (None, r["etag_before"])
            and after_304["status"] == 304
        )
        every_worker = all(workers.get(pid, {}).get("probes", 0) > 0 for pid in pids)
        last_stale = max((p["started"] - t_pub for p in stale_after), default=None)
        return {
            "target": self.target.key,
            "mode": "atomic" if self.atomic else "autocommit",
            "title": self.title,
            "ok": bool(not stale_after_bound and etag_ok and every_worker and r["load_running"]),
            "publish_seconds": r["publish_seconds"],
            "first_fresh_after_s": round(min(p["ended"] for p in fresh) - t_pub, 3)
            if fresh
            else None,
            "last_stale_poll_started_after_s": round(last_stale, 3)
            if last_stale is not None
            else None,
            "all_fresh_after_s": round(last_stale, 3) if last_stale is not None else 0.0,
            "polls": len(self.polls),
            "polls_after_publish": len(polls_after),
            "stale_polls_after_publish": len(stale_after),
            "bound_s": self.bound,
            "probes_after_bound": len(probes_after_bound),
            "stale_probes_after_bound": len(stale_after_bound),
            "late_probes_fresh": sum(p["fresh"] for p in r["late"]),
            "late_probes": len(r["late"]),
            "workers": {str(pid): workers.get(pid, {"probes": 0, "fresh": 0}) for pid in pids},
            "every_worker_checked": every_worker,
            "etag": {
                "before": r["etag_before"],
                "status_if_none_match_before": r["status_304_before"],
                "status_old_etag_after": after["status"],
                "new_title_with_old_etag_after": after["fresh"],
                "etag_after": after["etag"],
                "status_new_etag_after": after_304["status"],
                "ok": etag_ok,
            },
            "load_running_during_checks": r["load_running"],
            "wrk_during": r["wrk"],
        }


# --- Markdown -------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return lines


def _throughput_rows(data: dict[str, Any], summary: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for page_key, cells in summary.items():
        page = data["pages"][page_key]
        for target_key, cell in cells.items():
            rows.append(
                [
                    f"{page['label']} `{page['app_url']}`",
                    data["targets"][target_key],
                    f"{cell['rps']:.0f}",
                    " / ".join(f"{v:.0f}" for v in cell["rps_all"]),
                    cell["p50_ms"],
                    cell["p99_ms"],
                    cell["errors"],
                    f"**{cell['pct_of_nginx']:.1f} %** ("
                    + " / ".join(f"{v:.1f}" for v in cell["pct_of_nginx_all"])
                    + ")",
                    cell["other_cpu_pct"],
                ]
            )
    return rows


def _verdict(data: dict[str, Any]) -> list[str]:
    """The issue's target: at least 30 % of nginx's rate for the same page."""
    lines = []
    for target in ("cache", "alt", "redis", "proxy"):
        cells = {page: c[target] for page, c in data["summary"].items() if target in c}
        if not cells:
            continue
        parts = [
            f"{data['pages'][page]['label']} {cell['pct_of_nginx']} %"
            f" ({'met' if (cell['pct_of_nginx'] or 0) >= 30 else 'not met'})"
            for page, cell in cells.items()
        ]
        lines.append(f"- Target ≥ 30 % of nginx, {data['targets'][target]}: " + "; ".join(parts))
    return lines


def render_markdown(data: dict[str, Any]) -> str:
    m, c = data["machine"], data["config"]
    v = m["versions"]
    out = [
        f"# Page rates — {c['db']} ({m['date']})",
        "",
        f"Machine: {m['nproc']} × {m['cpu']}, {m['ram_gib']} GiB RAM, {m['os']}.  ",
        f"Python {v['python']}, Django {v['django']}, Wagtail {v['wagtail']}, gunicorn "
        f"{v['gunicorn']}, {v['nginx']}, {v['wrk']}, {v['database']}"
        + (f", {v['redis']}" if "redis" in v else "")
        + f"; tree `{m['git']}`.",
        "",
        (
            f"Demo data: {c['documents']} live policy documents. gunicorn `{c['gunicorn']}`; nginx "
            f"{c['nginx_workers']} workers; wrk `-t{c['wrk_threads']} -c{c['connections']} "
            f"-d{c['duration_s']}s`, {c['rounds']} interleaved round(s), median shown."
        ),
        "",
        *(
            [
                (
                    f"`{c['gunicorn']}` also from `{c['alt_root']}` (“alt”): the same database, a "
                    "patched source tree; its `git diff` is in the JSON (`config.alt_diff`)."
                ),
                "",
            ]
            if c.get("alt_root")
            else []
        ),
        (
            "**The load generator runs on the same cores as the servers**, and other processes on "
            "the machine were not stopped: the share of all CPUs they used during each run is "
            "in the JSON (`other_cpu_pct`; `own_cpu_pct` is servers + wrk)."
        ),
        "",
    ]
    headers = ["page", "server", "req/s", "rounds", "p50 ms", "p99 ms", "errors"]
    headers += ["of nginx (rounds)", "others' CPU %"]
    if data["summary"]:
        out += ["## Requests per second (200)", ""]
        out += _table(headers, _throughput_rows(data, data["summary"]))
        out += ["", *_verdict(data), ""]
    if data["summary_conditional"]:
        out += ["## Conditional GET (If-None-Match → 304), policy page", ""]
        out += _table(headers, _throughput_rows(data, data["summary_conditional"]))
    others = [r["other_cpu_pct"] for r in data["throughput"] + data["conditional"]]
    if others:
        out += [
            "",
            (
                f"Other processes used a median {statistics.median(others):.1f} % of all CPUs "
                f"during the runs (max {max(others)} %)."
            ),
        ]
    if data["invalidation"]:
        out += ["", "## Invalidation under load (policy page)", ""]
        rows = [
            [
                data["targets"][r["target"]],
                r["mode"],
                "yes" if r["ok"] else "**no**",
                r["publish_seconds"],
                r["first_fresh_after_s"],
                r["all_fresh_after_s"],
                f"{r['stale_probes_after_bound']} / {r['probes_after_bound']} (≥{r['bound_s']:g} s)",
                f"{r['late_probes_fresh']} / {r['late_probes']}",
                ", ".join(f"{w['fresh']}/{w['probes']}" for w in r["workers"].values()) or "–",
                (
                    f"{r['etag']['status_if_none_match_before']} → "
                    f"{r['etag']['status_old_etag_after']} → {r['etag']['status_new_etag_after']}"
                ),
                f"{r['wrk_during'].get('rps', 0):.0f}",
            ]
            for r in data["invalidation"]
        ]
        out += _table(
            [
                "server",
                "publication",
                "ok",
                "publish s",
                "first new s",
                "last stale s",
                "stale probes after the bound",
                "new 2 s later",
                "new/probes per worker",
                "If-None-Match: 304 → old ETag → new",
                "req/s meanwhile",
            ],
            rows,
        )
        out += [
            "",
            (
                "ok: no probe started after the bound saw the old page, every gunicorn worker "
                "served the new one, the ETag sequence held, and wrk was still loading the page. "
                "Times are seconds after `publish()` returned (and its transaction committed); "
                "`autocommit` is `page.save_revision().publish()` as in a shell, `atomic` the same "
                "inside `transaction.atomic()`, as Wagtail's workflow approval and `policy_save` "
                "publish."
            ),
        ]
    return "\n".join(out) + "\n"


# --- Command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="a database to connect to")
    parser.add_argument("--documents", type=int, help="demo size (default: the whole demo)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before runs")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="interleaved repetitions")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--worker-class", choices=["gthread", "sync"], default="gthread")
    parser.add_argument("--year", type=int, default=2025, help="filter of the library list")
    parser.add_argument("--redis", action="store_true", help="also the page cache in Redis")
    parser.add_argument(
        "--proxy-cache", action="store_true", help="also nginx micro-caching gunicorn"
    )
    parser.add_argument(
        "--alt-root",
        type=Path,
        help="also run gunicorn (with the page cache) from this source tree, e.g. a patched "
        "git worktree; same database, same venv",
    )
    parser.add_argument("--alt-label", default="patched tree", help="its name in the report")
    parser.add_argument("--no-throughput", action="store_true", help="invalidation test only")
    parser.add_argument("--no-invalidation", action="store_true")
    parser.add_argument("--tag", default="", help="suffix of the result files")
    return parser.parse_args(argv)


def check_tools(args: argparse.Namespace) -> dict[str, str]:
    names = ["wrk", "nginx"] + (["redis-server"] if args.redis else [])
    tools = {name: find_tool(name) for name in names}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        extra = " redis-server" if "redis-server" in missing else ""
        print(f"Missing: {', '.join(missing)}. Install them with:\n  {APT_HINT}{extra}")
        raise SystemExit(2)
    if args.redis:
        probe = subprocess.run([sys.executable, "-c", "import redis"], check=False)
        if probe.returncode:
            print("--redis needs the redis Python package (pip install 'redis>=5' or PYTHONPATH)")
            raise SystemExit(2)
    return {k: v for k, v in tools.items() if v}


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    tools = check_tools(args)
    # Stopped with SIGTERM: unwind, so that the servers stop and the temporary files go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = Bench(args, tools).run()
    print(report.read_text())
    log(f"written: {report} and {report.with_suffix('.json').name}")


if __name__ == "__main__":
    main()
