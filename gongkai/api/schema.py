"""The OpenAPI document of the open API, as served at /api/v1/openapi.json, and its snapshot.

The snapshot (tests/openapi.snapshot.json) is the published contract: a test fails when the
generated document differs from it. After a deliberate change, regenerate it with
``gongkai api-schema --write`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gongkai.api.api import api

SNAPSHOT = Path(__file__).resolve().parent / "tests" / "openapi.snapshot.json"


def openapi_document() -> dict[str, Any]:

    # Through JSON, so that the result equals what a client reads (and the stored file).
    return json.loads(json.dumps(api.get_openapi_schema(), ensure_ascii=False))


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_snapshot(path: Path = SNAPSHOT) -> Path:
    path.write_text(render(openapi_document()), encoding="utf-8")
    return path
