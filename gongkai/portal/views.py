"""Public views of the portal outside the page tree: robots.txt, sitemap.xml, the 长辈版
switch, the 我为政府网站找错 form and the placeholders for services still to come."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from gongkai.core.config import gongkai_config
from gongkai.core.ratelimit import Limit
from gongkai.portal import services
from gongkai.portal.context_processors import ELDER_COOKIE
from gongkai.portal.forms import ErrorReportForm
from gongkai.portal.sitemaps import PageSitemap

ELDER_COOKIE_AGE = 365 * 24 * 3600

# Services that later issues build; until then the home page links to a page that says so.
COMING_SOON: dict[str, tuple[str, str]] = {}  # 意见征集 went live with issue 14 (/yjzj/)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri(reverse("portal:sitemap"))
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        # Per-visitor switches and forms: nothing to index, and one URL per page each.
        "Disallow: /elder/",
        "Disallow: /zhaocuo/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})


def _safe_next(request: HttpRequest, url: str) -> str:
    """``url`` if it leads back into this site, else the home page."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


@require_GET
def elder_mode(request: HttpRequest, state: str) -> HttpResponse:
    """Switch 长辈版 on or off (a cookie) and return to the page the visitor came from."""
    response = HttpResponseRedirect(_safe_next(request, request.GET.get("next", "")))
    if state == "on":
        response.set_cookie(
            ELDER_COOKIE,
            "1",
            max_age=ELDER_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response


# --- 我为政府网站找错 -------------------------------------------------------------------------------


def _allowed_hosts(request: HttpRequest) -> set[str]:
    hosts = {request.get_host(), gongkai_config().site_domain}
    hosts |= {h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")}
    return hosts


def _report_limit() -> Limit:
    return Limit(
        "zhaocuo",
        int(gongkai_config().error_report_limit),
        int(gongkai_config().error_report_window),
    )


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def error_report(request: HttpRequest) -> HttpResponse:
    allowed = _allowed_hosts(request)
    site = Site.find_for_request(request)
    if request.method == "POST":
        form = ErrorReportForm(request.POST, allowed_hosts=allowed)
        valid = form.is_valid()
        if valid and not _report_limit().take(request):  # counted and checked in one step
            window_minutes = int(gongkai_config().error_report_window) // 60
            response = render(
                request,
                "portal/error_report_limited.html",
                {"window_minutes": window_minutes},
                status=429,
            )
            response["Retry-After"] = str(gongkai_config().error_report_window)
            return response
        if valid:
            data = form.cleaned_data
            services.error_report_submit(
                category=data["category"],
                description=data["description"],
                contact=data["contact"],
                page_url=data["page_url"],
                site=site,
            )
            done = reverse("portal:error-report-done")
            return HttpResponseRedirect(f"{done}?url={quote(data['page_url'], safe='')}")
        status = 400
    else:
        url = request.GET.get("url", "").strip()
        initial = url if services.is_site_url(url, allowed_hosts=allowed) else ""
        form = ErrorReportForm(initial={"page_url": initial}, allowed_hosts=allowed)
        status = 200
    url_value = form["page_url"].value() or ""
    page = (
        services.page_for_url(url_value, site=site)
        if services.is_site_url(url_value, allowed_hosts=allowed)
        else None
    )
    context: dict[str, Any] = {"form": form, "reported_page": page}
    return render(request, "portal/error_report.html", context, status=status)


@require_GET
def error_report_done(request: HttpRequest) -> HttpResponse:
    url = request.GET.get("url", "")
    back = url if services.is_site_url(url, allowed_hosts=_allowed_hosts(request)) else ""
    return render(request, "portal/error_report_done.html", {"back_url": back})


@require_GET
def coming_soon(request: HttpRequest, key: str) -> HttpResponse:
    if key not in COMING_SOON:
        raise Http404
    title, text = COMING_SOON[key]
    return render(request, "portal/coming_soon.html", {"title": title, "text": text})
