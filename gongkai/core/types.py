"""Types shared by every app.

- ``User``: a signed-in person, the actor of staff services (Django's ``auth.User`` is the
  project's user model).
- ``AnyUser``: whoever makes a request, signed in or anonymous; the argument of policy
  functions that answer for the public too.

Use these instead of ``Any`` for actors.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

AnyUser: TypeAlias = User | AnonymousUser

__all__ = ["AnyUser", "User"]
