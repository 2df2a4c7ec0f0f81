"""Content-Security-Policy (django-csp): scripts and styles only from our own origin, on the
public site and in the admin alike.

Public pages (settings.CONTENT_SECURITY_POLICY): no inline script, no inline style, no eval,
no plugins, framing only by ourselves. The Wagtail admin (/admin/, /django-admin/) gets the
same policy plus ``blob:`` images (previews of images being uploaded): Wagtail 8 keeps its
scripts in static files (its configuration blocks are JSON, which browsers do not execute)
and sets styles through the DOM, which CSP allows. Checked in Chromium on the dashboard,
explorer, documents, images, account, the page editor (Draftail) and the two-factor page:
no violation (gongkai/e2e/test_csp.py). If an admin screen turns out to need inline styles,
add "'unsafe-inline'" to style-src in ADMIN_POLICY_CHANGES, never to script-src.

Wagtail does still start a few widgets with an inline ``<script>``: inline panels (the "add"
buttons of attachments and related items), date and time pickers — replaced by template
overrides in gongkai/core/templates/wagtailadmin/ — and the choosers (page, document, image,
task), whose Python widget writes ``<script>new PageChooser("id", {...});</script>``. The
admin's HTML responses get those chooser scripts rewritten here into inert markers
``<div hidden data-gk-init=… data-gk-args=…>`` that gongkai/core/static/core/admin-init.js
starts: only the constructors named in ALLOWED_INIT, only with JSON arguments, so the CSP
keeps refusing every other inline script (found with gongkai/e2e/test_csp.py, which clicks
an "add" button and a chooser in Chromium).
"""

from __future__ import annotations

import json
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.html import escape

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_POLICY_CHANGES = {
    "img-src": ["'self'", "data:", "blob:"],
}


# The same list as ALLOWED in gongkai/core/static/core/admin-init.js.
ALLOWED_INIT = re.compile(r"^(?:[A-Z][A-Za-z]*Chooser|createTaskChooser)$")
_INLINE_INIT = re.compile(r"<script>(new )?([A-Za-z]+)\((.*?)\);</script>", re.DOTALL)


def _marker(match: re.Match[str]) -> str:
    constructs, name, args = match.group(1), match.group(2), match.group(3)
    if not ALLOWED_INIT.match(name):
        return match.group(0)
    try:
        parsed = json.loads(f"[{args}]")
    except ValueError:
        return match.group(0)
    new = " data-gk-new" if constructs else ""
    data = escape(json.dumps(parsed, ensure_ascii=False))
    return f'<div hidden data-gk-init="{name}"{new} data-gk-args="{data}"></div>'


def inline_inits_to_markers(html: str) -> str:
    """Wagtail's chooser start-up scripts as markers for admin-init.js (see the module's note)."""
    return _INLINE_INIT.sub(_marker, html)


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            request.path.startswith("/admin/")
            and isinstance(response, HttpResponse)
            and not response.streaming
            and response.get("Content-Type", "").startswith(("text/html", "application/json"))
            and b"<script>" in response.content
        ):
            # Chooser modals answer in JSON whose "html" carries the same scripts.
            if response["Content-Type"].startswith("application/json"):
                response.content = _rewrite_json(response.content)
            else:
                response.content = inline_inits_to_markers(response.content.decode()).encode()
            # CommonMiddleware may have set the length of the body before the rewrite; a stale
            # length made browsers cut our admin pages that use a chooser short.
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIXES) and parts.replace is None:
            parts.replace = dict(ADMIN_POLICY_CHANGES)
        return parts


def _rewrite_json(content: bytes) -> bytes:
    try:
        data = json.loads(content)
    except ValueError:
        return content
    if isinstance(data, dict) and isinstance(data.get("html"), str):
        data["html"] = inline_inits_to_markers(data["html"])
        return json.dumps(data).encode()
    return content
