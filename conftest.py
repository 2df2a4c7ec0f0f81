"""Project-wide pytest fixtures.

``city`` is a small city (government, two departments, a district with a department) with
staff in every role. It is built once per test database (``django_db_setup``) — building
units and their page trees is the slowest set-up we have — and each test sees it inside its
own transaction, rolled back afterwards.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from gongkai.organisations.models import Organisation, OrganisationKind, Role
from gongkai.testing import make_unit, make_user

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CITY_UNITS = {
    "gov": "南昌市人民政府",
    "a": "南昌市教育局",
    "b": "南昌市财政局",
    "district": "东湖区人民政府",
    "district_dept": "东湖区教育体育局",
}
CITY_USERS = {
    "editor_a": ("a", Role.EDITOR),
    "reviewer_a": ("a", Role.REVIEWER),
    "head_a": ("a", Role.UNIT_HEAD),
    "officer_a": ("a", Role.DISCLOSURE_OFFICER),
    "editor_b": ("b", Role.EDITOR),
    "head_b": ("b", Role.UNIT_HEAD),
    "city_office": ("gov", Role.OVERSEER),
    "district_office": ("district", Role.OVERSEER),
}


def build_city() -> None:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        gov = make_unit(CITY_UNITS["gov"], kind=OrganisationKind.GOVERNMENT, short_name="市政府")
        units = {
            "gov": gov,
            "a": make_unit(
                CITY_UNITS["a"], parent=gov, short_name="市教育局", office_phone="0791-83881234"
            ),
            "b": make_unit(CITY_UNITS["b"], parent=gov, short_name="市财政局"),
        }
        units["district"] = make_unit(
            CITY_UNITS["district"], parent=gov, kind=OrganisationKind.GOVERNMENT
        )
        units["district_dept"] = make_unit(CITY_UNITS["district_dept"], parent=units["district"])
        for username, (unit_key, role) in CITY_USERS.items():
            make_user(username, roles=[(units[unit_key], role)])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_city()


@pytest.fixture
def city(db):
    orgs = {key: Organisation.objects.get(name=name) for key, name in CITY_UNITS.items()}
    users = get_user_model().objects.in_bulk(list(CITY_USERS), field_name="username")
    return SimpleNamespace(**orgs, users=SimpleNamespace(**users))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing strength is not under test; PBKDF2 would cost ~0.3 s a user.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _private_empty_cache(settings):
    # Each test process has its own cache, emptied per test: database rollbacks do not reach
    # the cache, and a page cached (or a request counted) in one test must not be seen by the
    # next — nor by the other xdist worker, which a shared file cache would allow.
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wagtail_baseline(transactional_db):
    """For tests that commit (threads need committed data): the rows Wagtail's migrations
    create, back again after an earlier such test flushed the database."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="根页面", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="根集合")  # the names migrate gives them (core/chinese_defaults)
    from importlib import import_module

    from django.apps import apps

    topics = import_module("gongkai.library.migrations.0001_squashed")
    topics.load_topics(apps, None)  # the migration's own loader; it skips when topics exist
