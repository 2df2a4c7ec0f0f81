"""Types shared by every app.

``User`` is the type of an actor in service and policy signatures: a signed-in person (the
custom user model is Django's own ``auth.User``) or, where the public acts, an anonymous user.
Use it instead of ``Any`` for actors.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser

User: TypeAlias = AuthUser | AnonymousUser
