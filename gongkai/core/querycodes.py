"""Query codes: the secret a citizen keeps to follow a case, letter or registration without an
account. The code is shown once; only its keyed digest is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_query_code() -> str:
    """12 characters from a 32-letter alphabet (60 random bits), shown as XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normal_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def code_digest(code: str) -> str:
    """HMAC of the code with the site's secret: 60 random bits need no slow hash, and a
    leaked table does not give the codes."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normal_code(code).encode(), hashlib.sha256).hexdigest()


def digest_matches(stored: str | None, code: str) -> bool:
    """Compare in constant time; a missing record costs the same work as a wrong code."""
    digest = code_digest(code)
    if stored is None:
        hmac.compare_digest(digest, digest)
        return False
    return hmac.compare_digest(stored, digest)
