"""Content-Security-Policy (django-csp) with one strict policy for the public site and a wider
one for the admin.

Public pages (settings.CONTENT_SECURITY_POLICY): scripts and styles only from our own origin, no
inline script, no inline style, no eval. The Wagtail admin (/admin/, /django-admin/) keeps
script-src 'self' (no inline script; its configuration blocks are JSON, which a browser does not
execute), but needs 'unsafe-inline' styles: the rich-text editor (Draftail), the sidebar and
several widgets set style attributes from JavaScript. Checked in a real browser
(gongkai/accounts/tests/test_csp_browser.py).
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_POLICY_CHANGES = {
    "style-src": ["'self'", "'unsafe-inline'"],
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
