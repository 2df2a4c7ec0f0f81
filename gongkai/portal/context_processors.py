"""Site-wide values for public templates."""

from typing import Any

from django.http import HttpRequest

from gongkai.core.config import gongkai_config

ELDER_COOKIE = "gk_elder"


def site(request: HttpRequest) -> dict[str, Any]:
    conf = gongkai_config()
    return {
        "site_name": conf.site_name,
        "site_id_code": conf.site_id_code,
        # 长辈版 (elder-friendly mode), switched by /elder/on and /elder/off.
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
    }
