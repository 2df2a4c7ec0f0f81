"""在线访谈、新闻发布会、政策吹风会: events linked to the policies they explain."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "gongkai.events"
    label = "events"
    verbose_name = "在线访谈与发布会"

    def ready(self) -> None:
        # local import: the page cache, the library's hook and the models load once the app
        # registry is ready
        from gongkai.core.pagecache import watch_models
        from gongkai.events.models import Event, EventGuest, TranscriptEntry
        from gongkai.events.related import events_section
        from gongkai.library.related import register_related

        # The event pages, the list and the linked policies' pages show these. Questions are
        # bumped by the services when moderated (a new question changes nothing public).
        watch_models(Event, EventGuest, TranscriptEntry)
        register_related("events", events_section)
