"""索引号: `<unit code>/YYYY-NNNNN`, unique, sequential per unit and year — also when many
documents are created at the same moment."""

import datetime as dt
import re
import threading

import pytest
from django.db import connection, connections

from gongkai.library.models import PolicyDocumentPage
from gongkai.organisations.models import Organisation, OrganisationKind
from gongkai.testing import make_policy, make_unit, publish_directly


@pytest.mark.django_db
def test_format_and_sequence_per_unit_and_year(city):
    a1 = make_policy(city.a, title="甲一", written_on=dt.date(2025, 12, 31))
    a2 = make_policy(city.a, title="甲二", written_on=dt.date(2026, 1, 1))
    a3 = make_policy(city.a, title="甲三", written_on=dt.date(2026, 5, 1))
    b1 = make_policy(city.b, title="乙一", written_on=dt.date(2026, 5, 1))
    code_a = city.a.index_code
    assert a1.index_number == f"{code_a}/2025-00001"
    assert a2.index_number == f"{code_a}/2026-00001"
    assert a3.index_number == f"{code_a}/2026-00002"
    assert b1.index_number == f"{city.b.index_code}/2026-00001"
    assert re.fullmatch(r"[0-9A-Z]{9,18}/\d{4}-\d{5}", a3.index_number)


@pytest.mark.django_db
def test_credit_code_is_preferred_in_the_index_number(city):
    unit = make_unit("南昌市审计局", parent=city.gov, credit_code="91110000600037341L", org_code="")
    assert make_policy(unit).index_number.startswith("91110000600037341L/")


@pytest.mark.django_db
def test_editing_and_copying_keep_numbers_unique(city):
    doc = make_policy(city.a)
    number = doc.index_number
    revision = doc.save_revision()
    publish_directly(revision)
    doc.refresh_from_db()
    assert doc.index_number == number
    copy = doc.copy(update_attrs={"slug": "copy-of-doc", "title": "副本"})
    assert copy.index_number and copy.index_number != number


THREADS = 12


@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_gives_unique_gapless_numbers(wagtail_baseline):
    gov = make_unit("并发市人民政府", kind=OrganisationKind.GOVERNMENT)
    unit = make_unit("并发市教育局", parent=gov)
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def create(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            make_policy(Organisation.objects.get(pk=unit.pk), title=f"并发文件{n}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    numbers = sorted(
        PolicyDocumentPage.objects.filter(organisation=unit).values_list("index_number", flat=True)
    )
    assert numbers == [f"{unit.index_code}/2026-{n:05d}" for n in range(1, THREADS + 1)]
    assert connection.vendor in ("sqlite", "postgresql")
