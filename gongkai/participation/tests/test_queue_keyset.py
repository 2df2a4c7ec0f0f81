"""The moderation queue's keyset pages (selectors.moderation_queue): every comment once, in
order, ties on the timestamp included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.library.publication import system_publication
from gongkai.participation import selectors, services
from gongkai.participation.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


def test_keyset_pages_cover_the_queue_once_in_order(city):
    today = timezone.localdate()
    page = services.consultation_create(
        actor=None,
        unit=city.a,
        title="南昌市测试管理办法（征求意见稿）",
        kind="other",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=10),
        draft_text="第一条 为了测试，制定本办法。\n第二条 本办法自公布之日起施行。",
    )
    with system_publication("测试"):
        page.get_latest_revision().publish()
    moment = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            consultation=page,
            text=f"意见{n}",
            public_text=f"意见{n}",
            submitter_key=f"k{n}",
            status=CommentStatus.HELD if n % 5 == 0 else CommentStatus.PENDING,
            # Groups of three share a timestamp: the id breaks the tie.
            created_at=moment - dt.timedelta(seconds=n // 3),
        )
        for n in range(20)
    )
    expected = list(
        page.comments.filter(status=CommentStatus.PENDING)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )
    seen: list[int] = []
    after = None
    while True:
        rows = selectors.moderation_queue(page, after=after, limit=4)
        if not rows:
            break
        seen += [c.pk for c in rows]
        after = (rows[-1].created_at, rows[-1].pk)
    assert seen == expected
    assert len(expected) == 16
