"""The house rules of docs/architecture.md, enforced (issue 13).

The scanner is tools/archcheck.py — the same code prints the before/after numbers — and each
guard first proves on a small sample that it can see what it forbids.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _archcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location("archcheck", ROOT / "tools" / "archcheck.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["archcheck"] = module
    spec.loader.exec_module(module)
    return module


archcheck = _archcheck()


def _listing(findings: list[object]) -> str:
    return "\n".join(str(f) for f in findings)


def test_the_write_scanner_sees_model_writes_and_lets_other_saves_pass() -> None:
    sample = "\n".join(
        [
            "def f(case, form, doc, buf):",
            "    case.save()",
            "    form.save()",
            "    Case.objects.filter(pk=1).update(status='x')",
            "    Case.objects.create(title='x')",
            "    case.events.all().delete()  # write-guard: sample of an explained line",
            "    data = {}",
            "    data.update(a=1)",
            "    doc.save(buf)",
        ]
    )
    lines = [f.line for f in archcheck.model_writes("gongkai/x/views.py", sample)]
    assert lines == [2, 3, 4, 5]


def test_model_writes_happen_only_in_services_models_and_migrations() -> None:
    """A save, delete or manager write outside a service module lets a screen, command or
    task change records without the actor's permission, the transaction and the audit entry
    that the service gives (issue 13, item 2). Route it through the app's service."""
    found = archcheck.writes_outside_services(ROOT)
    assert not found, "model writes outside services:\n" + _listing(found)


def test_the_import_scanner_sees_unexplained_local_imports(tmp_path: Path) -> None:
    package = tmp_path / "gongkai" / "x"
    package.mkdir(parents=True)
    (package / "views.py").write_text(
        "def f():\n"
        "    import json\n"
        "    # local import: the registry is not ready when this module loads\n"
        "    from gongkai.x import models\n"
        "    from gongkai.x import services  # local import: services import this module\n",
        encoding="utf-8",
    )
    every, unexplained = archcheck.function_imports(tmp_path)
    assert [f.line for f in every] == [2, 4, 5]
    assert [f.line for f in unexplained] == [2]


def test_imports_inside_functions_say_why() -> None:
    """Imports run downward and sit at the top of the module; an import inside a function is
    allowed where a ``# local import:`` comment says why (the app registry is not ready, a
    model-service cycle inside one app, a heavy optional library)."""
    _every, unexplained = archcheck.function_imports(ROOT)
    assert not unexplained, "imports inside functions without a reason:\n" + _listing(unexplained)


def test_no_two_apps_import_each_other() -> None:
    assert archcheck.app_cycles(ROOT) == []


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "lint-imports").exists(), reason="import-linter missing"
)
def test_the_layers_contract_is_kept() -> None:
    """The import-linter contract in pyproject.toml (also run by ``make lint``)."""
    result = subprocess.run(  # noqa: S603 - our own virtualenv's tool, fixed arguments
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def _live_code_in_migration_functions(source: str) -> list[int]:
    """Lines where a function of a migration (a RunPython step) reaches Gongkai's live code."""
    lines: list[int] = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            modules: list[str] = []
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.Name):
                modules = [node.id]
            if any(m == "gongkai" or m.startswith("gongkai.") for m in modules):
                lines.append(node.lineno)
    return lines


def test_the_migration_scanner_sees_live_code() -> None:
    sample = (
        "def relayout(apps, schema_editor):\n"
        "    from gongkai.search import indexing, store\n"
        "    store.create_schema(schema_editor)\n"
    )
    assert _live_code_in_migration_functions(sample) == [2]


def test_data_migrations_import_no_live_code() -> None:
    """A data step works on the historical models (apps.get_model) and on data frozen beside
    it; code of ours that changes later must not change what an old migration does."""
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(ROOT.glob("gongkai/*/migrations/*.py"))
        for line in _live_code_in_migration_functions(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


SETTINGS_READ = re.compile(r"settings\.GONGKAI\b(?!_)")


def test_the_settings_scanner_sees_direct_reads() -> None:
    assert SETTINGS_READ.search('x = settings.GONGKAI["SITE_NAME"]')
    assert not SETTINGS_READ.search("y = settings.GONGKAI_REQUIRE_2FA")


def test_our_settings_are_read_through_the_typed_accessor() -> None:
    """``settings.GONGKAI`` is read in one place (core/config.py, with its defaults); code
    calls ``gongkai_config()``."""
    found = [
        f"{rel}:{number}"
        for rel, path in archcheck.production_files(ROOT)
        if rel not in {"gongkai/core/config.py", "gongkai/settings.py"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SETTINGS_READ.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, found
