"""The validator of other sites' reports is a library of its own (issue 13): it imports neither
Django nor another gongkai package, and its verbatim labels agree with the outcome catalogue
Gongkai files its cases under."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from gongkai.applications import outcomes
from gongkai.reports import labels
from gongkai.reports.validation import labels as format_labels

PACKAGE = Path(__file__).resolve().parents[1] / "validation"
OWN = "gongkai.reports.validation"


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_the_validator_imports_no_django_and_no_other_gongkai_package() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert files
    for path in files:
        for name in _imports(path):
            assert not name.startswith("django"), (path.name, name)
            assert not name.startswith("wagtail"), (path.name, name)
            if name.startswith("gongkai"):
                assert name == OWN or name.startswith(OWN + "."), (path.name, name)


def test_the_validator_runs_without_django_configured() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; from gongkai.reports.validation import parse_report, validate;"
        "r = validate(parse_report('{\"三\": {}}', 'x.json'));"
        "print(r.ok is not None, 'django' in sys.modules)"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["True", "False"]


def test_the_format_rows_of_table_3_are_the_outcome_catalogue_rows() -> None:
    from_outcomes: dict[str, tuple[str, ...]] = {}
    for outcome in outcomes.OUTCOMES:
        items = from_outcomes.setdefault(outcome.group, ())
        if outcome.item:
            from_outcomes[outcome.group] = (*items, outcome.item)
    assert from_outcomes == format_labels.RESULT_GROUPS
    for outcome in outcomes.OUTCOMES:
        assert labels.outcome_cell(outcome.code) == (outcome.group, outcome.item)
