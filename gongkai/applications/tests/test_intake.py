"""Intake: the public form, receipt numbers and query codes, staff registration (第三十一条)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import Application, Channel, Status
from gongkai.applications.tests.helpers import PERSON, form_post, registered
from gongkai.organisations.models import Organisation
from gongkai.testing import real_pdf

pytestmark = pytest.mark.django_db


def apply_url(unit: Any) -> str:
    return f"/ysqgk/apply/{unit.slug}/"


def test_a_citizen_applies_and_gets_a_number_and_a_code(client: Client, city: Any) -> None:
    form = client.get(apply_url(city.a))
    assert form.status_code == 200
    html = form.content.decode()
    assert "用途" not in html.replace("不需要填写申请用途", "").replace("不需要说明用途", "")
    token = html.split('name="submission_token" value="', 1)[1].split('"', 1)[0]

    response = client.post(apply_url(city.a), form_post(submission_token=token))

    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    case = Application.objects.get()
    assert case.number in receipt
    code = receipt.split('id="query-code">', 1)[1].split("<", 1)[0]
    assert services.find_case(case.number, code) == case
    assert case.organisation == city.a
    assert case.received_on == timezone.localdate()
    assert case.number == f"{city.a.slug}-{case.received_on.year}-00001"
    assert case.channel == Channel.ONLINE
    assert case.current_due_on is not None
    assert list(case.events.values_list("kind", flat=True)) == ["received"]


def test_a_double_submission_files_one_application(client: Client, city: Any) -> None:
    data = form_post(submission_token="same-form-token-0123456789")
    first = client.post(apply_url(city.a), data)
    second = client.post(apply_url(city.a), data)

    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1


def test_the_answer_to_a_second_post_still_shows_the_receipt(
    city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = form_post(submission_token="double-click-token-0123456789")
    first, second = Client(), Client()  # a double click: the browser keeps the second answer
    with django_capture_on_commit_callbacks(execute=True):
        first.post(apply_url(city.a), data)
    answer = second.post(apply_url(city.a), data)

    assert answer["Location"] == "/ysqgk/receipt/"  # no token in the URL
    receipt = second.get(answer["Location"]).content.decode()
    case = Application.objects.get()
    assert case.number in receipt
    code = receipt.split('id="query-code">', 1)[1].split("<", 1)[0]
    assert services.find_case(case.number, code) == case
    # Shown once: not again to the first POST's session, nor to any other browser.
    for other in (first, Client()):
        again = other.get("/ysqgk/receipt/?t=double-click-token-0123456789")
        assert again.status_code == 200
        assert "回执已显示过" in again.content.decode()
        assert code not in again.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"id_number": "360102198507150012"}, "身份证号码不正确"),  # wrong check character
        ({"phone": "12345"}, "手机号码"),
        ({"description": ""}, "描述"),
        ({"applicant_type": "commercial", "credit_code": ""}, "统一社会信用代码"),
        ({"delivery_way": "post", "address": ""}, "通信地址"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    client: Client, city: Any, overrides: dict[str, str], field_error: str
) -> None:
    response = client.post(apply_url(city.a), form_post(**overrides))

    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not Application.objects.exists()


def test_uploads_are_judged_by_their_content(client: Client, city: Any) -> None:
    fake_pdf = SimpleUploadedFile(
        "身份证.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client.post(apply_url(city.a), {**form_post(), "attachments": [fake_pdf]})
    assert "内容与其类型不符" in response.content.decode()
    assert not Application.objects.exists()  # nothing half-written

    exe = SimpleUploadedFile("a.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(apply_url(city.a), {**form_post(), "attachments": [exe]})
    assert "类型不支持" in response.content.decode()

    pdf = SimpleUploadedFile("证明.pdf", real_pdf(), content_type="application/pdf")
    client.post(apply_url(city.a), {**form_post(), "attachments": [pdf]})
    attachment = Application.objects.get().attachments.get()
    assert attachment.content_type == "application/pdf"
    from django.conf import settings

    assert str(settings.PRIVATE_ROOT) in attachment.file.path
    assert str(settings.MEDIA_ROOT) not in attachment.file.path


def test_the_form_needs_its_csrf_token(city: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(apply_url(city.a), form_post()).status_code == 403
    assert not Application.objects.exists()


def test_submissions_are_rate_limited(client: Client, city: Any, settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "APPLICATION_LIMIT": 2}
    for n in range(2):
        assert (
            client.post(apply_url(city.a), form_post(submission_token=f"t{n}")).status_code == 302
        )
    assert client.post(apply_url(city.a), form_post(submission_token="t9")).status_code == 429
    assert Application.objects.count() == 2


def test_staff_register_with_the_receipt_rule_of_article_31(city: Any) -> None:
    signed_for = dt.date(2026, 3, 7)  # a Saturday: the period starts on the next working day
    case = services.register(
        city.a,
        dict(PERSON),
        actor=city.users.officer_a,
        channel=Channel.REGISTERED_MAIL,
        received_on=signed_for,
    ).case

    assert case.received_on == signed_for
    assert case.registered_by == city.users.officer_a
    assert "签收之日" in case.events.get().note
    assert any("2026年3月9日" in step or "2026-03-09" in step for step in case.deadline_derivation)
    with pytest.raises(Exception, match="不能为该单位登记"):
        registered(
            city.a, city.users.officer_a.__class__.objects.get(username="editor_b"), signed_for
        )
    with pytest.raises(Exception, match="不能晚于今天"):
        registered(city.a, city.users.officer_a, timezone.localdate() + dt.timedelta(days=1))


def test_numbers_are_per_unit_and_year(city: Any) -> None:
    a1 = registered(city.a, city.users.officer_a, dt.date(2025, 12, 30))
    a2 = registered(city.a, city.users.officer_a, dt.date(2026, 1, 5))
    a3 = registered(city.a, city.users.officer_a, dt.date(2026, 1, 6))
    b1 = registered(city.b, city.users.head_b, dt.date(2026, 1, 6))

    assert [a1.number, a2.number, a3.number] == [
        f"{city.a.slug}-2025-00001",
        f"{city.a.slug}-2026-00001",
        f"{city.a.slug}-2026-00002",
    ]
    assert b1.number == f"{city.b.slug}-2026-00001"


THREADS = 12


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_form_file_one_application(wagtail_baseline: Any) -> None:
    from gongkai.testing import make_unit

    unit = make_unit("双击测试市教育局")
    results: list[Any] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def submit() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(
                services.submit_online(
                    Organisation.objects.get(pk=unit.pk), dict(PERSON), token="one-form-token"
                )
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert not errors, errors
    assert Application.objects.filter(organisation=unit).count() == 1
    assert sorted(r.created for r in results) == [False, True]
    assert (
        Application.objects.get(organisation=unit).serial == 1
    )  # the duplicate's number went back


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_gapless_numbers(wagtail_baseline: Any) -> None:
    from gongkai.testing import make_unit

    unit = make_unit("并发申请市教育局")
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def submit(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.submit_online(
                Organisation.objects.get(pk=unit.pk), {**PERSON, "applicant_name": f"申请人{n}"}
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert not errors, errors
    cases = Application.objects.filter(organisation=unit)
    assert cases.count() == THREADS  # none lost
    year = timezone.localdate().year
    assert sorted(cases.values_list("serial", flat=True)) == list(range(1, THREADS + 1))
    assert {c.number for c in cases} == {
        f"{unit.slug}-{year}-{n:05d}" for n in range(1, THREADS + 1)
    }
    assert all(c.status == Status.RECEIVED for c in cases)
