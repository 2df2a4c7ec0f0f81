"""The demo city's policy evaluation (issue 15): 市教育局 evaluates one of its published policies
with a survey (answered by the public while it was open), a 座谈会 and an interview, and
concludes 修订完善; the evaluation is published and shows on the policy's page.

Everything goes through evaluation.services; pages are published as the rest of the demo
publishes them (a system publication). Dates are relative to today.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.evaluation import services
from gongkai.evaluation.models import Conclusion, PolicyEvaluationPage, RecordKind
from gongkai.library.models import PolicyDocumentPage
from gongkai.library.publication import system_publication
from gongkai.organisations.models import Organisation

REASON = "演示数据"
SPEC = services.QuestionSpec
QUESTIONS = [
    SPEC(
        kind="single",
        text="您是否了解该政策？",
        required=True,
        options=["了解", "听说过", "不了解"],
    ),
    SPEC(
        kind="multiple",
        text="您通过哪些渠道了解该政策？",
        options=["政府网站", "学校通知", "新闻媒体", "其他"],
        show_if_number=1,
        show_if_answer="了解",
    ),
    SPEC(kind="scale", text="您对政策实施效果的总体满意程度", required=True),
    SPEC(kind="text", text="您对完善该政策有什么意见建议？"),
]
# (q1, q2, q3, q4) of the demo's answer sheets.
SHEETS = [
    ("了解", ["政府网站", "学校通知"], "4", "希望进一步明确收费标准"),
    ("了解", ["学校通知"], "5", ""),
    ("听说过", None, "3", "农村学校的服务时间偏短"),
    ("不了解", None, "2", "建议加强宣传，联系电话13907910001"),
    ("了解", ["新闻媒体"], "4", ""),
    ("了解", ["政府网站"], "3", "课后服务内容可以更丰富"),
]


def _publish(page: PolicyEvaluationPage) -> PolicyEvaluationPage:
    revision = PolicyEvaluationPage.objects.get(pk=page.pk).get_latest_revision()
    if revision is not None:
        revision.publish()
    return PolicyEvaluationPage.objects.get(pk=page.pk)


def load_evaluation(unit: Organisation | None = None) -> PolicyEvaluationPage | None:
    """One published evaluation of a published policy of ``unit`` (default 市教育局)."""
    unit = unit or Organisation.objects.filter(slug="jyj").first()
    if unit is None:
        return None
    policy = PolicyDocumentPage.objects.live().filter(organisation=unit).order_by("pk").first()
    if policy is None:
        return None
    today = timezone.localdate()
    opens, closes = today - dt.timedelta(days=60), today - dt.timedelta(days=30)
    with system_publication(REASON), transaction.atomic():
        page = services.evaluation_create(
            actor=None,
            unit=unit,
            policy=policy,
            period_start=today - dt.timedelta(days=400),
            period_end=today - dt.timedelta(days=35),
            method="问卷调查、座谈会、实地走访相结合",
        )
        services.survey_save(
            actor=None, evaluation=page, questions=QUESTIONS, opens_on=opens, closes_on=closes
        )
        page = _publish(page)
        for i, (q1, q2, q3, q4) in enumerate(SHEETS):
            answers: dict[int, str | list[str]] = {1: q1, 3: q3}
            if q2:
                answers[2] = q2
            if q4:
                answers[4] = q4
            services.response_submit(
                evaluation=page,
                answers=answers,
                key=f"demo-{i}",
                today=opens + dt.timedelta(days=i + 1),
            )
        services.record_save(
            actor=None,
            evaluation=page,
            kind=RecordKind.SYMPOSIUM,
            held_on=closes + dt.timedelta(days=2),
            participants="家长代表6人、学校负责人3人、区教育体育局1人",
            summary="召开政策落实情况座谈会，听取家长和学校对政策执行情况的意见。",
            key_points="收费标准需进一步明确；农村学校服务时间偏短；希望增加服务内容。",
        )
        services.record_save(
            actor=None,
            evaluation=page,
            kind=RecordKind.FIELD,
            held_on=closes + dt.timedelta(days=3),
            participants="评价工作组",
            summary="实地走访城区和农村学校各2所，了解政策执行情况。",
        )
        services.findings_save(
            actor=None,
            evaluation=page,
            standards="各学校按照政策规定的程序组织实施，执行总体规范。",
            scope="政策覆盖全市公办中小学，农村学校覆盖率低于城区。",
            effect="问卷平均满意度3.5分，多数受访家长认为政策减轻了接送负担。",
            problems="收费标准表述不够明确；农村学校师资不足，服务时间偏短。",
            conclusion=Conclusion.REVISE,
            reasons="政策总体效果良好，但部分条款与实际执行存在差距，需要修订完善。",
            measures="由市教育局牵头，于下一年度内完成修订，明确收费标准和农村学校保障措施。",
        )
        return _publish(page)
