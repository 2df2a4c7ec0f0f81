"""Security of 依申请公开 (issue 11): the applicant's letters (one rule for the list and the
download), the receipt shown once, staff forms whose server side accepts exactly what the form
offers, the correction text on the staff page, and no 500 from any parameter."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.applications import policies, services
from gongkai.applications.models import Application, Letter, LetterKind, Pause, Status
from gongkai.applications.tests.helpers import ID_NUMBER, PERSON, form_post, handled, registered
from gongkai.testing import page_without_path

pytestmark = pytest.mark.django_db

THIRD_PARTY = "李四（身份证号 11010519491231002X，南昌市西湖区丁公路88号）"


def _tracked(client: Client, city: Any) -> Application:
    """A case filed online and opened in ``client``'s session with its number and code."""
    result = services.submit_online(city.a, dict(PERSON))
    client.post("/ysqgk/track/", {"number": result.case.number, "code": result.code})
    return result.case


def _letter_url(case: Application, letter_id: int, fmt: str = "pdf") -> str:
    return f"/ysqgk/case/{case.number}/letters/{letter_id}.{fmt}"


# --- (2) The applicant's letters: one rule for the list and the download ----------------------


def test_the_applicant_cannot_download_the_third_party_consultation_letter(
    client: Client, city: Any
) -> None:
    case = _tracked(client, city)
    case = services.assign(case, actor=city.users.officer_a, handler=city.users.officer_a)
    services.start_consultation(
        case,
        actor=city.users.officer_a,
        kind=Pause.Kind.THIRD_PARTY,
        party=THIRD_PARTY,
        reason="其个人信息",
    )
    letter = case.letters.get(kind=LetterKind.THIRD_PARTY)
    assert letter.sent  # issued to the third party

    page = client.get(f"/ysqgk/case/{case.number}/").content.decode()
    missing = client.get(_letter_url(case, letter.pk + 1000))
    for fmt in ("pdf", "docx"):
        download = client.get(_letter_url(case, letter.pk, fmt))
        assert download.status_code == 404, fmt
        assert page_without_path(download) == page_without_path(
            missing
        )  # forbidden looks like missing
    assert f"/letters/{letter.pk}." not in page
    assert "11010519491231002X" not in page


# (kind, sent, approved, case replied) → the applicant sees it?
STATES = list(itertools.product(LetterKind.values, (False, True), (False, True), (False, True)))


def _expected(kind: str, sent: bool, approved: bool, replied: bool) -> bool:
    if kind == LetterKind.THIRD_PARTY:
        return False  # addressed to the third party: never the applicant's
    if not sent:
        return False  # not issued
    if kind == LetterKind.REPLY:
        return approved and replied
    return True


def test_every_letter_kind_has_an_addressee() -> None:
    assert set(policies.LETTER_ADDRESSEE) == set(LetterKind.values)


LETTER_EXTRA = {
    "correction_items": "请写明文件名称",
    "deadline": dt.date(2026, 3, 20),
    "extension_reason": "需调取档案",
    "consultation_reason": "其个人信息",
    "fee": "100",
}


def test_the_list_and_the_download_agree_for_every_letter_kind_and_state(
    client: Client, city: Any
) -> None:
    case = _tracked(client, city)
    case.outcome = "disclosed"  # the reply's template
    case.save(update_fields=["outcome"])
    letters: dict[tuple[str, bool, bool, bool], Letter] = {}
    for kind, sent, approved, replied in STATES:
        letter = services.draft_letter(
            case,
            kind,
            actor=city.users.officer_a,
            recipient="" if kind != "third_party" else "李四",
            # Out of the steps' context: what each notice prints, given here.
            extra=LETTER_EXTRA,
        )
        letter.sent = sent
        letter.approved_by = city.users.head_a if approved else None
        letter.save(update_fields=["sent", "approved_by"])
        letters[(kind, sent, approved, replied)] = letter
    missing = client.get(_letter_url(case, max(x.pk for x in letters.values()) + 1))
    assert missing.status_code == 404

    for replied in (False, True):
        Application.objects.filter(pk=case.pk).update(
            status=Status.REPLIED if replied else Status.ASSIGNED
        )
        page = client.get(f"/ysqgk/case/{case.number}/").content.decode()
        for (kind, sent, approved, letter_replied), letter in letters.items():
            if letter_replied != replied:
                continue
            expected = _expected(kind, sent, approved, replied)
            state = (kind, sent, approved, replied)
            listed = f"/letters/{letter.pk}.pdf" in page
            download = client.get(_letter_url(case, letter.pk))
            assert listed is expected, state
            assert (download.status_code == 200) is expected, state
            if not expected:
                assert page_without_path(download) == page_without_path(missing), state
            case.refresh_from_db()
            assert policies.applicant_may_see_letter(case, letter) is expected, state


def test_a_letter_of_another_case_is_not_found_in_mine(client: Client, city: Any) -> None:
    mine = _tracked(client, city)
    other = handled(city.a, city.users, dt.date(2026, 3, 2))
    services.request_correction(
        other, actor=city.users.officer_a, request_text="请补充", on=dt.date(2026, 3, 3)
    )
    theirs = other.letters.get()

    assert client.get(_letter_url(mine, theirs.pk)).status_code == 404
    assert policies.applicant_letter(mine, theirs.pk) is None


def test_staff_see_every_letter_and_whether_the_applicant_does(client: Client, city: Any) -> None:
    case = handled(city.a, city.users, dt.date(2026, 3, 2))
    services.start_consultation(
        case,
        actor=city.users.officer_a,
        kind=Pause.Kind.THIRD_PARTY,
        party=THIRD_PARTY,
        reason="其个人信息",
    )
    letter = case.letters.get()
    client.force_login(city.users.officer_a)

    html = client.get(f"/admin/applications/{case.pk}/").content.decode()
    assert "申请人不可见" in html
    url = f"/admin/applications/{case.pk}/letters/{letter.pk}"
    pdf = client.get(f"{url}.pdf")
    assert pdf.status_code == 200
    assert "no-store" in pdf["Cache-Control"]
    assert client.get(f"{url}.exe").status_code == 404
    client.force_login(city.users.head_b)  # another unit: as if there were no such letter
    assert client.get(f"{url}.pdf").status_code == 404
    assert client.get(f"/admin/applications/{case.pk}/").status_code == 404


# --- (6) The receipt, shown once ------------------------------------------------------------


def apply_url(unit: Any) -> str:
    return f"/ysqgk/apply/{unit.slug}/"


def _code(html: str) -> str:
    return html.split('id="query-code">', 1)[1].split("<", 1)[0]


def test_the_receipt_is_shown_once_and_only_in_the_submitting_browser(
    client: Client, city: Any
) -> None:
    form_id = "receipt-once-token-0123456789abcdef"
    response = client.post(apply_url(city.a), form_post(submission_token=form_id))

    assert response["Location"] == "/ysqgk/receipt/"  # no credential in the URL
    first = client.get("/ysqgk/receipt/")
    case = Application.objects.get()
    code = _code(first.content.decode())
    assert services.find_case(case.number, code) == case
    assert "no-store" in first["Cache-Control"]
    assert "打印" in first.content.decode()  # printed from this one page

    # The old URL with the token, another browser, a reload: all told it was shown.
    for browser, url in [
        (Client(), f"/ysqgk/receipt/?t={form_id}"),
        (Client(), "/ysqgk/receipt/"),
        (client, "/ysqgk/receipt/"),
    ]:
        again = browser.get(url)
        html = again.content.decode()
        assert again.status_code == 200
        assert "回执已显示过" in html
        assert "/ysqgk/track/" in html  # how to follow the case
        assert code not in html and case.number not in html
        assert "no-store" in again["Cache-Control"]
        assert "X-Page-Cache" not in again  # never in the public page cache
    # The applicant still follows the case in this browser.
    assert client.get(f"/ysqgk/case/{case.number}/").status_code == 200


def test_a_resubmitted_form_after_the_receipt_was_shown_files_nothing_and_shows_nothing(
    client: Client, city: Any
) -> None:
    data = form_post(submission_token="resubmit-token-0123456789abcdef")
    client.post(apply_url(city.a), data)
    code = _code(client.get("/ysqgk/receipt/").content.decode())

    again = client.post(apply_url(city.a), data)
    page = client.get(again["Location"]).content.decode()

    assert Application.objects.count() == 1
    assert "回执已显示过" in page
    assert code not in page


@pytest.mark.parametrize("form_id", ["x" * 65, "a b", "<script>", "令牌"])
def test_a_tampered_form_token_files_the_application_without_a_500(
    client: Client, city: Any, form_id: str
) -> None:
    response = client.post(apply_url(city.a), form_post(submission_token=form_id))

    assert response.status_code == 302
    assert Application.objects.get().submission_token is None
    assert 'id="query-code"' in client.get("/ysqgk/receipt/").content.decode()


def test_the_token_of_an_old_receipt_url_shows_nothing_to_another_browser(
    client: Client, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    form_id = "leaked-url-token-0123456789abcdef"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply_url(city.a), form_post(submission_token=form_id))

    html = Client().get(f"/ysqgk/receipt/?t={form_id}").content.decode()

    assert 'id="query-code"' not in html
    assert Application.objects.get().number not in html


# --- (7a) The server accepts what the staff form offers, no more ---------------------------------


def _offered(html: str, name: str) -> set[int]:
    select = re.search(rf'<select id="[^"]*" name="{name}">(.*?)</select>', html, re.S)
    return {int(v) for v in re.findall(r'value="(\d+)"', select.group(1))} if select else set()


@pytest.mark.parametrize("username", ["officer_a", "head_a", "city_office", "district_office"])
def test_transfer_accepts_exactly_the_units_the_form_offers(
    client: Client, city: Any, username: str
) -> None:
    from gongkai.organisations.models import Organisation

    unit = city.district_dept if username == "district_office" else city.a
    case = services.submit_online(unit, dict(PERSON)).case
    user = getattr(city.users, username)
    client.force_login(user)
    url = f"/admin/applications/{case.pk}/"
    offered = _offered(client.get(url).content.decode(), "unit")
    assert offered == set(policies.transfer_targets(user, case).values_list("pk", flat=True))

    for target in Organisation.objects.exclude(pk__in=offered):
        response = client.post(url, {"action": "transfer", "unit": target.pk, "text": "属其职责"})
        assert response.status_code in (400, 403), (username, target.name)
        html = response.content.decode()
        assert any(m in html for m in ("请选择另一个单位", "只能转办至", "您不能转办")), html
        case.refresh_from_db()
        assert case.organisation == unit
        assert not case.events.filter(kind="transferred").exists()
    if offered:
        target_pk = sorted(offered)[0]
        done = client.post(url, {"action": "transfer", "unit": target_pk, "text": "属其职责"})
        assert done.status_code == 302
        case.refresh_from_db()
        assert case.organisation_id == target_pk


def test_a_handler_cannot_transfer_a_case_to_any_unit_by_its_id(client: Client, city: Any) -> None:
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))
    client.force_login(city.users.officer_a)

    response = client.post(
        f"/admin/applications/{case.pk}/", {"action": "transfer", "unit": city.b.pk, "text": "x"}
    )

    assert response.status_code == 400
    assert "只能转办至您所监督的其他单位" in response.content.decode()
    case.refresh_from_db()
    assert case.organisation == city.a
    with pytest.raises(ValidationError):
        services.transfer(case, actor=city.users.officer_a, to_unit=city.b, reason="x")


def test_an_overseer_transfers_only_within_the_subtree(city: Any) -> None:
    case = services.submit_online(city.district_dept, dict(PERSON)).case

    with pytest.raises(ValidationError):
        services.transfer(case, actor=city.users.district_office, to_unit=city.b, reason="x")
    case = services.transfer(
        case, actor=city.users.district_office, to_unit=city.district, reason="属区政府职责"
    )
    assert case.organisation == city.district


def test_assign_accepts_exactly_the_handlers_the_form_offers(client: Client, city: Any) -> None:
    from gongkai.testing import make_user

    root = make_user("root_not_member", is_superuser=True, is_staff=True)
    gone = make_user("gone_officer", roles=[(city.a, "disclosure_officer")], is_active=False)
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))
    client.force_login(city.users.head_a)
    url = f"/admin/applications/{case.pk}/"
    offered = _offered(client.get(url).content.decode(), "handler")
    assert offered == {city.users.officer_a.pk, city.users.head_a.pk}

    for user in get_user_model().objects.exclude(pk__in=offered):
        response = client.post(url, {"action": "assign", "handler": user.pk})
        assert response.status_code == 400, user.username
        assert "承办人须为本单位依申请公开经办人员" in response.content.decode()
    case.refresh_from_db()
    assert case.handler is None and case.status == Status.RECEIVED
    assert {root.pk, gone.pk}.isdisjoint(offered)
    for pk in offered:
        assert client.post(url, {"action": "assign", "handler": pk}).status_code == 302


def test_a_case_is_closed_without_a_reply_only_as_its_state_allows(
    client: Client, city: Any
) -> None:
    case = handled(city.a, city.users, dt.date(2026, 3, 2))
    client.force_login(city.users.officer_a)
    url = f"/admin/applications/{case.pk}/"

    # An assigned case with no reply cannot be closed, whatever the outcome posted.
    for outcome in ("disclosed", "other.other", ""):
        response = client.post(url, {"action": "close", "outcome": outcome})
        assert response.status_code == 400, outcome
    services.request_correction(
        case, actor=city.users.officer_a, request_text="请补充", on=dt.date(2026, 3, 3)
    )
    html = client.get(url).content.decode()
    assert 'name="outcome" value="other.no_correction"' in html  # what the form offers
    for outcome in ("disclosed", "other.fee_unpaid", "other.other"):
        with pytest.raises(ValidationError, match="只能按"):
            services.close(case, actor=city.users.officer_a, outcome_code=outcome)
    case.refresh_from_db()
    assert case.status == Status.CORRECTION_REQUESTED and not case.outcome


# --- (10a) The correction text on the staff page ---------------------------------------------


def test_the_correction_text_is_on_the_staff_page_masked_except_for_the_handler(
    client: Client, city: Any
) -> None:
    case = handled(city.a, city.users, dt.date(2026, 3, 2))
    case = services.request_correction(
        case, actor=city.users.officer_a, request_text="请写明文件名称", on=dt.date(2026, 3, 3)
    )
    services.receive_correction(
        case, text=f"《东湖区招生方案》，本人身份证号{ID_NUMBER}，电话13907911234"
    )
    url = f"/admin/applications/{case.pk}/"

    client.force_login(city.users.officer_a)  # the handler
    html = client.get(url).content.decode()
    assert "补正内容" in html and "《东湖区招生方案》" in html
    assert ID_NUMBER in html

    for username in ("head_a", "city_office"):  # may view the case, not its personal data
        client.force_login(getattr(city.users, username))
        html = client.get(url).content.decode()
        assert "《东湖区招生方案》" in html, username
        assert ID_NUMBER not in html and "13907911234" not in html, username
    client.force_login(city.users.head_b)
    assert client.get(url).status_code == 404


# --- No 500 from a parameter -----------------------------------------------------------------


def test_public_case_and_letter_urls_never_fail(client: Client, city: Any) -> None:
    case = _tracked(client, city)
    for url in [
        _letter_url(case, 2**63),
        _letter_url(case, 10**30),
        _letter_url(case, 1, "exe"),
        _letter_url(case, 1, "PDF"),
        _letter_url(case, 1, "pdf%00"),
        f"/ysqgk/case/{case.number}%00/",
        "/ysqgk/case/%00/",
        "/ysqgk/case/" + "9" * 5000 + "/",
        "/ysqgk/case/１２３-２０２６/",
        "/ysqgk/case/%E2%80%AE/letters/1.pdf",
        "/ysqgk/receipt/?t=%00",
        "/ysqgk/receipt/?t=" + "x" * 5000,
    ]:
        assert client.get(url).status_code in (200, 404), url
    assert client.post(f"/ysqgk/case/{case.number}%00/").status_code == 404


def test_staff_parameters_never_fail(client: Client, city: Any) -> None:
    case = handled(city.a, city.users, dt.date(2026, 3, 2))
    client.force_login(city.users.officer_a)
    base = f"/admin/applications/{case.pk}"
    for url in [
        f"/admin/applications/{2**63}/",
        f"{base}/letters/{10**30}.pdf",
        f"{base}/attachments/{10**30}/",
        "/admin/applications/?q=%00",
        "/admin/applications/?q=" + "x" * 500,
        "/admin/applications/?p=" + "9" * 30,
        "/admin/applications/?status=%00&due=%00",
    ]:
        assert client.get(url).status_code in (200, 400, 404), url
    today = timezone.localdate().isoformat()
    for data in [
        {"action": "assign", "handler": "abc"},
        {"action": "assign", "handler": "²"},
        {"action": "assign", "handler": "9" * 30},
        {"action": "transfer", "unit": "abc", "text": "x"},
        {"action": "transfer", "unit": "-1", "text": "x"},
        {"action": "correction", "text": "x", "on": "0001-01-01"},
        {"action": "correction", "text": "x", "on": "9999-12-31"},
        {"action": "correction", "text": "x", "on": "２０２６-０３-０３"},
        {"action": "fee", "method": "volume", "pages": "²", "on": today},
        {"action": "fee", "method": "volume", "pages": "٣٥"},
        {"action": "fee", "method": "volume", "pages": "9" * 30},
        {"action": "fee", "method": "volume", "pages": "99999999"},
        {"action": "fee", "method": "bogus"},
        {"action": "consult", "kind": "bogus", "party": "x"},
        {"action": "draft", "outcome": "bogus"},
        {"action": "replied", "posted_on": "0001-01-01"},
        {"action": "no-such-step"},
    ]:
        response = client.post(f"{base}/", data)
        assert response.status_code in (400, 403, 404), data
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED
    assert list(case.events.values_list("kind", flat=True)) == ["received", "assigned"]
    for unit in ("abc", "9" * 30, "²"):
        response = client.post("/admin/applications/register/", {"unit": unit})
        assert response.status_code == 400
        assert "请选择受理机关" in response.content.decode()


def test_an_appeal_links_only_a_case_of_its_own_unit(client: Client, city: Any) -> None:
    from gongkai.applications.models import Appeal
    from gongkai.testing import make_user

    both = make_user(
        "officer_ab", roles=[(city.a, "disclosure_officer"), (city.b, "disclosure_officer")]
    )
    case_b = services.submit_online(city.b, dict(PERSON)).case
    client.force_login(both)
    data = {
        "organisation": city.a.pk,
        "application": case_b.pk,
        "year": 2026,
        "kind": "reconsideration",
        "result": "upheld",
        "lesson": "",
    }

    refused = client.post("/admin/appeals/new/", data)
    bad_year = client.post("/admin/appeals/new/", {**data, "application": "", "year": 0})

    assert refused.status_code == bad_year.status_code == 200  # the form again, with its error
    assert "所选申请不属于该单位" in refused.content.decode()
    assert "年度须在2000至2100之间" in bad_year.content.decode()
    assert not Appeal.objects.exists()
    client.post("/admin/appeals/new/", {**data, "organisation": city.b.pk})
    assert Appeal.objects.get().application == case_b


def test_a_letter_template_with_an_unknown_code_is_a_form_error(client: Client, city: Any) -> None:
    from gongkai.applications.models import LetterTemplate

    client.force_login(city.users.head_a)
    response = client.post(
        "/admin/letter-templates/new/",
        {"organisation": city.a.pk, "code": "no-such-code", "text": "title: x"},
    )

    assert response.status_code == 200
    assert not LetterTemplate.objects.exists()


@pytest.mark.parametrize("received_on", ["0001-01-01", "2008-04-30"])
def test_a_registration_before_the_regulations_took_effect_is_refused(
    client: Client, city: Any, received_on: str
) -> None:
    client.force_login(city.users.officer_a)
    data = {**form_post(), "unit": city.a.pk, "channel": "in_person", "received_on": received_on}

    response = client.post("/admin/applications/register/", data)

    assert response.status_code == 400
    assert "不能早于2008年5月1日" in response.content.decode()
    assert not Application.objects.exists()
