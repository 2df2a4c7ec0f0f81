"""The HTTP side of a report download: the file in the asked format with its name (the public
page's download route and the office's 编制单位年度报告 screen). Services build no responses."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse

from gongkai.reports.export import CONTENT_TYPES, ReportDocument, render


def download_response(document: ReportDocument, fmt: str, name: str) -> HttpResponse:
    """An unknown format is a missing file (404)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(render(document, fmt), content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response
