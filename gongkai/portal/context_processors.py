"""Site-wide values for public templates."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

ELDER_COOKIE = "gk_elder"


def site(request: HttpRequest) -> dict[str, Any]:
    conf = settings.GONGKAI
    return {
        "site_name": conf["SITE_NAME"],
        "site_id_code": conf["SITE_ID_CODE"],
        # 长辈版 (elder-friendly mode), switched by /elder/on and /elder/off.
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
    }
