"""Types shared by every app.

``User`` is the type of an actor in service and policy signatures: whoever makes the request,
a signed-in person (Django's ``auth.User`` is the project's user model) or the anonymous
public, which every policy answers with "no" for staff actions. Use it instead of ``Any``.
``AnyUser`` is the same type under the name some policy modules used before.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser

User: TypeAlias = AuthUser | AnonymousUser
AnyUser: TypeAlias = User
