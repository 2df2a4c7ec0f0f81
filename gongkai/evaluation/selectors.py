"""Reads of policy evaluation, scoped by who may see what (evaluation.policies)."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet

from gongkai.core.types import User
from gongkai.evaluation import policies
from gongkai.evaluation.models import EvaluationRecord, PolicyEvaluationPage, SurveyResponse
from gongkai.participation import questionnaire_services


def evaluations_for(user: User) -> QuerySet[PolicyEvaluationPage]:
    """Evaluations of the units ``user`` runs, reviews or oversees, newest first."""
    units = policies.units_seeing_evaluations(user)
    qs = PolicyEvaluationPage.objects.filter(organisation__in=units)
    return cast(
        "QuerySet[PolicyEvaluationPage]",
        qs.select_related("organisation", "acting_unit", "policy").order_by("-pk"),
    )


def conclusions_for(user: User) -> QuerySet[PolicyEvaluationPage]:
    """Published evaluations with a conclusion whose acting unit is one of ``user``'s."""
    units = policies.units_acting_on_conclusions(user)
    qs = PolicyEvaluationPage.objects.live().filter(acting_unit__in=units).exclude(conclusion="")
    return cast(
        "QuerySet[PolicyEvaluationPage]",
        qs.select_related("organisation", "acting_unit", "policy").order_by("-last_published_at"),
    )


def live_for_policy(policy_id: int) -> QuerySet[PolicyEvaluationPage]:
    """The public evaluations of a policy, newest first."""
    qs = PolicyEvaluationPage.objects.live().public().filter(policy_id=policy_id)
    return cast("QuerySet[PolicyEvaluationPage]", qs.order_by("-first_published_at"))


def survey_results(
    evaluation: PolicyEvaluationPage,
) -> list[questionnaire_services.QuestionResult]:
    """Counts, averages and text answers (as stored: the caller masks them) of the survey."""
    questions = questionnaire_services.numbered_questions(
        evaluation.questions.order_by("sort_order", "pk")
    )
    sheets = SurveyResponse.objects.filter(evaluation=evaluation).values_list("answers", flat=True)
    return questionnaire_services.results(questions, sheets.iterator())


def published_records(evaluation: PolicyEvaluationPage) -> QuerySet[EvaluationRecord]:
    """Records the public sees: those made before the last publication, which the reviewer saw
    (PolicyEvaluationPage.review_text)."""
    published = evaluation.last_published_at
    if not evaluation.live or published is None:
        return EvaluationRecord.objects.none()
    return cast("QuerySet[EvaluationRecord]", evaluation.records.filter(created_at__lte=published))
