"""A real Gongkai server in its own process, on its own database, for the browser tests.

The server runs the real application (``gongkai runserver``) on a fresh database — a SQLite
file, or a new PostgreSQL database when the suite runs with a PostgreSQL DATABASE_URL — with
a small demo city loaded. Chromium is Debian's (/usr/bin/chromium), driven by Playwright
without any browser download.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GONGKAI = str(Path(sys.executable).with_name("gongkai"))
DEMO_PASSWORD = "gongkai-demo"  # noqa: S105 - the demo accounts' published password (README)
MANAGE = str(Path(__file__).resolve().parents[2] / "manage.py")
# The live server's environment, for walks that must run an operator's command against it.
LIVE_ENV: dict[str, str] = {}


def live_python(code: str) -> str:
    """Runs ``code`` in a Django shell on the live server's database (set-up a walk needs that
    no screen offers, e.g. a walk's own account) and returns what it printed."""
    out = subprocess.run(
        [sys.executable, MANAGE, "shell", "-c", code],
        env=LIVE_ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url(tmp: Path) -> tuple[str, Any]:
    """A fresh database for the server, and how to drop it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'e2e.sqlite3'}", None
    import psycopg

    name = f"gongkai_e2e_{uuid.uuid4().hex[:8]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.rsplit("/", 1)[0] + f"/{name}", drop


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run must install it")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    tmp = tmp_path_factory.mktemp("e2e")
    db_url, drop = _database_url(tmp)
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "GONGKAI_VAR_DIR": str(tmp),
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    LIVE_ENV.update(env)
    subprocess.run([GONGKAI, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run(
        [GONGKAI, "load-demo", "--documents", "40"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    port = _free_port()
    server = subprocess.Popen(
        [GONGKAI, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Until the server answers (its start-up takes seconds, a minute or more on a loaded
        # machine), or it has exited; then the walks fail on a clear message, not on a refusal.
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=30)  # noqa: S310 - our own server
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the live server did not start (exit code {server.poll()})")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        if drop:
            drop()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# Screenshots of the walks: CI sets GONGKAI_E2E_SHOTS (var/e2e-shots) and keeps the folder as
# its artifact; the user guides in docs/guide/ use some of them.
SHOTS = os.environ.get("GONGKAI_E2E_SHOTS")


def shot(page: Any, name: str, *, full_page: bool = False) -> None:
    """Saves a screenshot ``<name>.png`` of the page when GONGKAI_E2E_SHOTS is set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full_page)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A phone: 390×844 CSS pixels, touch, device scale 2 (as an iPhone 12–14 or a mid-range Android)."""
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


def staff_page(browser: Any, live_site: str, username: str, **context_options: Any) -> Any:
    """A browser of its own (own cookies) in which the demo account ``username`` has logged in
    to the admin, on the admin's home page."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, **context_options
    )
    page = context.new_page()
    page.goto(live_site + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()
    assert re.search(r"/admin/$", page.url), page.url
    return page
