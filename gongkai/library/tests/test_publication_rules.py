"""三同步 (国办发〔2016〕80号): a major policy is published only with its interpretation;
an interpretation is never public ahead of its policy; 不予公开 documents never go live."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.library import services
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.organisations.models import Role
from gongkai.testing import (
    form_data,
    make_policy,
    make_user,
    publish_directly,
    review_and_publish,
)

pytestmark = pytest.mark.django_db


def _interpret(unit, policy, *, publish=True):
    return services.interpretation_save(
        actor=None,
        unit=unit,
        policy=policy,
        publish=publish,
        title=f"《{policy.title}》解读",
        facets=[("background", "<p>出台背景是群众反映的入学难问题。</p>")],
    )


def test_major_policy_without_interpretation_cannot_be_published(city):
    with pytest.raises(ValidationError, match="三同步"):
        make_policy(city.a, is_major=True)
    draft = make_policy(city.a, is_major=True, publish=False)
    with pytest.raises(ValidationError, match="三同步"):
        publish_directly(draft.get_latest_revision())
    draft.refresh_from_db()
    assert not draft.live
    # A drafted interpretation is not enough either.
    _interpret(city.a, draft, publish=False)
    with pytest.raises(ValidationError):
        publish_directly(draft.get_latest_revision())


def test_major_policy_goes_live_with_its_interpretation(city, client):
    policy = make_policy(city.a, is_major=True, publish=False)
    interpretation = _interpret(city.a, policy)
    assert interpretation.live
    assert client.get(interpretation.url).status_code == 404  # not ahead of its policy
    publish_directly(policy.get_latest_revision())
    policy.refresh_from_db()
    assert policy.live
    assert client.get(interpretation.url).status_code == 200
    body = client.get(policy.url).content.decode()
    assert interpretation.url in body  # linked both ways
    assert policy.url in client.get(interpretation.url).content.decode()


def test_admin_publish_of_major_policy_without_interpretation_is_refused(city, client):
    policy = make_policy(city.a, is_major=True, publish=False)
    client.force_login(city.users.head_a)
    edit_url = f"/admin/pages/{policy.pk}/edit/"
    form = client.get(edit_url)
    assert form.status_code == 200
    data = form_data(form, form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    response = client.post(edit_url, data, follow=True)
    policy.refresh_from_db()
    assert not policy.live
    body = response.content.decode()
    assert "请先发布本文件的政策解读" in body
    assert "内容已保存为草稿，未发布" in body
    # Once the interpretation is live, the document goes out through review — signed by
    # another head: head_a edited it above, and nobody approves their own text.
    _interpret(city.a, policy)
    other_head = make_user("head_a2", roles=[(city.a, Role.UNIT_HEAD)])
    review_and_publish(
        policy, author=city.users.editor_a, reviewer=city.users.reviewer_a, head=other_head
    )
    policy.refresh_from_db()
    assert policy.live


def test_interpretation_must_name_its_policy(city):
    policy = make_policy(city.a)
    page = _interpret(city.a, policy, publish=False)
    page.policy = None
    assert "必须关联" in services.publication_problems(page)[0]


def test_not_disclosed_documents_cannot_be_published(city):
    with pytest.raises(ValidationError, match="不予公开"):
        make_policy(city.a, disclosure_mode="not_disclosed", non_disclosure_reason="state_secret")
    assert not PolicyDocumentPage.objects.filter(
        live=True, disclosure_mode="not_disclosed"
    ).exists()


def test_on_application_documents_show_metadata_only(city, client):
    doc = make_policy(
        city.a,
        disclosure_mode="on_application",
        non_disclosure_reason="specific_group",
        body="<p>仅涉及特定对象的正文内容。</p>",
    )
    body = client.get(doc.url).content.decode()
    assert doc.index_number in body
    assert "仅涉及特定对象的正文内容" not in body
    assert "依申请公开" in body


def test_interpretation_links_back_both_ways_in_the_model(city):
    policy = make_policy(city.a)
    interpretation = _interpret(city.a, policy)
    assert list(policy.interpretations.all()) == [
        InterpretationPage.objects.get(pk=interpretation.pk)
    ]
