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
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_POLICY_CHANGES = {
    "img-src": ["'self'", "data:", "blob:"],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIXES) and parts.replace is None:
            parts.replace = dict(ADMIN_POLICY_CHANGES)
        return parts
