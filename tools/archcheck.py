"""Architecture measurements and guards for Gongkai (issue 13).

Run ``python tools/archcheck.py`` (or ``make architecture``) for the table the closing notes
quote: cycles between apps, imports inside functions, model writes outside services, permission
checks outside ``policies.py``, ``Any`` parameters and the largest modules. The same functions
back the guard tests in ``gongkai/core/tests/test_architecture.py``, so the numbers a person
reads and the rules ``make test`` enforces are computed by one piece of code.

Standard library only (``grimp`` is used when installed, for the app import graph), so it runs
on any checkout, including an old one for a "before" column::

    python tools/archcheck.py --root /path/to/old/checkout
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "gongkai"

# Method names that write rows when called on a model instance, a manager or a queryset.
INSTANCE_WRITES = {"save", "delete"}
MANAGER_WRITES = {
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
    "add",
    "remove",
    "clear",
    "set",
}
# ``x.save()`` where x is one of these names is not a model write (python-docx, openpyxl,
# Pillow, sessions, storages, Django forms are counted: a ModelForm.save() is a model write).
NOT_MODEL_RECEIVERS = {
    "session",
    "storage",
    "default_storage",
    "doc",
    "document",
    "docx",
    "workbook",
    "wb",
    "image",
    "img",
    "pdf",
    "cache",
    "tmp",
    "buffer",
    "zf",
    "archive",
}
# A line that says why a write is not a model write, or why it may stay where it is.
WRITE_PRAGMA = "# write-guard:"
IMPORT_PRAGMA = "# local import:"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def python_files(root: Path) -> Iterator[Path]:
    yield from sorted((root / PACKAGE).rglob("*.py"))


def is_test(rel: str) -> bool:
    parts = rel.split("/")
    return "tests" in parts or "e2e" in parts or rel.endswith("testing.py") or "conftest" in rel


def is_migration(rel: str) -> bool:
    return "/migrations/" in rel


def production_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in python_files(root):
        rel = path.relative_to(root).as_posix()
        if is_test(rel) or is_migration(rel):
            continue
        yield rel, path


# --- writes outside services ---------------------------------------------------------------


def write_allowed(rel: str) -> bool:
    """Where a model write may appear: a service module (``services.py``, a ``services/``
    package, ``*_services.py``), a model module (the model's own methods), migrations and tests.
    The demo data generator seeds a database for demonstration and benchmarks; it is listed in
    docs/architecture.md as the one exception."""
    parts = rel.split("/")
    name = parts[-1]
    return (
        name in {"services.py", "models.py"}
        or name.endswith("_services.py")
        or "services" in parts[:-1]
        or "models" in parts[:-1]
        or parts[1] == "demo"
    )


def _chain(node: ast.AST) -> list[str]:
    """``a.b.c(...).d`` → ['a', 'b', 'c()', 'd'] (best effort)."""
    out: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            out.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            out.append("()")
            node = node.func
        elif isinstance(node, ast.Name):
            out.append(node.id)
            break
        else:
            out.append("?")
            break
    return list(reversed(out))


def model_writes(rel: str, source: str) -> list[Finding]:
    tree = ast.parse(source)
    lines = source.splitlines()
    found: list[Finding] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method = node.func.attr
        chain = _chain(node.func.value)
        line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
        if WRITE_PRAGMA in line:
            continue
        via_manager = "objects" in chain or "_default_manager" in chain
        if via_manager and method in MANAGER_WRITES:
            found.append(Finding(rel, node.lineno, line.strip()))
        elif method in INSTANCE_WRITES and not via_manager:
            receiver = chain[-1] if chain else "?"
            if receiver in NOT_MODEL_RECEIVERS or receiver.startswith(("_", "os", "path")):
                continue
            # dict.update / set.add style calls are not model writes; only save()/delete()
            # on an instance-like receiver count.
            found.append(Finding(rel, node.lineno, line.strip()))
        elif method in {"update", "delete"} and chain and chain[-1] == "()" and via_manager:
            found.append(Finding(rel, node.lineno, line.strip()))
    return found


MODULE_WRITE_PRAGMA = "# write-guard: module"


def writes_outside_services(root: Path) -> list[Finding]:
    """Model writes outside the allowed places. A module whose writes are mechanism rather
    than a user's action (the counter rows, the command locks, the derived search index)
    says so in a ``# write-guard: module — why`` line; docs/architecture.md lists them."""
    out: list[Finding] = []
    for rel, path in production_files(root):
        if write_allowed(rel):
            continue
        source = path.read_text(encoding="utf-8")
        if MODULE_WRITE_PRAGMA in source:
            continue
        out.extend(model_writes(rel, source))
    return out


# --- imports inside functions --------------------------------------------------------------


def _import_explained(lines: list[str], lineno: int) -> bool:
    """The import's line carries ``# local import: why``, or the comment line just above the
    block of imports it belongs to does."""
    if IMPORT_PRAGMA in lines[lineno - 1]:
        return True
    index = lineno - 2
    while index >= 0:
        text = lines[index].strip()
        if text.startswith(("from ", "import ")) or text.endswith((",", "(")) or text == ")":
            index -= 1
            continue
        if text.startswith("#"):
            # a comment of several lines: the pragma may start any of them
            while index >= 0 and lines[index].strip().startswith("#"):
                if IMPORT_PRAGMA in lines[index]:
                    return True
                index -= 1
        return False
    return False


def function_imports(root: Path) -> tuple[list[Finding], list[Finding]]:
    """(all imports inside functions, those without a comment saying why)."""
    every: list[Finding] = []
    unexplained: list[Finding] = []
    for rel, path in production_files(root):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    text = lines[node.lineno - 1]
                    finding = Finding(rel, node.lineno, text.strip())
                    every.append(finding)
                    if not _import_explained(lines, node.lineno):
                        unexplained.append(finding)
    # ast.walk visits nested functions twice; keep each line once
    return sorted(set(every), key=str), sorted(set(unexplained), key=str)


# --- permission checks outside policies ----------------------------------------------------

PERMISSION_PATTERNS = re.compile(
    r"\.is_superuser\b|\.has_perm\(|\.has_perms\(|\bcapabilities_for\(|\bhas_capability\(|"
    r"\buser_has_capability\(|\bCapability\.\w+\s+in\b|\.role\s*==|\bRole\.\w+\s*(==|in)\b"
)


def permission_checks_outside_policies(root: Path) -> list[Finding]:
    out: list[Finding] = []
    for rel, path in production_files(root):
        name = rel.rsplit("/", 1)[-1]
        if name == "policies.py" or "/policies/" in rel or rel.endswith("settings.py"):
            continue
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = text.strip()
            if stripped.startswith("#"):
                continue
            if PERMISSION_PATTERNS.search(text):
                out.append(Finding(rel, number, stripped))
    return out


# --- Any in parameters ---------------------------------------------------------------------


def any_parameters(root: Path) -> list[Finding]:
    out: list[Finding] = []
    for rel, path in production_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
            for arg in args:
                if arg.arg in {"args", "kwargs"}:
                    continue
                if arg.annotation is not None and "Any" in ast.unparse(arg.annotation):
                    out.append(Finding(rel, fn.lineno, f"{fn.name}({arg.arg})"))
    return out


# --- largest modules -------------------------------------------------------------------------


def largest_modules(root: Path, count: int = 6) -> list[tuple[str, int]]:
    sizes = [
        (rel, len(path.read_text(encoding="utf-8").splitlines()))
        for rel, path in production_files(root)
    ]
    return sorted(sizes, key=lambda item: -item[1])[:count]


# --- cycles between apps ---------------------------------------------------------------------


def app_import_edges(root: Path) -> Counter[tuple[str, str]]:
    """(importing app, imported app) → number of import statements, tests and migrations
    excluded, imports inside functions included."""
    edges: Counter[tuple[str, str]] = Counter()
    for rel, path in production_files(root):
        parts = rel.split("/")
        if len(parts) < 3:
            continue
        app = parts[1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == PACKAGE and len(bits) > 1 and bits[1] != app:
                    edges[(app, bits[1])] += 1
    return edges


def app_cycles(root: Path) -> list[tuple[str, str]]:
    """Pairs of apps that import each other, directly or through other apps (every pair in a
    strongly connected component of the app graph)."""
    edges = app_import_edges(root)
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reachable = {node: reach(node) for node in graph}
    return sorted(
        (a, b) for a in graph for b in graph if a < b and b in reachable[a] and a in reachable[b]
    )


# --- report ----------------------------------------------------------------------------------


def measure(root: Path) -> dict[str, object]:
    every, unexplained = function_imports(root)
    return {
        "app_cycles": [f"{a} ↔ {b}" for a, b in app_cycles(root)],
        "imports_inside_functions": len(every),
        "imports_inside_functions_unexplained": len(unexplained),
        "writes_outside_services": len(writes_outside_services(root)),
        "permission_checks_outside_policies": len(permission_checks_outside_policies(root)),
        "any_parameters": len(any_parameters(root)),
        "largest_modules": [f"{rel} ({n})" for rel, n in largest_modules(root)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--list",
        choices=["writes", "imports", "permissions", "any", "cycles"],
        help="print every finding of one kind",
    )
    args = parser.parse_args(argv)
    root = args.root
    if args.list:
        items: list[object]
        if args.list == "writes":
            items = list(writes_outside_services(root))
        elif args.list == "imports":
            items = list(function_imports(root)[1])
        elif args.list == "permissions":
            items = list(permission_checks_outside_policies(root))
        elif args.list == "any":
            items = list(any_parameters(root))
        else:
            items = [f"{a} ↔ {b}" for a, b in app_cycles(root)]
        for item in items:
            print(item)
        return 0
    result = measure(root)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    cycles = result["app_cycles"]
    assert isinstance(cycles, list)
    print(f"app pairs in an import cycle       {len(cycles)}  {', '.join(cycles)}")
    print(f"imports inside functions           {result['imports_inside_functions']}")
    print(f"  of which without a reason        {result['imports_inside_functions_unexplained']}")
    print(f"model writes outside services      {result['writes_outside_services']}")
    print(f"permission checks outside policies {result['permission_checks_outside_policies']}")
    print(f"parameters typed Any               {result['any_parameters']}")
    print("largest modules                    " + ", ".join(result["largest_modules"]))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
