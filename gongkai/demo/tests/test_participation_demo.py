"""The demo's public participation (gongkai.demo.participation), loaded into the test city:
an open, a closed and a result-published consultation, and a major decision taken through the
five statutory procedures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from gongkai.demo.participation import PARKING_HOLD, load_participation
from gongkai.organisations.models import Organisation
from gongkai.participation import selectors
from gongkai.participation.models import (
    CommentStatus,
    ConsultationKind,
    ConsultationStatus,
    DecisionStatus,
    Disposition,
    MajorDecision,
    ProcedureKind,
)
from gongkai.participation.periods import minimum_period
from gongkai.participation.services import earliest_close_for
from gongkai.testing import make_user


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[SimpleNamespace]:
    """Loaded once for the module into the small test city (conftest.py), inside a transaction
    rolled back when the module is done; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        units = {o.name: o for o in Organisation.objects.all()}
        orgs = {
            "nc": units["南昌市人民政府"],
            "jyj": units["南昌市教育局"],
            "zjj": units["南昌市财政局"],
            "jtj": units["南昌市财政局"],
            "sthjj": units["东湖区人民政府"],
        }
        admin = make_user("demo_admin", is_superuser=True, is_staff=True)
        yield SimpleNamespace(loaded=load_participation(orgs, moderator=admin))
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_three_consultations_in_their_statuses(demo: SimpleNamespace) -> None:
    loaded = demo.loaded
    assert loaded.open.status == ConsultationStatus.OPEN
    assert loaded.closed.status == ConsultationStatus.CLOSED
    assert loaded.result.status == ConsultationStatus.RESULT
    for page in (loaded.open, loaded.closed, loaded.result):
        assert page.live
        assert page.consulted_version().clauses.exists()
    public = selectors.public_consultations()
    assert {p.pk for p in public} >= {loaded.open.pk, loaded.closed.pk, loaded.result.pk}
    for status, page in (
        (ConsultationStatus.OPEN, loaded.open),
        (ConsultationStatus.CLOSED, loaded.closed),
        (ConsultationStatus.RESULT, loaded.result),
    ):
        assert [p.pk for p in selectors.public_consultations(status=status)] == [page.pk]


@pytest.mark.django_db
def test_periods_respect_the_minimum(demo: SimpleNamespace) -> None:
    for page in (demo.loaded.open, demo.loaded.closed, demo.loaded.result):
        assert minimum_period(page.kind) is not None
        assert page.closes_on >= earliest_close_for(kind=page.kind, opens_on=page.opens_on)
        assert not page.urgent_reason


@pytest.mark.django_db
def test_open_consultation_has_articles_questionnaire_and_moderated_comments(
    demo: SimpleNamespace,
) -> None:
    page = demo.loaded.open
    assert page.kind == ConsultationKind.NORMATIVE
    numbers = list(page.consulted_version().clauses.values_list("number", flat=True))
    assert "第一条" in numbers and "第十一条" in numbers
    assert "第七条第二款" in numbers  # an article with several paragraphs
    assert page.explanation and page.contact
    questions = list(page.questions.all())
    assert 3 <= len(questions) <= 4
    conditional = [q for q in questions if q.show_if_number]
    assert (
        len(conditional) == 1
        and conditional[0].show_if_answer
        in questions[conditional[0].show_if_number - 1].option_list()
    )
    today = timezone.localdate()
    comments = page.comments.all()
    assert comments.count() >= 15
    assert all(page.opens_on <= c.created_at.date() <= today for c in comments)
    held = comments.filter(status=CommentStatus.HELD)
    assert [c.hold_reason for c in held] == [PARKING_HOLD]
    assert comments.filter(status=CommentStatus.PENDING).exists()  # the queue has work
    # The phone number is masked in what the public sees.
    shown = [c.public_text for c in selectors.public_comments(page)]
    assert any("电话" in t for t in shown)
    assert not any("13907912345" in t for t in shown)


@pytest.mark.django_db
def test_closed_consultation_has_a_campaign_tags_and_an_offline_record(
    demo: SimpleNamespace,
) -> None:
    page = demo.loaded.closed
    comments = page.comments.all()
    assert comments.count() >= 40
    assert not comments.filter(status=CommentStatus.PENDING).exists()
    campaign = comments.filter(text__contains="每生每学期600元的上限")
    assert campaign.count() >= 10
    assert campaign.values("submitter_key").distinct().count() == campaign.count()
    assert not comments.filter(offline__isnull=True, disposition=Disposition.NONE).exists()
    record = page.offline_records.get()
    assert record.get_kind_display() == "座谈会"
    assert record.comments.count() == 3
    assert page.themes.filter(label="收费").exists()
    assert not page.has_published_feedback()


@pytest.mark.django_db
def test_result_consultation_has_a_live_feedback_with_reasons(demo: SimpleNamespace) -> None:
    page = demo.loaded.result
    feedback = page.published_feedback()
    assert feedback is not None and feedback.live
    assert feedback.final_version is not None and feedback.final_version.final
    rows = list(feedback.rows.all())
    assert rows
    accepted = page.comments.filter(status=CommentStatus.ACCEPTED).count()
    assert sum(r.comments for r in rows) == accepted
    for row in rows:
        if row.not_adopted:
            assert row.reason_not
        if row.partly_adopted:
            assert row.reason_partly
    before = dict(page.consulted_version().clauses.values_list("number", "text"))
    after = dict(page.final_version().clauses.values_list("number", "text"))
    assert before.keys() == after.keys()
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {"二（一）", "二（二）", "三（一）", "三（三）"}


@pytest.mark.django_db
def test_major_decision_went_through_the_five_procedures(demo: SimpleNamespace) -> None:
    decision = MajorDecision.objects.get(pk=demo.loaded.decision.pk)
    assert decision.status == DecisionStatus.DECIDED
    assert decision.catalogue.published_on is not None
    assert decision.catalogue.year == timezone.localdate().year
    assert decision.catalogue.decisions.count() == 3
    procedures = list(decision.procedures.order_by("held_on", "pk"))
    assert [p.kind for p in procedures] == [
        ProcedureKind.PUBLIC_PARTICIPATION,
        ProcedureKind.EXPERT,
        ProcedureKind.RISK,
        ProcedureKind.LEGALITY,
        ProcedureKind.COLLECTIVE,
    ]
    assert decision.decided_on is not None
    assert decision.decided_on >= procedures[-1].held_on
    assert decision.decided_on < timezone.localdate() + dt.timedelta(days=1)
    assert list(decision.consultations.all()) == [demo.loaded.result]
    assert demo.loaded.result.kind == ConsultationKind.MAJOR_DECISION
    assert selectors.public_decisions().filter(pk=decision.pk).exists()
