"""Admin views for the topic taxonomy: generic Wagtail views whose writes go through
topic_services.py."""

from __future__ import annotations

from wagtail.admin.views import generic

from gongkai.library import topic_services
from gongkai.library.models import Topic
from gongkai.organisations.admin_views import ScopedDeleteView


class TopicCreateView(generic.CreateView):
    def save_instance(self) -> Topic:
        data = self.form.cleaned_data
        return topic_services.topic_create(
            actor=self.request.user,
            parent=data["parent"],
            name=data["name"],
            sort_order=data["sort_order"],
        )


class TopicCopyView(generic.CopyView, TopicCreateView):
    pass


class TopicEditView(generic.EditView):
    def save_instance(self) -> Topic:
        data = self.form.cleaned_data
        return topic_services.topic_update(
            actor=self.request.user,
            topic=Topic.objects.get(pk=self.object.pk),
            parent=data["parent"],
            name=data["name"],
            sort_order=data["sort_order"],
        )


class TopicDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        topic_services.topic_delete(actor=self.request.user, topic=self.object)
