"""The screens of major administrative decisions (重大行政决策, 国务院令第713号): the public
catalogue and procedure record at /zdjc/, and the staff screens under /admin/decisions/.
Fixtures are made through participation.services, as the screens make them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client, RequestFactory

from gongkai.organisations.models import Role
from gongkai.participation import decision_services, services
from gongkai.participation.decision_admin import register_menu
from gongkai.participation.models import (
    ConsultationKind,
    DecisionProcedure,
    DecisionStatus,
    MajorDecision,
    ProcedureKind,
)
from gongkai.testing import make_user, publish_directly

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def gov(city: Any) -> SimpleNamespace:
    """The city government (决策机关) with an editor and a head; 市教育局 leads a decision."""
    editor = make_user("gov_editor", roles=[(city.gov, Role.EDITOR)])
    head = make_user("gov_head", roles=[(city.gov, Role.UNIT_HEAD)])
    catalogue = decision_services.catalogue_save(actor=editor, government=city.gov, year=2026)
    decision = decision_services.decision_save(
        actor=editor,
        catalogue=catalogue,
        title="南昌市中小学校布局规划（2026—2035年）",
        lead_unit=city.a,
        planned_time="2026年第四季度",
        order=1,
    )
    return SimpleNamespace(
        city=city, editor=editor, head=head, catalogue=catalogue, decision=decision
    )


def _all_five(g: SimpleNamespace) -> None:
    steps = [
        (ProcedureKind.PUBLIC_PARTICIPATION, D(2026, 3, 2), "网上征求意见30日，收到意见128条。"),
        (ProcedureKind.EXPERT, D(2026, 4, 8), "邀请7名专家论证。"),
        (ProcedureKind.RISK, D(2026, 4, 20), "社会稳定风险评估为低风险。"),
        (ProcedureKind.LEGALITY, D(2026, 5, 6), "市司法局审查，合法。"),
        (ProcedureKind.COLLECTIVE, D(2026, 5, 20), "市政府第12次常务会议讨论通过。"),
    ]
    for kind, held_on, summary in steps:
        decision_services.procedure_record(
            actor=g.editor, decision=g.decision, kind=kind, held_on=held_on, summary=summary
        )


def _staff(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Public ---------------------------------------------------------------------------------------


def test_public_pages_show_only_published_catalogues(gov: SimpleNamespace) -> None:
    client = Client()
    assert "2026年度重大行政决策事项目录" not in client.get("/zdjc/").content.decode()
    assert client.get(f"/zdjc/catalogue/{gov.catalogue.pk}/").status_code == 404
    assert client.get(f"/zdjc/{gov.decision.pk}/").status_code == 404

    decision_services.catalogue_publish(actor=gov.head, catalogue=gov.catalogue, on=D(2026, 1, 20))
    index = client.get("/zdjc/").content.decode()
    assert 'id="gov-' in index and "2026年度重大行政决策事项目录" in index
    page = client.get(f"/zdjc/catalogue/{gov.catalogue.pk}/").content.decode()
    assert "南昌市中小学校布局规划" in page
    assert "南昌市教育局" in page and "2026年第四季度" in page and "拟决策" in page
    assert client.get(f"/zdjc/{gov.decision.pk}/").status_code == 200
    # Another, unpublished catalogue stays hidden.
    other = decision_services.catalogue_save(actor=None, government=gov.city.gov, year=2027)
    assert client.get(f"/zdjc/catalogue/{other.pk}/").status_code == 404
    assert client.get("/zdjc/catalogue/98765432109876543210/").status_code == 404


def test_decision_record_shows_all_five_procedures_in_order_with_dates(
    gov: SimpleNamespace,
) -> None:
    decision_services.catalogue_publish(actor=gov.head, catalogue=gov.catalogue)
    page = Client().get(f"/zdjc/{gov.decision.pk}/").content.decode()
    assert page.count("未开展") == 5

    _all_five(gov)
    decision_services.decision_decide(
        actor=gov.head, decision=gov.decision, decided_on=D(2026, 5, 21), outcome="批准实施。"
    )
    page = Client().get(f"/zdjc/{gov.decision.pk}/").content.decode()
    labels = ["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"]
    positions = [page.index(f"<h3>{label}</h3>") for label in labels]
    assert positions == sorted(positions)
    for date in ("2026年3月2日", "2026年4月8日", "2026年4月20日", "2026年5月6日", "2026年5月20日"):
        assert date in page
    assert "未开展" not in page
    assert "2026年5月21日作出决策：批准实施。" in page


def test_public_record_shows_the_waiver_reason(gov: SimpleNamespace) -> None:
    decision_services.decision_save(
        actor=gov.editor,
        catalogue=gov.catalogue,
        title=gov.decision.title,
        lead_unit=gov.city.a,
        participation_waiver_reason="涉及国家秘密，依法不予公开。",
        existing=gov.decision,
    )
    decision_services.catalogue_publish(actor=gov.head, catalogue=gov.catalogue)
    page = Client().get(f"/zdjc/{gov.decision.pk}/").content.decode()
    assert "未开展。理由：涉及国家秘密，依法不予公开。" in page


def test_public_pages_in_the_elder_mode(gov: SimpleNamespace) -> None:
    decision_services.catalogue_publish(actor=gov.head, catalogue=gov.catalogue)
    client = Client()
    client.cookies["gk_elder"] = "1"
    for url in ("/zdjc/", f"/zdjc/catalogue/{gov.catalogue.pk}/", f"/zdjc/{gov.decision.pk}/"):
        body = client.get(url).content.decode()
        assert 'class="elder"' in body and "退出长辈版" in body


# --- Staff ----------------------------------------------------------------------------------------


def _menu_shown(user: Any) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return register_menu().is_shown(request)


def test_menu_and_lists_are_scoped(gov: SimpleNamespace) -> None:
    page = _staff(gov.editor).get("/admin/decisions/").content.decode()
    assert "南昌市人民政府2026年度重大行政决策事项目录" in page
    assert _menu_shown(gov.editor) and _menu_shown(gov.city.users.editor_a)
    # The lead unit's editor sees the decision it leads, not the catalogue to keep.
    led = _staff(gov.city.users.editor_a).get("/admin/decisions/").content.decode()
    assert "南昌市中小学校布局规划" in led and "led-decisions" in led
    # Unit B has no decision: no menu item, and the lists are closed.
    # Unit B's editor may keep a catalogue of B (the menu shows) but sees nothing of the city's.
    assert _menu_shown(gov.city.users.editor_b)
    other = _staff(gov.city.users.editor_b).get("/admin/decisions/").content.decode()
    assert "南昌市人民政府2026年度" not in other and "南昌市中小学校布局规划" not in other
    # A reviewer keeps no catalogue and leads no decision: no menu item, the list is closed.
    assert not _menu_shown(gov.city.users.reviewer_a)
    assert _staff(gov.city.users.reviewer_a).get("/admin/decisions/").status_code != 200


def test_wrong_unit_gets_404(gov: SimpleNamespace) -> None:
    client = _staff(gov.city.users.editor_b)
    for url in (
        f"/admin/decisions/catalogues/{gov.catalogue.pk}/",
        f"/admin/decisions/catalogues/{gov.catalogue.pk}/edit/",
        f"/admin/decisions/catalogues/{gov.catalogue.pk}/add/",
        f"/admin/decisions/{gov.decision.pk}/",
        f"/admin/decisions/{gov.decision.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/admin/decisions/{gov.decision.pk}/",
        {
            "action": "procedure",
            "procedure-kind": ProcedureKind.EXPERT,
            "procedure-held_on": "2026-03-01",
            "procedure-summary": "越权记录",
        },
    )
    assert response.status_code == 404
    response = client.post(f"/admin/decisions/catalogues/{gov.catalogue.pk}/publish/")
    assert response.status_code == 404
    assert not DecisionProcedure.objects.exists()


def test_staff_create_catalogue_and_decision(gov: SimpleNamespace) -> None:
    client = _staff(gov.editor)
    response = client.post(
        "/admin/decisions/catalogues/add/",
        {"government": gov.city.gov.pk, "year": "2027", "note": "经市委同意。"},
    )
    assert response.status_code == 302
    catalogue_url = response["Location"]
    response = client.post(
        catalogue_url + "add/",
        {
            "order": "1",
            "title": "南昌市生活垃圾分类管理办法",
            "lead_unit": gov.city.b.pk,
            "planned_time": "2027年",
        },
    )
    assert response.status_code == 302
    made = MajorDecision.objects.get(title="南昌市生活垃圾分类管理办法")
    assert made.catalogue.year == 2027 and made.lead_unit == gov.city.b
    # The same year twice is refused on the form, not a 500.
    again = client.post(
        "/admin/decisions/catalogues/add/", {"government": gov.city.gov.pk, "year": "2027"}
    )
    assert again.status_code == 200 and "help-critical" in again.content.decode()
    # A government the editor does not keep is no choice.
    other = client.post(
        "/admin/decisions/catalogues/add/", {"government": gov.city.b.pk, "year": "2028"}
    )
    assert other.status_code == 200 and "government" in other.context["form"].errors


def test_staff_record_procedure(gov: SimpleNamespace) -> None:
    client = _staff(gov.city.users.editor_a)  # the lead unit records its procedures
    response = client.post(
        f"/admin/decisions/{gov.decision.pk}/",
        {
            "action": "procedure",
            "procedure-kind": ProcedureKind.EXPERT,
            "procedure-held_on": "2026-03-01",
            "procedure-summary": "召开专家论证会。",
            "procedure-link": "https://www.nc.gov.cn/zjlz/1.html",
        },
    )
    assert response.status_code == 302
    procedure = DecisionProcedure.objects.get(decision=gov.decision)
    assert procedure.kind == ProcedureKind.EXPERT and procedure.held_on == D(2026, 3, 1)
    assert procedure.recorded_by == gov.city.users.editor_a
    gov.decision.refresh_from_db()
    assert gov.decision.status == DecisionStatus.IN_PROGRESS
    page = client.get(f"/admin/decisions/{gov.decision.pk}/").content.decode()
    assert "召开专家论证会。" in page and "2026-03-01" in page
    # The lead unit records procedures but neither keeps the catalogue nor decides.
    assert f"/admin/decisions/catalogues/{gov.catalogue.pk}/" not in page
    assert 'value="decide"' not in page and "/edit/" not in page
    assert client.get(f"/admin/decisions/catalogues/{gov.catalogue.pk}/").status_code == 404


def test_collective_before_legality_is_refused_on_the_form(gov: SimpleNamespace) -> None:
    client = _staff(gov.editor)
    response = client.post(
        f"/admin/decisions/{gov.decision.pk}/",
        {
            "action": "procedure",
            "procedure-kind": ProcedureKind.COLLECTIVE,
            "procedure-held_on": "2026-05-20",
            "procedure-summary": "常务会议讨论。",
        },
    )
    assert response.status_code == 200
    assert "决策草案未经合法性审查的，不得提交决策机关讨论（条例第二十四条）。" in (
        response.content.decode()
    )
    assert not DecisionProcedure.objects.exists()


def _decide(client: Client, decision: MajorDecision) -> Any:
    return client.post(
        f"/admin/decisions/{decision.pk}/",
        {"action": "decide", "decide-decided_on": "2026-05-21", "decide-outcome": "批准实施。"},
    )


def test_decide_refused_without_participation_then_allowed_with_a_waiver(
    gov: SimpleNamespace,
) -> None:
    for kind, held_on in (
        (ProcedureKind.LEGALITY, D(2026, 5, 6)),
        (ProcedureKind.COLLECTIVE, D(2026, 5, 20)),
    ):
        decision_services.procedure_record(
            actor=gov.editor, decision=gov.decision, kind=kind, held_on=held_on, summary="已开展。"
        )
    head = _staff(gov.head)
    refused = _decide(head, gov.decision)
    body = refused.content.decode()
    assert refused.status_code == 200 and "missing-refused" in body
    assert "公众参与（或写明未开展公众参与的理由）" in body
    gov.decision.refresh_from_db()
    assert gov.decision.status != DecisionStatus.DECIDED

    response = _staff(gov.editor).post(
        f"/admin/decisions/{gov.decision.pk}/edit/",
        {
            "order": "1",
            "title": gov.decision.title,
            "lead_unit": gov.city.a.pk,
            "participation_waiver_reason": "涉及国家秘密，依法不予公开（条例第十四条）。",
        },
    )
    assert response.status_code == 302
    assert _decide(head, gov.decision).status_code == 302
    gov.decision.refresh_from_db()
    assert gov.decision.status == DecisionStatus.DECIDED
    assert gov.decision.decided_on == D(2026, 5, 21) and gov.decision.outcome == "批准实施。"


def test_decide_allowed_after_public_participation_is_recorded(gov: SimpleNamespace) -> None:
    head = _staff(gov.head)
    refused = _decide(head, gov.decision).content.decode()
    for missing in ("公众参与（或写明未开展公众参与的理由）", "合法性审查", "集体讨论决定"):
        assert missing in refused
    _all_five(gov)
    assert _decide(head, gov.decision).status_code == 302
    gov.decision.refresh_from_db()
    assert gov.decision.status == DecisionStatus.DECIDED


def test_only_the_head_decides(gov: SimpleNamespace) -> None:
    _all_five(gov)
    response = _decide(_staff(gov.editor), gov.decision)
    assert response.status_code in (302, 403)  # Wagtail answers PermissionDenied with a redirect
    gov.decision.refresh_from_db()
    assert gov.decision.status != DecisionStatus.DECIDED


def test_publish_catalogue_by_the_head_only(gov: SimpleNamespace) -> None:
    url = f"/admin/decisions/catalogues/{gov.catalogue.pk}/publish/"
    editor = _staff(gov.editor)
    page = editor.get(f"/admin/decisions/catalogues/{gov.catalogue.pk}/").content.decode()
    assert url not in page
    editor.post(url)
    gov.catalogue.refresh_from_db()
    assert gov.catalogue.published_on is None

    head = _staff(gov.head)
    assert url in head.get(f"/admin/decisions/catalogues/{gov.catalogue.pk}/").content.decode()
    assert head.get(url).status_code == 405
    assert head.post(url).status_code == 302
    gov.catalogue.refresh_from_db()
    assert gov.catalogue.published_on is not None
    assert Client().get(f"/zdjc/catalogue/{gov.catalogue.pk}/").status_code == 200


def test_csrf_is_enforced(gov: SimpleNamespace) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(gov.head)
    response = client.post(f"/admin/decisions/catalogues/{gov.catalogue.pk}/publish/")
    assert response.status_code == 403
    gov.catalogue.refresh_from_db()
    assert gov.catalogue.published_on is None


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "procedure", "procedure-kind": "nosuch", "procedure-held_on": "2026-13-45"},
        {
            "action": "procedure",
            "procedure-kind": ProcedureKind.RISK,
            "procedure-held_on": "9" * 30,
        },
        {
            "action": "procedure",
            "procedure-kind": ProcedureKind.RISK,
            "procedure-held_on": "2026-03-01",
            "procedure-summary": "a\x00b",
            "procedure-document": "9" * 25,
            "procedure-link": "javascript:alert(1)",
        },
        {"action": "decide", "decide-decided_on": "\x00", "decide-outcome": "x" * 6000},
        {"action": "nosuch"},
    ],
)
def test_junk_input_is_no_500(gov: SimpleNamespace, fields: dict[str, str]) -> None:
    response = _staff(gov.head).post(f"/admin/decisions/{gov.decision.pk}/", fields)
    assert response.status_code in (200, 404)
    assert not DecisionProcedure.objects.exists()
    for url, data in (
        ("/admin/decisions/catalogues/add/", {"government": "9" * 25, "year": "\x00"}),
        (f"/admin/decisions/{gov.decision.pk}/edit/", {"order": "-1", "lead_unit": "abc"}),
    ):
        assert _staff(gov.editor).post(url, data).status_code == 200


def test_a_live_linked_consultation_is_the_public_participation(gov: SimpleNamespace) -> None:
    """条例第十四条: public participation may be the online consultation of the draft; the
    decision's record links to it once it is live, and the decision may then be taken."""
    consultation = services.consultation_create(
        actor=None,
        unit=gov.city.a,
        title="南昌市中小学校布局规划（征求意见稿）",
        kind=ConsultationKind.MAJOR_DECISION,
        opens_on=D(2026, 3, 2),
        closes_on=D(2026, 4, 10),
        draft_text="第一条 为了优化中小学校布局，制定本规划。\n第二条 本规划适用于本市。",
        decision=gov.decision,
    )
    decision_services.catalogue_publish(actor=gov.head, catalogue=gov.catalogue)
    client = Client()
    page = client.get(f"/zdjc/{gov.decision.pk}/").content.decode()
    assert "南昌市中小学校布局规划（征求意见稿）" not in page  # a draft is not shown
    publish_directly(consultation.get_latest_revision())
    consultation.refresh_from_db()
    page = client.get(f"/zdjc/{gov.decision.pk}/").content.decode()
    assert f'href="{consultation.url}"' in page and "通过网上意见征集开展" in page
    for kind, held_on in (
        (ProcedureKind.LEGALITY, D(2026, 5, 6)),
        (ProcedureKind.COLLECTIVE, D(2026, 5, 20)),
    ):
        decision_services.procedure_record(
            actor=gov.editor, decision=gov.decision, kind=kind, held_on=held_on, summary="已开展。"
        )
    assert _decide(_staff(gov.head), gov.decision).status_code == 302
