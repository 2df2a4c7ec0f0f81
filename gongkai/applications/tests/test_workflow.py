"""The case state machine (workflow.ACTIONS): every edge of the table walked through
services.transitions.move, every refusal with the message the step gave before the table,
the case screen offering exactly workflow.available_actions, and ``move`` the only writer of a
case's status."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications import policies, services, workflow
from gongkai.applications.models import Application, EventKind, Status
from gongkai.applications.services.transitions import require_state
from gongkai.applications.tests.helpers import PERSON, handled

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 9, 14)
STATE = "当前状态“{}”不能进行此操作。"
# The message each step gave in a status it cannot be taken from (before the table existed).
REFUSALS = {
    "assign": STATE,
    "correction": STATE,
    "corrected": "该申请当前不需要补正。",
    "consult": STATE,
    "consulted": "没有正在进行的征求意见。",
    "fee": STATE,
    "paid": "该申请没有待缴的费用。",
    "request_extension": "该申请当前不能延期。",
    "extend": "该申请当前不能延期。",
    "refuse_extension": "没有待同意的延期申请。",
    "attach": "当前状态“{}”不能上传答复附件。",
    "remove_file": "当前状态“{}”不能删除答复附件。",
    "draft": STATE,
    "redraft": STATE,
    "legal": STATE,
    "legal_pass": "该申请不在法律审核环节。",
    "legal_return": "该申请不在法律审核环节。",
    "approve": "没有待审批的答复。",
    "return": "没有可退回的答复。",
    "replied": "答复尚未审批。",
    "transfer": "已办结的申请不能转办。",
    "close": "尚未答复的申请不能办结。",
}


def _in(case: Application, status: str) -> Application:
    Application.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def test_every_action_is_in_the_table_with_its_refusal_and_event() -> None:
    assert set(workflow.ACTIONS) == set(REFUSALS)
    for action in workflow.ACTIONS.values():
        assert isinstance(action.event, EventKind)
        assert action.sources <= set(Status.values)
        assert action.target is None or action.target in Status.values


@pytest.mark.parametrize("name", sorted(workflow.ACTIONS))
def test_every_edge_of_the_table(city: Any, name: str) -> None:
    """From each source status the step leads to its target; from every other status it is
    refused with its own message and the case is unchanged."""
    action = workflow.ACTIONS[name]
    case = handled(city.a, city.users, RECEIVED)
    for status in Status.values:
        case = _in(case, status)
        label = case.get_status_display()
        if status in action.sources:
            if action.target is None:
                require_state(case, action)  # allowed: the status stays
                continue
            services.move(case, action, actor=city.users.officer_a, on=None)
            case.refresh_from_db()
            assert case.status == action.target, (name, status)
            event = case.events.order_by("-pk").first()
            assert event is not None
            assert (event.kind, event.from_status, event.to_status) == (
                action.event,
                status,
                action.target,
            )
        else:
            with pytest.raises(ValidationError) as refused:
                if action.target is None:
                    require_state(case, action)
                else:
                    services.move(case, action, actor=city.users.officer_a, on=None)
            assert refused.value.messages == [REFUSALS[name].format(label)], (name, status)
            case.refresh_from_db()
            assert case.status == status


def test_a_correction_without_a_handler_goes_back_to_received(city: Any) -> None:
    case = services.register(
        city.a,
        PERSON,
        actor=city.users.officer_a,
        channel="in_person",
        received_on=RECEIVED,
    ).case
    case = _in(case, Status.CORRECTION_REQUESTED)
    services.move(case, workflow.ACTIONS["corrected"], actor=None, on=None)
    assert case.status == Status.RECEIVED


def test_the_case_screen_offers_the_available_actions(client: Any, city: Any) -> None:
    users = city.users
    case = handled(city.a, users, RECEIVED)
    offered = workflow.available_actions(case, users.officer_a)
    assert {"assign", "correction", "consult", "fee", "draft", "request_extension"} <= set(offered)
    assert not {"approve", "extend", "legal_pass", "close", "replied"} & set(offered)
    client.force_login(users.officer_a)
    page = client.get(f"/admin/applications/{case.pk}/").content.decode()
    shown = set(re.findall(r'name="action" value="([a-z_]+)"', page))
    assert shown == set(offered) - {"remove_file"}  # no reply file to remove yet
    # The head sees the head's steps, never the handler's.
    head = workflow.available_actions(case, users.head_a)
    assert "extend" in head
    assert all(a.allowed(users.head_a, case) for a in head.values())
    # Someone of another unit is offered nothing.
    assert workflow.available_actions(case, users.editor_b) == {}
    assert not policies.can_view(users.editor_b, case)


def test_move_is_the_only_writer_of_a_case_status() -> None:
    root = Path(__file__).resolve().parents[1]
    # A case created by an import carries its historical status (services/records.py); every
    # change of status afterwards is a move.
    writes = re.compile(r"\.status\s*=[^=]|update\(\s*status\s*=")
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writes.search(line) and "# status-write:" not in line
    ]
    assert found == ["services/transitions.py:" + str(_move_line(root))]


def _move_line(root: Path) -> int:
    lines = (root / "services" / "transitions.py").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "case.status = (" in line)
