"""The validator of annual reports (政府信息公开工作年度报告) published by any site: a library of
its own, which could be lifted out of Gongkai as it is.

Boundary: pure functions over text, bytes and tables. It imports the standard library, bs4/lxml
and python-docx only — never Django, never a model, never another gongkai package (a guard test,
reports/tests/test_validation_boundary.py, keeps it so). Gongkai's side (the reports kept in the
database, the ``gongkai report`` command) lives in gongkai/reports and calls in.

- ``labels``: the format's labels, verbatim (国办公开办函〔2021〕30号), and the report-as-data shape;
- ``parse``: reading HTML, text, DOCX or JSON into those tables (``parse_report``, ``parse_file``);
- ``validate``: the consistency checks (勾稽关系) and the batch check of a directory;
- ``archive``: the zip-bomb check run before a DOCX is opened.
"""

from __future__ import annotations

from gongkai.reports.validation.parse import (
    LAYOUT_2019,
    LAYOUT_2021,
    ParsedReport,
    UnusableReport,
    parse_file,
    parse_report,
)
from gongkai.reports.validation.validate import (
    ERROR,
    PREVIOUS,
    WARN,
    BatchEntry,
    Finding,
    ValidationResult,
    validate,
    validate_directory,
)

__all__ = [
    "ERROR",
    "LAYOUT_2019",
    "LAYOUT_2021",
    "PREVIOUS",
    "WARN",
    "BatchEntry",
    "Finding",
    "ParsedReport",
    "UnusableReport",
    "ValidationResult",
    "parse_file",
    "parse_report",
    "validate",
    "validate_directory",
]
