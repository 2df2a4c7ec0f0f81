"""``settings.GONGKAI`` read through one typed accessor, with every default in one place.

``settings.py`` fills ``GONGKAI`` from the environment (``GONGKAI_*`` variables, see
docs/deployment.md) using the defaults below; code reads ``gongkai_config().page_cache_seconds``
rather than ``settings.GONGKAI.get("PAGE_CACHE_SECONDS", 600)`` in twenty places with twenty
chances of a different default. The value is rebuilt when a test changes the setting.

Statutory periods are not settings: they are law, and live in ``gongkai.workdays.deadlines``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

MB = 1024 * 1024


@dataclass(frozen=True)
class GongkaiConfig:
    # Shown in the 政府网站发展指引 page meta tags (SiteName, SiteDomain, SiteIDCode).
    site_name: str = "南昌市人民政府"
    site_domain: str = "www.nc.gov.cn"
    site_id_code: str = "3601000001"
    # Share of an interpretation's text found verbatim in its policy above which the editor is
    # warned that it looks like an excerpt (形式化解读). See docs/interpretation-substance.md.
    excerpt_warn_ratio: float = 0.6
    # Seconds a public page stays in the page cache (0 turns it off), and the cache it uses.
    page_cache_seconds: int = 600
    page_cache_alias: str = "default"
    # 我为政府网站找错: reports per client address per window (seconds).
    error_report_limit: int = 5
    error_report_window: int = 600
    # Behind a reverse proxy: the request header carrying the client's address (empty:
    # REMOTE_ADDR), e.g. HTTP_X_REAL_IP.
    client_ip_header: str = ""
    # Open API: anonymous requests per window (seconds) from one address.
    api_rate_limit: int = 120
    api_rate_window: int = 60
    # Application form: submissions per hour and case look-ups per 10 minutes per address.
    application_limit: int = 10
    track_limit: int = 20
    # 意见征集: comments and questionnaire answers per hour per address (each counted apart).
    comment_limit: int = 20
    # Handlers are reminded this many working days before a case's deadline.
    reminder_workdays: int = 3
    # The applicant's period to correct an application (条例第三十条 asks for a reasonable
    # one; the unit chooses). The default is workdays.deadlines.DEFAULT_CORRECTION_PERIOD, the
    # one statutory-periods module (core cannot import it; a test keeps the two equal).
    correction_period_workdays: int = 15
    # Production: the nginx `internal` location that sends media files (X-Accel-Redirect).
    media_accel_redirect: str = ""
    # Request bodies refused (413) before they are read, by path prefix.
    max_request_bytes: int = 3 * MB
    max_request_bytes_by_prefix: dict[str, int] = field(
        default_factory=lambda: {
            "/ysqgk/": 52 * MB,
            "/admin/": 200 * MB,
            "/admin/login/": 1 * MB,
        }
    )
    # Zip containers (DOCX, XLSX, OFD, ZIP) are opened only within these bounds.
    zip_max_uncompressed_bytes: int = 100 * MB
    zip_max_ratio: int = 100
    zip_max_entries: int = 2000


DEFAULTS = GongkaiConfig()
_FIELDS = {f.name: f for f in dataclasses.fields(GongkaiConfig)}


def build(values: dict[str, Any]) -> GongkaiConfig:
    """A config from a ``GONGKAI`` dict (upper-case keys); unknown keys are an error, so that
    a misspelt setting is not silently ignored."""
    given = {key.lower(): value for key, value in values.items()}
    unknown = sorted(set(given) - set(_FIELDS))
    if unknown:
        raise ValueError(f"unknown GONGKAI settings: {', '.join(k.upper() for k in unknown)}")
    return dataclasses.replace(DEFAULTS, **given)


@cache
def gongkai_config() -> GongkaiConfig:
    return build(getattr(settings, "GONGKAI", {}))


def _reset(*, setting: str, **_kwargs: Any) -> None:
    if setting == "GONGKAI":
        gongkai_config.cache_clear()


setting_changed.connect(_reset, dispatch_uid="gongkai-config-reset")
